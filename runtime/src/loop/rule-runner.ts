/**
 * Runs compiled rules in a child process with a memory limit and a wall-clock watchdog (rule-language 6.3–6.4).
 * A rule that loops past the deadline, or a process that dies (out of memory, V8 abort), fails that one
 * evaluation; the process is replaced and the next rule runs in a fresh one. A process rather than a worker
 * thread: a V8 heap abort inside a worker takes the whole host down, inside a child only the child.
 */
import { fork, type ChildProcess } from 'node:child_process';
import type { EvaluateOptions, EvaluateRequest, EvaluateResponse } from './rule-worker.js';

export type { EvaluateOptions };

export interface RuleLimits {
  /** V8 old-generation heap of the rule process (default 64 MB). */
  readonly maxOldGenerationSizeMb?: number;
  /** V8 young generation (default 16 MB). */
  readonly maxYoungGenerationSizeMb?: number;
}

export interface RuleRunnerOptions {
  /** Wall-clock limit per evaluation; 15 s as in the reference. */
  readonly timeoutMs?: number;
  readonly resourceLimits?: RuleLimits;
}

/** A rule module as verified: its bytes and their hash; these very bytes are what runs. */
export interface VerifiedRule {
  readonly name: string;
  readonly source: Uint8Array;
  readonly sha256: string;
}

export type RuleRun =
  | { readonly ok: true; readonly outputs: Record<string, unknown>; readonly printed: string; readonly error: RuleError | undefined; readonly userdata?: string; readonly ms: number }
  | { readonly ok: false; readonly reason: 'timeout' | 'resources' | 'failed'; readonly message: string; readonly ms: number };

/** A Python error the rule raised; its assignments before it are still in the outputs. */
export interface RuleError {
  /** The Python exception type (ValueError, RecursionError, …), or Timeout. */
  readonly type?: string;
  readonly message: string;
  readonly line?: number;
}

const DEFAULT_LIMITS = { maxOldGenerationSizeMb: 64, maxYoungGenerationSizeMb: 16 } as const;
/** How long a new rule process may take to start (loading Node and the rule library), apart from the watchdog. */
const START_LIMIT_MS = 60_000;
/** The tail of the child's stderr kept to tell an out-of-memory abort from other deaths. */
const STDERR_KEPT = 4096;

interface Pending {
  readonly id: number;
  readonly started: number;
  readonly resolve: (run: RuleRun) => void;
  readonly timer: NodeJS.Timeout;
}

export class RuleRunner {
  private readonly timeoutMs: number;
  private readonly limits: Required<RuleLimits>;
  private child: ChildProcess | undefined;
  /** Settles when the current child can evaluate (true) or died or hung while starting (false). */
  private starting: Promise<boolean> = Promise.resolve(false);
  private pending: Pending | undefined;
  private nextId = 1;
  private queue: Promise<unknown> = Promise.resolve();
  /** Rule processes replaced after a timeout or crash, for status and tests. */
  replaced = 0;

  constructor(options: RuleRunnerOptions = {}) {
    this.timeoutMs = options.timeoutMs ?? 15_000;
    this.limits = { ...DEFAULT_LIMITS, ...options.resourceLimits };
  }

  /** Evaluates one rule module; never rejects. Runs are serialised: one process, one rule at a time. */
  run(rule: VerifiedRule, inputs: Readonly<Record<string, unknown>>, options: EvaluateOptions = {}): Promise<RuleRun> {
    const run = this.queue.then(() => this.runNow(rule, inputs, options));
    this.queue = run;
    return run;
  }

