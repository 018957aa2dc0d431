/**
 * list.sort / sorted with CPython's observable behaviour: stable, only `<` is
 * used, reverse=True reverses before and after a forward sort, and a comparison
 * that raises leaves the list in the partially sorted state CPython leaves it in.
 * For fewer than 64 elements CPython's timsort is one natural run followed by a
 * binary insertion sort, reproduced here step for step; longer lists use a
 * stable merge sort (same result on success; on a failing comparison such a list
 * is left unchanged rather than partially sorted).
 */
import type { PyValue } from './values.js';
import { pyRel } from './compare.js';

const lt = (a: PyValue, b: PyValue): boolean => pyRel('<', a, b);

function reverseRange(xs: PyValue[], lo: number, hi: number): void {
  for (let i = lo, j = hi - 1; i < j; i++, j--) { const t = xs[i]!; xs[i] = xs[j]!; xs[j] = t; }
}

/** Length of the run at the start, and whether it is strictly descending (CPython's count_run). */
function countRun(keys: PyValue[], n: number): { len: number; descending: boolean } {
  if (n < 2) return { len: n, descending: false };
  let len = 2;
  if (lt(keys[1]!, keys[0]!)) {
    while (len < n && lt(keys[len]!, keys[len - 1]!)) len++;
    return { len, descending: true };
  }
  while (len < n && !lt(keys[len]!, keys[len - 1]!)) len++;
  return { len, descending: false };
}

/** Binary insertion of keys[start..n) into the sorted prefix, moving values in tandem. */
function binaryInsertion(keys: PyValue[], values: PyValue[] | null, start: number, n: number): void {
  for (let i = start; i < n; i++) {
    const pivot = keys[i]!;
    let l = 0, r = i;
    while (l < r) {
      const p = l + ((r - l) >> 1);
      if (lt(pivot, keys[p]!)) r = p; else l = p + 1;
    }
    // Only now is anything moved, so a failing comparison leaves element i where it was.
    const v = values ? values[i]! : null;
    for (let j = i; j > l; j--) { keys[j] = keys[j - 1]!; if (values) values[j] = values[j - 1]!; }
    keys[l] = pivot;
    if (values) values[l] = v;
  }
}

/** Sort `items` in place by `keys` (null: the items are their own keys). */
export function timsortSmallOrStable(items: PyValue[], keys: PyValue[] | null, reverse: boolean): void {
  const n = items.length;
  const k = keys ?? items;
  const vals = keys ? items : null;
  if (reverse) { reverseRange(k, 0, n); if (vals) reverseRange(vals, 0, n); }
  try {
    if (n < 64) {
      const run = countRun(k, n);
      if (run.descending) { reverseRange(k, 0, run.len); if (vals) reverseRange(vals, 0, run.len); }
      binaryInsertion(k, vals, run.len, n);
    } else {
      const order = k.map((key, i) => ({ key, v: items[i]! }));
      order.sort((a, b) => (lt(a.key, b.key) ? -1 : lt(b.key, a.key) ? 1 : 0));
      for (let i = 0; i < n; i++) { k[i] = order[i]!.key; if (vals) vals[i] = order[i]!.v; }
    }
  } finally {
    if (reverse) { reverseRange(k, 0, n); if (vals) reverseRange(vals, 0, n); }
  }
}
