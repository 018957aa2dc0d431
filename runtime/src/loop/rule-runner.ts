/**
 * Runs compiled rules in a worker thread with memory limits and a wall-clock watchdog (rule-language 6.3–6.4).
 * A rule that loops past the deadline, or a worker that dies (out of memory), fails that one evaluation; the
 * worker is replaced and the next rule runs in a fresh one. The watchdog times the rule's own evaluation: starting
 * a worker and loading a module can take seconds on a loaded host, and that must not count against the rule.
 */
import { Worker } from 'node:worker_threads';
import type { ResourceLimits } from 'node:worker_threads';
import type { EvaluateRequest, EvaluateResponse, EvaluationStarted } from './rule-worker.js';

export interface RuleRunnerOptions {
  /** Wall-clock limit per evaluation; 15 s as in the reference. */
  readonly timeoutMs?: number;
  /** Limit on starting the worker and loading the rule module, before the evaluation starts; 60 s. */
  readonly startTimeoutMs?: number;
  readonly resourceLimits?: ResourceLimits;
}

export type RuleRun =
  | { readonly ok: true; readonly outputs: Record<string, unknown>; readonly printed: string; readonly error: RuleError | undefined; readonly ms: number }
  | { readonly ok: false; readonly reason: 'timeout' | 'resources' | 'failed'; readonly message: string; readonly ms: number };

/** A Python error the rule raised; its assignments before it are still in the outputs. */
export interface RuleError {
  readonly message: string;
  readonly line?: number;
}

const DEFAULT_LIMITS: ResourceLimits = { maxOldGenerationSizeMb: 64, maxYoungGenerationSizeMb: 16, stackSizeMb: 4 };

interface Pending {
  readonly id: number;
  readonly started: number;
  readonly resolve: (run: RuleRun) => void;
  /** The start-up limit until the worker reports the evaluation started, then the watchdog. */
  timer: NodeJS.Timeout;
}

export class RuleRunner {
  private readonly timeoutMs: number;
  private readonly startTimeoutMs: number;
  private readonly limits: ResourceLimits;
  private worker: Worker | undefined;
  private pending: Pending | undefined;
  private nextId = 1;
  private queue: Promise<unknown> = Promise.resolve();
  /** Workers replaced after a timeout or crash, for status and tests. */
  replaced = 0;

  constructor(options: RuleRunnerOptions = {}) {
    this.timeoutMs = options.timeoutMs ?? 15_000;
    this.startTimeoutMs = options.startTimeoutMs ?? 60_000;
    this.limits = { ...DEFAULT_LIMITS, ...options.resourceLimits };
  }

  /** Evaluates one rule module; never rejects. Runs are serialised: one worker, one rule at a time. */
  run(module: string, sha256: string, inputs: Readonly<Record<string, unknown>>): Promise<RuleRun> {
    const run = this.queue.then(() => this.runNow(module, sha256, inputs));
    this.queue = run;
    return run;
  }

  private spawn(): Worker {
    const worker = new Worker(new URL('./rule-worker.js', import.meta.url), {
      resourceLimits: this.limits,
      // The rule sees nothing of the host process: no environment, no inherited flags, no stdin.
      env: {},
      execArgv: [],
      stdin: false,
    });
    worker.on('message', (response: EvaluateResponse | EvaluationStarted) => {
      const pending = this.pending;
      if (pending === undefined || pending.id !== response.id) return;
      if ('evaluating' in response) {
        clearTimeout(pending.timer);
        pending.timer = this.stopAfter(worker, this.timeoutMs, `timed out after ${this.timeoutMs / 1000} s and was stopped`, pending.started);
        return;
      }
      const ms = Date.now() - pending.started;
      this.settle(
        response.ok
          ? { ok: true, outputs: response.outputs, printed: response.printed, error: ruleError(response.error), ms }
          : { ok: false, reason: 'failed', message: response.message, ms },
      );
    });
    const lost = (message: string, reason: 'resources' | 'failed') => {
      if (this.worker !== worker) return;
      this.worker = undefined;
      this.replaced++;
      const pending = this.pending;
      if (pending !== undefined) this.settle({ ok: false, reason, message, ms: Date.now() - pending.started });
    };
    worker.on('error', (error: Error & { code?: string }) => {
      lost(
        error.code === 'ERR_WORKER_OUT_OF_MEMORY' ? `the rule exhausted its memory limit (${this.limits.maxOldGenerationSizeMb} MB) and was stopped` : `the rule worker failed: ${error.message}`,
        error.code === 'ERR_WORKER_OUT_OF_MEMORY' ? 'resources' : 'failed',
      );
    });
    worker.on('exit', (code) => lost(`the rule worker exited (code ${code})`, 'failed'));
    // An idle worker must not keep a finished process alive.
    worker.unref();
    return worker;
  }

  private settle(run: RuleRun): void {
    const pending = this.pending;
    if (pending === undefined) return;
    this.pending = undefined;
    clearTimeout(pending.timer);
    pending.resolve(run);
  }

  /** The watchdog: the only way to stop a synchronous loop is to end the thread. */
  private stopAfter(worker: Worker, ms: number, message: string, started: number): NodeJS.Timeout {
    return setTimeout(() => {
      this.worker = undefined;
      this.replaced++;
      void worker.terminate();
      this.settle({ ok: false, reason: 'timeout', message, ms: Date.now() - started });
    }, ms);
  }

  private runNow(module: string, sha256: string, inputs: Readonly<Record<string, unknown>>): Promise<RuleRun> {
    return new Promise<RuleRun>((resolve) => {
      const worker = (this.worker ??= this.spawn());
      const id = this.nextId++;
      const started = Date.now();
      const timer = this.stopAfter(worker, this.startTimeoutMs, `did not start within ${this.startTimeoutMs / 1000} s (worker start-up and module load) and was stopped`, started);
      this.pending = { id, started, resolve, timer };
      const request: EvaluateRequest = { id, module, sha256, inputs };
      try {
        worker.postMessage(request);
      } catch (error) {
        this.settle({ ok: false, reason: 'failed', message: `inputs cannot be sent to the rule: ${(error as Error).message}`, ms: 0 });
      }
    });
  }

  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    if (worker !== undefined) await worker.terminate();
  }
}

function ruleError(error: unknown): RuleError | undefined {
  if (error === null || error === undefined) return undefined;
  if (typeof error === 'string') return { message: error };
  if (typeof error === 'object') {
    const { message, line } = error as { message?: unknown; line?: unknown };
    return { message: typeof message === 'string' ? message : JSON.stringify(error), ...(typeof line === 'number' ? { line } : {}) };
  }
  return { message: String(error) };
}
