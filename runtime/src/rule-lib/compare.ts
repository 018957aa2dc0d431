/**
 * Comparisons, identity, membership and truthiness. Results are Python bools,
 * or numpy bool_ when a numpy scalar takes part (spec §2.4).
 */
import {
  B8, F64, I64, PyDict, PyDictView, PyList, PyRange, PySet, PyTuple, StructTime, b8, typeName, type PyValue,
} from './values.js';
import { typeError } from './errors.js';
import { NK, nk, prim } from './numeric.js';
import { cmpStr } from './strings.js';
import { normKey } from './keys.js';
import { charge, descend } from './budget.js';

export function truthy(v: PyValue): boolean {
  switch (typeof v) {
    case 'boolean': return v;
    case 'bigint': return v !== 0n;
    case 'number': return v !== 0; // nan is truthy, as in Python
    case 'string': return v.length !== 0;
    default:
      if (v === null) return false;
      if (v instanceof PyList || v instanceof PyTuple) return v.items.length !== 0;
      if (v instanceof PyDict || v instanceof PySet) return v.size !== 0;
      if (v instanceof F64) return v.v !== 0;
      if (v instanceof I64) return v.v !== 0n;
      if (v instanceof B8) return v.v;
      if (v instanceof PyRange) return v.length !== 0n;
      if (v instanceof PyDictView) return v.dict.size !== 0;
      return true;
  }
}

export const not_ = (v: PyValue): boolean => !truthy(v);

/** Numeric value for exact comparison (JS compares bigint with number exactly). */
const cmpNum = (v: PyValue): bigint | number => {
  const p = prim(v);
  return typeof p === 'boolean' ? (p ? 1n : 0n) : p;
};

const asTuple = (v: PyValue): PyValue[] | undefined =>
  v instanceof PyTuple ? v.items : v instanceof StructTime ? v.fields : undefined;

/** Python `==` as a JS boolean (element comparisons inside containers). */
export function pyEq(a: PyValue, b: PyValue): boolean {
  if (a === b) return typeof a !== 'number' || a === a;
  const ka = nk(a), kb = nk(b);
  if (ka !== NK.Not || kb !== NK.Not) {
    if (numpyWithContainer(a, b)) throw typeError(ARRAY_COMPARISON);
    if (ka === NK.Not || kb === NK.Not) return false;
    // eslint-disable-next-line eqeqeq -- loose equality compares bigint and number exactly
    return cmpNum(a) == cmpNum(b);
  }
  if (typeof a === 'string' || typeof b === 'string' || a === null || b === null) return false;
  return descend(() => containerEq(a, b), 'in comparison');
}

function containerEq(a: PyValue, b: PyValue): boolean {
  if (a instanceof PyList && b instanceof PyList) return seqEq(a.items, b.items);
  const ta = asTuple(a), tb = asTuple(b);
  if (ta && tb) return seqEq(ta, tb);
  if (a instanceof PyDict && b instanceof PyDict) {
    if (a.size !== b.size) return false;
    for (const e of a.entries()) {
      const o = b.getNorm(normKey(e.k));
      if (!o || !(identical(e.v, o.v) || pyEq(e.v, o.v))) return false;
    }
    return true;
  }
  if (a instanceof PySet && b instanceof PySet) return a.size === b.size && a.values().every((v) => b.hasNorm(normKey(v)));
  if (a instanceof PyRange && b instanceof PyRange) return seqEq(rangeItems(a), rangeItems(b));
  return false;
}

function rangeItems(r: PyRange): PyValue[] {
  const out: PyValue[] = [];
  for (let i = 0n; i < r.length && i < 10000n; i++) out.push(r.start + i * r.step);
  return out;
}

function seqEq(x: PyValue[], y: PyValue[]): boolean {
  if (x.length !== y.length) return false;
  charge(x.length / 16);
  for (let i = 0; i < x.length; i++) if (!(identical(x[i]!, y[i]!) || pyEq(x[i]!, y[i]!))) return false;
  return true;
}

/**
 * `is`: objects by identity; scalars by kind and value (spec §1.3: the identity
 * of numbers and strings is a CPython detail). A nan is therefore identical to a nan.
 */
export function identical(a: PyValue, b: PyValue): boolean {
  if (typeof a !== 'object' || a === null || typeof b !== 'object' || b === null) return Object.is(a, b);
  if (a === b) return true;
  if ((a instanceof F64 && b instanceof F64) || (a instanceof I64 && b instanceof I64) || (a instanceof B8 && b instanceof B8)) {
    return Object.is(a.v, b.v);
  }
  return false;
}

/** numpy compares a scalar with a list or tuple elementwise into an array, which the product does not model (spec §2.4). */
const ARRAY_COMPARISON = 'comparing a numpy scalar with a list or tuple gives an array, which rules cannot use';

const isNumpy = (a: PyValue, b: PyValue): boolean => nk(a) >= NK.B8 || nk(b) >= NK.B8;

function numpyWithContainer(a: PyValue, b: PyValue): boolean {
  const container = (v: PyValue): boolean => v instanceof PyList || v instanceof PyTuple;
  return (nk(a) >= NK.B8 && container(b)) || (nk(b) >= NK.B8 && container(a));
}

const plainNum = (v: PyValue): v is bigint | number => typeof v === 'bigint' || typeof v === 'number';

export function eq(a: PyValue, b: PyValue): PyValue {
  // eslint-disable-next-line eqeqeq -- loose equality compares bigint and number exactly
  if (plainNum(a) && plainNum(b)) return a == b;
  const r = pyEq(a, b);
  if (!isNumpy(a, b)) return r;
  const other = nk(a) >= NK.B8 ? b : a;
  // numpy answers bool_ for numbers, dicts and sets (wrapped as 0-d object arrays), plain bool for None and str.
  return nk(other) !== NK.Not || other instanceof PyDict || other instanceof PySet ? b8(r) : r;
}

