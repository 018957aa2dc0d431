/**
 * The Policy Keeper's symbol table as the product supports it (spec §2.2,
 * §2.3, §1.6, §1.7): every callable name with its arity, keyword arguments and
 * result type; the names that exist in the reference but not in rules
 * (RL203, with the reason); supported methods per receiver kind; the `time`
 * module.
 */
import { BOOL, BOOL_, FLOAT, FLOAT64, INT, INT64, NONE, STR, UNKNOWN, dict, elementOf, has, join, joinAll, list, only, tuple, type Atom, type Ty } from './types.js';

export interface Signature {
  readonly min: number;
  /** -1: any number of positional arguments. */
  readonly max: number;
  readonly keywords?: readonly string[];
  readonly result: (args: readonly Ty[]) => Ty;
  /** Where the name comes from, for RL303 ("the builtin function 'round'"). */
  readonly origin: 'builtin' | 'math' | 'numpy' | 'micado';
}

const elements = (t: Ty | undefined): Ty => (t ? joinAll(t.map((a) => elementOf(a) ?? UNKNOWN)) : UNKNOWN);
const sig = (origin: Signature['origin'], min: number, max: number, result: Ty | ((args: readonly Ty[]) => Ty), keywords?: readonly string[]): Signature => ({
  origin,
  min,
  max,
  result: typeof result === 'function' ? result : () => result,
  ...(keywords ? { keywords } : {}),
});

/** numpy's abs/round on a Python number: float64 for floats, int64 for ints. */
const numpyOf = (args: readonly Ty[]): Ty => {
  const t = args[0] ?? UNKNOWN;
  if (only(t, 'int', 'bool', 'int64')) return INT64;
  if (only(t, 'float', 'float64')) return FLOAT64;
  return join(FLOAT64, INT64);
};
const numpySum = (args: readonly Ty[]): Ty => {
  const el = elements(args[0]);
  if (only(el, 'int', 'bool', 'int64', 'bool_')) return INT64;
  if (has(el, 'float') || has(el, 'float64')) return FLOAT64;
  return join(FLOAT64, INT64);
};
const extreme = (args: readonly Ty[]): Ty => (args.length === 1 ? elements(args[0]) : joinAll(args));

const F64_1 = sig('numpy', 1, 1, FLOAT64);
const F64_2 = sig('numpy', 2, 2, FLOAT64);
const REDUCTION = sig('numpy', 1, 1, FLOAT64);

