/**
 * Symbol-table functions callable by name (spec §2.2–2.3): the effective
 * meaning of each name after numpy and math replaced some builtins.
 */
import { F64, I64, PyFunc, PyTuple, type PyValue } from './values.js';
import { typeError } from './errors.js';
import type { Budget } from './budget.js';
import * as B from './builtins.js';
import * as N from './numpy-fns.js';
import { fsum, mathPow } from './math-fns.js';
import { divmod } from './arith.js';
import { toInt, toFloat, toBool } from './convert.js';
import { repr, str } from './repr.js';
import { format } from './format-spec.js';
import { gmtime, localtime, mktime, strftime, strptime } from './time-fns.js';

export interface CallEnv { readonly st: Budget; clock: number }
type Impl = (args: PyValue[], kw: B.Kw, env: CallEnv) => PyValue;

const a0 = (args: PyValue[], name: string): PyValue => {
  if (args.length < 1) throw typeError(`${name}() takes at least 1 argument (0 given)`);
  return args[0]!;
};

const TABLE: Record<string, Impl> = {
  len: (a) => B.len(a0(a, 'len')),
  range: (a) => B.range(a0(a, 'range'), a[1], a[2]),
  enumerate: (a, kw) => B.enumerate(a0(a, 'enumerate'), a[1] ?? kw['start'] ?? 0n),
  zip: (a) => B.zip(...a),
  map: (a) => B.map(a0(a, 'map'), ...a.slice(1)),
  filter: (a) => B.filter(a0(a, 'filter'), a[1] ?? null),
  reversed: (a) => B.reversed(a0(a, 'reversed')),
  list: (a, _, e) => B.list(a[0], e.st),
  tuple: (a, _, e) => B.tuple(a[0], e.st),
  set: (a, _, e) => B.set(a[0], e.st),
  dict: (a, kw, e) => B.dict(a[0], kw, e.st),
  sorted: (a, kw, e) => B.sorted(a0(a, 'sorted'), kw, e.st),
  min: (a, kw, e) => B.min(a, kw, e.st),
  max: (a, kw, e) => B.max(a, kw, e.st),
  chr: (a) => B.chr(a0(a, 'chr')),
  ord: (a) => B.ord(a0(a, 'ord')),
  hex: (a) => B.hex(a0(a, 'hex')),
  oct: (a) => B.oct(a0(a, 'oct')),
  bin: (a) => B.bin(a0(a, 'bin')),
  isinstance: (a) => B.isinstance(a0(a, 'isinstance'), a[1] ?? null),
  type: (a) => B.type(a0(a, 'type')),
  divmod: (a) => divmod(a0(a, 'divmod'), a[1] ?? null),
  int: (a, kw) => (a.length === 0 ? 0n : toInt(a[0]!, a[1] ?? kw['base'])),
  float: (a) => (a.length === 0 ? 0 : toFloat(a[0]!)),
  bool: (a) => (a.length === 0 ? false : toBool(a[0]!)),
  str: (a) => (a.length === 0 ? '' : str(a[0]!)),
  repr: (a) => repr(a0(a, 'repr')),
  format: (a) => format(a0(a, 'format'), a[1] === undefined ? '' : specArg(a[1])),
  factorial: (a, _, e) => B.factorial(a0(a, 'factorial'), e.st),
  fsum: (a, _, e) => fsum(a0(a, 'fsum'), e.st),
  pow: (a) => mathPow(a0(a, 'pow'), a[1] ?? null),
  abs: (a) => N.abs(a0(a, 'abs')),
  all: (a, _, e) => N.all(a0(a, 'all'), e.st),
  any: (a, _, e) => N.any(a0(a, 'any'), e.st),
  round: (a, kw) => N.round(a0(a, 'round'), a[1] ?? kw['decimals'] ?? 0n),
  sum: (a, _, e) => N.sum(a0(a, 'sum'), e.st),
  sign: (a) => N.sign(a0(a, 'sign')),
  square: (a) => N.square(a0(a, 'square')),
  clip: (a) => N.clip(a0(a, 'clip'), a[1] ?? null, a[2] ?? null),
  frexp: (a) => frexp(a0(a, 'frexp')),
  modf: (a) => modf(a0(a, 'modf')),
  'time.time': (_a, _k, e) => e.clock,
  'time.gmtime': (a, _k, e) => gmtime(e.clock, a[0]),
  'time.localtime': (a, _k, e) => localtime(e.clock, a[0]),
  'time.mktime': (a) => mktime(a0(a, 'mktime')),
  'time.strftime': (a, _k, e) => strftime(e.clock, a0(a, 'strftime'), a[1]),
  'time.strptime': (a) => strptime(a0(a, 'strptime'), a[1] ?? null),
};

