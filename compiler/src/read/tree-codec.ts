/**
 * A compact JSON form of the positioned tree, so bundled profile files can be
 * parsed once at build time instead of at every start (parsing them cold costs
 * most of a one-file `adtc validate`). Shared (aliased) nodes are written once
 * per use; profile files hold no aliases.
 */
import { YMap, type YNode, type YScalar } from './yaml-tree.js';

type Encoded = readonly unknown[];

export function encodeTree(n: YNode): Encoded {
  switch (n.kind) {
    case 'scalar':
      return ['s', n.span.start, n.span.end, n.value, n.type, n.style, n.source, n.tag ?? null, n.implicit ? 1 : 0];
    case 'seq':
      return ['q', n.span.start, n.span.end, n.tag ?? null, n.items.map(encodeTree)];
    case 'map':
      return ['m', n.span.start, n.span.end, n.tag ?? null, n.pairs.map((p) => [p.name, encodeTree(p.key), encodeTree(p.value)])];
  }
}

export function decodeTree(e: Encoded, uri: string): YNode {
  const [kind, start, end] = e as [string, number, number];
  const span = { uri, start, end };
  if (kind === 's') {
    const [, , , value, type, style, source, tag, implicit] = e as [string, number, number, YScalar['value'], YScalar['type'], YScalar['style'], string, string | null, number];
    return { kind: 'scalar', span, value, type, style, source, ...(tag ? { tag } : {}), ...(implicit ? { implicit: true } : {}) };
  }
  const tag = (e[3] as string | null) ?? undefined;
  if (kind === 'q') return { kind: 'seq', span, items: (e[4] as Encoded[]).map((i) => decodeTree(i, uri)), ...(tag ? { tag } : {}) };
  const pairs = (e[4] as [string, Encoded, Encoded][]).map(([name, k, v]) => ({ name, key: decodeTree(k, uri) as YScalar, value: decodeTree(v, uri) }));
  return new YMap(span, pairs, tag);
}
