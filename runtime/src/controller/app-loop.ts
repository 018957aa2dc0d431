/**
 * One app's scaling loop for its whole life: takes the app's lock, opens the loop, runs a cycle every period,
 * and between cycles follows the app's deployment record. An undeployed app (record gone, or replaced by a
 * new deployment) ends the loop, whose state is then never written again; an updated plan (adtc update) is
 * loaded before the next cycle, keeping the counts. `adtc run` runs one AppLoop; the controller runs many.
 */
import type { DeploymentRecord } from '../deploy/record.js';
import { readRecord } from '../deploy/record.js';
import { pause } from '../loop/bounded.js';
import type { LogRecord } from '../loop/decision-log.js';
import type { LoopEnvironment } from '../loop/environment.js';
import { openLoop, readPlanDir } from '../loop/open-loop.js';
import type { OpenLoopOptions, OpenedLoop, PlanRead } from '../loop/open-loop.js';
import type { RuleRunner } from '../loop/rule-runner.js';
import type { CycleReport } from '../loop/scaling-loop.js';
import { DEFAULT_CYCLE_TIMEOUT_MS } from '../loop/scaling-loop.js';
import type { Plan } from '../plan/plan-types.js';
import type { LoopHealth } from './http-endpoint.js';
import { appLease, HeldLease } from './lease.js';
import type { LeaseClient } from './lease.js';
import { LoopLock } from './loop-lock.js';
import { LoopMetrics } from './metrics.js';
import type { MetricsRegistry } from './metrics.js';

export interface AppLoopOptions {
  /** A deployed app's id, or a plan directory (then no deployment is followed). */
  readonly target: string;
  readonly stateDir: string;
  /** The environment for the app's plan (drivers are per app). */
  readonly envFor: (plan: Plan) => LoopEnvironment;
  readonly runner: RuleRunner;
  readonly periodMs: number;
  readonly once?: boolean;
  readonly registry?: MetricsRegistry;
  readonly tuning?: Omit<NonNullable<OpenLoopOptions['tuning']>, 'deployedAt' | 'periodMs' | 'onCallFailure'>;
  readonly echo?: (record: LogRecord & { readonly ts: string }) => void;
  readonly onCycle?: (report: CycleReport) => void;
  /** Told once the loop is open (the log file is known). */
  readonly onOpen?: (opened: OpenedLoop & { ok: true }) => void;
  /** Where the app's Lease lives (the cluster); without it only the local lock keeps loops apart. */
  readonly lease?: LeaseClient;
}

export type AppLoopEnd =
  /** stopped: by the signal; undeployed: its app went away; once: --once done. */
  | { readonly ok: true; readonly reason: 'stopped' | 'undeployed' | 'once'; readonly cycles: number }
  /** refused: the plan is unreadable (2), or the lock, state or lease refused (1). */
  | { readonly ok: false; readonly code: 1 | 2; readonly errors: readonly string[] };

export class AppLoop {
  private phase: LoopHealth['phase'] = 'starting';
  private cycles = 0;
  private lastSuccessAt: number | undefined;
  private message: string | undefined;
  private readonly startedAt = Date.now();
  private appId: string;

  constructor(private readonly options: AppLoopOptions) {
    this.appId = options.target;
  }

  health(): LoopHealth {
    const staleAfterMs = 3 * this.options.periodMs + (this.options.tuning?.cycleTimeoutMs ?? DEFAULT_CYCLE_TIMEOUT_MS);
    return {
      app: this.appId,
      phase: this.phase,
      cycles: this.cycles,
      ...(this.lastSuccessAt === undefined ? {} : { lastSuccessAt: this.lastSuccessAt }),
      startedAt: this.startedAt,
      staleAfterMs,
      ...(this.message === undefined ? {} : { message: this.message }),
    };
  }

  async run(signal?: AbortSignal): Promise<AppLoopEnd> {
    try {
      return await this.runLocked(signal);
    } finally {
      this.phase = 'stopped';
    }
  }

