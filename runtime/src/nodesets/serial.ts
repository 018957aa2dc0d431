/**
 * Runs tasks one after another per key. Terraform must not run two applies on one working directory (they
 * would fight over the state lock), so every driver using the same directory shares one queue.
 */
const tails = new Map<string, Promise<unknown>>();

export function serialised<T>(key: string, task: () => Promise<T>): Promise<T> {
  const previous = tails.get(key) ?? Promise.resolve();
  const run = previous.then(task, task);
  const tail = run.catch(() => undefined);
  tails.set(key, tail);
  // Forget the key once the queue drains, so long-running processes do not accumulate entries.
  void tail.then(() => {
    if (tails.get(key) === tail) tails.delete(key);
  });
  return run;
}
