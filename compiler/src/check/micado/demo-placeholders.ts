/**
 * Values MiCADO's demos ship for the user to replace: `ADD_YOUR_REGION_NAME_HERE (e.g. eu-west-1)`,
 * `(OPTIONAL) ADD_YOUR_KEY_NAME_HERE`, `<VM_SIZE> (e.g. Standard_B1ms)`, `(e.g. micado-worker-nsg)`. MiCADO passes them to the cloud as they
 * are, which then refuses the machine (or, worse, takes a key or network of that name). adtc warns at each.
 */
import type { YNode } from '../../read/yaml-tree.js';
import type { CheckContext } from '../check-context.js';

/** A demo placeholder: the `ADD_YOUR_…` or `<UPPER_CASE>` marker, or a value that is only an example in parentheses. */
const DEMO_PLACEHOLDER = /\bADD_YOUR_[A-Z0-9_]+|<[A-Z][A-Z0-9_]*>|^\s*\((?:e\.g\.?|OPTIONAL)[\s)]/;

export function checkDemoPlaceholders(ctx: CheckContext): void {
  for (const t of ctx.adt.topology?.nodeTemplates.values() ?? []) visit(ctx, t.node, [...t.path], t.name);
}

/** `path` is one stack for the whole visit, copied only for a diagnostic. */
function visit(ctx: CheckContext, n: YNode, path: (string | number)[], node: string): void {
  if (n.kind === 'map') {
    for (const p of n.pairs) {
      path.push(p.name);
      visit(ctx, p.value, path, node);
      path.pop();
    }
  } else if (n.kind === 'seq') {
    for (let i = 0; i < n.items.length; i++) {
      path.push(i);
      visit(ctx, n.items[i]!, path, node);
      path.pop();
    }
  } else if (typeof n.value === 'string' && DEMO_PLACEHOLDER.test(n.value)) {
    const property = [...path].reverse().find((k) => typeof k === 'string') ?? node;
    ctx.sink.report('ADT4700', n.span, { value: n.value.trim(), property: String(property), node }, { path: [...path] });
  }
}
