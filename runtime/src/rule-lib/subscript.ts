/** Indexing and slicing with CPython's index adjustment (spec §4.9). */
import { PyDict, PyList, PyRange, PyTuple, StructTime, typeName, type PyValue } from './values.js';
import { PyError, indexError, typeError, valueError } from './errors.js';
import { normKey } from './keys.js';
import { repr } from './repr.js';
import { asIndex } from './convert.js';
import { codePoints, hasSurrogates } from './strings.js';
import { toArray } from './iter.js';

function seqIndex(v: PyValue, len: number, kind: string): number {
  const i = asIndex(v, `${kind} indices must be integers or slices, not %s`);
  const j = i < 0n ? i + BigInt(len) : i;
  if (j < 0n || j >= BigInt(len)) throw indexError(`${kind} index out of range`);
  return Number(j);
}

export function getitem(obj: PyValue, key: PyValue): PyValue {
  if (obj instanceof PyList) return obj.items[seqIndex(key, obj.items.length, 'list')]!;
  if (obj instanceof PyDict) {
    const e = obj.getNorm(normKey(key));
    if (!e) throw new PyError('KeyError', repr(key));
    return e.v;
  }
  if (typeof obj === 'string') {
    if (!hasSurrogates(obj)) return obj[seqIndex(key, obj.length, 'string')]!;
    const cps = codePoints(obj);
    return cps[seqIndex(key, cps.length, 'string')]!;
  }
  if (obj instanceof PyTuple) return obj.items[seqIndex(key, obj.items.length, 'tuple')]!;
  if (obj instanceof StructTime) return obj.fields[seqIndex(key, obj.fields.length, 'tuple')]!;
  if (obj instanceof PyRange) {
    const i = asIndex(key, 'range indices must be integers or slices, not %s');
    const n = obj.length;
    const j = i < 0n ? i + n : i;
    if (j < 0n || j >= n) throw indexError('range object index out of range');
    return obj.start + j * obj.step;
  }
  throw typeError(`'${typeName(obj)}' object is not subscriptable`);
}

export function setitem(obj: PyValue, key: PyValue, value: PyValue): void {
  if (obj instanceof PyList) {
    const i = asIndex(key, 'list indices must be integers or slices, not %s');
    const j = i < 0n ? i + BigInt(obj.items.length) : i;
    if (j < 0n || j >= BigInt(obj.items.length)) throw indexError('list assignment index out of range');
    obj.items[Number(j)] = value;
    return;
  }
  if (obj instanceof PyDict) { obj.setNorm(normKey(key), key, value); return; }
  throw typeError(`'${typeName(obj)}' object does not support item assignment`);
}

/** PySlice_AdjustIndices: the selected positions of a slice over a sequence of length len. */
export function sliceIndices(len: number, start: PyValue, stop: PyValue, step: PyValue): { start: number; step: number; count: number } {
  const msg = 'slice indices must be integers or None or have an __index__ method';
  const st = step === null ? 1n : asIndex(step, msg);
  if (st === 0n) throw valueError('slice step cannot be zero');
  const n = BigInt(len);
  const [lower, upper] = st > 0n ? [0n, n] : [-1n, n - 1n];
  const adjust = (v: PyValue, dflt: bigint): bigint => {
    if (v === null) return dflt;
    let i = asIndex(v, msg);
    if (i < 0n) { i += n; if (i < lower) i = lower; } else if (i > upper) i = upper;
    return i;
  };
  const a = adjust(start, st > 0n ? lower : upper);
  const b = adjust(stop, st > 0n ? upper : lower);
  let count = 0n;
  if (st > 0n && b > a) count = (b - a - 1n) / st + 1n;
  if (st < 0n && a > b) count = (a - b - 1n) / -st + 1n;
  const clampStep = st > n + 1n ? n + 1n : st < -n - 1n ? -n - 1n : st; // count is 0 or 1 beyond this
  return { start: Number(a), step: Number(clampStep), count: Number(count) };
}

function pick<T>(items: readonly T[], s: { start: number; step: number; count: number }): T[] {
  if (s.step === 1) return items.slice(s.start, s.start + s.count);
  const out: T[] = [];
  for (let i = 0, j = s.start; i < s.count; i++, j += s.step) out.push(items[j]!);
  return out;
}

export function getslice(obj: PyValue, start: PyValue, stop: PyValue, step: PyValue): PyValue {
  if (typeof obj === 'string') {
    const cps = hasSurrogates(obj) ? codePoints(obj) : null;
    const len = cps ? cps.length : obj.length;
    const s = sliceIndices(len, start, stop, step);
    if (!cps && s.step === 1) return obj.slice(s.start, s.start + s.count);
    return pick(cps ?? obj.split(''), s).join('');
  }
  if (obj instanceof PyList) return new PyList(pick(obj.items, sliceIndices(obj.items.length, start, stop, step)));
  if (obj instanceof PyTuple) return new PyTuple(pick(obj.items, sliceIndices(obj.items.length, start, stop, step)));
  if (obj instanceof StructTime) return new PyTuple(pick(obj.fields, sliceIndices(obj.fields.length, start, stop, step)));
  if (obj instanceof PyRange) {
    const s = sliceIndices(Number(obj.length), start, stop, step);
    const first = obj.start + BigInt(s.start) * obj.step;
    const st = obj.step * BigInt(s.step);
    return new PyRange(first, first + st * BigInt(s.count), st);
  }
  throw typeError(`'${typeName(obj)}' object is not subscriptable`);
}

export function setslice(obj: PyValue, start: PyValue, stop: PyValue, step: PyValue, value: PyValue): void {
  if (!(obj instanceof PyList)) throw typeError(`'${typeName(obj)}' object does not support item assignment`);
  const items = toArray(value);
  const s = sliceIndices(obj.items.length, start, stop, step);
  if (step === null || s.step === 1) {
    // A plain slice may grow or shrink the list; stop before start means an empty range at start.
    // (Rebuilt rather than spliced: spreading a long list as arguments overflows the stack.)
    obj.items = [...obj.items.slice(0, s.start), ...items, ...obj.items.slice(s.start + s.count)];
    return;
  }
  if (items.length !== s.count) {
    throw valueError(`attempt to assign sequence of size ${items.length} to extended slice of size ${s.count}`);
  }
  for (let i = 0, j = s.start; i < s.count; i++, j += s.step) obj.items[j] = items[i]!;
}
