/**
 * Everything `adtc run` and the simulator need to start a loop on a plan directory: read and check the plan,
 * hash it, and open its state and decision log under the state directory (`<stateDir>/<app-id>/`).
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parsePlan } from '../plan/load-plan.js';
import type { Plan } from '../plan/plan-types.js';
import { DecisionLog } from './decision-log.js';
import type { LogLimits, LogRecord } from './decision-log.js';
import type { LoopEnvironment } from './environment.js';
import type { RuleRunner } from './rule-runner.js';
import { ScalingLoop } from './scaling-loop.js';
import type { LoopContext } from './scaling-loop.js';
import { StateStore } from './state.js';

export type PlanRead = { readonly ok: true; readonly plan: Plan; readonly sha256: string } | { readonly ok: false; readonly errors: readonly string[] };

export async function readPlanDir(planDir: string): Promise<PlanRead> {
  let text: string;
  try {
    text = await readFile(join(planDir, 'plan.json'), 'utf8');
  } catch (error) {
    return { ok: false, errors: [`cannot read ${join(planDir, 'plan.json')}: ${(error as Error).message}`] };
  }
  const parsed = parsePlan(text);
  if (!parsed.ok) return parsed;
  return { ok: true, plan: parsed.plan, sha256: createHash('sha256').update(text).digest('hex') };
}

export interface OpenLoopOptions {
  readonly planDir: string;
  readonly stateDir: string;
  readonly env: LoopEnvironment;
  readonly runner: RuleRunner;
  readonly echo?: (record: LogRecord & { readonly ts: string }) => void;
  /** An already read plan (the simulator reads it first to build its models). */
  readonly read?: PlanRead & { ok: true };
  /** Call limits, cycle limit, stabilisation, the deployment served and the period (scaling-loop.ts LoopContext). */
  readonly tuning?: Pick<LoopContext, 'bounds' | 'onCallFailure' | 'cycleTimeoutMs' | 'stabilisation' | 'deployedAt' | 'periodMs'>;
  /** Refuses state saves once the app is gone (state.ts StateStore). */
  readonly saveGuard?: () => Promise<string | undefined>;
  /** How large the decision log may grow (decision-log.ts DEFAULT_LOG_LIMITS when absent). */
  readonly logLimits?: LogLimits;
}

export type OpenedLoop = { readonly ok: true; readonly loop: ScalingLoop; readonly plan: Plan; readonly log: DecisionLog; readonly store: StateStore } | { readonly ok: false; readonly errors: readonly string[] };

export async function openLoop(options: OpenLoopOptions): Promise<OpenedLoop> {
  const read = options.read ?? (await readPlanDir(options.planDir));
  if (!read.ok) return read;
  const store = StateStore.forApp(options.stateDir, read.plan.app.id, options.saveGuard);
  const log = DecisionLog.forApp(options.stateDir, read.plan.app.id, options.echo, options.logLimits);
  const opened = await ScalingLoop.open({ ...options.tuning, plan: read.plan, planDir: options.planDir, planSha256: read.sha256, env: options.env, runner: options.runner, log, store });
  if (!opened.ok) return { ok: false, errors: [opened.message] };
  return { ok: true, loop: opened.loop, plan: read.plan, log, store };
}
