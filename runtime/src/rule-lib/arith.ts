/**
 * Python's arithmetic and bitwise operators over the runtime's value kinds:
 * Python int/float/bool semantics, numpy scalar promotion (spec §2.4), sequence
 * concatenation/repetition, and asteval's resource limits (spec §2.5).
 * Each exported operator has an allocation-free fast path for the common
 * bigint×bigint and number×number cases.
 */
import { B8, F64, I64, PyList, PySet, PyTuple, b8, typeName, type PyValue } from './values.js';
import { PyError, typeError, valueError, zeroDiv, overflow } from './errors.js';
import {
  NK, nk, prim, asBig, toFloat, intTrueDiv, intFloorDiv, intMod, floatDivmod, floatMod, wrap64,
  INT64_MIN, INT64_MAX, UINT64_END,
} from './numeric.js';
import { cPow } from './float-pow.js';
import { Budget, UNLIMITED, MAX_EXPONENT, MAX_SHIFT, MAX_STR_LEN, chargeLinear, chargeProduct } from './budget.js';
import { setOp } from './set-ops.js';
import { percentFormat } from './percent-format.js';
import { cpLength } from './strings.js';
import { toArray } from './iter.js';

export type BinOp = '+' | '-' | '*' | '/' | '//' | '%' | '**' | '<<' | '>>' | '&' | '|' | '^';

const unsupported = (op: string, a: PyValue, b: PyValue): PyError =>
  typeError(`unsupported operand type(s) for ${op}: '${typeName(a)}' and '${typeName(b)}'`);

function pyFloatPow(x: number, y: number): number {
  if (y === 0) return 1;
  // CPython settles nan and infinite exponents before it rejects a zero base.
  if (x === 0 && y < 0 && Number.isFinite(y)) throw zeroDiv('0.0 cannot be raised to a negative power');
  if (x < 0 && Number.isFinite(x) && Number.isFinite(y) && !Number.isInteger(y)) {
    // CPython computes a complex power here, which can overflow first; otherwise D9.
    if (!Number.isFinite(cPow(-x, y))) throw overflow('complex exponentiation');
    throw valueError('complex result not supported');
  }
  const r = cPow(x, y);
  if (!Number.isFinite(r) && Number.isFinite(x) && Number.isFinite(y)) throw overflow('(34, \'Numerical result out of range\')');
  return r;
}

function pyInt(op: BinOp, x: bigint, y: bigint, st: Budget): PyValue {
  switch (op) {
    case '+': chargeLinear(x, y); return x + y;
    case '-': chargeLinear(x, y); return x - y;
    case '*': chargeProduct(x, y); return x * y;
    case '/': chargeProduct(x, y); return intTrueDiv(x, y);
    case '//': if (y === 0n) throw zeroDiv('integer division or modulo by zero'); chargeProduct(x, y); return intFloorDiv(x, y);
    case '%': if (y === 0n) throw zeroDiv('integer division or modulo by zero'); chargeProduct(x, y); return intMod(x, y);
    case '**': {
      if (y < 0n) return pyFloatPow(toFloat(x), toFloat(y));
      if (x === 0n || x === 1n || y === 0n) return y === 0n ? 1n : x;
      if (x === -1n) return (y & 1n) === 1n ? -1n : 1n;
      // The result has about y times x's words; the last squarings cost like multiplying two of those.
      const words = (Number(y) * (x < 0n ? -x : x).toString(16).length) / 16;
      st.charge(words / 4 + (words * words) / 1024);
      return x ** y;
    }
    case '<<':
      if (y < 0n) throw valueError('negative shift count');
      st.charge(Number(y) / 64);
      chargeLinear(x);
      return x << y;
    case '>>':
      if (y < 0n) throw valueError('negative shift count');
      chargeLinear(x);
      return x >> y;
    case '&': chargeLinear(x, y); return x & y;
    case '|': chargeLinear(x, y); return x | y;
    case '^': chargeLinear(x, y); return x ^ y;
  }
}

function pyFloat(op: BinOp, x: number, y: number, a: PyValue, b: PyValue): number {
  switch (op) {
    case '+': return x + y;
    case '-': return x - y;
    case '*': return x * y;
    case '/': if (y === 0) throw zeroDiv('float division by zero'); return x / y;
    case '//': if (y === 0) throw zeroDiv('float divmod()'); return floatDivmod(x, y)[0];
    case '%': if (y === 0) throw zeroDiv('float modulo'); return floatMod(x, y);
    case '**': return pyFloatPow(x, y);
    default: throw unsupported(op, a, b);
  }
}