export const FUNCTIONS: ReadonlyMap<string, Signature> = new Map<string, Signature>([
  ...(['ceil', 'floor', 'trunc', 'sqrt', 'exp', 'log', 'log10', 'log1p', 'fabs', 'degrees', 'radians', 'sin', 'cos', 'tan', 'sinh', 'cosh', 'tanh', 'ln', 'asin', 'acos', 'atan', 'asinh', 'acosh', 'atanh', 'rint', 'sign', 'square', 'exp2', 'expm1', 'log2'] as const).map((n) => [n, F64_1] as const),
  ...(['fmod', 'copysign', 'hypot', 'ldexp', 'atan2', 'maximum', 'minimum', 'fmax', 'fmin', 'power', 'mod', 'remainder', 'floor_divide', 'true_divide'] as const).map((n) => [n, F64_2] as const),
  ...(['mean', 'median', 'std', 'var', 'average', 'amax', 'amin', 'prod', 'product', 'nansum', 'nanmax', 'nanmin'] as const).map((n) => [n, REDUCTION] as const),
  ['percentile', sig('numpy', 2, 2, FLOAT64)],
  ['clip', sig('numpy', 3, 3, FLOAT64)],
  ['isnan', sig('numpy', 1, 1, BOOL_)],
  ['isinf', sig('numpy', 1, 1, BOOL_)],
  ['isfinite', sig('numpy', 1, 1, BOOL_)],
  ['frexp', sig('numpy', 1, 1, tuple(join(FLOAT64, INT64)))],
  ['modf', sig('numpy', 1, 1, tuple(FLOAT64))],
  ['abs', sig('numpy', 1, 1, numpyOf)],
  ['round', sig('numpy', 1, 2, numpyOf, ['decimals'])],
  ['around', sig('numpy', 1, 2, numpyOf, ['decimals'])],
  ['round_', sig('numpy', 1, 2, numpyOf, ['decimals'])],
  ['sum', sig('numpy', 1, 1, numpySum)],
  ['all', sig('numpy', 1, 1, BOOL_)],
  ['any', sig('numpy', 1, 1, BOOL_)],
  ['pow', sig('math', 2, 2, FLOAT)],
  ['factorial', sig('math', 1, 1, INT)],
  ['fsum', sig('math', 1, 1, FLOAT)],
  ['bool', sig('builtin', 0, 1, BOOL)],
  ['int', sig('builtin', 0, 2, INT, ['base'])],
  ['float', sig('builtin', 0, 1, FLOAT)],
  ['str', sig('builtin', 0, 1, STR)],
  ['repr', sig('builtin', 1, 1, STR)],
  ['format', sig('builtin', 1, 2, STR)],
  ['chr', sig('builtin', 1, 1, STR)],
  ['hex', sig('builtin', 1, 1, STR)],
  ['oct', sig('builtin', 1, 1, STR)],
  ['bin', sig('builtin', 1, 1, STR)],
  ['ord', sig('builtin', 1, 1, INT)],
  ['len', sig('builtin', 1, 1, INT)],
  ['type', sig('builtin', 1, 1, STR)],
  ['isinstance', sig('builtin', 2, 2, BOOL)],
  ['max', sig('builtin', 1, -1, extreme, ['key', 'default'])],
  ['min', sig('builtin', 1, -1, extreme, ['key', 'default'])],
  ['divmod', sig('builtin', 2, 2, (a) => tuple(joinAll(a)))],
  ['range', sig('builtin', 1, 3, [{ k: 'range' }])],
  ['sorted', sig('builtin', 1, 1, (a) => list(elements(a[0])), ['key', 'reverse'])],
  ['list', sig('builtin', 0, 1, (a) => list(a[0] ? elements(a[0]) : [])) ],
  ['tuple', sig('builtin', 0, 1, (a) => tuple(a[0] ? elements(a[0]) : []))],
  ['set', sig('builtin', 0, 1, (a) => [{ k: 'set', of: a[0] ? elements(a[0]) : [] }])],
  ['dict', sig('builtin', 0, 1, dict(UNKNOWN, UNKNOWN))],
  ['enumerate', sig('builtin', 1, 2, (a) => [{ k: 'iterator', of: tuple(join(INT, elements(a[0]))) }], ['start'])],
  ['zip', sig('builtin', 0, -1, (a) => [{ k: 'iterator', of: tuple(joinAll(a.map(elements))) }])],
  ['map', sig('builtin', 2, -1, [{ k: 'iterator', of: UNKNOWN }])],
  ['filter', sig('builtin', 2, 2, (a) => [{ k: 'iterator', of: elements(a[1]) }])],
  ['reversed', sig('builtin', 1, 1, (a) => [{ k: 'iterator', of: elements(a[0]) }])],
  ['print', sig('builtin', 0, -1, NONE, ['sep', 'end'])],
]);

/**
 * MiCADO's optimiser advice, which the Policy Keeper binds for VM node policies only
 * (container rules get RL211): a fresh dict each call, with the keys valid, phase,
 * vm_number, reliability and error_msg.
 */
export const OPT_ADVICE = 'm_opt_advice';
export const OPT_ADVICE_SIGNATURE: Signature = sig('micado', 0, 0, dict(STR, joinAll([BOOL, STR, INT])));

/** Constants of the table (numpy's replace math's e and pi). */
export const CONSTANTS: ReadonlyMap<string, Ty> = new Map([
  ...(['e', 'pi', 'inf', 'Inf', 'infty', 'nan', 'NAN'] as const).map((n) => [n, FLOAT64] as const),
  ['True', BOOL],
  ['False', BOOL],
  ['None', NONE],
]);

