/**
 * Execution budget (spec §6.3): one step per loop iteration, and work proportional to its real cost charged
 * before it is done. The evaluation running now owns the active budget (`charged`), so deep helpers (repr,
 * formatting, comparison, hashing) charge it without a budget threaded through every call; evaluations are
 * synchronous and never interleave.
 */
import { BudgetExhausted, PyError } from './errors.js';

export class Budget {
  constructor(public left: number) {}

  tick(): void {
    if (--this.left < 0) throw new BudgetExhausted();
  }

  /** Charge work proportional to a size before doing it. */
  charge(n: number): void {
    this.left -= n;
    if (this.left < 0) throw new BudgetExhausted();
  }
}

/** Budget for pure helpers called outside an evaluation (tests, constant folding). */
export const UNLIMITED = new Budget(Infinity);

/** asteval's resource limits, reproduced as RuntimeError (spec §2.5). */
export const MAX_EXPONENT = 10000;
export const MAX_SHIFT = 1000;
export const MAX_STR_LEN = 262144;
/** Nesting a repr, comparison or hash may descend (CPython's default recursion limit). */
export const MAX_NESTING = 1000;

let active: Budget = UNLIMITED;
let depth = 0;

/** Runs `f` with `budget` as the one every size-proportional charge goes to. */
export function charged<T>(budget: Budget, f: () => T): T {
  const outer = active;
  const outerDepth = depth;
  active = budget;
  depth = 0;
  try {
    return f();
  } finally {
    active = outer;
    depth = outerDepth;
  }
}

/** Charge `n` steps to the evaluation running now. */
export function charge(n: number): void {
  active.charge(n);
}

/** The reference's string limit, checked on a result's length before the string is built. */
export function reserveString(length: number): void {
  if (length > MAX_STR_LEN) throw new PyError('RuntimeError', `String length exceeded maximum of ${MAX_STR_LEN}`);
  if (length > 256) active.charge(length / 256);
}

/** Steps into one more level of a nested structure; every visit is charged, shared parts as often as seen. */
export function descend<T>(f: () => T, what: string): T {
  if (depth >= MAX_NESTING) throw new PyError('RecursionError', `maximum recursion depth exceeded ${what}`);
  active.charge(1);
  depth++;
  try {
    return f();
  } finally {
    depth--;
  }
}

const BIG = 1n << 4096n;

/** 64-bit words of an int above 4096 bits (cheap to call only there); 0 for smaller ones. */
export function bigWords(x: bigint): number {
  if (x <= BIG && x >= -BIG) return 0;
  return Math.ceil((x < 0n ? -x : x).toString(16).length / 16);
}

/** Addition, subtraction, shifts, bitwise operations and binary/hex conversion: linear in the operands' size. */
export function chargeLinear(...xs: bigint[]): void {
  let words = 0;
  for (const x of xs) words += bigWords(x);
  if (words > 0) active.charge(words / 16);
}

/** Multiplication and division: charged as schoolbook work, a bound on V8's faster algorithms. */
export function chargeProduct(x: bigint, y: bigint): void {
  const a = bigWords(x), b = bigWords(y);
  if (a > 0 || b > 0) active.charge((Math.max(a, 1) * Math.max(b, 1)) / 1024 + (a + b) / 16);
}

/** Decimal conversion of an int (str, repr, '%d', format): quadratic in its size. */
export function chargeDecimal(x: bigint): void {
  const words = bigWords(x);
  if (words > 0) active.charge((words * words) / 256);
}
