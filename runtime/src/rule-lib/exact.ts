/**
 * Exact binary value of doubles as BigInt ratios, and the single final
 * rounding step every correctly rounded operation needs.
 */

const buf = new DataView(new ArrayBuffer(8));

/** |x| = mant × 2^exp exactly, for finite x (mant is 0n for zero). */
export function decompose(x: number): { mant: bigint; exp: number } {
  buf.setFloat64(0, x);
  const hi = buf.getUint32(0);
  const lo = buf.getUint32(4);
  const bexp = (hi >>> 20) & 0x7ff;
  let mant = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  if (bexp === 0) return { mant, exp: -1074 };
  mant |= 1n << 52n;
  return { mant, exp: bexp - 1075 };
}

/** Round num/den (both > 0) to the nearest integer, ties to even. */
export function roundHalfEven(num: bigint, den: bigint): bigint {
  const q = num / den;
  const r2 = (num - q * den) * 2n;
  if (r2 > den || (r2 === den && (q & 1n) === 1n)) return q + 1n;
  return q;
}

/** Number of bits of a positive bigint. */
export function bitLength(n: bigint): number {
  if (n < 0n) n = -n;
  if (n === 0n) return 0;
  const hex = n.toString(16);
  return (hex.length - 1) * 4 + (32 - Math.clz32(parseInt(hex[0]!, 16)));
}

/**
 * The double nearest to num/den (num may be negative, den > 0), ties to even,
 * with gradual underflow; returns ±Infinity on overflow (callers decide whether
 * that is an OverflowError).
 */
export function ratioToDouble(num: bigint, den: bigint): number {
  if (num === 0n) return 0;
  const neg = num < 0n;
  if (neg) num = -num;
  // Scale so that the quotient has 54+ significant bits (or hits the subnormal floor).
  let shift = bitLength(num) - bitLength(den) - 55;
  if (shift < -1074 - 55) shift = -1074 - 55;
  let n = num, d = den;
  if (shift > 0) d <<= BigInt(shift); else n <<= BigInt(-shift);
  // Quotient q ≈ num/den / 2^shift; decide how many low bits to round away.
  let q = n / d;
  const sticky = n % d !== 0n;
  const qbits = bitLength(q);
  const e = shift + qbits; // the value is in [2^(e-1), 2^e)
  let drop = qbits - 53;
  if (e - 53 < -1074) drop = qbits - (e + 1074); // subnormal: fewer mantissa bits
  if (drop > 0) {
    const unit = 1n << BigInt(drop);
    const rem = q & (unit - 1n);
    q >>= BigInt(drop);
    const half = unit >> 1n;
    if (rem > half || (rem === half && (sticky || (q & 1n) === 1n))) q += 1n;
  }
  const result = Number(q) * 2 ** (shift + Math.max(drop, 0));
  return neg ? -result : result;
}