const EXCEPTIONS = ['BaseException', 'Exception', 'ArithmeticError', 'AssertionError', 'AttributeError', 'EOFError', 'FloatingPointError', 'IndexError', 'KeyError', 'LookupError', 'MemoryError', 'NameError', 'NotImplementedError', 'OSError', 'IOError', 'OverflowError', 'RecursionError', 'RuntimeError', 'StopIteration', 'SyntaxError', 'SystemError', 'TypeError', 'UnicodeError', 'ValueError', 'ZeroDivisionError', 'Warning', 'UserWarning', 'DeprecationWarning'];
const NUMPY_ARRAYS = ['array', 'asarray', 'arange', 'linspace', 'logspace', 'zeros', 'ones', 'empty', 'full', 'eye', 'identity', 'where', 'unique', 'cumsum', 'cumprod', 'sort', 'argsort', 'argmax', 'argmin', 'diff', 'concatenate', 'stack', 'hstack', 'vstack', 'reshape', 'transpose', 'dot', 'cross', 'outer', 'histogram', 'convolve', 'polyfit', 'polyval', 'interp', 'digitize', 'tile', 'repeat', 'flip', 'ravel', 'nonzero', 'count_nonzero', 'ndarray', 'matrix'];
const NUMPY_OTHER = ['random', 'linalg', 'fft', 'ma', 'float32', 'float16', 'int32', 'int16', 'int8', 'uint8', 'uint32', 'uint64', 'float64', 'int64', 'bool_', 'datetime64', 'timedelta64', 'nanmean', 'nanmedian', 'nanstd', 'quantile', 'ptp', 'cbrt', 'gcd', 'lcm', 'deg2rad', 'rad2deg', 'arcsin', 'arccos', 'arctan', 'arctan2', 'arcsinh', 'arccosh', 'arctanh', 'fix', 'isclose', 'allclose', 'array_equal', 'logical_and', 'logical_or', 'logical_not', 'logical_xor', 'sinc', 'heaviside', 'nan_to_num', 'real', 'imag', 'conj', 'angle', 'absolute', 'negative', 'positive', 'reciprocal', 'add', 'subtract', 'multiply', 'divide', 'floor_divide_', 'greater', 'less', 'equal', 'not_equal'];

/** Names the reference binds but rules cannot use, with the reason (RL203). */
export const NOT_AVAILABLE: ReadonlyMap<string, string> = new Map<string, string>([
  ['open', 'rules cannot read files (MiCADO opens them read-only inside its container, which the product does not reproduce)'],
  ['id', 'object identities differ from run to run'],
  ['hash', 'hashes are not deterministic (string hashes are randomised per process)'],
  ['dir', 'rules cannot inspect objects'],
  ['bytes', 'the product does not model bytes'],
  ['bytearray', 'the product does not model bytes'],
  ['complex', 'the product does not model complex numbers'],
  ['frozenset', 'the product does not model frozen sets'],
  ['slice', 'the product does not model slice objects; write x[i:j] instead'],
  ...EXCEPTIONS.map((n) => [n, 'rules have no try or raise to use exception classes with'] as const),
  ...NUMPY_ARRAYS.map((n) => [n, 'it returns a numpy array, which the product does not model'] as const),
  ...NUMPY_OTHER.map((n) => [n, 'this numpy name is not supported by the product'] as const),
]);

/** Names every rule sees besides the functions and constants above. */
export const MODULES: ReadonlyMap<string, Ty> = new Map([
  ['time', [{ k: 'module', name: 'time' }] as Ty],
  ['requests', [{ k: 'module', name: 'requests' }] as Ty],
]);

/** A description of a symbol-table name for RL303, or undefined if `name` is not one. */
export function symbolDescription(name: string): string | undefined {
  const f = FUNCTIONS.get(name);
  if (f) return `${f.origin === 'builtin' ? 'the builtin' : `the ${f.origin}`} function '${name}'`;
  if (CONSTANTS.has(name)) return `the constant '${name}'`;
  if (MODULES.has(name)) return `the module '${name}'`;
  if (NOT_AVAILABLE.has(name)) return `the name '${name}'`;
  return undefined;
}

export const TIME_FUNCTIONS: ReadonlyMap<string, Signature> = new Map([
  ['time', sig('builtin', 0, 0, FLOAT)],
  ['gmtime', sig('builtin', 0, 1, [{ k: 'struct_time' }])],
  ['localtime', sig('builtin', 0, 1, [{ k: 'struct_time' }])],
  ['mktime', sig('builtin', 1, 1, FLOAT)],
  ['strptime', sig('builtin', 2, 2, [{ k: 'struct_time' }])],
  ['strftime', sig('builtin', 1, 2, STR)],
]);

/** strptime/strftime directives the product supports (C locale). */
export const TIME_DIRECTIVES = new Set('YmdHMSyjaAbBpIfzZ%');

type MethodResult = (self: Atom, args: readonly Ty[]) => Ty;
const m = (result: Ty | MethodResult, keywords?: readonly string[]) => ({ result: typeof result === 'function' ? result : () => result, ...(keywords ? { keywords } : {}) });
const own = (self: Atom): Ty => [self];
const el = (self: Atom): Ty => elements([self]);

