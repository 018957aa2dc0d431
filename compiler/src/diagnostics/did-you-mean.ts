/**
 * Finds the candidate a misspelt name most likely meant: the smallest
 * Damerau–Levenshtein distance, case-insensitive, within a third of the word's
 * length (at least one edit). Ties go to the earlier candidate, so callers list
 * the most likely names first.
 */
import type { Span } from '../source/span.js';
import type { Fix } from './diagnostic.js';

export function closest(word: string, candidates: Iterable<string>): string | undefined {
  const limit = Math.max(1, Math.floor(word.length / 3));
  const lower = word.toLowerCase();
  let best: string | undefined;
  let bestDistance = limit + 1;
  for (const c of candidates) {
    if (c === word) continue;
    if (Math.abs(c.length - word.length) > limit) continue;
    const d = editDistance(lower, c.toLowerCase());
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  return best;
}

/** A hint sentence: "Did you mean 'x'?" when a close candidate exists, else `otherwise`. */
export function didYouMean(word: string, candidates: Iterable<string>, otherwise: string): string {
  return suggest(word, candidates, undefined, otherwise).hint;
}

export interface Suggestion {
  /** "Did you mean 'x'?", or the fallback sentence. */
  readonly hint: string;
  /** The close candidate, if there is one. */
  readonly name: string | undefined;
  /** Replaces `span` with the candidate (empty without a candidate or a span). */
  readonly fixes: Fix[];
}

/** The did-you-mean hint together with the fix that applies it at `span`. */
export function suggest(word: string, candidates: Iterable<string>, span: Span | undefined, otherwise: string): Suggestion {
  const name = closest(word, candidates);
  if (name === undefined) return { hint: otherwise, name, fixes: [] };
  return { hint: `Did you mean '${name}'?`, name, fixes: span ? [{ title: `Change to '${name}'`, edits: [{ span, newText: name }] }] : [] };
}

/** The Damerau–Levenshtein distance (adjacent transpositions count as one edit). */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[] = new Array(rows * cols).fill(0);
  for (let i = 0; i < rows; i++) d[i * cols] = i;
  for (let j = 0; j < cols; j++) d[j] = j;
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[(i - 1) * cols + j]! + 1, d[i * cols + j - 1]! + 1, d[(i - 1) * cols + j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[(i - 2) * cols + j - 2]! + 1);
      d[i * cols + j] = v;
    }
  }
  return d[rows * cols - 1]!;
}
