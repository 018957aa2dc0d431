/**
 * The rule runtime library: `createRuntime()` builds the `rt` object that a
 * compiled rule calls (api.ts), with its own budget, clock and print buffer.
 */
import type { Rt, KwArgs, BinOpName } from './api.js';
import { PyDict, PyList, PySet, PyTuple, type PyValue } from './values.js';
import { PyError, typeError, valueError } from './errors.js';
import { Budget, charged, reserveString } from './budget.js';
import * as A from './arith.js';
import * as C from './compare.js';
import * as S from './subscript.js';
import { iter, next, toArray } from './iter.js';
import { normKey } from './keys.js';
import { callMethod, getattr } from './methods.js';
import { builtinValue, callByName, type CallEnv } from './call-table.js';
import { toInt, toFloat, toBool } from './convert.js';
import { repr, str } from './repr.js';
import { format } from './format-spec.js';
import { typeName } from './values.js';
import * as N from './numpy-fns.js';
import { gmtime } from './time-fns.js';

export interface RuntimeOptions {
  /** Steps per evaluation (spec §6.3); default 1,000,000. */
  budget?: number;
  /** time.time() for this evaluation, seconds since the epoch (spec §1.7, D14). */
  clock?: number;
}

/** Host-side view of a runtime: what the rule printed and where it stopped. */
export interface RuntimeHost {
  printed(): string;
  currentStmt(): number;
  budgetLeft(): number;
  /** Start a new evaluation on this runtime (cheaper than createRuntime per evaluation). */
  reset(options?: RuntimeOptions): void;
  /** Runs the rule with this runtime's budget charged for every size-proportional piece of work. */
  run<T>(f: () => T): T;
}

export type Runtime = Rt & RuntimeHost;

/** Printed characters an evaluation keeps (64 KiB): enough for any log line, bounded for the host. */
export const MAX_PRINTED = 1 << 16;

const CONSTANTS = { e: Math.E, pi: Math.PI, inf: Infinity, nan: NaN } as const;