const STR_METHODS: Record<string, ReturnType<typeof m>> = {
  ...Object.fromEntries(['replace', 'strip', 'lstrip', 'rstrip', 'lower', 'upper', 'capitalize', 'title', 'swapcase', 'join', 'format', 'zfill', 'center', 'ljust', 'rjust'].map((n) => [n, m(STR)])),
  ...Object.fromEntries(['startswith', 'endswith', 'isdigit', 'isdecimal', 'isnumeric', 'isalpha', 'isalnum', 'isspace', 'islower', 'isupper'].map((n) => [n, m(BOOL)])),
  ...Object.fromEntries(['find', 'rfind', 'index', 'rindex', 'count'].map((n) => [n, m(INT)])),
  split: m(list(STR), ['sep', 'maxsplit']),
  rsplit: m(list(STR), ['sep', 'maxsplit']),
  splitlines: m(list(STR), ['keepends']),
  partition: m(tuple(STR)),
  rpartition: m(tuple(STR)),
};
const LIST_METHODS: Record<string, ReturnType<typeof m>> = {
  ...Object.fromEntries(['append', 'extend', 'insert', 'remove', 'reverse', 'clear'].map((n) => [n, m(NONE)])),
  sort: m(NONE, ['key', 'reverse']),
  pop: m(el),
  index: m(INT),
  count: m(INT),
  copy: m(own),
};
const dictValue = (self: Atom): Ty => (self.k === 'dict' ? (self.value.length === 0 ? UNKNOWN : self.value) : UNKNOWN);
const DICT_METHODS: Record<string, ReturnType<typeof m>> = {
  get: m((self, args) => join(dictValue(self), args[1] ?? NONE)),
  keys: m((self) => [{ k: 'iterator', of: el(self) }]),
  values: m((self) => [{ k: 'iterator', of: dictValue(self) }]),
  items: m((self) => [{ k: 'iterator', of: tuple(join(el(self), dictValue(self))) }]),
  pop: m((self, args) => (args[1] ? join(dictValue(self), args[1]) : dictValue(self))),
  setdefault: m((self, args) => join(dictValue(self), args[1] ?? NONE)),
  update: m(NONE),
  copy: m(own),
  clear: m(NONE),
};
const SET_METHODS: Record<string, ReturnType<typeof m>> = {
  ...Object.fromEntries(['add', 'discard', 'remove', 'clear'].map((n) => [n, m(NONE)])),
  ...Object.fromEntries(['union', 'intersection', 'difference', 'symmetric_difference', 'copy'].map((n) => [n, m(own)])),
  ...Object.fromEntries(['issubset', 'issuperset', 'isdisjoint'].map((n) => [n, m(BOOL)])),
};
const FLOAT_METHODS = { is_integer: m(BOOL) };
const INT_METHODS = { bit_length: m(INT) };

/** The supported methods of a receiver kind; undefined where the checker does not know the kind. */
export function methodsOf(a: Atom): Readonly<Record<string, ReturnType<typeof m>>> | undefined {
  switch (a.k) {
    case 'str':
      return STR_METHODS;
    case 'list':
      return LIST_METHODS;
    case 'dict':
      return DICT_METHODS;
    case 'set':
      return SET_METHODS;
    case 'float':
    case 'float64':
      return FLOAT_METHODS;
    case 'int':
    case 'bool':
      return INT_METHODS;
    case 'tuple':
      return { index: m(INT), count: m(INT) };
    case 'unknown':
    case 'module':
      return undefined;
    default:
      return {};
  }
}

/** struct_time fields (attributes, not methods). */
export const STRUCT_TIME_FIELDS = new Set(['tm_year', 'tm_mon', 'tm_mday', 'tm_hour', 'tm_min', 'tm_sec', 'tm_wday', 'tm_yday', 'tm_isdst']);

/** Methods that change their receiver: a while loop calling one on a condition variable can end. */
export const MUTATING_METHODS = new Set(['append', 'extend', 'insert', 'remove', 'reverse', 'clear', 'sort', 'pop', 'update', 'setdefault', 'add', 'discard']);

/** Results of exp/log/trig/hyperbolic functions differ in their last bits between machines (spec §2.7, RL312). */
export const TRANSCENDENTAL = new Set(['exp', 'log', 'log10', 'log1p', 'log2', 'exp2', 'expm1', 'ln', 'sin', 'cos', 'tan', 'sinh', 'cosh', 'tanh', 'asin', 'acos', 'atan', 'atan2', 'asinh', 'acosh', 'atanh']);