function specArg(v: PyValue): string {
  if (typeof v !== 'string') throw typeError(`format() argument 2 must be str, not ${B.type(v)}`);
  return v;
}

/** numpy frexp: (mantissa in [0.5, 1), exponent); numpy's exponent is int32, modelled as int64. */
function frexp(v: PyValue): PyTuple {
  const x = toFloat(v);
  if (x === 0 || !Number.isFinite(x)) return new PyTuple([new F64(x), new I64(0n)]);
  let e = Math.floor(Math.log2(Math.abs(x))) + 1;
  let m = x / 2 ** e;
  if (Math.abs(m) >= 1) { m /= 2; e += 1; } else if (Math.abs(m) < 0.5) { m *= 2; e -= 1; }
  return new PyTuple([new F64(m), new I64(BigInt(e))]);
}

/** numpy modf: (fractional part, integral part), both float64 with the sign of x. */
function modf(v: PyValue): PyTuple {
  const x = toFloat(v);
  if (!Number.isFinite(x)) return new PyTuple([new F64(x !== x ? x : x > 0 ? 0 : -0), new F64(x)]);
  const i = Math.trunc(x);
  const f = x - i;
  return new PyTuple([new F64(f === 0 && (x < 0 || Object.is(x, -0)) ? -0 : f), new F64(i)]);
}

for (const n of ['ceil', 'floor', 'trunc', 'sqrt', 'exp', 'log', 'log10', 'log1p', 'log2', 'exp2', 'expm1', 'fabs', 'rint',
  'sin', 'cos', 'tan', 'sinh', 'cosh', 'tanh', 'arcsin', 'arccos', 'arctan', 'arcsinh', 'arccosh', 'arctanh', 'degrees', 'radians']) {
  TABLE[n] = (a) => N.ufunc1(n, a0(a, n));
}
TABLE['around'] = TABLE['round_'] = TABLE['round']!;
for (const n of ['isnan', 'isinf', 'isfinite']) TABLE[n] = (a) => N.predicate(n, a0(a, n));
for (const n of ['maximum', 'minimum', 'fmax', 'fmin', 'power', 'mod', 'remainder', 'floor_divide', 'true_divide', 'fmod',
  'copysign', 'hypot', 'arctan2', 'ldexp']) {
  TABLE[n] = (a) => N.ufunc2(n, a0(a, n), a[1] ?? null);
}
for (const n of ['mean', 'average', 'median', 'amax', 'amin', 'nanmax', 'nanmin', 'var', 'std', 'prod', 'product', 'nansum']) {
  TABLE[n] = (a, _, e) => N.reduce(n, a0(a, n), e.st);
}
TABLE['percentile'] = (a, kw, e) => N.percentile(a0(a, 'percentile'), a[1] ?? kw['q'] ?? null, e.st);
const ALIASES: Record<string, string> = {
  ln: 'log', asin: 'arcsin', acos: 'arccos', atan: 'arctan', atan2: 'arctan2', asinh: 'arcsinh', acosh: 'arccosh', atanh: 'arctanh',
};
for (const [a, b] of Object.entries(ALIASES)) TABLE[a] = TABLE[b]!;

/** Every name `call` and `fn` accept (symbol-table functions and `time.*`), for the compiler's checks. */
export const SYMBOL_NAMES: readonly string[] = Object.freeze(Object.keys(TABLE).sort());

/** Keyword arguments each callee accepts (spec §1.6); `round(x, ndigits=)` is a TypeError, as in the reference. */
const KEYWORDS: Record<string, readonly string[]> = {
  enumerate: ['start'], int: ['base'], sorted: ['key', 'reverse'], min: ['key', 'default'], max: ['key', 'default'],
  round: ['decimals'], around: ['decimals'], round_: ['decimals'], percentile: ['q'],
};

export function callByName(name: string, args: PyValue[], kw: B.Kw, env: CallEnv): PyValue {
  const f = TABLE[name];
  if (!f) throw new Error(`no symbol-table function named ${name}`); // a compiler defect, not a rule error
  if (name !== 'dict') {
    for (const k in kw) {
      if (!(KEYWORDS[name] ?? []).includes(k)) throw typeError(`${name}() got an unexpected keyword argument '${k}'`);
    }
  }
  return f(args, kw, env);
}

export function builtinValue(name: string, env: CallEnv): PyFunc {
  if (!TABLE[name]) throw typeError(`no symbol-table function named ${name}`);
  return new PyFunc(name, (args) => TABLE[name]!(args, {}, env));
}
