/**
 * TOSCA 1.3's `copy` keyname (3.8.3, 3.8.4): a node or relationship template
 * starts from all keynames and values of another template of the same
 * topology. What it writes itself is merged over them: a mapping into the
 * copied mapping, key by key, any other value replacing the copied one (so
 * `properties: {cpu: {cores: 8}}` keeps the copied cpu's other fields). The
 * source must be a complete template, not one made by copy. Reports
 * ADT2025/ADT2026.
 */
import type { ObjectPath } from '../diagnostics/diagnostic.js';
import { suggest } from '../diagnostics/did-you-mean.js';
import { YMap } from '../read/yaml-tree.js';
import type { ModelReader } from './model-reader.js';

/** The template `t` (one of `siblings`) as it reads after copying; without a usable `copy`, `t` itself. */
export function withCopy(r: ModelReader, t: YMap, siblings: YMap, path: ObjectPath, what: string): YMap {
  const copy = r.ref(t.get('copy'), [...path, 'copy'], 'The template to copy');
  if (!copy) return t;
  const source = siblings.get(copy.name);
  if (source?.kind !== 'map' || source === t) {
    const names = siblings.pairs.map((p) => p.name).filter((n) => siblings.get(n) !== t);
    const { hint, fixes } = suggest(copy.name, names, copy.span, `Name another ${what} of this topology.`);
    r.sink.report('ADT2025', copy.span, { name: copy.name, what, hint }, { path: [...path, 'copy'], fixes });
    return t;
  }
  if (source.has('copy')) {
    r.sink.report('ADT2026', copy.span, { name: copy.name, what }, { path: [...path, 'copy'], related: [{ span: source.pair('copy')!.key.span, message: `'${copy.name}' is itself a copy.` }] });
    return t;
  }
  return merge(source, new YMap(t.span, t.pairs.filter((p) => p.name !== 'copy'), t.tag));
}

/** `over` merged over `base`: base's pairs that `over` lacks, then over's, mappings merged recursively. */
function merge(base: YMap, over: YMap): YMap {
  const pairs = over.pairs.map((p) => {
    const under = base.get(p.name);
    return under?.kind === 'map' && p.value.kind === 'map' ? { ...p, value: merge(under, p.value) } : p;
  });
  return new YMap(over.span, [...base.pairs.filter((p) => !over.has(p.name)), ...pairs], over.tag);
}
