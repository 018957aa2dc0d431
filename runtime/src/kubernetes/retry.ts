/**
 * Bounded retries with exponential backoff and full jitter for Kubernetes API calls.
 * The API server answers 429 when it sheds load, 5xx while it (or etcd) is restarting and 409 when a
 * concurrent writer won a race; all three are worth another try after a pause, anything else is not.
 */

export interface RetryPolicy {
  /** Total attempts including the first one (>= 1). */
  readonly attempts: number;
  /** Backoff before the second attempt; doubles every attempt. */
  readonly baseDelayMs: number;
  /** Upper bound of a single pause. */
  readonly maxDelayMs: number;
  /** Injectable so tests do not wait for real. */
  readonly sleep: (ms: number) => Promise<void>;
  /** Injectable source of jitter in [0, 1). */
  readonly random: () => number;
}

export const defaultRetryPolicy: RetryPolicy = {
  attempts: 6,
  baseDelayMs: 200,
  maxDelayMs: 5_000,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  random: Math.random,
};

export function isRetryableStatus(code: number): boolean {
  return code === 429 || code === 409 || (code >= 500 && code <= 599);
}

/** Pause before attempt `attempt + 1` (attempt counts from 1): full jitter over the capped exponential. */
export function backoffDelay(policy: RetryPolicy, attempt: number): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  return Math.floor(policy.random() * ceiling);
}

/**
 * Runs `call` until it succeeds, fails with a status that is not retryable, or the attempts run out.
 * `statusOf` extracts the HTTP status of a failure (undefined: not an HTTP failure, never retried).
 */
export async function withRetry<T>(
  call: () => Promise<T>,
  statusOf: (error: unknown) => number | undefined,
  policy: RetryPolicy,
): Promise<{ value: T } | { error: unknown; attempts: number }> {
  for (let attempt = 1; ; attempt++) {
    try {
      return { value: await call() };
    } catch (error) {
      const status = statusOf(error);
      if (status === undefined || !isRetryableStatus(status) || attempt >= policy.attempts) {
        return { error, attempts: attempt };
      }
      await policy.sleep(backoffDelay(policy, attempt));
    }
  }
}