export function createRuntime(options: RuntimeOptions = {}): Runtime {
  const st = new Budget(options.budget ?? 1_000_000);
  const env: CallEnv = { st, clock: options.clock ?? 0 };
  let out = '';
  let unkept = 0;
  let stmtId = 0;
  /**
   * Work proportional to a container's or string's size (scans, comparisons, slices, method calls,
   * str/repr) is charged before it is done, so a loop over a large list cannot outrun the budget.
   */
  const chargeSize = (v: PyValue): void => {
    if (typeof v === 'string') { if (v.length > 256) st.charge(v.length / 256); return; }
    if (v instanceof PyList || v instanceof PyTuple) { if (v.items.length > 16) st.charge(v.items.length / 16); return; }
    if (v instanceof PyDict || v instanceof PySet) { if (v.size > 16) st.charge(v.size / 16); }
  };
  const chargePair = (a: PyValue, b: PyValue): void => {
    if (typeof a === 'object' && typeof b === 'object') { chargeSize(a); chargeSize(b); }
  };
  const rt: Runtime = {
    stmt: (n: number) => { stmtId = n; },
    tick: () => st.tick(),
    name: (v, id) => {
      if (v === undefined) throw new PyError('NameError', `name '${id}' is not defined`);
      return v;
    },
    add: ((a: PyValue, b: PyValue) => A.add(a, b, st)) as Rt['add'],
    sub: A.sub as Rt['sub'],
    mul: ((a: PyValue, b: PyValue) => A.mul(a, b, st)) as Rt['mul'],
    truediv: A.truediv as Rt['truediv'],
    floordiv: A.floordiv as Rt['floordiv'],
    mod: A.mod as Rt['mod'],
    pow: ((a: PyValue, b: PyValue) => A.pow(a, b, st)) as Rt['pow'],
    lshift: ((a: PyValue, b: PyValue) => A.arith('<<', a, b, st)) as Rt['lshift'],
    rshift: ((a: PyValue, b: PyValue) => A.arith('>>', a, b, st)) as Rt['rshift'],
    bitand: (a, b) => A.arith('&', a, b, st),
    bitor: (a, b) => A.arith('|', a, b, st),
    bitxor: (a, b) => A.arith('^', a, b, st),
    inplace: (op: BinOpName, a, b) => A.inplace(op, a, b, st),
    neg: A.neg as Rt['neg'],
    pos: A.pos as Rt['pos'],
    invert: A.invert as Rt['invert'],
    eq: ((a: PyValue, b: PyValue) => { chargePair(a, b); return C.eq(a, b); }) as Rt['eq'],
    ne: ((a: PyValue, b: PyValue) => { chargePair(a, b); return C.ne(a, b); }) as Rt['ne'],
    lt: ((a: PyValue, b: PyValue) => { chargePair(a, b); return C.lt(a, b); }) as Rt['lt'],
    le: ((a: PyValue, b: PyValue) => { chargePair(a, b); return C.le(a, b); }) as Rt['le'],
    gt: ((a: PyValue, b: PyValue) => { chargePair(a, b); return C.gt(a, b); }) as Rt['gt'],
    ge: ((a: PyValue, b: PyValue) => { chargePair(a, b); return C.ge(a, b); }) as Rt['ge'],
    is_: C.is_,
    isNot: C.isNot,
    contains: (c, x) => { chargeSize(c); return C.contains(c, x); },
    notIn: (c, x) => { chargeSize(c); return C.notIn(c, x); },
    truthy: C.truthy,
    not_: C.not_,
    getitem: S.getitem,
    setitem: S.setitem,
    getslice: (o, a, b, c) => { chargeSize(o); return S.getslice(o, a, b, c); },
    setslice: S.setslice,
    getattr,
    unpack: (v, n) => {
      const xs = toArray(v, st);
      if (xs.length < n) throw valueError(`not enough values to unpack (expected ${n}, got ${xs.length})`);
      if (xs.length > n) throw valueError(`too many values to unpack (expected ${n})`);
      return xs;
    },
    iter,
    next,
    list: (items) => new PyList(items),
    tuple: (items) => new PyTuple(items),
    dict: (keys, values) => {
      const d = new PyDict();
      for (let i = 0; i < keys.length; i++) d.setNorm(normKey(keys[i]!), keys[i]!, values[i]!);
      return d;
    },
    fn: (name) => builtinValue(name, env),
    call: ((name: string, args: PyValue[], kw?: KwArgs) => callByName(name, args, kw ?? {}, env)) as Rt['call'],
    callMethod: (obj, name, args, kw?: KwArgs) => { chargeSize(obj); return callMethod(obj, name, args, kw ?? {}, st); },
    constant: (name) => CONSTANTS[name],
    len: (x) => callByName('len', [x], {}, env) as bigint,
    str: (x) => { chargeSize(x); return str(x); },
    repr: (x) => { chargeSize(x); return repr(x); },
    int: (x, base) => toInt(x, base),
    float: toFloat,
    bool: toBool,
    format: (x, spec) => format(x, spec === undefined ? '' : typeof spec === 'string' ? spec : str(spec)),
    type: typeName,
    abs: N.abs,
    round: (x, d) => N.round(x, d) as ReturnType<Rt['round']>,
    sum: (xs) => N.sum(xs, st) as ReturnType<Rt['sum']>,
    ceil: (x) => N.ufunc1('ceil', x),
    floor: (x) => N.ufunc1('floor', x),
    sqrt: (x) => N.ufunc1('sqrt', x),
    time: () => env.clock,
    gmtime: (secs) => gmtime(env.clock, secs),
    print: (args, sep, end) => {
      const parts = args.map(str);
      const between = sep === undefined || sep === null ? ' ' : strArg(sep, 'sep');
      const after = end === undefined || end === null ? '\n' : strArg(end, 'end');
      let length = after.length + between.length * Math.max(parts.length - 1, 0);
      for (const p of parts) length += p.length;
      reserveString(length);
      const text = parts.join(between) + after;
      st.charge(text.length / 64);
      // Kept text is bounded so a printing loop cannot fill the process's memory; the rest is counted.
      const room = MAX_PRINTED - out.length;
      if (text.length <= room) out += text;
      else { out += text.slice(0, Math.max(room, 0)); unkept += text.length - Math.max(room, 0); }
    },
    toInt: (v) => toInt(v),
    printed: () => (unkept === 0 ? out : `${out}\n[${unkept} more printed characters not kept: the limit is ${MAX_PRINTED}]\n`),
    run: (f) => charged(st, f),
    currentStmt: () => stmtId,
    budgetLeft: () => st.left,
    reset: (o: RuntimeOptions = {}) => {
      st.left = o.budget ?? 1_000_000;
      env.clock = o.clock ?? 0;
      out = '';
      unkept = 0;
      stmtId = 0;
    },
  };
  return rt;
}

function strArg(v: PyValue, what: string): string {
  if (typeof v !== 'string') throw typeError(`${what} must be None or a string, not ${typeName(v)}`);
  return v;
}

export type { Rt, KwArgs, BinOpName } from './api.js';
export * from './values.js';
export { PyError, BudgetExhausted, asPyError } from './errors.js';
export { MAX_STR_LEN, MAX_NESTING } from './budget.js';
export { toJson, fromJson, canonical, type Encoded } from './encode.js';
export { inputValue, outputValue, encodeUserdata, decodeUserdata, MAX_USERDATA_CHARS, MAX_BOUNDARY_DEPTH } from './boundary.js';
export { floatRepr } from './float-repr.js';
export { SYMBOL_NAMES } from './call-table.js';
