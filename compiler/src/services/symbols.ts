/** Document symbols (the outline) and workspace symbols, from the model. */
import type { ServiceTemplate } from '../model/entities.js';
import type { AnalysedModel } from '../pipeline.js';
import type { YMap } from '../read/yaml-tree.js';
import { cover, type Span } from '../source/span.js';
import type { DocumentSymbol, SymbolKind, WorkspaceSymbol } from './types.js';

interface Named {
  readonly name: string;
  readonly nameSpan: Span;
  readonly node: { readonly span: Span };
}

function leaf(e: Named, kind: SymbolKind, detail?: string): DocumentSymbol {
  return { name: e.name, kind, ...(detail ? { detail } : {}), span: cover(e.nameSpan, e.node.span), selection: e.nameSpan, children: [] };
}

function section(root: YMap | undefined, key: string, children: DocumentSymbol[]): DocumentSymbol[] {
  const pair = root?.pair(key);
  if (!pair || children.length === 0) return [];
  return [{ name: key, kind: 'section', span: cover(pair.key.span, pair.value.span), selection: pair.key.span, children }];
}

export function documentSymbols(adt: ServiceTemplate): DocumentSymbol[] {
  const out: DocumentSymbol[] = [];
  out.push(...section(adt.root, 'repositories', [...adt.repositories.values()].map((r) => leaf(r, 'repository', r.url ? String(r.url.value) : undefined))));
  for (const defs of adt.types.values()) {
    const list = [...defs.values()];
    const first = list[0];
    if (!first) continue;
    out.push(...section(adt.root, String(first.path[0]), list.map((d) => leaf(d, 'type', d.derivedFrom ? `derived from ${d.derivedFrom.name}` : undefined))));
  }
  const topo = adt.topology;
  if (topo) {
    const children: DocumentSymbol[] = [];
    const sub = (key: string, list: DocumentSymbol[]) => children.push(...section(topo.node, key, list));
    sub('inputs', [...topo.inputs.values()].map((i) => leaf(i, 'input', i.type?.name)));
    sub('node_templates', [...topo.nodeTemplates.values()].map((t) => leaf(t, 'node-template', t.type?.name)));
    sub('relationship_templates', [...topo.relationshipTemplates.values()].map((t) => leaf(t, 'node-template', t.type?.name)));
    sub('groups', [...topo.groups.values()].map((g) => leaf(g, 'group', g.type?.name)));
    sub('policies', topo.policies.map((p) => leaf(p, 'policy', p.type?.name)));
    sub('outputs', [...topo.outputs.values()].map((o) => leaf(o, 'output')));
    const pair = adt.root?.pair('topology_template');
    if (pair && children.length > 0) out.push({ name: 'topology_template', kind: 'section', span: cover(pair.key.span, pair.value.span), selection: pair.key.span, children });
  }
  return out.sort((a, b) => a.span.start - b.span.start);
}

/**
 * Symbols matching `query` (case-insensitive, characters in order) in every
 * analysed document and the user files they import; bundled profile types are
 * included so a type can be found by part of its name.
 */
export function workspaceSymbols(models: readonly AnalysedModel[], query: string): WorkspaceSymbol[] {
  const out: WorkspaceSymbol[] = [];
  const seen = new Set<string>();
  const q = query.toLowerCase();
  const matches = (name: string) => {
    let i = 0;
    const n = name.toLowerCase();
    for (const ch of q) {
      i = n.indexOf(ch, i);
      if (i < 0) return false;
      i++;
    }
    return true;
  };
  const push = (name: string, kind: SymbolKind, span: Span, container?: string) => {
    const key = `${span.uri}:${span.start}`;
    if (seen.has(key) || !matches(name)) return;
    seen.add(key);
    out.push({ name, kind, span, ...(container ? { container } : {}) });
  };
  for (const model of models) {
    for (const t of model.templates) for (const defs of t.types.values()) for (const d of defs.values()) push(d.name, 'type', d.nameSpan, `${d.kind} type`);
    const topo = model.adt.topology;
    if (!topo) continue;
    for (const t of topo.nodeTemplates.values()) push(t.name, 'node-template', t.nameSpan, 'node_templates');
    for (const p of topo.policies) push(p.name, 'policy', p.nameSpan, 'policies');
    for (const i of topo.inputs.values()) push(i.name, 'input', i.nameSpan, 'inputs');
    for (const o of topo.outputs.values()) push(o.name, 'output', o.nameSpan, 'outputs');
  }
  return out;
}
