/**
 * Python's float repr: the shortest round-tripping digits (which JS already
 * computes for toExponential()) laid out the way CPython does: scientific form
 * when the decimal exponent is < -4 or >= 16, else positional with at least one
 * digit after the point.
 */

/** Shortest digits and decimal exponent: x = 0.d1d2… × 10^(exp+1), i.e. d1 is at 10^exp. */
export function shortestDigits(x: number): { digits: string; exp: number } {
  const s = Math.abs(x).toExponential();
  const e = s.indexOf('e');
  return { digits: s.slice(0, e).replace('.', ''), exp: Number(s.slice(e + 1)) };
}

export function expSuffix(exp: number): string {
  const a = Math.abs(exp);
  return (exp < 0 ? 'e-' : 'e+') + (a < 10 ? '0' + a : String(a));
}

export function floatRepr(x: number): string {
  if (x !== x) return 'nan';
  if (x === Infinity) return 'inf';
  if (x === -Infinity) return '-inf';
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0';
  // Fast path: integral values below 1e16 print as their integer digits plus ".0".
  if (Number.isInteger(x) && Math.abs(x) < 1e16) return String(x) + '.0';
  const sign = x < 0 ? '-' : '';
  const { digits, exp } = shortestDigits(x);
  if (exp < -4 || exp >= 16) {
    const mant = digits.length > 1 ? digits[0] + '.' + digits.slice(1) : digits;
    return sign + mant + expSuffix(exp);
  }
  if (exp < 0) return sign + '0.' + '0'.repeat(-exp - 1) + digits;
  if (digits.length <= exp + 1) return sign + digits + '0'.repeat(exp + 1 - digits.length) + '.0';
  return sign + digits.slice(0, exp + 1) + '.' + digits.slice(exp + 1);
}
