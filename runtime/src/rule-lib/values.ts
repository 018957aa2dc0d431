/**
 * Runtime value representation (spec §6.2). Python None/bool/int/float/str are
 * plain JS null/boolean/bigint/number/string so the hot paths allocate nothing;
 * everything else is a small class instance tagged with its Python kind.
 * This module must stay free of Node and DOM types: api.ts re-exports it and
 * generated code is type-checked against it under `noLib`.
 */

/** Any value a rule can hold. */
export type PyValue = null | boolean | bigint | number | string | PyObject;

export type Kind =
  | 'NoneType' | 'bool' | 'int' | 'float' | 'str' | 'list' | 'tuple' | 'dict' | 'set'
  | 'float64' | 'int64' | 'bool_' | 'struct_time' | 'range' | 'iterator' | 'dict_view' | 'builtin_function_or_method';

export abstract class PyObject {
  abstract readonly kind: Kind;
}

/** numpy.float64 scalar. */
export class F64 extends PyObject {
  readonly kind = 'float64';
  constructor(readonly v: number) { super(); Object.freeze(this); }
}

/** numpy.int64 scalar; v is always within [-2**63, 2**63). */
export class I64 extends PyObject {
  readonly kind = 'int64';
  constructor(readonly v: bigint) { super(); Object.freeze(this); }
}

/** numpy.bool_ scalar. */
export class B8 extends PyObject {
  readonly kind = 'bool_';
  constructor(readonly v: boolean) { super(); Object.freeze(this); }
}

export class PyList extends PyObject {
  readonly kind = 'list';
  constructor(public items: PyValue[]) { super(); }
}

export class PyTuple extends PyObject {
  readonly kind = 'tuple';
  constructor(readonly items: PyValue[]) { super(); Object.freeze(this); }
}

/** Dict entries keep the first inserted key object; `key` is its normalised form. */
export class PyDict extends PyObject {
  readonly kind = 'dict';
  private readonly m = new Map<unknown, { k: PyValue; v: PyValue }>();
  /** Live view of the entries in insertion order. */
  entries(): { k: PyValue; v: PyValue }[] { return [...this.m.values()]; }
  get size(): number { return this.m.size; }
  getNorm(nk: unknown): { k: PyValue; v: PyValue } | undefined { return this.m.get(nk); }
  setNorm(nk: unknown, k: PyValue, v: PyValue): void {
    const e = this.m.get(nk);
    if (e) e.v = v; else this.m.set(nk, { k, v });
  }
  deleteNorm(nk: unknown): boolean { return this.m.delete(nk); }
  clear(): void { this.m.clear(); }
}

export class PySet extends PyObject {
  readonly kind = 'set';
  private readonly m = new Map<unknown, PyValue>();
  values(): PyValue[] { return [...this.m.values()]; }
  get size(): number { return this.m.size; }
  hasNorm(nk: unknown): boolean { return this.m.has(nk); }
  addNorm(nk: unknown, v: PyValue): void { if (!this.m.has(nk)) this.m.set(nk, v); }
  deleteNorm(nk: unknown): boolean { return this.m.delete(nk); }
  clear(): void { this.m.clear(); }
}

/** d.keys(), d.values(), d.items(): live views of a dict. */
export class PyDictView extends PyObject {
  readonly kind = 'dict_view';
  constructor(readonly dict: PyDict, readonly which: 'keys' | 'values' | 'items') { super(); Object.freeze(this); }
  items(): PyValue[] {
    const es = this.dict.entries();
    if (this.which === 'keys') return es.map((e) => e.k);
    if (this.which === 'values') return es.map((e) => e.v);
    return es.map((e) => new PyTuple([e.k, e.v]));
  }
}

/** time.struct_time: nine int fields, and the zone name %Z prints (GMT from gmtime, UTC from localtime). */
export class StructTime extends PyObject {
  readonly kind = 'struct_time';
  constructor(readonly fields: bigint[], readonly zone = '') { super(); Object.freeze(this); }
}

export class PyRange extends PyObject {
  readonly kind = 'range';
  constructor(readonly start: bigint, readonly stop: bigint, readonly step: bigint) { super(); Object.freeze(this); }
  get length(): bigint {
    const { start, stop, step } = this;
    if (step > 0n) return stop > start ? (stop - start + step - 1n) / step : 0n;
    return start > stop ? (start - stop - step - 1n) / -step : 0n;
  }
}

/** One-shot Python iterator (enumerate, zip, map, filter, reversed, dict views materialised). */
export class PyIterator extends PyObject {
  readonly kind = 'iterator';
  constructor(readonly typeName: string, readonly nextFn: () => PyValue | undefined) { super(); }
}

/** A builtin callable passed as a value (`key=len`, `map(str, xs)`). */
export class PyFunc extends PyObject {
  readonly kind = 'builtin_function_or_method';
  constructor(readonly name: string, readonly call: (args: PyValue[]) => PyValue) { super(); Object.freeze(this); }
}

export function kindOf(v: PyValue): Kind {
  switch (typeof v) {
    case 'bigint': return 'int';
    case 'number': return 'float';
    case 'string': return 'str';
    case 'boolean': return 'bool';
    default: return v === null ? 'NoneType' : v.kind;
  }
}

/** Python's `type(v).__name__`. */
export function typeName(v: PyValue): string {
  if (v instanceof PyIterator) return v.typeName;
  if (v instanceof PyDictView) return 'dict_' + v.which;
  return kindOf(v);
}

/** numpy's bool_ values are singletons (np.True_, np.False_). */
const B8_TRUE = new B8(true);
const B8_FALSE = new B8(false);
export const b8 = (v: boolean): B8 => (v ? B8_TRUE : B8_FALSE);
