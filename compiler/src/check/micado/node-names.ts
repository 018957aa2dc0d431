/**
 * Node-name normalisation (micado-reference 1.8, spec 7 item 11): since
 * micado-parser 0.10.5 every '_' and '.' in a node name becomes '-', references
 * included. A name that changes gets a warning naming the result, with a fix
 * that renames the node and every reference to it (requirement targets, policy
 * targets, group members, the entity of get_property/get_attribute/…); two
 * names that become the same are an error, because MiCADO silently merges them.
 */
import type { Fix, TextEdit } from '../../diagnostics/diagnostic.js';
import { asFunctionCall } from '../../model/functions.js';
import type { NodeTemplate, TopologyTemplate } from '../../model/entities.js';
import type { YNode } from '../../read/yaml-tree.js';
import type { Span } from '../../source/span.js';
import type { CheckContext } from '../check-context.js';

/** Functions whose first argument names a node template. */
const ENTITY_FUNCTIONS: ReadonlySet<string> = new Set(['get_property', 'get_attribute', 'get_operation_output', 'get_artifact']);

export function normaliseNodeName(name: string): string {
  return name.replace(/[_.]/g, '-');
}

export function checkNodeNames(ctx: CheckContext): void {
  const topology = ctx.adt.topology;
  if (!topology) return;
  const byResult = new Map<string, NodeTemplate[]>();
  for (const t of topology.nodeTemplates.values()) {
    const key = normaliseNodeName(t.name);
    byResult.set(key, [...(byResult.get(key) ?? []), t]);
  }
  for (const [normalised, group] of byResult) {
    // The first in document order keeps the name; every later one collides with it.
    const [first, ...rest] = [...group].sort((a, b) => a.nameSpan.start - b.nameSpan.start);
    for (const t of rest) {
      ctx.sink.report('ADT4501', t.nameSpan, { name: t.name, normalised, other: first!.name }, {
        path: t.path,
        related: [{ span: first!.nameSpan, message: `'${first!.name}' also becomes '${normalised}'.` }],
      });
    }
    if (first && first.name !== normalised) {
      const fix = rest.length === 0 ? renameFix(topology, first, normalised) : undefined;
      ctx.sink.report('ADT4500', first.nameSpan, { name: first.name, normalised }, { path: first.path, fixes: fix ? [fix] : [] });
    }
  }
}

/** Renames the node and every reference to it; none when the new name would need quoting. */
function renameFix(topology: TopologyTemplate, t: NodeTemplate, to: string): Fix | undefined {
  if (!/^[A-Za-z0-9][A-Za-z0-9-]*$/.test(to)) return undefined;
  const spans = new Map<number, Span>();
  const add = (s: Span) => spans.set(s.start, s);
  add(t.nameSpan);
  for (const other of topology.nodeTemplates.values()) {
    for (const req of other.requirements) if (req.target?.name === t.name) add(req.target.span);
  }
  for (const p of topology.policies) for (const target of p.targets) if (target.name === t.name) add(target.span);
  for (const g of topology.groups.values()) for (const m of g.members) if (m.name === t.name) add(m.span);
  const seen = new Set<YNode>();
  const roots: YNode[] = [
    ...[...topology.nodeTemplates.values()].map((n) => n.node),
    ...[...topology.relationshipTemplates.values()].map((r) => r.node),
    ...topology.policies.map((p) => p.node),
    ...[...topology.groups.values()].map((g) => g.node),
    ...[...topology.outputs.values()].flatMap((o) => (o.value ? [o.value] : [])),
  ];
  for (const root of roots) collectEntityRefs(root, t.name, add, seen);
  const edits: TextEdit[] = [...spans.values()].map((span) => ({ span, newText: to }));
  return { title: `Rename '${t.name}' to '${to}' everywhere`, edits };
}

function collectEntityRefs(n: YNode, name: string, add: (s: Span) => void, seen: Set<YNode>): void {
  if (seen.has(n)) return;
  seen.add(n);
  const call = asFunctionCall(n);
  if (call && ENTITY_FUNCTIONS.has(call.name) && call.args.kind === 'seq') {
    const entity = call.args.items[0];
    if (entity?.kind === 'scalar' && entity.value === name) add(entity.span);
  }
  if (n.kind === 'seq') for (const item of n.items) collectEntityRefs(item, name, add, seen);
  else if (n.kind === 'map') for (const p of n.pairs) collectEntityRefs(p.value, name, add, seen);
}