function npFloat(op: BinOp, x: number, y: number, a: PyValue, b: PyValue): F64 {
  switch (op) {
    case '+': return new F64(x + y);
    case '-': return new F64(x - y);
    case '*': return new F64(x * y);
    case '/': return new F64(x / y);
    case '//': return new F64(y === 0 ? x / y : floatDivmod(x, y)[0]);
    case '%': return new F64(y === 0 ? NaN : floatMod(x, y));
    case '**': return new F64(cPow(x, y));
    default: throw unsupported(op, a, b);
  }
}

function wrappingPow(x: bigint, y: bigint): bigint {
  let r = 1n;
  while (y > 0n) {
    if (y & 1n) r = wrap64(r * x);
    x = wrap64(x * x);
    y >>= 1n;
  }
  return r;
}

function npInt(op: BinOp, x: bigint, y: bigint): PyValue {
  switch (op) {
    case '+': return new I64(wrap64(x + y));
    case '-': return new I64(wrap64(x - y));
    case '*': return new I64(wrap64(x * y));
    case '/': return new F64(Number(x) / Number(y));
    case '//': return new I64(y === 0n ? 0n : wrap64(intFloorDiv(x, y)));
    case '%': return new I64(y === 0n ? 0n : intMod(x, y));
    case '**':
      if (y < 0n) throw valueError('Integers to negative integer powers are not allowed.');
      return new I64(wrappingPow(x, y));
    case '<<': return new I64(y < 0n || y >= 64n ? 0n : wrap64(x << y));
    case '>>': return new I64(y < 0n || y >= 64n ? (x < 0n ? -1n : 0n) : x >> y);
    case '&': return new I64(x & y);
    case '|': return new I64(x | y);
    case '^': return new I64(x ^ y);
  }
}

function npBool(op: BinOp, x: boolean, y: boolean): PyValue {
  switch (op) {
    case '+': case '|': return b8(x || y);
    case '*': case '&': return b8(x && y);
    case '^': return b8(x !== y);
    case '-': throw typeError('numpy boolean subtract, the `-` operator, is not supported, use the bitwise_xor, the `^` operator, or the logical_xor function instead.');
    case '/': return new F64(Number(x) / Number(y));
    default: return npInt(op, asBig(x), asBig(y)); // numpy gives int8 here; int64 is the nearest modelled kind
  }
}

/** Arithmetic where at least one operand is a numpy scalar. */
function numpyArith(op: BinOp, a: PyValue, b: PyValue, ka: NK, kb: NK, st: Budget): PyValue {
  const pa = prim(a), pb = prim(b);
  // A Python int outside int64 turns numpy's operand into an object: plain Python arithmetic,
  // except that [2**63, 2**64) is uint64, which mixes with int64 as float64.
  let floatish = ka === NK.Float || ka === NK.F64 || kb === NK.Float || kb === NK.F64;
  for (const p of [pa, pb]) {
    if (typeof p === 'bigint' && (p < INT64_MIN || p > INT64_MAX)) {
      if (p < 0n || p >= UINT64_END) return arith(op, pa, pb, st);
      if (op === '<<' || op === '>>' || op === '&' || op === '|' || op === '^') throw unsupported(op, a, b); // int64 with uint64
      floatish = true;
    }
  }
  if (floatish) {
    if (op === '<<' || op === '>>' || op === '&' || op === '|' || op === '^') throw unsupported(op, a, b);
    return npFloat(op, toFloat(pa), toFloat(pb), a, b);
  }
  if (ka === NK.Int || ka === NK.I64 || kb === NK.Int || kb === NK.I64) return npInt(op, asBig(pa), asBig(pb));
  return npBool(op, pa as boolean, pb as boolean);
}

function limitStr(n: number): void {
  if (n > MAX_STR_LEN) throw new PyError('RuntimeError', `String length exceeded maximum of ${MAX_STR_LEN}`);
}

/** Repetition count of `seq * n`: int, bool, int64 and bool_ qualify; floats do not. */
function repeatCount(n: PyValue): bigint | undefined {
  const k = nk(n);
  if (k === NK.Int || k === NK.Bool || k === NK.I64 || k === NK.B8) {
    const v = asBig(prim(n) as bigint | boolean);
    return v <= 0n ? 0n : v;
  }
  if (k !== NK.Not) throw typeError(`can't multiply sequence by non-int of type '${typeName(n)}'`);
  return undefined;
}

