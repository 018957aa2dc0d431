/**
 * C-library `pow` semantics with a correctly rounded result (spec §2.7): glibc's
 * pow is correctly rounded in practice, JS `**` is not. Integral exponents use
 * exact BigInt powers; others evaluate exp(y·log x) in double-double and round once.
 */
import { decompose, ratioToDouble } from './exact.js';
import { div, expToDouble, logDD, mul, mulD, twoProd, type DD } from './double-double.js';

const isOddInt = (y: number): boolean => Number.isInteger(y) && Math.abs(y) < 2 ** 53 && Math.abs(y % 2) === 1;

/** C99 pow(x, y) including all special cases of Annex F. */
export function cPow(x: number, y: number): number {
  if (y === 0 || x === 1) return 1;
  if (y !== y || x !== x) return NaN;
  if (y === Infinity || y === -Infinity) {
    const ax = Math.abs(x);
    if (ax === 1) return 1;
    return (ax > 1) === (y > 0) ? Infinity : 0;
  }
  if (x === 0) {
    const odd = isOddInt(y);
    if (y < 0) return odd ? 1 / x : Infinity;
    return odd ? x : 0;
  }
  if (x === Infinity) return y > 0 ? Infinity : 0;
  if (x === -Infinity) {
    const odd = isOddInt(y);
    if (y > 0) return odd ? -Infinity : Infinity;
    return odd ? -0 : 0;
  }
  if (x < 0) {
    if (!Number.isInteger(y)) return NaN;
    const r = posPow(-x, y);
    return isOddInt(y) ? -r : r;
  }
  return posPow(x, y);
}

/** x^y for finite x > 0 and finite non-zero y. */
function posPow(x: number, y: number): number {
  // Exponents whose results IEEE operations already round correctly.
  if (y === 1) return x;
  if (y === 2) return x * x;
  if (y === -1) return 1 / x;
  if (y === 0.5 && x !== Infinity) return Math.sqrt(x);
  const est = y * Math.log2(x);
  if (est > 1100) return Infinity;
  if (est < -1200) return 0;
  if (Number.isInteger(y) && Math.abs(y) <= 2048) {
    if (Math.abs(y) <= 64 && est > -1000 && est < 1000) {
      const r = ddIntPow(x, y);
      if (r !== undefined) return r;
    }
    return exactIntPow(x, y);
  }
  // x**(k/2) of a perfect square is an exact power, possibly a rounding tie (784**9.5 is 28**19):
  // an approximation cannot settle that, the exact integer-power path can.
  if (Number.isInteger(2 * y)) {
    const r = Math.sqrt(x);
    const [sq, err] = twoProd(r, r);
    if (sq === x && err === 0) return posPow(r, 2 * y);
  }
  return expToDouble(mulD(logDD(x), y));
}

const view = new DataView(new ArrayBuffer(8));

/**
 * x^n by double-double repeated squaring (relative error below 2^-95 for n <= 64),
 * rounded once; undefined when the result lies too close to a rounding midpoint
 * (or to a power of two) to decide, so the exact BigInt path takes over.
 */
function ddIntPow(x: number, y: number): number | undefined {
  let n = Math.abs(y);
  let rh = 1, rl = 0, bh = x, bl = 0;
  while (n > 0) {
    if (n & 1) { const p = ddMul(rh, rl, bh, bl); rh = p[0]; rl = p[1]; }
    n >>>= 1;
    if (n > 0) { const p = ddMul(bh, bl, bh, bl); bh = p[0]; bl = p[1]; }
  }
  if (y < 0) { const q = div([1, 0], [rh, rl]); rh = q[0]; rl = q[1]; }
  view.setFloat64(0, rh);
  const hiWord = view.getUint32(0);
  const bexp = (hiWord >>> 20) & 0x7ff;
  if (bexp === 0 || bexp === 0x7ff || ((hiWord & 0xfffff) === 0 && view.getUint32(4) === 0)) return undefined;
  const halfUlp = 2 ** (bexp - 1076);
  const off = Math.abs(Math.abs(rl) - halfUlp);
  if (off < halfUlp * 2 ** -38) return undefined;
  return rh + rl;
}

function ddMul(ah: number, al: number, bh: number, bl: number): DD {
  return mul([ah, al], [bh, bl]);
}

function exactIntPow(x: number, y: number): number {
  const { mant, exp } = decompose(x);
  const n = Math.abs(y);
  const m = mant ** BigInt(n);
  const e = exp * n; // x^n = m * 2^e exactly
  if (y > 0) return e >= 0 ? ratioToDouble(m << BigInt(e), 1n) : ratioToDouble(m, 1n << BigInt(-e));
  return e >= 0 ? ratioToDouble(1n, m << BigInt(e)) : ratioToDouble(1n << BigInt(-e), m);
}
