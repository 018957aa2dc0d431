/** A plain cancellation check, so the compiler never imports the protocol package. */
export interface CancellationToken {
  readonly isCancellationRequested: boolean;
}

export const neverCancelled: CancellationToken = { isCancellationRequested: false };

/** Thrown between units of work when the caller cancelled; the language server discards the run. */
export class Cancelled extends Error {
  constructor() {
    super('cancelled');
  }
}

export function throwIfCancelled(token: CancellationToken): void {
  if (token.isCancellationRequested) throw new Cancelled();
}
