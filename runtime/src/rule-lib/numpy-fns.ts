/**
 * The numpy names of the symbol table (spec §2.3) on scalars: results are
 * numpy kinds. exp/log/log2/log10/exp2/sinh/cosh/tanh are evaluated in double-double and
 * rounded once (correctly rounded, the same on every machine, unlike numpy's CPU-specific
 * kernels); the other trigonometric and hyperbolic functions, log1p and expm1 use JS Math
 * (V8's fdlibm ports: within 1 ulp of the correctly rounded value on the tested arguments).
 */
import { B8, F64, I64, PyList, PyTuple, b8, typeName, type PyValue } from './values.js';
import { typeError, valueError } from './errors.js';
import { NK, nk, prim, asBig, toFloat, wrap64, INT64_MIN, INT64_MAX, UINT64_END } from './numeric.js';
import { arith } from './arith.js';
import { truthy } from './compare.js';
import { toArray } from './iter.js';
import { add, div, expm1DD, expToDouble, logDD, mul, mulD, LN2, type DD } from './double-double.js';
import { UNLIMITED, type Budget } from './budget.js';

const LN10_INV: DD = [0.4342944819032518, 1.098319650216765e-17];
const LN2_INV: DD = [1.4426950408889634, 2.0355273740931033e-17];

/** A numeric argument of a numpy function; lists become arrays, which rules cannot use. */
function num(v: PyValue, fn: string): bigint | number | boolean {
  if (nk(v) !== NK.Not) return prim(v);
  if (v instanceof PyList || v instanceof PyTuple) throw typeError(`${fn}() of a list gives a numpy array, which rules cannot use`);
  throw typeError(`ufunc '${fn}' not supported for the input types ('${typeName(v)}')`);
}

const fl = (v: PyValue, fn: string): number => toFloat(num(v, fn));

function exp(x: number): number { return x !== x ? x : expToDouble([x, 0]); }

function log(x: number): number {
  if (x !== x || x === Infinity) return x;
  if (x === 0) return -Infinity;
  if (x < 0) return NaN;
  const l = logDD(x);
  return l[0] + l[1];
}

function logScaled(x: number, inv: DD): number {
  if (x !== x || x === Infinity) return x;
  if (x === 0) return -Infinity;
  if (x < 0) return NaN;
  const p = mul(logDD(x), inv); // one rounding of the double-double product
  return p[0] + p[1];
}

/** tanh = expm1(2x) / (expm1(2x) + 2), evaluated in double-double: V8's Math.tanh is off by up to 2 ulp. */
function tanh(x: number): number {
  if (x !== x || x === 0) return x;
  const a = Math.abs(x);
  if (a > 22) return x > 0 ? 1 : -1;
  const e = expm1DD([2 * a, 0]);
  const q = div(e, add(e, [2, 0]));
  const r = q[0] + q[1];
  return x < 0 ? -r : r;
}

/** sinh = (E + E/(E+1)) / 2 with E = expm1(|x|), in double-double (V8's Math.sinh is up to 2 ulp off). */
function sinh(x: number): number {
  if (x !== x || x === 0) return x;
  const a = Math.abs(x);
  const r = a > 22 ? expToDouble(add([a, 0], [-LN2[0], -LN2[1]])) : (() => {
    const e = expm1DD([a, 0]);
    const q = add(e, div(e, add([1, 0], e)));
    return (q[0] + q[1]) / 2;
  })();
  return x < 0 ? -r : r;
}

/** cosh = (e^|x| + e^-|x|) / 2 in double-double. */
function cosh(x: number): number {
  if (x !== x) return x;
  const a = Math.abs(x);
  if (a > 22) return expToDouble(add([a, 0], [-LN2[0], -LN2[1]]));
  const e = add([1, 0], expm1DD([a, 0]));
  const q = add(e, div([1, 0], e));
  return (q[0] + q[1]) / 2;
}

