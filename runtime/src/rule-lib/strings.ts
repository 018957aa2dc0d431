/**
 * Strings are JS strings indexed by Unicode code point, as Python's are. The
 * fast paths skip the work when a string has no surrogate pairs.
 */

const SURROGATE = /[\uD800-\uDFFF]/;

export const hasSurrogates = (s: string): boolean => SURROGATE.test(s);

export function cpLength(s: string): number {
  if (!hasSurrogates(s)) return s.length;
  let n = 0;
  for (const _ of s) n++;
  return n;
}

/** The string's code points as an array of one-code-point strings. */
export const codePoints = (s: string): string[] => Array.from(s);

/** Compare by code point (JS `<` compares UTF-16 units, which misorders astral characters). */
export function cmpStr(a: string, b: string): number {
  if (!hasSurrogates(a) && !hasSurrogates(b)) return a < b ? -1 : a > b ? 1 : 0;
  const x = codePoints(a), y = codePoints(b);
  const n = Math.min(x.length, y.length);
  for (let i = 0; i < n; i++) {
    const p = x[i]!.codePointAt(0)!, q = y[i]!.codePointAt(0)!;
    if (p !== q) return p < q ? -1 : 1;
  }
  return x.length - y.length;
}

/** Python str.isspace / str.split() whitespace. */
export const isPySpace = (c: string): boolean => /^[\s\x1c-\x1f\x85]$/u.test(c) && c !== '\ufeff';
