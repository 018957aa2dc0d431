/** Set algebra shared by the operators (`| & - ^`) and the set methods. */
import { PySet, type PyValue } from './values.js';
import { normKey } from './keys.js';

export function setFrom(values: Iterable<PyValue>): PySet {
  const s = new PySet();
  for (const v of values) s.addNorm(normKey(v), v);
  return s;
}

/** `a op b`; with `into` given (augmented assignment) the result replaces into's contents. */
export function setOp(op: '-' | '&' | '|' | '^', a: PySet, b: PySet, into?: PySet): PySet {
  let r: PyValue[];
  const inB = (v: PyValue): boolean => b.hasNorm(normKey(v));
  const inA = (v: PyValue): boolean => a.hasNorm(normKey(v));
  switch (op) {
    case '|': r = [...a.values(), ...b.values()]; break;
    // CPython walks the smaller set (the right one on a tie) and keeps the elements it walks.
    case '&': r = b.size > a.size ? a.values().filter(inB) : b.values().filter(inA); break;
    case '-': r = a.values().filter((v) => !inB(v)); break;
    case '^': r = [...a.values().filter((v) => !inB(v)), ...b.values().filter((v) => !inA(v))]; break;
  }
  if (!into) return setFrom(r);
  into.clear();
  for (const v of r) into.addNorm(normKey(v), v);
  return into;
}