  private spawn(): ChildProcess {
    let stderr = '';
    const child = fork(new URL('./rule-worker.js', import.meta.url), [], {
      // The rule sees nothing of the host process: no environment, no inherited flags, no stdin or stdout.
      env: {},
      execArgv: [
        `--max-old-space-size=${this.limits.maxOldGenerationSizeMb}`,
        `--max-semi-space-size=${Math.max(1, Math.floor(this.limits.maxYoungGenerationSizeMb / 3))}`,
        // Nothing in a rule may turn text into code, whatever reaches it.
        '--disallow-code-generation-from-strings',
      ],
      serialization: 'advanced',
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    });
    // The watchdog measures the rule, not the start of a process on a busy machine: evaluations wait for this.
    let markReady: (ready: boolean) => void = () => undefined;
    this.starting = new Promise<boolean>((resolve) => (markReady = resolve));
    const startLimit = setTimeout(() => {
      markReady(false);
      child.kill('SIGKILL');
    }, Math.max(this.timeoutMs, START_LIMIT_MS));
    child.once('message', () => {
      clearTimeout(startLimit);
      markReady(true);
    });
    child.once('exit', () => {
      clearTimeout(startLimit);
      markReady(false);
    });
    startLimit.unref();
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (chunk: string) => {
      stderr = (stderr + chunk).slice(-STDERR_KEPT);
    });
    child.on('message', (response: EvaluateResponse | { readonly ready: true }) => {
      if ('ready' in response) return;
      const pending = this.pending;
      if (pending === undefined || pending.id !== response.id) return;
      const ms = Date.now() - pending.started;
      this.settle(
        response.ok
          ? { ok: true, outputs: response.outputs, printed: response.printed, error: ruleError(response.error), ...(response.userdata === undefined ? {} : { userdata: response.userdata }), ms }
          : { ok: false, reason: 'failed', message: response.message, ms },
      );
    });
    const lost = (message: string, reason: 'resources' | 'failed'): void => {
      if (this.child !== child) return;
      this.child = undefined;
      this.replaced++;
      const pending = this.pending;
      if (pending !== undefined) this.settle({ ok: false, reason, message, ms: Date.now() - pending.started });
    };
    child.on('error', (error) => lost(`the rule process failed: ${error.message}`, 'failed'));
    child.on('exit', (code, signal) => {
      // 'close' would wait for stderr; a short grace lets the abort message arrive before it is read.
      setImmediate(() => {
        if (/heap limit|out of memory|allocation failed/i.test(stderr)) lost(`the rule exhausted its memory limit (${this.limits.maxOldGenerationSizeMb} MB) and was stopped`, 'resources');
        else lost(`the rule process exited (${signal ?? `code ${code}`})`, 'failed');
      });
    });
    // An idle rule process must not keep a finished host alive.
    child.unref();
    child.channel?.unref();
    return child;
  }

  private settle(run: RuleRun): void {
    const pending = this.pending;
    if (pending === undefined) return;
    this.pending = undefined;
    clearTimeout(pending.timer);
    pending.resolve(run);
  }

  private async runNow(rule: VerifiedRule, inputs: Readonly<Record<string, unknown>>, options: EvaluateOptions): Promise<RuleRun> {
    const child = (this.child ??= this.spawn());
    const starting = Date.now();
    if (!(await this.starting)) {
      if (this.child === child) this.child = undefined;
      return { ok: false, reason: 'failed', message: `the rule process did not start within ${Math.max(this.timeoutMs, START_LIMIT_MS) / 1000} s`, ms: Date.now() - starting };
    }
    return new Promise<RuleRun>((resolve) => {
      const id = this.nextId++;
      const started = Date.now();
      const timer = setTimeout(() => {
        // The watchdog: the only way to stop a synchronous loop is to end the process.
        this.child = undefined;
        this.replaced++;
        child.kill('SIGKILL');
        this.settle({ ok: false, reason: 'timeout', message: `timed out after ${this.timeoutMs / 1000} s and was stopped`, ms: Date.now() - started });
      }, this.timeoutMs);
      this.pending = { id, started, resolve, timer };
      const request: EvaluateRequest = { id, name: rule.name, source: rule.source, sha256: rule.sha256, inputs, options };
      try {
        child.send(request, (error) => {
          if (error) this.settle({ ok: false, reason: 'failed', message: `inputs cannot be sent to the rule: ${error.message}`, ms: Date.now() - started });
        });
      } catch (error) {
        this.settle({ ok: false, reason: 'failed', message: `inputs cannot be sent to the rule: ${(error as Error).message}`, ms: 0 });
      }
    });
  }

  async close(): Promise<void> {
    const child = this.child;
    this.child = undefined;
    if (child === undefined || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    // Waiting for the exit must keep the host alive until it comes.
    child.ref();
    child.kill('SIGKILL');
    await exited;
  }
}

function ruleError(error: unknown): RuleError | undefined {
  if (error === null || error === undefined) return undefined;
  if (typeof error === 'string') return { message: error };
  if (typeof error === 'object') {
    const { message, line, type } = error as { message?: unknown; line?: unknown; type?: unknown };
    return { ...(typeof type === 'string' ? { type } : {}), message: typeof message === 'string' ? message : JSON.stringify(error), ...(typeof line === 'number' ? { line } : {}) };
  }
  return { message: String(error) };
}
