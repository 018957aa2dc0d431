/**
 * The runtime API that generated rule code calls (spec §6.1–6.2). Generated
 * TypeScript is checked against this declaration under `noLib` with a tiny
 * ambient lib, so this module and values.ts must reference no Node or DOM
 * types and no lib values (no Error, Map, Promise, Symbol.iterator).
 * Overloads encode Python's result types where they are static.
 */
import type { B8, F64, I64, PyDict, PyFunc, PyIterator, PyList, PyTuple, PyValue, StructTime } from './values.js';

export type { PyValue };
export type Num = bigint | number | boolean;
/** Keyword arguments of a call, by Python name. */
export interface KwArgs { [name: string]: PyValue }
export type BinOpName = '+' | '-' | '*' | '/' | '//' | '%' | '**' | '<<' | '>>' | '&' | '|' | '^';

export interface Rt {
  /** Record the current rule statement (error positions). */
  stmt(n: number): void;
  /** One loop iteration: charges the budget; throws the uncatchable budget error when exhausted. */
  tick(): void;
  /** A variable read that may precede its assignment: its value, or NameError when unbound (`undefined`). */
  name(v: PyValue | undefined, id: string): PyValue;

  add(a: bigint | boolean, b: bigint | boolean): bigint;
  add(a: number, b: Num): number;
  add(a: Num, b: number): number;
  add(a: string, b: string): string;
  add(a: PyValue, b: PyValue): PyValue;
  sub(a: bigint | boolean, b: bigint | boolean): bigint;
  sub(a: number, b: Num): number;
  sub(a: Num, b: number): number;
  sub(a: PyValue, b: PyValue): PyValue;
  mul(a: bigint | boolean, b: bigint | boolean): bigint;
  mul(a: number, b: Num): number;
  mul(a: Num, b: number): number;
  mul(a: string, b: bigint | boolean): string;
  mul(a: bigint | boolean, b: string): string;
  mul(a: PyValue, b: PyValue): PyValue;
  truediv(a: Num, b: Num): number;
  truediv(a: PyValue, b: PyValue): PyValue;
  floordiv(a: bigint | boolean, b: bigint | boolean): bigint;
  floordiv(a: number, b: Num): number;
  floordiv(a: Num, b: number): number;
  floordiv(a: PyValue, b: PyValue): PyValue;
  mod(a: bigint | boolean, b: bigint | boolean): bigint;
  mod(a: number, b: Num): number;
  mod(a: Num, b: number): number;
  mod(a: string, b: PyValue): string;
  mod(a: PyValue, b: PyValue): PyValue;
  pow(a: bigint | boolean, b: bigint | boolean): bigint | number;
  pow(a: number, b: Num): number;
  pow(a: Num, b: number): number;
  pow(a: PyValue, b: PyValue): PyValue;
  lshift(a: bigint | boolean, b: bigint | boolean): bigint;
  lshift(a: PyValue, b: PyValue): PyValue;
  rshift(a: bigint | boolean, b: bigint | boolean): bigint;
  rshift(a: PyValue, b: PyValue): PyValue;
  bitand(a: PyValue, b: PyValue): PyValue;
  bitor(a: PyValue, b: PyValue): PyValue;
  bitxor(a: PyValue, b: PyValue): PyValue;
  /** Augmented assignment `a op= b`: lists and sets mutate in place; returns the value to bind. */
  inplace(op: BinOpName, a: PyValue, b: PyValue): PyValue;
  neg(a: bigint | boolean): bigint;
  neg(a: number): number;
  neg(a: PyValue): PyValue;
  pos(a: bigint | boolean): bigint;
  pos(a: number): number;
  pos(a: PyValue): PyValue;
  invert(a: bigint | boolean): bigint;
  invert(a: PyValue): PyValue;

