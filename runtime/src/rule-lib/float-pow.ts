/**
 * C-library `pow` semantics with a correctly rounded result (spec §2.7): glibc's
 * pow is correctly rounded in practice, JS `**` is not. Integral exponents use
 * exact BigInt powers; others evaluate exp(y·log x) in double-double and round once.
 */
import { decompose, ratioToDouble } from './exact.js';
import { expToDouble, logDD, mulD } from './double-double.js';

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
  if (Number.isInteger(y) && Math.abs(y) <= 2048) return exactIntPow(x, y);
  return expToDouble(mulD(logDD(x), y));
}

function exactIntPow(x: number, y: number): number {
  const { mant, exp } = decompose(x);
  const n = Math.abs(y);
  const m = mant ** BigInt(n);
  const e = exp * n; // x^n = m * 2^e exactly
  if (y > 0) return e >= 0 ? ratioToDouble(m << BigInt(e), 1n) : ratioToDouble(m, 1n << BigInt(-e));
  return e >= 0 ? ratioToDouble(1n, m << BigInt(e)) : ratioToDouble(1n << BigInt(-e), m);
}
