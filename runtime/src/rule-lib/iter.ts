/** Iteration protocol for generated `for` loops and the builtins that consume iterables. */
import { PyDict, PyDictView, PyIterator, PyList, PyRange, PySet, PyTuple, StructTime, typeName, type PyValue } from './values.js';
import { PyError, typeError } from './errors.js';
import { codePoints } from './strings.js';
import type { Budget } from './budget.js';
import { UNLIMITED } from './budget.js';

function overArray(name: string, items: readonly PyValue[]): PyIterator {
  let i = 0;
  return new PyIterator(name, () => (i < items.length ? items[i++]! : undefined));
}

/** Iterate a snapshot, failing as CPython does when the dict or set changes size meanwhile. */
function sized(name: string, items: readonly PyValue[], owner: PyDict | PySet, what: string): PyIterator {
  const size = owner.size;
  let i = 0;
  return new PyIterator(name, () => {
    if (owner.size !== size) throw new PyError('RuntimeError', `${what} changed size during iteration`);
    return i < items.length ? items[i++]! : undefined;
  });
}

/** iter(x). Lists iterate live (appending while looping is seen, as in Python). */
export function iter(x: PyValue): PyIterator {
  if (x instanceof PyIterator) return x;
  if (x instanceof PyList) {
    let i = 0;
    return new PyIterator('list_iterator', () => (i < x.items.length ? x.items[i++]! : undefined));
  }
  if (typeof x === 'string') return overArray('str_iterator', codePoints(x));
  if (x instanceof PyTuple) return overArray('tuple_iterator', x.items);
  if (x instanceof PyDict) return sized('dict_keyiterator', x.entries().map((e) => e.k), x, 'dictionary');
  if (x instanceof PySet) return sized('set_iterator', x.values(), x, 'Set');
  if (x instanceof PyDictView) return sized(`dict_${x.which.slice(0, -1)}iterator`, x.items(), x.dict, 'dictionary');
  if (x instanceof StructTime) return overArray('tuple_iterator', x.fields);
  if (x instanceof PyRange) {
    let i = 0n;
    const n = x.length;
    return new PyIterator('range_iterator', () => (i < n ? x.start + x.step * i++ : undefined));
  }
  throw typeError(`'${typeName(x)}' object is not iterable`);
}

/** next(it): the next value, or undefined when exhausted. */
export const next = (it: PyIterator): PyValue | undefined => it.nextFn();

/** Materialise an iterable, charging the budget one step per element. */
export function toArray(x: PyValue, st: Budget = UNLIMITED): PyValue[] {
  if (x instanceof PyList || x instanceof PyTuple) { st.charge(x.items.length); return x.items.slice(); }
  const it = iter(x);
  const out: PyValue[] = [];
  for (let v = it.nextFn(); v !== undefined; v = it.nextFn()) { st.tick(); out.push(v); }
  return out;
}
