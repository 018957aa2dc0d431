/** Python exceptions raised by the runtime, and the uncatchable budget error. */

export type PyErrorType =
  | 'TypeError' | 'ValueError' | 'ZeroDivisionError' | 'IndexError' | 'KeyError'
  | 'OverflowError' | 'AttributeError' | 'RuntimeError' | 'NameError';

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