  private async runLocked(signal: AbortSignal | undefined): Promise<AppLoopEnd> {
    const { options } = this;
    let record = await readRecord(options.stateDir, options.target);
    let planDir = record?.planDir ?? options.target;
    let read = await readPlanDir(planDir);
    if (!read.ok) return this.refuse(2, read.errors);
    this.appId = read.plan.app.id;
    // Only a deployed app is followed; a plan directory of an app that is also deployed is followed too.
    record ??= await readRecord(options.stateDir, this.appId);
    const deployedAt = record?.deployedAt;
    const lock = await LoopLock.acquire(options.stateDir, this.appId);
    if (!lock.ok) return this.refuse(1, [lock.message]);
    const metrics = options.registry && new LoopMetrics(options.registry, this.appId);
    let lease: HeldLease | undefined;
    try {
      if (options.lease !== undefined) {
        // Outlives a whole cycle at its limit, so a slow cycle never loses the Lease to a second loop.
        const seconds = Math.ceil((2 * options.periodMs + (options.tuning?.cycleTimeoutMs ?? DEFAULT_CYCLE_TIMEOUT_MS)) / 1000);
        const taken = await HeldLease.acquire(options.lease, record?.namespace ?? 'default', appLease(this.appId), seconds);
        if (!taken.ok) return this.refuse(1, [taken.message]);
        lease = taken.lease;
      }
      metrics?.running(true);
      let opened = await this.open(planDir, read, deployedAt, metrics);
      if (!opened.ok) return this.refuse(1, opened.errors);
      options.onOpen?.(opened);
      this.phase = 'running';
      const last = opened.loop.current.lastCycleAt;
      // After a restart the first cycle waits out the period begun before, so a crash loop cannot speed cycles up.
      if (!options.once && last !== undefined) await pause(Math.min(options.periodMs, Math.max(0, last + options.periodMs - Date.now())), signal);
      while (signal?.aborted !== true) {
        const lost = await lease?.renew();
        if (lost !== undefined) {
          await opened.log.write({ type: 'event', event: 'lease-lost', message: lost });
          return this.refuse(1, [lost]);
        }
        const started = Date.now();
        const report = await opened.loop.cycle(signal);
        const finished = Date.now();
        this.cycles++;
        if (!report.abandoned) this.lastSuccessAt = finished;
        this.message = report.abandoned ? 'the last cycle was abandoned' : undefined;
        metrics?.cycle(report, (finished - started) / 1000, finished);
        options.onCycle?.(report);
        if (opened.loop.endedBecause !== undefined) return this.undeployed(opened, opened.loop.endedBecause);
        if (options.once) return { ok: true, reason: 'once', cycles: this.cycles };
        if (!(await pause(options.periodMs, signal))) break;
        if (deployedAt === undefined) continue;
        const current = await readRecord(options.stateDir, this.appId);
        if (current === undefined || current.deployedAt !== deployedAt) {
          return this.undeployed(opened, current === undefined ? `app ${this.appId} was undeployed` : `app ${this.appId} was deployed anew at ${current.deployedAt}`);
        }
        if (current.planSha256 !== read.sha256) {
          const next = await this.reload(current, opened, metrics);
          if (next !== undefined) ({ planDir, read, opened } = next);
        }
      }
      return { ok: true, reason: 'stopped', cycles: this.cycles };
    } finally {
      metrics?.running(false);
      await lease?.release();
      await lock.lock.release();
    }
  }

  private open(planDir: string, read: PlanRead & { ok: true }, deployedAt: string | undefined, metrics: LoopMetrics | undefined): Promise<OpenedLoop> {
    const { options } = this;
    const appId = read.plan.app.id;
    return openLoop({
      planDir,
      stateDir: options.stateDir,
      env: options.envFor(read.plan),
      runner: options.runner,
      read,
      ...(options.echo ? { echo: options.echo } : {}),
      tuning: {
        ...options.tuning,
        periodMs: options.periodMs,
        ...(deployedAt === undefined ? {} : { deployedAt }),
        ...(metrics ? { onCallFailure: (dependency, _operation, kind) => metrics.dependencyFailure(dependency, kind) } : {}),
      },
      ...(deployedAt === undefined ? {} : { saveGuard: () => stillDeployed(options.stateDir, appId, deployedAt) }),
    });
  }

  /** The plan the record now names, opened on the same state (ScalingLoop.open logs plan-changed); the old loop stays on failure. */
  private async reload(record: DeploymentRecord, opened: OpenedLoop & { ok: true }, metrics: LoopMetrics | undefined) {
    const read = await readPlanDir(record.planDir);
    if (!read.ok) {
      await opened.log.write({ type: 'event', event: 'plan-unreadable', message: `the updated plan cannot be read; keeping the previous one: ${read.errors.join('; ')}` });
      return undefined;
    }
    const next = await this.open(record.planDir, read, record.deployedAt, metrics);
    if (!next.ok) {
      await opened.log.write({ type: 'event', event: 'plan-unreadable', message: `the updated plan cannot be opened; keeping the previous one: ${next.errors.join('; ')}` });
      return undefined;
    }
    await opened.log.flush();
    return { planDir: record.planDir, read, opened: next };
  }

  private async undeployed(opened: OpenedLoop & { ok: true }, why: string): Promise<AppLoopEnd> {
    this.message = why;
    await opened.log.write({ type: 'event', event: 'app-gone', message: `${why}; the loop stops and writes no more state` });
    await opened.log.flush();
    return { ok: true, reason: 'undeployed', cycles: this.cycles };
  }

  private refuse(code: 1 | 2, errors: readonly string[]): AppLoopEnd {
    this.message = errors.join('; ');
    return { ok: false, code, errors };
  }
}

async function stillDeployed(stateDir: string, appId: string, deployedAt: string): Promise<string | undefined> {
  const record = await readRecord(stateDir, appId);
  if (record === undefined) return `app ${appId} was undeployed`;
  return record.deployedAt === deployedAt ? undefined : `app ${appId} was deployed anew at ${record.deployedAt}`;
}
