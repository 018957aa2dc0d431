/** Python builtins of the symbol table that keep CPython semantics (spec §2.3). */
import {
  F64, PyDict, PyDictView, PyFunc, PyIterator, PyList, PyRange, PySet, PyTuple, StructTime, typeName, type PyValue,
} from './values.js';
import { typeError, valueError, overflow } from './errors.js';
import { asIndex } from './convert.js';
import { iter, toArray } from './iter.js';
import { pyRel, truthy } from './compare.js';
import { timsortSmallOrStable } from './list-sort.js';
import { normKey } from './keys.js';
import { cpLength, codePoints } from './strings.js';
import { setFrom } from './set-ops.js';
import { UNLIMITED, chargeLinear, reserveString, type Budget } from './budget.js';

export interface Kw { [name: string]: PyValue }

export function len(x: PyValue): bigint {
  if (typeof x === 'string') return BigInt(cpLength(x));
  if (x instanceof PyList || x instanceof PyTuple) return BigInt(x.items.length);
  if (x instanceof PyDict || x instanceof PySet) return BigInt(x.size);
  if (x instanceof PyRange) return x.length;
  if (x instanceof StructTime) return 9n;
  if (x instanceof PyDictView) return BigInt(x.dict.size);
  throw typeError(`object of type '${typeName(x)}' has no len()`);
}

const rangeArg = (v: PyValue): bigint => asIndex(v, "'%s' object cannot be interpreted as an integer");

export function range(a: PyValue, b?: PyValue, c?: PyValue): PyRange {
  if (b === undefined) return new PyRange(0n, rangeArg(a), 1n);
  const step = c === undefined ? 1n : rangeArg(c);
  if (step === 0n) throw valueError('range() arg 3 must not be zero');
  return new PyRange(rangeArg(a), rangeArg(b), step);
}

export function enumerate(x: PyValue, start: PyValue = 0n): PyIterator {
  const it = iter(x);
  let i = asIndex(start, "'%s' object cannot be interpreted as an integer");
  return new PyIterator('enumerate', () => {
    const v = it.nextFn();
    return v === undefined ? undefined : new PyTuple([i++, v]);
  });
}

export function zip(...xs: PyValue[]): PyIterator {
  const its = xs.map(iter);
  return new PyIterator('zip', () => {
    if (its.length === 0) return undefined;
    const out: PyValue[] = [];
    for (const it of its) {
      const v = it.nextFn();
      if (v === undefined) return undefined;
      out.push(v);
    }
    return new PyTuple(out);
  });
}

const callable = (f: PyValue): PyFunc => {
  if (f instanceof PyFunc) return f;
  throw typeError(`'${typeName(f)}' object is not callable`);
};

export function map(f: PyValue, ...xs: PyValue[]): PyIterator {
  const fn = callable(f);
  const its = xs.map(iter);
  return new PyIterator('map', () => {
    const args: PyValue[] = [];
    for (const it of its) {
      const v = it.nextFn();
      if (v === undefined) return undefined;
      args.push(v);
    }
    return fn.call(args);
  });
}

export function filter(f: PyValue, x: PyValue): PyIterator {
  const fn = f === null ? null : callable(f);
  const it = iter(x);
  return new PyIterator('filter', () => {
    for (let v = it.nextFn(); v !== undefined; v = it.nextFn()) {
      if (truthy(fn ? fn.call([v]) : v)) return v;
    }
    return undefined;
  });
}

export function reversed(x: PyValue): PyIterator {
  let items: PyValue[];
  if (x instanceof PyList || x instanceof PyTuple) items = x.items;
  else if (typeof x === 'string') items = codePoints(x);
  else if (x instanceof PyRange || x instanceof PyDict || x instanceof PyDictView) items = toArray(x);
  else throw typeError(`'${typeName(x)}' object is not reversible`);
  let i = items.length;
  const name = x instanceof PyList ? 'list_reverseiterator' : x instanceof PyRange ? 'range_iterator'
    : x instanceof PyDict || x instanceof PyDictView ? 'dict_reversekeyiterator' : 'reversed';
  return new PyIterator(name, () => (i > 0 ? items[--i]! : undefined));
}

export const list = (x?: PyValue, st?: Budget): PyList => new PyList(x === undefined ? [] : toArray(x, st));
export const tuple = (x?: PyValue, st?: Budget): PyTuple => (x instanceof PyTuple ? x : new PyTuple(x === undefined ? [] : toArray(x, st)));
export const set = (x?: PyValue, st?: Budget): PySet => setFrom(x === undefined ? [] : toArray(x, st));

export function dict(x?: PyValue, kw: Kw = {}, st: Budget = UNLIMITED): PyDict {
  const d = new PyDict();
  if (x instanceof PyDict) for (const e of x.entries()) d.setNorm(normKey(e.k), e.k, e.v);
  else if (x !== undefined) {
    for (const pair of toArray(x, st)) {
      const kv = toArray(pair);
      if (kv.length !== 2) throw valueError(`dictionary update sequence element has length ${kv.length}; 2 is required`);
      d.setNorm(normKey(kv[0]!), kv[0]!, kv[1]!);
    }
  }
  for (const [k, v] of Object.entries(kw)) d.setNorm(normKey(k), k, v);
  return d;
}

