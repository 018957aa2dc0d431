/** Python exceptions raised by the runtime, and the uncatchable budget error. */

export type PyErrorType =
  | 'TypeError' | 'ValueError' | 'ZeroDivisionError' | 'IndexError' | 'KeyError'
  | 'OverflowError' | 'AttributeError' | 'RuntimeError' | 'NameError' | 'RecursionError' | 'MemoryError';

/** A Python exception: ends the rule, keeping what it did (spec §3.5). */
export class PyError extends Error {
  constructor(readonly pyType: PyErrorType, message: string) {
    super(message);
    this.name = pyType;
  }
}

/**
 * Budget exhaustion (spec §6.3). Deliberately not a PyError: the host treats it
 * as a timeout that discards the whole evaluation, and generated code has no
 * way to catch anything.
 */
export class BudgetExhausted extends Error {
  constructor() {
    super('rule execution budget exhausted');
    this.name = 'BudgetExhausted';
  }
}

export const typeError = (m: string): PyError => new PyError('TypeError', m);
export const valueError = (m: string): PyError => new PyError('ValueError', m);
export const zeroDiv = (m: string): PyError => new PyError('ZeroDivisionError', m);
export const overflow = (m: string): PyError => new PyError('OverflowError', m);
export const indexError = (m: string): PyError => new PyError('IndexError', m);

/**
 * What a JavaScript error thrown inside a rule means to its author, as the Python error CPython would raise:
 * a stack overflow is a RecursionError, an allocation V8 refuses a MemoryError, anything else a RuntimeError.
 * The JavaScript message is kept (no stack trace: it would show the host's paths, not the rule's).
 */
export function asPyError(error: unknown): PyError {
  if (error instanceof PyError) return error;
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof RangeError && /call stack/i.test(message)) return new PyError('RecursionError', 'maximum recursion depth exceeded');
  if (error instanceof RangeError && /invalid (string|array|typed array) length|allocation failed|bigint.*(too big|maximum)|maximum bigint/i.test(message)) {
    return new PyError('MemoryError', `the result is too large to allocate (${message})`);
  }
  return new PyError('RuntimeError', `internal error in the rule runtime: ${message}`);
}