function repeat(seq: PyValue, n: PyValue, st: Budget): PyValue | undefined {
  const big = repeatCount(n);
  if (big === undefined) return undefined;
  // asteval's string limit comes first, then CPython's index-size check.
  if (typeof seq === 'string' && (nk(n) === NK.Int || nk(n) === NK.Bool)) limitStr(cpLength(seq) * Number(big));
  if (big > INT64_MAX) throw overflow("cannot fit 'int' into an index-sized integer");
  const count = Number(big);
  if (typeof seq === 'string') {
    st.charge(seq.length * count / 16);
    return seq.repeat(count);
  }
  const items = (seq as PyList | PyTuple).items;
  st.charge(items.length * count);
  const out: PyValue[] = [];
  for (let i = 0; i < count; i++) for (const x of items) out.push(x);
  return seq instanceof PyList ? new PyList(out) : new PyTuple(out);
}

const isSeq = (v: PyValue): boolean => typeof v === 'string' || v instanceof PyList || v instanceof PyTuple;

/** Any binary operator (the dispatcher behind add, sub, … and the augmented forms on immutables). */
export function arith(op: BinOp, a: PyValue, b: PyValue, st: Budget = UNLIMITED): PyValue {
  const ka = nk(a), kb = nk(b);
  // asteval checks its limits on the right operand before looking at the left one.
  if (kb !== NK.Not && (op === '**' || op === '<<')) {
    const e = Number(prim(b));
    if (op === '**' && e > MAX_EXPONENT) throw new PyError('RuntimeError', `Invalid exponent, max exponent is ${MAX_EXPONENT}`);
    if (op === '<<' && e > MAX_SHIFT) throw new PyError('RuntimeError', `Invalid left shift, max left shift is ${MAX_SHIFT}`);
  }
  if (ka !== NK.Not && kb !== NK.Not) {
    if (ka <= NK.Float && kb <= NK.Float) {
      if (ka === NK.Float || kb === NK.Float) return pyFloat(op, toFloat(prim(a)), toFloat(prim(b)), a, b);
      const r = pyInt(op, asBig(a as bigint | boolean), asBig(b as bigint | boolean), st);
      // bool & | ^ bool stays a bool
      if (ka === NK.Bool && kb === NK.Bool && (op === '&' || op === '|' || op === '^')) return r === 1n;
      return r;
    }
    return numpyArith(op, a, b, ka, kb, st);
  }
  switch (op) {
    case '+':
      if (typeof a === 'string' && typeof b === 'string') { limitStr(cpLength(a) + cpLength(b)); st.charge((a.length + b.length) / 16); return a + b; }
      if (a instanceof PyList && b instanceof PyList) { st.charge(a.items.length + b.items.length); return new PyList([...a.items, ...b.items]); }
      if (a instanceof PyTuple && b instanceof PyTuple) { st.charge(a.items.length + b.items.length); return new PyTuple([...a.items, ...b.items]); }
      break;
    case '*': {
      const r = isSeq(a) ? repeat(a, b, st) : isSeq(b) ? repeat(b, a, st) : undefined;
      if (r !== undefined) return r;
      break;
    }
    case '%':
      if (typeof a === 'string') return percentFormat(a, b);
      break;
    case '-': case '&': case '|': case '^':
      if (a instanceof PySet && b instanceof PySet) return setOp(op, a, b);
      break;
    default:
  }
  throw unsupported(op, a, b);
}

/** A bigint that converts to a double exactly and cheaply (|n| <= 2**53). */
const SMALL = 2n ** 53n;
const small = (n: bigint): boolean => n <= SMALL && n >= -SMALL;
/** Both ints small enough that an operation on them needs no charge (the fast paths below). */
const MODEST = 1n << 4096n;
const modest = (a: bigint, b: bigint): boolean => a <= MODEST && a >= -MODEST && b <= MODEST && b >= -MODEST;

export function add(a: PyValue, b: PyValue, st?: Budget): PyValue {
  if (typeof a === 'bigint') {
    if (typeof b === 'bigint' && modest(a, b)) return a + b;
    if (typeof b === 'number' && small(a)) return Number(a) + b;
  } else if (typeof a === 'number') {
    if (typeof b === 'number') return a + b;
    if (typeof b === 'bigint' && small(b)) return a + Number(b);
  }
  return arith('+', a, b, st);
}

