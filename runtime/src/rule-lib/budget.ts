/** Execution budget (spec §6.3): one step per loop iteration, size-proportional charges. */
import { BudgetExhausted } from './errors.js';

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
