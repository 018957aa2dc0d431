/**
 * Many apps in one process (`adtc run --all`): every app deployed from the state directory gets its own
 * AppLoop, with its own rule worker, drivers and lock, so one app's hung dependency, endless rule or crash
 * touches no other. The state directory is scanned every period: newly deployed apps start, undeployed apps
 * end (their loops notice by themselves), and a loop that failed is started again at the next scan.
 */
import { deployedApps } from '../deploy/record.js';
import { pause } from '../loop/bounded.js';
import type { LogRecord } from '../loop/decision-log.js';
import type { LoopEnvironment } from '../loop/environment.js';
import { RuleRunner } from '../loop/rule-runner.js';
import type { RuleRunnerOptions } from '../loop/rule-runner.js';
import type { CycleReport } from '../loop/scaling-loop.js';
import type { Plan } from '../plan/plan-types.js';
import { AppLoop } from './app-loop.js';
import type { AppLoopEnd, AppLoopOptions } from './app-loop.js';
import type { HealthSource, LoopHealth } from './http-endpoint.js';
import type { LeaseClient } from './lease.js';
import type { MetricsRegistry } from './metrics.js';

export interface ControllerOptions {
  readonly stateDir: string;
  readonly envFor: (plan: Plan) => LoopEnvironment;
  /** Each app's Lease lives in the cluster (lease.ts). */
  readonly lease?: LeaseClient;
  readonly periodMs: number;
  readonly registry?: MetricsRegistry;
  readonly tuning?: AppLoopOptions['tuning'];
  readonly runner?: RuleRunnerOptions;
  /** Every log record of every app, e.g. to print it. */
  readonly echo?: (appId: string, record: LogRecord & { readonly ts: string }) => void;
  readonly onCycle?: (appId: string, report: CycleReport) => void;
  /** Told when an app's loop ends or refuses to start. */
  readonly onEnd?: (appId: string, end: AppLoopEnd) => void;
}

interface Running {
  readonly loop: AppLoop;
  readonly done: Promise<void>;
}

export class Controller implements HealthSource {
  private readonly running = new Map<string, Running>();
  /** Apps whose loop ended for good or refused, with the outcome; cleared when the app is deployed anew. */
  private readonly ended = new Map<string, LoopHealth>();

  constructor(private readonly options: ControllerOptions) {}

  loops(): LoopHealth[] {
    return [...[...this.running.values()].map((r) => r.loop.health()), ...this.ended.values()].sort((a, b) => a.app.localeCompare(b.app));
  }

  /** Scans and runs until `signal` aborts; then waits for every app's loop to stop. */
  async run(signal: AbortSignal): Promise<void> {
    while (!signal.aborted) {
      for (const appId of await deployedApps(this.options.stateDir)) if (!this.running.has(appId)) this.start(appId, signal);
      if (!(await pause(this.options.periodMs, signal))) break;
    }
    await Promise.all([...this.running.values()].map((r) => r.done));
  }

  private start(appId: string, signal: AbortSignal): void {
    const { options } = this;
    const runner = new RuleRunner(options.runner);
    const loop = new AppLoop({
      target: appId,
      stateDir: options.stateDir,
      envFor: options.envFor,
      ...(options.lease ? { lease: options.lease } : {}),
      runner,
      periodMs: options.periodMs,
      ...(options.registry ? { registry: options.registry } : {}),
      ...(options.tuning ? { tuning: options.tuning } : {}),
      ...(options.echo ? { echo: (record: LogRecord & { readonly ts: string }) => options.echo!(appId, record) } : {}),
      ...(options.onCycle ? { onCycle: (report: CycleReport) => options.onCycle!(appId, report) } : {}),
    });
    this.ended.delete(appId);
    const done = loop
      .run(signal)
      .catch((error: unknown): AppLoopEnd => ({ ok: false, code: 1, errors: [`the loop failed: ${error instanceof Error ? error.message : String(error)}`] }))
      .then(async (end) => {
        await runner.close();
        this.running.delete(appId);
        if (!end.ok || end.reason !== 'undeployed') this.ended.set(appId, loop.health());
        else options.registry?.forgetApp(appId);
        options.onEnd?.(appId, end);
      });
    this.running.set(appId, { loop, done });
  }
}
