/**
 * Every call the loop makes to something outside the process is bounded here: a timeout per attempt, a few
 * attempts with capped, jittered exponential backoff for failures that may pass (timeouts, refused
 * connections, HTTP 429 and 5xx), and the cycle's signal, which abandons the call at once when the cycle runs
 * out of time or the process is told to stop. A hung call is left behind (its promise is ignored), never
 * awaited: a driver that never answers cannot freeze the loop.
 */

/** The systems the loop talks to; each has its own bounds. */
export type Dependency = 'kubernetes' | 'prometheus' | 'occopus' | 'terraform';

export interface CallBounds {
  /** Limit of one attempt. */
  readonly timeoutMs: number;
  /** Attempts in all, including the first (>= 1). */
  readonly attempts: number;
  /** Backoff before the second attempt; doubles each attempt, up to maxDelayMs. */
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
}

/**
 * Defaults sized to a 15 s cycle: reads and scale calls answer in well under a second when healthy. Terraform
 * applies create machines and take minutes, so one attempt with a long limit (a second apply would only wait
 * on the first one's state lock).
 */
export const DEFAULT_BOUNDS: Readonly<Record<Dependency, CallBounds>> = {
  kubernetes: { timeoutMs: 10_000, attempts: 3, baseDelayMs: 250, maxDelayMs: 2_000 },
  prometheus: { timeoutMs: 5_000, attempts: 2, baseDelayMs: 250, maxDelayMs: 1_000 },
  occopus: { timeoutMs: 30_000, attempts: 3, baseDelayMs: 500, maxDelayMs: 4_000 },
  terraform: { timeoutMs: 20 * 60_000, attempts: 1, baseDelayMs: 0, maxDelayMs: 0 },
};

export type FailureKind = 'timeout' | 'failed' | 'abandoned';

/** A bounded call that did not succeed: which dependency, which operation, and how it ended. */
export class DependencyError extends Error {
  override readonly name = 'DependencyError';
  constructor(
    readonly dependency: Dependency,
    readonly operation: string,
    readonly kind: FailureKind,
    readonly attempts: number,
    detail: string,
  ) {
    super(`${dependency}: ${operation} ${kind === 'timeout' ? 'timed out' : kind === 'abandoned' ? 'abandoned' : 'failed'}${attempts > 1 ? ` after ${attempts} attempts` : ''}: ${detail}`);
  }
}

/** Called once per failed attempt, for the loop's metrics. */
export type FailureListener = (dependency: Dependency, operation: string, kind: FailureKind) => void;

export interface BoundedOptions {
  readonly bounds: CallBounds;
  readonly signal?: AbortSignal | undefined;
  /** Whether a failure may pass with another try; by default timeouts, network failures, 429 and 5xx. */
  readonly retryable?: (error: unknown) => boolean;
  readonly onFailure?: FailureListener | undefined;
  /** Injectable jitter source in [0, 1). */
  readonly random?: () => number;
}

const TIMED_OUT = Symbol('timed out');
const ABORTED = Symbol('aborted');

/** The HTTP status a failure reports, from a `status`/`code` field or an "HTTP 503" in its message. */
export function httpStatusOf(error: unknown): number | undefined {
  if (error !== null && typeof error === 'object') {
    for (const key of ['status', 'code'] as const) {
      const value = (error as Record<string, unknown>)[key];
      if (typeof value === 'number' && value >= 100 && value <= 599) return value;
    }
  }
  const match = error instanceof Error ? /\bHTTP (\d{3})\b/.exec(error.message) : null;
  return match ? Number(match[1]) : undefined;
}

/** Transient unless the other side answered with a status that another try cannot change (4xx but 408 and 429). */
export function isTransient(error: unknown): boolean {
  const status = httpStatusOf(error);
  return status === undefined || status === 408 || status === 429 || status >= 500;
}

export async function bounded<T>(dependency: Dependency, operation: string, call: () => Promise<T>, options: BoundedOptions): Promise<T> {
  const { bounds, signal } = options;
  const retryable = options.retryable ?? isTransient;
  const random = options.random ?? Math.random;
  let lastDetail = '';
  for (let attempt = 1; attempt <= Math.max(1, bounds.attempts); attempt++) {
    if (signal?.aborted) throw new DependencyError(dependency, operation, 'abandoned', attempt - 1 || 1, reasonOf(signal));
    const outcome = await race(call, bounds.timeoutMs, signal);
    if (outcome.kind === 'value') return outcome.value;
    const kind: FailureKind = outcome.kind === 'aborted' ? 'abandoned' : outcome.kind === 'timeout' ? 'timeout' : 'failed';
    options.onFailure?.(dependency, operation, kind);
    lastDetail = outcome.kind === 'error' ? messageOf(outcome.error) : outcome.kind === 'timeout' ? `no answer within ${bounds.timeoutMs / 1000} s` : reasonOf(signal);
    if (kind === 'abandoned') throw new DependencyError(dependency, operation, kind, attempt, lastDetail);
    const again = attempt < bounds.attempts && (kind === 'timeout' || retryable(outcome.kind === 'error' ? outcome.error : undefined));
    if (!again) throw new DependencyError(dependency, operation, kind, attempt, lastDetail);
    const ceiling = Math.min(bounds.maxDelayMs, bounds.baseDelayMs * 2 ** (attempt - 1));
    if (!(await pause(Math.floor(random() * ceiling), signal))) throw new DependencyError(dependency, operation, 'abandoned', attempt, reasonOf(signal));
  }
  throw new DependencyError(dependency, operation, 'failed', bounds.attempts, lastDetail);
}

type Outcome<T> = { kind: 'value'; value: T } | { kind: 'error'; error: unknown } | { kind: 'timeout' } | { kind: 'aborted' };

function race<T>(call: () => Promise<T>, timeoutMs: number, signal: AbortSignal | undefined): Promise<Outcome<T>> {
  return new Promise((resolve) => {
    let settled = false;
    const finish = (outcome: Outcome<T> | typeof TIMED_OUT | typeof ABORTED) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      resolve(outcome === TIMED_OUT ? { kind: 'timeout' } : outcome === ABORTED ? { kind: 'aborted' } : outcome);
    };
    const onAbort = () => finish(ABORTED);
    const timer = setTimeout(() => finish(TIMED_OUT), timeoutMs);
    signal?.addEventListener('abort', onAbort, { once: true });
    let promise: Promise<T>;
    try {
      promise = call();
    } catch (error) {
      finish({ kind: 'error', error });
      return;
    }
    // A call left behind may still settle later; its result is dropped.
    promise.then(
      (value) => finish({ kind: 'value', value }),
      (error: unknown) => finish({ kind: 'error', error }),
    );
  });
}

/** Sleeps `ms`; false when the signal ended the pause. */
export function pause(ms: number, signal?: AbortSignal): Promise<boolean> {
  if (signal?.aborted) return Promise.resolve(false);
  if (ms <= 0) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => done(true), ms);
    const onAbort = () => done(false);
    function done(completed: boolean): void {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      resolve(completed);
    }
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function reasonOf(signal: AbortSignal | undefined): string {
  const reason: unknown = signal?.reason;
  if (reason instanceof Error && reason.name === 'TimeoutError') return 'the cycle ran out of time';
  return reason instanceof Error && reason.name !== 'AbortError' ? reason.message : 'the loop is stopping';
}