function rint(y: number): number {
  const r = Math.round(y);
  return r - y === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/** Exact 10^n as a double, from the decimal literal (never computed with `**`). */
const P10 = (n: number): number => Number('1e' + n);

const UNARY: Record<string, (x: number) => number> = {
  ceil: Math.ceil, floor: Math.floor, trunc: Math.trunc, sqrt: Math.sqrt, fabs: Math.abs, rint,
  exp, log, log10: (x) => logScaled(x, LN10_INV), log2: (x) => logScaled(x, LN2_INV), exp2: (x) => expToDouble(mulD(LN2, x)),
  log1p: Math.log1p, expm1: Math.expm1, sin: Math.sin, cos: Math.cos, tan: Math.tan, sinh, cosh,
  tanh, arcsin: Math.asin, arccos: Math.acos, arctan: Math.atan, arcsinh: Math.asinh, arccosh: Math.acosh,
  arctanh: Math.atanh, degrees: (x) => x * (180 / Math.PI), radians: (x) => x * (Math.PI / 180),
};

/** A float-valued numpy ufunc of one argument (ceil(3) → 3.0 float64). */
export function ufunc1(name: string, v: PyValue): F64 {
  const f = UNARY[name];
  if (!f) throw typeError(`unknown numpy function ${name}`);
  return new F64(f(fl(v, name)));
}

const PRED: Record<string, (x: number) => boolean> = {
  isnan: (x) => x !== x, isinf: (x) => x === Infinity || x === -Infinity, isfinite: Number.isFinite,
};
export function predicate(name: string, v: PyValue): B8 { return b8(PRED[name]!(fl(v, name))); }

const intLike = (v: PyValue): boolean => { const k = nk(v); return k === NK.Int || k === NK.I64 || k === NK.Bool || k === NK.B8; };

export function abs(v: PyValue): PyValue {
  const p = num(v, 'absolute');
  if (typeof p === 'number') return new F64(Math.abs(p));
  if (typeof p === 'boolean') return b8(p);
  if (p < INT64_MIN || p > INT64_MAX) return p < 0n ? -p : p; // numpy falls back to Python ints
  return new I64(wrap64(p < 0n ? -p : p));
}

export function sign(v: PyValue): PyValue {
  const p = num(v, 'sign');
  if (typeof p === 'number') return new F64(p !== p ? p : p > 0 ? 1 : p < 0 ? -1 : 0);
  const n = asBig(p);
  return new I64(n > 0n ? 1n : n < 0n ? -1n : 0n);
}

export function square(v: PyValue): PyValue {
  const p = num(v, 'square');
  return typeof p === 'number' ? new F64(p * p) : new I64(wrap64(asBig(p) * asBig(p)));
}

/** numpy round (spec §2.3): y = x*P, rint(y)/P (n >= 0) or x/P, rint(y)*P (n < 0). */
export function round(v: PyValue, decimals: PyValue = 0n): PyValue {
  const d = nk(decimals);
  if (d !== NK.Int && d !== NK.I64 && d !== NK.Bool) throw typeError(`'${typeName(decimals)}' object cannot be interpreted as an integer`);
  const n = Number(asBig(prim(decimals) as bigint | boolean));
  const p = num(v, 'rint');
  // numpy rounds bools as float16 and huge ints as objects, neither of which rules can use.
  if (typeof p === 'boolean') throw typeError('round() of a bool is not supported');
  if (typeof p === 'bigint' && (p < INT64_MIN || p > INT64_MAX)) throw typeError('round() of an int outside int64 is not supported');
  const f = (x: number): number => {
    if (n >= 0) { const P = P10(n); return rint(x * P) / P; }
    const P = P10(-n);
    return rint(x / P) * P;
  };
  if (typeof p === 'number') return new F64(f(p));
  if (n >= 0) return new I64(p);
  return new I64(BigInt(f(Number(p))));
}

function elements(v: PyValue, fn: string, st: Budget): PyValue[] {
  if (v instanceof PyList || v instanceof PyTuple) return toArray(v, st);
  if (nk(v) !== NK.Not) return [v];
  throw typeError(`${fn}() of a '${typeName(v)}' is not supported`);
}

/** numpy sum (spec §2.3): int64 wrap-around, or float64 pairwise summation. */
export function sum(v: PyValue, st: Budget = UNLIMITED): PyValue {
  const xs = elements(v, 'sum', st);
  let floaty = false, object = false;
  for (const x of xs) {
    const k = nk(x);
    if (k === NK.Not) throw typeError(`unsupported operand type(s) for +: '${typeName(xs[0]!)}' and '${typeName(x)}'`);
    if (k === NK.Float || k === NK.F64) floaty = true;
    else if (k === NK.Int && ((x as bigint) < INT64_MIN || (x as bigint) > INT64_MAX)) {
      if ((x as bigint) < 0n || (x as bigint) >= UINT64_END) object = true; else floaty = true; // uint64 mixes as float64
    }
  }
  // Ints beyond 64 bits make an object array: numpy then adds the Python objects left to right.
  if (object) return xs.reduce((acc, x) => arith('+', acc, x, st));
  if (!floaty && xs.length > 0) { // an empty list is a float64 array
    let s = 0n;
    for (const x of xs) s += asBig(prim(x));
    return new I64(wrap64(s));
  }
  return new F64(pairwise(xs.map((x) => toFloat(prim(x))), 0, xs.length) + 0);
}

function pairwise(a: number[], lo: number, n: number): number {
  if (n < 8) {
    let r = 0;
    for (let i = lo; i < lo + n; i++) r += a[i]!;
    return r;
  }
  if (n <= 128) {
    const p = a.slice(lo, lo + 8);
    const m = n - (n % 8);
    for (let i = 8; i < m; i += 8) for (let j = 0; j < 8; j++) p[j]! += a[lo + i + j]!;
    let r = ((p[0]! + p[1]!) + (p[2]! + p[3]!)) + ((p[4]! + p[5]!) + (p[6]! + p[7]!));
    for (let i = m; i < n; i++) r += a[lo + i]!;
    return r;
  }
  let n2 = Math.floor(n / 2);
  n2 -= n2 % 8;
  return pairwise(a, lo, n2) + pairwise(a, lo + n2, n - n2);
}

export function all(v: PyValue, st?: Budget): B8 { return b8(elements(v, 'all', st ?? UNLIMITED).every(truthy)); }
export function any(v: PyValue, st?: Budget): B8 { return b8(elements(v, 'any', st ?? UNLIMITED).some(truthy)); }

/** Two-argument numpy functions on scalars. */
export function ufunc2(name: string, a: PyValue, b: PyValue): PyValue {
  const x = num(a, name), y = num(b, name);
  const ints = intLike(a) && intLike(b);
  switch (name) {
    case 'maximum': case 'minimum': case 'fmax': case 'fmin': {
      if (ints) { const p = asBig(x), q = asBig(y); return new I64(name.endsWith('max') || name === 'maximum' ? (p > q ? p : q) : (p < q ? p : q)); }
      const p = toFloat(x), q = toFloat(y);
      if (p !== p || q !== q) return new F64(name.startsWith('f') ? (p !== p ? q : p) : NaN);
      return new F64(name === 'maximum' || name === 'fmax' ? Math.max(p, q) : Math.min(p, q));
    }
    case 'power': return arith('**', asNumpy(a), b);
    case 'mod': case 'remainder': return arith('%', asNumpy(a), b);
    case 'floor_divide': return arith('//', asNumpy(a), b);
    case 'true_divide': return arith('/', asNumpy(a), b);
    case 'fmod': {
      if (ints) { const p = asBig(x), q = asBig(y); return new I64(q === 0n ? 0n : p % q); }
      return new F64(toFloat(x) % toFloat(y));
    }
    case 'copysign': { const p = Math.abs(toFloat(x)), q = toFloat(y); return new F64(q < 0 || Object.is(q, -0) ? -p : p); }
    case 'hypot': return new F64(Math.hypot(toFloat(x), toFloat(y)));
    case 'arctan2': return new F64(Math.atan2(toFloat(x), toFloat(y)));
    case 'ldexp': return new F64(toFloat(x) * 2 ** Number(asBig(y)));
    default: throw typeError(`unknown numpy function ${name}`);
  }
}

/** The numpy scalar a Python number becomes when it enters a ufunc. */
function asNumpy(v: PyValue): PyValue {
  if (typeof v === 'number') return new F64(v);
  if (typeof v === 'bigint' && v >= INT64_MIN && v <= INT64_MAX) return new I64(v);
  if (typeof v === 'boolean') return b8(v);
  return v;
}

export function clip(v: PyValue, lo: PyValue, hi: PyValue): PyValue {
  return ufunc2('minimum', ufunc2('maximum', v, lo), hi);
}

/** Reductions over a list of numbers: empty mean/median give nan as numpy does. */
export function reduce(name: string, v: PyValue, st: Budget = UNLIMITED): PyValue {
  const xs = elements(v, name, st).map((x) => fl(x, name));
  const n = xs.length;
  switch (name) {
    case 'mean': case 'average': return new F64(n === 0 ? NaN : (sum(new PyList(xs)) as F64).v / n);
    case 'median': {
      if (n === 0) return new F64(NaN);
      const s = xs.slice().sort((a, b) => a - b);
      if (xs.some((x) => x !== x)) return new F64(NaN);
      return new F64(n % 2 ? s[(n - 1) / 2]! : (s[n / 2 - 1]! + s[n / 2]!) / 2);
    }
    case 'amax': case 'amin': case 'nanmax': case 'nanmin': {
      const ys = name.startsWith('nan') ? xs.filter((x) => x === x) : xs;
      if (ys.length === 0) throw valueError('zero-size array to reduction operation which has no identity');
      if (ys.some((x) => x !== x)) return new F64(NaN);
      const max = name.endsWith('max');
      const items = elements(v, name, st);
      if (items.every(intLike)) { // exact int64 result, not through doubles
        const big = items.map((x) => asBig(prim(x)));
        return new I64(big.reduce((m, x) => (max ? (x > m ? x : m) : (x < m ? x : m))));
      }
      return new F64(ys.reduce(max ? (m, x) => Math.max(m, x) : (m, x) => Math.min(m, x))); // no spread: lists can be long
    }
    case 'var': case 'std': {
      // numpy: mean by pairwise sum, squared deviations, pairwise sum again, / n.
      if (n === 0) return new F64(NaN);
      const mean = pairwise(xs, 0, n) / n;
      const dev = xs.map((x) => (x - mean) * (x - mean));
      const v = pairwise(dev, 0, n) / n;
      return new F64(name === 'var' ? v : Math.sqrt(v));
    }
    case 'prod': case 'product': {
      const items = elements(v, name, st);
      if (items.every(intLike)) return new I64(items.reduce<bigint>((acc, x) => wrap64(acc * asBig(prim(x))), 1n));
      return new F64(xs.reduce((acc, x) => acc * x, 1));
    }
    case 'nansum': {
      const items = elements(v, name, st);
      if (items.length > 0 && items.every(intLike)) return sum(new PyList(items), st); // ints have no nan: plain int64 sum
      return new F64(pairwise(xs.map((x) => (x !== x ? 0 : x)), 0, n) + 0);
    }
    default: throw typeError(`unknown numpy reduction ${name}`);
  }
}

/** numpy 1.24's linear percentile: virtual index (n-1)·q/100, then its two-sided lerp. */
export function percentile(v: PyValue, q: PyValue, st: Budget = UNLIMITED): F64 {
  const xs = elements(v, 'percentile', st).map((x) => fl(x, 'percentile'));
  const p = fl(q, 'percentile') / 100;
  if (!(p >= 0 && p <= 1)) throw valueError('Percentiles must be in the range [0, 100]');
  const n = xs.length;
  if (n === 0) throw typeError('percentile of an empty list');
  if (xs.some((x) => x !== x)) return new F64(NaN);
  const s = xs.slice().sort((a, b) => a - b);
  const vi = (n - 1) * p;
  const lo = Math.floor(vi), hi = Math.min(lo + 1, n - 1);
  const t = vi - lo;
  const a = s[lo]!, b = s[hi]!;
  const d = b - a;
  return new F64(t >= 0.5 ? b - d * (1 - t) : a + d * t);
}