const keyOf = (key: PyValue | undefined): ((v: PyValue) => PyValue) =>
  key === undefined || key === null ? (v) => v : ((f) => (v: PyValue) => f.call([v]))(callable(key));

export function sorted(x: PyValue, kw: Kw = {}, st: Budget = UNLIMITED): PyList {
  const items = toArray(x, st);
  sortInPlace(items, kw, st);
  return new PyList(items);
}

/** list.sort / sorted (list-sort.ts has the details that make it CPython's). */
export function sortInPlace(items: PyValue[], kw: Kw, st: Budget = UNLIMITED): void {
  const key = kw['key'];
  const reverse = kw['reverse'] !== undefined && truthy(kw['reverse']);
  st.charge(items.length * Math.max(1, Math.log2(items.length + 1)));
  const keys = key === undefined || key === null ? null : items.map(keyOf(key)); // all keys first, as CPython
  timsortSmallOrStable(items, keys, reverse);
}

function extreme(name: 'min' | 'max', args: PyValue[], kw: Kw, st: Budget): PyValue {
  const items = args.length === 1 ? toArray(args[0]!, st) : args;
  if (args.length === 0) throw typeError(`${name} expected 1 argument, got 0`);
  if (items.length === 0) {
    if (kw['default'] !== undefined) return kw['default'];
    throw valueError(`${name}() arg is an empty sequence`);
  }
  const k = keyOf(kw['key']);
  const op = name === 'max' ? '>' : '<';
  let best = items[0]!, bestKey = k(best);
  for (let i = 1; i < items.length; i++) {
    const kk = k(items[i]!);
    if (pyRel(op, kk, bestKey)) { best = items[i]!; bestKey = kk; }
  }
  return best;
}

export const max = (args: PyValue[], kw: Kw = {}, st: Budget = UNLIMITED): PyValue => extreme('max', args, kw, st);
export const min = (args: PyValue[], kw: Kw = {}, st: Budget = UNLIMITED): PyValue => extreme('min', args, kw, st);

export function chr(i: PyValue): string {
  const n = asIndex(i, 'an integer is required (got type %s)');
  if (n < 0n || n > 0x10ffffn) throw valueError('chr() arg not in range(0x110000)');
  return String.fromCodePoint(Number(n));
}

export function ord(c: PyValue): bigint {
  if (typeof c !== 'string') throw typeError(`ord() expected string of length 1, but ${typeName(c)} found`);
  const cps = codePoints(c);
  if (cps.length !== 1) throw typeError(`ord() expected a character, but string of length ${cps.length} found`);
  return BigInt(cps[0]!.codePointAt(0)!);
}

function radix(prefix: string, base: number): (v: PyValue) => string {
  return (v) => {
    const n = asIndex(v, "'%s' object cannot be interpreted as an integer");
    chargeLinear(n);
    // The digits' count from the hex length (linear), so an over-long result is refused before it is built.
    reserveString(((n < 0n ? -n : n).toString(16).length * 4) / Math.log2(base) + 3);
    return (n < 0n ? '-' : '') + prefix + (n < 0n ? -n : n).toString(base);
  };
}
export const hex = radix('0x', 16);
export const oct = radix('0o', 8);
export const bin = radix('0b', 2);

/** The kinds `isinstance` recognises, keyed by builtin type name. */
const INSTANCE_TESTS: Record<string, (v: PyValue) => boolean> = {
  int: (v) => typeof v === 'bigint' || typeof v === 'boolean',
  float: (v) => typeof v === 'number' || v instanceof F64,
  bool: (v) => typeof v === 'boolean',
  str: (v) => typeof v === 'string',
  list: (v) => v instanceof PyList,
  tuple: (v) => v instanceof PyTuple || v instanceof StructTime,
  dict: (v) => v instanceof PyDict,
  set: (v) => v instanceof PySet,
  range: (v) => v instanceof PyRange,
};

export function isinstance(v: PyValue, cls: PyValue): boolean {
  if (cls instanceof PyTuple) return cls.items.some((c) => isinstance(v, c));
  const test = cls instanceof PyFunc ? INSTANCE_TESTS[cls.name] : undefined;
  if (!test) throw typeError('isinstance() arg 2 must be a type or tuple of types');
  return test(v);
}

export const type = (v: PyValue): string => typeName(v);

/** math.factorial (kept from math by the symbol table). */
export function factorial(v: PyValue, st: Budget = UNLIMITED): bigint {
  let n: bigint;
  if (typeof v === 'number' || v instanceof F64) {
    const x = typeof v === 'number' ? v : v.v;
    if (!Number.isInteger(x)) throw valueError('factorial() only accepts integral values');
    n = BigInt(x);
  } else {
    n = asIndex(v, "'%s' object cannot be interpreted as an integer");
  }
  if (n < 0n) throw valueError('factorial() not defined for negative values');
  if (n > 100000n) throw overflow('factorial() argument should not exceed 100000');
  st.charge(Number(n));
  let r = 1n;
  for (let i = 2n; i <= n; i++) r *= i;
  return r;
}
