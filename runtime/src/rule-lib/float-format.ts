/**
 * Fixed, exponent and general formatting of doubles from their exact binary
 * value, rounding half to even once via BigInt ratios (spec §4.14): this is
 * what C's printf (and so CPython) does, and what toFixed does not.
 */
import { decompose, roundHalfEven } from './exact.js';
import { expSuffix, shortestDigits } from './float-repr.js';

const pow10 = (n: number): bigint => 10n ** BigInt(n);

/** round(|x| × 10^k) as an integer, x finite. */
function scaledRound(x: number, k: number): bigint {
  const { mant, exp } = decompose(Math.abs(x));
  let num = mant, den = 1n;
  if (k >= 0) num *= pow10(k); else den *= pow10(-k);
  if (exp >= 0) num <<= BigInt(exp); else den <<= BigInt(-exp);
  return roundHalfEven(num, den);
}

/**
 * |x| with `prec` digits after the point. JS toFixed rounds the exact binary value
 * too, but breaks ties upwards where C rounds them to even; a tie needs x to have
 * exactly prec+1 fractional bits (x·2^(prec+1) an odd integer), so only those take
 * the BigInt path.
 */
export function fixedAbs(x: number, prec: number): string {
  x = Math.abs(x);
  if (x < 1e21 && prec <= 100) {
    const y = x * 2 ** (prec + 1);
    if (!(Number.isInteger(y) && y % 2 !== 0)) return x.toFixed(prec);
  }
  const digits = scaledRound(x, prec).toString().padStart(prec + 1, '0');
  return prec === 0 ? digits : digits.slice(0, -prec) + '.' + digits.slice(-prec);
}

/** |x| rounded to prec+1 significant digits: the digits and the decimal exponent of the first one. */
export function sigDigits(x: number, prec: number): { digits: string; exp: number } {
  if (x === 0) return { digits: '0'.repeat(prec + 1), exp: 0 };
  let e = shortestDigits(x).exp;
  for (;;) {
    const n = scaledRound(x, prec - e);
    const s = n.toString();
    if (s.length > prec + 1) { e += 1; continue; }
    if (s.length < prec + 1) { e -= 1; continue; }
    return { digits: s, exp: e };
  }
}

export function expAbs(x: number, prec: number, alt = false): string {
  const { digits, exp } = sigDigits(x, prec);
  const mant = digits.length > 1 || alt ? digits[0] + '.' + digits.slice(1) : digits;
  return mant + expSuffix(exp);
}

/** printf-style %g of |x|: `prec` significant digits, trailing zeros removed unless alt. */
export function generalAbs(x: number, prec: number, alt = false): { text: string; sci: boolean } {
  const p = prec === 0 ? 1 : prec;
  const { exp } = sigDigits(x, p - 1);
  let text: string, sci: boolean;
  if (exp >= -4 && exp < p) {
    text = fixedAbs(x, p - 1 - exp);
    if (alt && !text.includes('.')) text += '.'; // the alternate form always shows the point
    sci = false;
  } else {
    text = expAbs(x, p - 1, alt);
    sci = true;
  }
  if (!alt && text.includes('.')) {
    const [m, e] = sci ? [text.slice(0, text.indexOf('e')), text.slice(text.indexOf('e'))] : [text, ''];
    text = m.replace(/0+$/, '').replace(/\.$/, '') + e;
  }
  return { text, sci };
}

/** Text of a non-finite double for the formatting routines. */
export const nonFinite = (x: number): string => (x !== x ? 'nan' : 'inf');