export function sub(a: PyValue, b: PyValue): PyValue {
  if (typeof a === 'bigint') {
    if (typeof b === 'bigint' && modest(a, b)) return a - b;
    if (typeof b === 'number' && small(a)) return Number(a) - b;
  } else if (typeof a === 'number') {
    if (typeof b === 'number') return a - b;
    if (typeof b === 'bigint' && small(b)) return a - Number(b);
  }
  return arith('-', a, b);
}

export function mul(a: PyValue, b: PyValue, st?: Budget): PyValue {
  if (typeof a === 'bigint') {
    if (typeof b === 'bigint' && modest(a, b)) return a * b;
    if (typeof b === 'number' && small(a)) return Number(a) * b;
  } else if (typeof a === 'number') {
    if (typeof b === 'number') return a * b;
    if (typeof b === 'bigint' && small(b)) return a * Number(b);
  }
  return arith('*', a, b, st);
}

export function truediv(a: PyValue, b: PyValue): PyValue {
  if (typeof a === 'number' && typeof b === 'number' && b !== 0) return a / b;
  return arith('/', a, b);
}

export function floordiv(a: PyValue, b: PyValue): PyValue {
  if (typeof a === 'bigint' && typeof b === 'bigint' && b !== 0n && modest(a, b)) return intFloorDiv(a, b);
  if (typeof a === 'number' && typeof b === 'number' && b !== 0) return floatDivmod(a, b)[0];
  return arith('//', a, b);
}

export function mod(a: PyValue, b: PyValue): PyValue {
  if (typeof a === 'bigint' && typeof b === 'bigint' && b !== 0n && modest(a, b)) return intMod(a, b);
  if (typeof a === 'number' && typeof b === 'number' && b !== 0) return floatMod(a, b);
  return arith('%', a, b);
}

export const pow = (a: PyValue, b: PyValue, st?: Budget): PyValue => arith('**', a, b, st);

/** divmod(): Python's for Python numbers, numpy's elementwise pair otherwise. */
export function divmod(a: PyValue, b: PyValue): PyTuple {
  const ka = nk(a), kb = nk(b);
  if (ka === NK.Float || kb === NK.Float) {
    if (ka <= NK.Float && kb <= NK.Float && ka !== NK.Not && kb !== NK.Not) {
      const y = toFloat(prim(b));
      if (y === 0) throw zeroDiv('float divmod()');
      return new PyTuple(floatDivmod(toFloat(prim(a)), y));
    }
  }
  return new PyTuple([arith('//', a, b), arith('%', a, b)]);
}

export function neg(a: PyValue): PyValue {
  switch (typeof a) {
    case 'bigint': return -a;
    case 'number': return -a;
    case 'boolean': return a ? -1n : 0n;
    default:
      if (a instanceof F64) return new F64(-a.v);
      if (a instanceof I64) return new I64(wrap64(-a.v));
      if (a instanceof B8) throw typeError('The numpy boolean negative, the `-` operator, is not supported, use the `~` operator or the logical_not function instead.');
      throw typeError(`bad operand type for unary -: '${typeName(a)}'`);
  }
}

export function pos(a: PyValue): PyValue {
  if (typeof a === 'boolean') return a ? 1n : 0n;
  if (nk(a) !== NK.Not) return a;
  throw typeError(`bad operand type for unary +: '${typeName(a)}'`);
}

export function invert(a: PyValue): PyValue {
  if (typeof a === 'bigint') return ~a;
  if (typeof a === 'boolean') return a ? -2n : -1n;
  if (a instanceof I64) return new I64(~a.v);
  if (a instanceof B8) return b8(!a.v);
  throw typeError(`bad operand type for unary ~: '${typeName(a)}'`);
}

/** Augmented assignment: lists and sets mutate in place (D3), everything else rebinds. */
export function inplace(op: BinOp, a: PyValue, b: PyValue, st: Budget = UNLIMITED): PyValue {
  if (a instanceof PyList) {
    if (op === '+') { for (const x of toArray(b, st)) a.items.push(x); return a; } // xs += iterable extends in place
    if (op === '*') {
      const r = repeat(a, b, st);
      if (r !== undefined) { a.items = (r as PyList).items; return a; }
    }
  }
  if (a instanceof PySet && b instanceof PySet && (op === '|' || op === '&' || op === '-' || op === '^')) {
    return setOp(op, a, b, a);
  }
  return arith(op, a, b, st);
}
