/**
 * Classification of numeric operands and the int/float primitives shared by
 * the operator modules: exact int→float conversion, exact int/int true
 * division, floored division and modulo for ints and floats.
 */
import { B8, F64, I64, type PyValue } from './values.js';
import { overflow, zeroDiv } from './errors.js';
import { ratioToDouble } from './exact.js';

/** Numeric kind codes; ordered so that `k <= NK.Float` means "plain Python number". */
export const enum NK { Not = 0, Bool = 1, Int = 2, Float = 3, B8 = 4, I64 = 5, F64 = 6 }

export function nk(v: PyValue): NK {
  switch (typeof v) {
    case 'bigint': return NK.Int;
    case 'number': return NK.Float;
    case 'boolean': return NK.Bool;
    case 'object':
      if (v instanceof F64) return NK.F64;
      if (v instanceof I64) return NK.I64;
      if (v instanceof B8) return NK.B8;
      return NK.Not;
    default: return NK.Not;
  }
}

/** The JS primitive inside a numeric value (bool stays boolean). */
export function prim(v: PyValue): bigint | number | boolean {
  if (typeof v === 'object' && v !== null) return (v as F64 | I64 | B8).v;
  return v as bigint | number | boolean;
}

/** Exact integer value of an int-like primitive. */
export const asBig = (p: bigint | number | boolean): bigint =>
  typeof p === 'bigint' ? p : typeof p === 'boolean' ? (p ? 1n : 0n) : BigInt(p);

const MAX_FLOAT_INT = 2n ** 1024n - 2n ** 970n; // values from here on round to infinity

/** Python's int → float: round half to even, OverflowError past the double range. */
export function intToFloat(n: bigint): number {
  if (n >= MAX_FLOAT_INT || n <= -MAX_FLOAT_INT) throw overflow('int too large to convert to float');
  return Number(n);
}

/** float value of any numeric primitive (Python semantics). */
export function toFloat(p: bigint | number | boolean): number {
  if (typeof p === 'number') return p;
  if (typeof p === 'boolean') return p ? 1 : 0;
  return intToFloat(p);
}

const SAFE = 2n ** 53n;

/** int / int, correctly rounded (spec §4.1). */
export function intTrueDiv(a: bigint, b: bigint): number {
  if (b === 0n) throw zeroDiv('division by zero');
  if (a <= SAFE && a >= -SAFE && b <= SAFE && b >= -SAFE) return Number(a) / Number(b);
  if (a === 0n) return b < 0n ? -0 : 0; // 0 / -5 is -0.0 in CPython
  if (b < 0n) { a = -a; b = -b; }
  const r = ratioToDouble(a, b);
  if (!Number.isFinite(r)) throw overflow('integer division result too large for a float');
  return r;
}

export function intFloorDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return (a % b !== 0n) && ((a < 0n) !== (b < 0n)) ? q - 1n : q;
}

export function intMod(a: bigint, b: bigint): bigint {
  const r = a % b;
  return r !== 0n && ((r < 0n) !== (b < 0n)) ? r + b : r;
}

/**
 * Floored float division and modulo with CPython's float_divmod behaviour:
 * remainder from fmod (JS `%` is exactly C fmod) fixed to the divisor's sign,
 * quotient from the exact (x - mod) / y, snapped with the > 0.5 correction,
 * signed zeros preserved. The divisor must be non-zero.
 */
export function floatDivmod(x: number, y: number): [number, number] {
  let mod = x % y;
  let div = (x - mod) / y;
  // C tests `if (mod)`, which is true for NaN: hence !== 0, not truthiness.
  if (mod !== 0) {
    if ((y < 0) !== (mod < 0)) { mod += y; div -= 1; }
  } else {
    mod = y < 0 ? -0 : 0;
  }
  let fd: number;
  if (div !== 0) {
    fd = Math.floor(div);
    if (div - fd > 0.5) fd += 1;
  } else {
    fd = (x / y) < 0 || Object.is(x / y, -0) ? -0 : 0;
  }
  return [fd, mod];
}

export function floatMod(x: number, y: number): number {
  let mod = x % y;
  if (mod !== 0) {
    if ((y < 0) !== (mod < 0)) mod += y;
  } else {
    mod = y < 0 ? -0 : 0;
  }
  return mod;
}

/** 64-bit wrap-around used by every int64 result. */
export const wrap64 = (n: bigint): bigint => BigInt.asIntN(64, n);

export const INT64_MIN = -(2n ** 63n);
export const INT64_MAX = 2n ** 63n - 1n;
export const UINT64_END = 2n ** 64n;
