/**
 * Repository references (micado-reference 3.4, 4.5; spec 7 item 10, kept):
 * micado-parser checks every key named `repository` anywhere in a node
 * template (artifacts included) against the top-level `repositories`. A name
 * that is 'dockerhub' after lowercasing and dropping spaces, '-' and '_'
 * needs no entry: MiCADO uses the image as it is.
 */
import { closest } from '../../diagnostics/did-you-mean.js';
import type { ObjectPath } from '../../diagnostics/diagnostic.js';
import type { NodeTemplate } from '../../model/entities.js';
import type { YNode } from '../../read/yaml-tree.js';
import type { CheckContext } from '../check-context.js';

export function checkRepositories(ctx: CheckContext): void {
  const topology = ctx.adt.topology;
  if (!topology) return;
  for (const t of topology.nodeTemplates.values()) walk(ctx, t, t.node, [...t.path], new Set());
}

/** `path` is one stack for the whole walk, copied only for a diagnostic. */
function walk(ctx: CheckContext, t: NodeTemplate, n: YNode, path: (string | number)[], seen: Set<YNode>): void {
  if (seen.has(n)) return;
  seen.add(n);
  if (n.kind === 'seq') {
    for (let i = 0; i < n.items.length; i++) {
      path.push(i);
      walk(ctx, t, n.items[i]!, path, seen);
      path.pop();
    }
  }
  if (n.kind !== 'map') return;
  for (const pair of n.pairs) {
    path.push(pair.name);
    if (pair.name === 'repository' && pair.value.kind === 'scalar' && pair.value.value !== null) check(ctx, t, pair.value.span, String(pair.value.value), path);
    walk(ctx, t, pair.value, path, seen);
    path.pop();
  }
}

function check(ctx: CheckContext, t: NodeTemplate, span: { uri: string; start: number; end: number }, name: string, path: ObjectPath): void {
  if (name.toLowerCase().replace(/[\s_-]/g, '') === 'dockerhub' || ctx.adt.repositories.has(name)) return;
  const names = [...ctx.adt.repositories.keys()];
  const suggestion = closest(name, names);
  const hint = suggestion
    ? `Did you mean '${suggestion}'?`
    : names.length
      ? `Define it under the top-level repositories (this ADT defines ${names.map((n) => `'${n}'`).join(', ')}), or use docker_hub.`
      : 'Define it under the top-level repositories, or use docker_hub.';
  const fixes = suggestion ? [{ title: `Change to '${suggestion}'`, edits: [{ span, newText: suggestion }] }] : [];
  ctx.sink.report('ADT4560', span, { node: t.name, repository: name, hint }, { path: [...path], fixes });
}
