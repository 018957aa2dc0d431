/** The math names the symbol table keeps: pow (always float), fsum (exact), factorial in builtins.ts. */
import { typeName, type PyValue } from './values.js';
import { typeError, valueError, overflow } from './errors.js';
import { NK, nk, prim, toFloat } from './numeric.js';
import { cPow } from './float-pow.js';
import { decompose, ratioToDouble } from './exact.js';
import { toArray } from './iter.js';
import { UNLIMITED, type Budget } from './budget.js';

function real(v: PyValue): number {
  if (nk(v) === NK.Not) throw typeError(`must be real number, not ${typeName(v)}`);
  return toFloat(prim(v));
}

/** math.pow: C pow with Python's errors: domain → ValueError, overflow → OverflowError. */
export function mathPow(a: PyValue, b: PyValue): number {
  const x = real(a), y = real(b);
  const r = cPow(x, y);
  if (r !== r && x === x && y === y) throw valueError('math domain error');
  if (x === 0 && y < 0 && Number.isFinite(y)) throw valueError('math domain error');
  if (!Number.isFinite(r) && Number.isFinite(x) && Number.isFinite(y)) throw overflow('math range error');
  return r;
}

/** 2^1024 - 2^970 on the 2^-1074 grid: sums from here on round to infinity. */
const OVERFLOW_AT = (2n ** 1024n - 2n ** 970n) << 1074n;

/** math.fsum: the correctly rounded sum, computed exactly over a 2^-1074 grid. */
export function fsum(v: PyValue, st: Budget = UNLIMITED): number {
  const xs = toArray(v, st).map((x) => real(x));
  let sawNan = false, pinf = false, ninf = false;
  let acc = 0n;
  for (const x of xs) {
    if (x !== x) { sawNan = true; continue; }
    if (x === Infinity) { pinf = true; continue; }
    if (x === -Infinity) { ninf = true; continue; }
    const { mant, exp } = decompose(x);
    const scaled = mant << BigInt(exp + 1074);
    acc += x < 0 ? -scaled : scaled;
    // CPython's partials overflow as soon as a running sum leaves the double range.
    if ((acc < 0n ? -acc : acc) >= OVERFLOW_AT) throw overflow('intermediate overflow in fsum');
  }
  if (pinf && ninf) throw valueError('-inf + inf in fsum');
  if (sawNan) return NaN;
  if (pinf) return Infinity;
  if (ninf) return -Infinity;
  const r = ratioToDouble(acc, 1n << 1074n);
  if (!Number.isFinite(r)) throw overflow('intermediate overflow in fsum');
  return r === 0 && xs.length > 0 && xs.every((x) => Object.is(x, -0)) ? -0 : r;
}