export function ne(a: PyValue, b: PyValue): PyValue {
  // eslint-disable-next-line eqeqeq -- loose equality compares bigint and number exactly
  if (plainNum(a) && plainNum(b)) return a != b;
  const r = eq(a, b);
  return r instanceof B8 ? b8(!r.v) : !r;
}

type Rel = '<' | '<=' | '>' | '>=';

const relFail = (op: Rel, a: PyValue, b: PyValue): never => {
  throw typeError(`'${op}' not supported between instances of '${typeName(a)}' and '${typeName(b)}'`);
};

function applyRel(op: Rel, c: number): boolean {
  switch (op) {
    case '<': return c < 0;
    case '<=': return c <= 0;
    case '>': return c > 0;
    case '>=': return c >= 0;
  }
}

/** Ordering of two values as a JS boolean; TypeError for unorderable kinds. */
export function pyRel(op: Rel, a: PyValue, b: PyValue): boolean {
  const ka = nk(a), kb = nk(b);
  if (ka !== NK.Not && kb !== NK.Not) {
    const x = cmpNum(a), y = cmpNum(b);
    switch (op) {
      case '<': return x < y;
      case '<=': return x <= y;
      case '>': return x > y;
      case '>=': return x >= y;
    }
  }
  if (typeof a === 'string' && typeof b === 'string') return applyRel(op, cmpStr(a, b));
  let x: PyValue[] | undefined, y: PyValue[] | undefined;
  if (a instanceof PyList && b instanceof PyList) { x = a.items; y = b.items; } else { x = asTuple(a); y = asTuple(b); }
  if (x && y) {
    const [xs, ys] = [x, y];
    return descend(() => seqRel(op, xs, ys), 'in comparison');
  }
  if (a instanceof PySet && b instanceof PySet) {
    const sub = (p: PySet, q: PySet): boolean => p.values().every((v) => q.hasNorm(normKey(v)));
    switch (op) {
      case '<=': return sub(a, b);
      case '<': return a.size < b.size && sub(a, b);
      case '>=': return sub(b, a);
      case '>': return b.size < a.size && sub(b, a);
    }
  }
  return relFail(op, a, b);
}

/** Lexicographic order of two sequences, as CPython: the first unequal pair decides. */
function seqRel(op: Rel, x: PyValue[], y: PyValue[]): boolean {
  const n = Math.min(x.length, y.length);
  charge(n / 16);
  for (let i = 0; i < n; i++) {
    if (!(identical(x[i]!, y[i]!) || pyEq(x[i]!, y[i]!))) {
      if (op === '<' || op === '<=') return pyRel('<', x[i]!, y[i]!);
      return pyRel('>', x[i]!, y[i]!);
    }
  }
  return applyRel(op, x.length - y.length);
}

function rel(op: Rel, a: PyValue, b: PyValue): PyValue {
  if (numpyWithContainer(a, b)) throw typeError(ARRAY_COMPARISON);
  const r = pyRel(op, a, b);
  return isNumpy(a, b) ? b8(r) : r;
}

export function lt(a: PyValue, b: PyValue): PyValue {
  if (plainNum(a) && plainNum(b)) return a < b; // JS compares bigint with number exactly
  return rel('<', a, b);
}
export function le(a: PyValue, b: PyValue): PyValue {
  if (plainNum(a) && plainNum(b)) return a <= b; // JS compares bigint with number exactly
  return rel('<=', a, b);
}
export function gt(a: PyValue, b: PyValue): PyValue {
  if (plainNum(a) && plainNum(b)) return a > b; // JS compares bigint with number exactly
  return rel('>', a, b);
}
export function ge(a: PyValue, b: PyValue): PyValue {
  if (plainNum(a) && plainNum(b)) return a >= b; // JS compares bigint with number exactly
  return rel('>=', a, b);
}

export const is_ = (a: PyValue, b: PyValue): boolean => identical(a, b);
export const isNot = (a: PyValue, b: PyValue): boolean => !identical(a, b);

/** `item in container`. */
export function contains(container: PyValue, item: PyValue): boolean {
  if (typeof container === 'string') {
    if (typeof item !== 'string') throw typeError(`'in <string>' requires string as left operand, not ${typeName(item)}`);
    return container.includes(item);
  }
  if (container instanceof PyList || container instanceof PyTuple || container instanceof StructTime) {
    const items = container instanceof StructTime ? container.fields : container.items;
    for (const x of items) if (identical(x, item) || pyEq(x, item)) return true;
    return false;
  }
  if (container instanceof PyDict) return container.getNorm(normKey(item)) !== undefined;
  if (container instanceof PyDictView) {
    if (container.which === 'keys') return container.dict.getNorm(normKey(item)) !== undefined;
    return container.items().some((x) => identical(x, item) || pyEq(x, item));
  }
  // CPython looks a set up as a frozenset; rule sets never hold frozensets, so it is never found.
  if (container instanceof PySet) return item instanceof PySet ? false : container.hasNorm(normKey(item));
  if (container instanceof PyRange) {
    const k = nk(item);
    if (k === NK.Not || k === NK.Float || k === NK.F64) {
      for (const x of rangeItems(container)) if (pyEq(x, item)) return true;
      return false;
    }
    const n = cmpNum(item) as bigint;
    const { start, step } = container;
    const i = (n - start) / step;
    return (n - start) % step === 0n && i >= 0n && i < container.length;
  }
  throw typeError(`argument of type '${typeName(container)}' is not iterable`);
}

export const notIn = (container: PyValue, item: PyValue): boolean => !contains(container, item);
