/**
 * Runs cycles every period until stopped. The period counts from the end of one cycle to the start of the
 * next, as in MiCADO (15 s by default, but configurable: item 58). After a restart the first cycle waits for
 * the rest of the period that began before the restart, so a crash loop cannot make cycles run faster.
 */
import type { CycleReport, ScalingLoop } from './scaling-loop.js';

export interface RunOptions {
  readonly periodMs: number;
  readonly once?: boolean;
  readonly signal?: AbortSignal;
  readonly now?: () => number;
  readonly onCycle?: (report: CycleReport) => void;
}

export async function runLoop(loop: ScalingLoop, options: RunOptions): Promise<number> {
  const now = options.now ?? Date.now;
  let cycles = 0;
  const last = loop.current.lastCycleAt;
  if (!options.once && last !== undefined) await sleep(Math.min(options.periodMs, Math.max(0, last + options.periodMs - now())), options.signal);
  while (options.signal?.aborted !== true) {
    const report = await loop.cycle();
    cycles++;
    options.onCycle?.(report);
    if (options.once) break;
    await sleep(options.periodMs, options.signal);
  }
  return cycles;
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  if (ms <= 0 || signal?.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}
