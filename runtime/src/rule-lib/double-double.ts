/**
 * Just enough double-double arithmetic (≈106-bit significands) to evaluate
 * exp and log with one final rounding: the basis of the correctly rounded
 * `pow` (spec §2.7). Values are [hi, lo] with |lo| <= ulp(hi)/2.
 */
import { ratioToDouble } from './exact.js';

export type DD = [number, number];

const SPLITTER = 134217729; // 2^27 + 1, Veltkamp splitting for exact products

export function twoProd(a: number, b: number): DD {
  const p = a * b;
  let t = SPLITTER * a;
  const ah = t - (t - a), al = a - ah;
  t = SPLITTER * b;
  const bh = t - (t - b), bl = b - bh;
  return [p, ((ah * bh - p) + ah * bl + al * bh) + al * bl];
}

function twoSum(a: number, b: number): DD {
  const s = a + b;
  const bb = s - a;
  return [s, (a - (s - bb)) + (b - bb)];
}

export function add(a: DD, b: DD): DD {
  const [s, e1] = twoSum(a[0], b[0]);
  const [t, e2] = twoSum(a[1], b[1]);
  let e = e1 + t;
  const [s2, e3] = twoSum(s, e);
  e = e3 + e2;
  return twoSum(s2, e);
}

export function mul(a: DD, b: DD): DD {
  const [p, e] = twoProd(a[0], b[0]);
  return twoSum(p, e + (a[0] * b[1] + a[1] * b[0]));
}

export function mulD(a: DD, b: number): DD {
  const [p, e] = twoProd(a[0], b);
  return twoSum(p, e + a[1] * b);
}

function divD(a: DD, b: number): DD {
  const q1 = a[0] / b;
  const r = add(a, mulD([q1, 0], -b));
  const q2 = r[0] / b;
  return twoSum(q1, q2);
}

export const LN2: DD = [0.6931471805599453, 2.3190468138462996e-17];

/** e^r - 1 for |r| <= 0.35, relative error ~2^-100. */
function expm1Small(r: DD): DD {
  // Halve the argument 5 times so the series converges in 14 terms, then undo
  // with (1+e)^2 - 1 = e(2+e), which keeps relative precision near zero.
  let x: DD = [r[0] / 32, r[1] / 32];
  let sum: DD = [1, 0];
  for (let k = 15; k >= 2; k--) sum = add([1, 0], divD(mul(x, sum), k));
  let e = mul(x, sum);
  for (let i = 0; i < 5; i++) e = mul(e, add([2, 0], e));
  x = e;
  return x;
}

/** 2^n as an exact double for -1022 <= n <= 1023. */
function pow2(n: number): number {
  const view = new DataView(new ArrayBuffer(8));
  view.setUint32(0, (n + 1023) << 20);
  return view.getFloat64(0);
}

/** Natural log of x > 0 (finite) in double-double. */
export function logDD(x: number): DD {
  // x = m * 2^k with m in [sqrt(1/2), sqrt(2)); m - 1 is then exact.
  let k = Math.floor(Math.log2(x));
  let m = k >= -1022 ? x / pow2(k) : (x * 2 ** 64) / pow2(k + 64);
  if (m >= Math.SQRT2) { m /= 2; k += 1; } else if (m < Math.SQRT1_2) { m *= 2; k -= 1; }
  // One Newton step on l0 = Math.log(m): l = l0 + (m e^-l0 - 1), written with
  // expm1 so tiny logs keep their relative precision.
  const l0 = Math.log(m);
  const f = expm1Small([-l0, 0]);
  const mm = m - 1;
  const d = add(add([mm, 0], f), mulD(f, mm));
  const lnm = add([l0, 0], d);
  return add(mulD(LN2, k), lnm);
}

export function div(a: DD, b: DD): DD {
  const q1 = a[0] / b[0];
  const r = add(a, mul([-q1, 0], b));
  const q2 = r[0] / b[0];
  const r2 = add(r, mul([-q2, 0], b));
  return add(twoSum(q1, q2), [r2[0] / b[0], 0]);
}

/** e^t - 1 in double-double for |t| < 700 (relative precision kept near zero). */
export function expm1DD(t: DD): DD {
  if (Math.abs(t[0]) <= 0.35) return expm1Small(t);
  const n = Math.round(t[0] / LN2[0]);
  const e = expm1Small(add(t, mulD(LN2, -n)));
  const p = 2 ** n; // exact power of two for |n| < 1010
  return add([p, 0], add([-1, 0], mulD(e, p)));
}

/** e^t rounded once to a double (handles overflow and gradual underflow). */
export function expToDouble(t: DD): number {
  if (t[0] > 710) return Infinity;
  if (t[0] < -746) return 0;
  const n = Math.round(t[0] / LN2[0]);
  const r = add(t, mulD(LN2, -n));
  const e = expm1Small(r);
  const v = add([1, 0], e);
  // Scaling is exact only while the intermediate stays normal; near the subnormal range round exactly once.
  if (n >= -1000 && n <= 1023) return (v[0] * pow2(n - 1)) * 2;
  if (n > 1023) return v[0] * pow2(1023) * pow2(n - 1023);
  return ddScaledExact(v, n);
}

function ddScaledExact(v: DD, n: number): number {
  const toRatio = (x: number): [bigint, bigint] => {
    if (x === 0) return [0n, 1n];
    let e = 0;
    while (!Number.isInteger(x)) { x *= 2; e++; }
    return [BigInt(x), 1n << BigInt(e)];
  };
  const [a, ad] = toRatio(v[0]);
  const [b, bd] = toRatio(v[1]);
  const num = a * bd + b * ad;
  const den = ad * bd * (1n << BigInt(-n));
  return ratioToDouble(num, den);
}
