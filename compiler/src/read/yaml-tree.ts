/**
 * The positioned YAML tree that every later phase reads: mappings, sequences
 * and scalars with the span of what the user wrote. Aliases are resolved to the
 * anchored node itself (the tree is a DAG, never a copy), and `<<` merge keys
 * are applied, so merged pairs keep the spans of the anchored mapping.
 */
import type { Span } from '../source/span.js';

/** How YAML 1.1 (PyYAML, which MiCADO uses) typed a scalar. */
export type YamlType = 'null' | 'bool' | 'int' | 'float' | 'str' | 'timestamp';

export type ScalarStyle = 'plain' | 'single-quoted' | 'double-quoted' | 'literal' | 'folded';

export type ScalarValue = null | boolean | number | string;

export interface YScalar {
  readonly kind: 'scalar';
  readonly span: Span;
  readonly value: ScalarValue;
  readonly type: YamlType;
  readonly style: ScalarStyle;
  /** The scalar's text exactly as written (for block scalars: header and content). */
  readonly source: string;
  readonly tag?: string;
  /** True for the null that stands for a missing value (`key:`); its span is the key's. */
  readonly implicit?: boolean;
  /** True when its tag could not take the text (ADT1011, reported): later phases leave the value alone. */
  readonly unreadable?: true;
}

export interface YPair {
  readonly key: YScalar;
  /** The key as text: the string value, or the source of a non-string key. */
  readonly name: string;
  readonly value: YNode;
}

/** Up to this many pairs, a lookup scans them instead of indexing the mapping. */
const SCAN_LIMIT = 8;

export class YMap {
  readonly kind = 'map';
  private index: Map<string, YPair> | undefined;

  constructor(
    readonly span: Span,
    readonly pairs: readonly YPair[],
    readonly tag?: string,
  ) {}

  /** The pair for `name`; with duplicate keys (an error) the last one wins, as in PyYAML. */
  pair(name: string): YPair | undefined {
    // Most mappings hold a handful of keys: scanning them is cheaper than building an index for each tree read.
    if (this.pairs.length <= SCAN_LIMIT) {
      for (let i = this.pairs.length - 1; i >= 0; i--) if (this.pairs[i]!.name === name) return this.pairs[i];
      return undefined;
    }
    if (!this.index) {
      this.index = new Map();
      for (const p of this.pairs) this.index.set(p.name, p);
    }
    return this.index.get(name);
  }

  get(name: string): YNode | undefined {
    return this.pair(name)?.value;
  }

  has(name: string): boolean {
    return this.pair(name) !== undefined;
  }
}

export interface YSeq {
  readonly kind: 'seq';
  readonly span: Span;
  readonly items: readonly YNode[];
  readonly tag?: string;
}

export type YNode = YScalar | YMap | YSeq;

export function isMap(n: YNode | undefined): n is YMap {
  return n?.kind === 'map';
}

export function isSeq(n: YNode | undefined): n is YSeq {
  return n?.kind === 'seq';
}

export function isScalar(n: YNode | undefined): n is YScalar {
  return n?.kind === 'scalar';
}

/** A scalar that holds a real value (not a missing or explicit null). */
export function isNull(n: YNode | undefined): boolean {
  return n === undefined || (n.kind === 'scalar' && n.value === null);
}

/** The string value of a scalar of any YAML type (for names and references), else undefined. */
export function scalarText(n: YNode | undefined): string | undefined {
  if (n?.kind !== 'scalar' || n.value === null) return undefined;
  return typeof n.value === 'string' ? n.value : n.source.trim();
}

/** A plain JavaScript value of a node, for places that need data (alias-shared nodes stay shared). */
export function toPlain(n: YNode): unknown {
  switch (n.kind) {
    case 'scalar':
      return n.value;
    case 'seq':
      return n.items.map(toPlain);
    case 'map': {
      const out: Record<string, unknown> = {};
      for (const p of n.pairs) out[p.name] = toPlain(p.value);
      return out;
    }
  }
}

/** A short human name for the YAML kind of a node, used in messages. */
export function describeKind(n: YNode | undefined): string {
  if (n === undefined) return 'nothing';
  switch (n.kind) {
    case 'map':
      return 'a mapping';
    case 'seq':
      return 'a list';
    case 'scalar':
      switch (n.type) {
        case 'null':
          return 'null';
        case 'bool':
          return 'a boolean';
        case 'int':
          return 'an integer';
        case 'float':
          return 'a float';
        case 'timestamp':
          return 'a timestamp';
        case 'str':
          return 'a string';
      }
  }
}