  eq(a: PyValue, b: PyValue): boolean | B8;
  ne(a: PyValue, b: PyValue): boolean | B8;
  lt(a: Num | string, b: Num | string): boolean;
  lt(a: PyValue, b: PyValue): boolean | B8;
  le(a: Num | string, b: Num | string): boolean;
  le(a: PyValue, b: PyValue): boolean | B8;
  gt(a: Num | string, b: Num | string): boolean;
  gt(a: PyValue, b: PyValue): boolean | B8;
  ge(a: Num | string, b: Num | string): boolean;
  ge(a: PyValue, b: PyValue): boolean | B8;
  is_(a: PyValue, b: PyValue): boolean;
  isNot(a: PyValue, b: PyValue): boolean;
  /** `item in container` (note the operand order: container first). */
  contains(container: PyValue, item: PyValue): boolean;
  notIn(container: PyValue, item: PyValue): boolean;
  truthy(v: PyValue): boolean;
  not_(v: PyValue): boolean;

  getitem(obj: PyValue, key: PyValue): PyValue;
  setitem(obj: PyValue, key: PyValue, value: PyValue): void;
  /** `obj[start:stop:step]`; pass null for an omitted part. */
  getslice(obj: PyValue, start: PyValue, stop: PyValue, step: PyValue): PyValue;
  setslice(obj: PyValue, start: PyValue, stop: PyValue, step: PyValue, value: PyValue): void;
  /** Attribute read (struct_time fields). */
  getattr(obj: PyValue, name: string): PyValue;
  /** Target-list unpacking: exactly n values or ValueError. */
  unpack(v: PyValue, n: number): PyValue[];

  /** Loop protocol: `const it = rt.iter(x); for (;;) { const v = rt.next(it); if (v === undefined) break; … }`. */
  iter(x: PyValue): PyIterator;
  next(it: PyIterator): PyValue | undefined;

  /** Displays: `[a, b]`, `(a, b)`, `{k: v}` (keys and values in source order). */
  list(items: PyValue[]): PyList;
  tuple(items: PyValue[]): PyTuple;
  dict(keys: PyValue[], values: PyValue[]): PyDict;

  /** A builtin as a value (`key=len`, `map(str, xs)`). */
  fn(name: string): PyFunc;
  /** Call a symbol-table function by name with positional and keyword arguments (SYMBOL_NAMES lists them). */
  call(name: 'len' | 'ord' | 'int' | 'factorial', args: PyValue[], kw?: KwArgs): bigint;
  call(name: 'float' | 'pow' | 'fsum' | 'time.time' | 'time.mktime', args: PyValue[], kw?: KwArgs): number;
  call(name: 'str' | 'repr' | 'format' | 'type' | 'chr' | 'hex' | 'oct' | 'bin' | 'time.strftime', args: PyValue[], kw?: KwArgs): string;
  call(name: 'bool' | 'isinstance', args: PyValue[], kw?: KwArgs): boolean;
  call(name: 'list' | 'sorted', args: PyValue[], kw?: KwArgs): PyList;
  call(name: 'time.gmtime' | 'time.localtime' | 'time.strptime', args: PyValue[], kw?: KwArgs): StructTime;
  call(name: string, args: PyValue[], kw?: KwArgs): PyValue;
  /** Call a supported method: `obj.name(*args, **kw)`. */
  callMethod(obj: PyValue, name: string, args: PyValue[], kw?: KwArgs): PyValue;
  /** Numeric constants that have no literal form without lib globals: e, pi, inf, nan (Python floats in numpy). */
  constant(name: 'e' | 'pi' | 'inf' | 'nan'): number;

  len(x: PyValue): bigint;
  str(x: PyValue): string;
  repr(x: PyValue): string;
  int(x: PyValue, base?: PyValue): bigint;
  float(x: PyValue): number;
  bool(x: PyValue): boolean;
  format(x: PyValue, spec?: PyValue): string;
  type(x: PyValue): string;
  abs(x: PyValue): PyValue;
  round(x: PyValue, decimals?: PyValue): F64 | I64;
  sum(xs: PyValue): F64 | I64;
  ceil(x: PyValue): F64;
  floor(x: PyValue): F64;
  sqrt(x: PyValue): F64;

  /** time.* with the evaluation's injected clock (UTC). */
  time(): number;
  gmtime(secs?: PyValue): StructTime;

  /** print(*args, sep=sep, end=end); null sep/end mean the defaults. */
  print(args: PyValue[], sep?: PyValue, end?: PyValue): void;
  /** Output conversion of counts (spec §3.4): Python int(). */
  toInt(v: PyValue): bigint;
}
