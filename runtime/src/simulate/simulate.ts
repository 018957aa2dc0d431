/**
 * `adtc simulate`: runs the real scaling loop and the plan's compiled rules against the simulated world on a
 * virtual clock, one cycle per period, and collects a timeline and the chart's series. Nothing leaves the
 * process; state and the decision log go to a directory the caller chooses (a temporary one by default).
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'yaml';
import type { LogRecord } from '../loop/decision-log.js';
import { openLoop, readPlanDir } from '../loop/open-loop.js';
import { RuleRunner } from '../loop/rule-runner.js';
import type { PolicyOutcome } from '../loop/scaling-loop.js';
import { nodeSetOf } from '../loop/scaling-loop.js';
import type { Plan } from '../plan/plan-types.js';
import type { LoadSource } from './load.js';
import type { Series } from './svg-chart.js';
import { renderChart } from './svg-chart.js';
import type { AlertRuleText } from './world.js';
import { SimWorld } from './world.js';

export interface SimulateOptions {
  readonly planDir: string;
  readonly stateDir: string;
  readonly load: LoadSource;
  readonly durationS: number;
  readonly periodS?: number;
  readonly bootDelayS?: number;
  readonly podsPerNode?: number;
  readonly ruleTimeoutMs?: number;
  readonly echo?: (record: LogRecord & { readonly ts: string }) => void;
}

export interface TimelineRow {
  readonly t: number;
  readonly demand: number;
  /** Ready nodes per node set, and all machines (ready or booting). */
  readonly nodes: Readonly<Record<string, { ready: number; all: number }>>;
  /** Desired and running replicas per workload. */
  readonly replicas: Readonly<Record<string, { desired: number; ready: number }>>;
  /** The value of each query and alert expression the policies use. */
  readonly metrics: Readonly<Record<string, number>>;
  readonly outcomes: readonly PolicyOutcome[];
}

export type SimulateResult =
  | { readonly ok: true; readonly plan: Plan; readonly rows: readonly TimelineRow[]; readonly svg: string; readonly notes: readonly string[] }
  | { readonly ok: false; readonly errors: readonly string[] };

export async function simulate(options: SimulateOptions): Promise<SimulateResult> {
  const read = await readPlanDir(options.planDir);
  if (!read.ok) return read;
  const plan = read.plan;
  const periodS = options.periodS ?? 15;
  const alerts = await alertRules(options.planDir, plan);
  const world = new SimWorld(plan, options.load, alerts, { bootDelayS: options.bootDelayS ?? 120, podsPerNode: options.podsPerNode ?? 2, startMs: Date.UTC(2026, 0, 1) });
  const notes = world.unreadableAlerts.map((a) => `alert ${a}: no trailing comparison with a number in its expression, so it never fires in the simulation`);
  const uncompiled = plan.policies.filter((p) => p.rule.module === undefined).map((p) => p.name);
  if (uncompiled.length > 0) notes.push(`not compiled, skipped every cycle: ${uncompiled.join(', ')}`);
  const runner = new RuleRunner({ timeoutMs: options.ruleTimeoutMs ?? 15_000 });
  try {
    const opened = await openLoop({ planDir: options.planDir, stateDir: options.stateDir, env: world, runner, read, ...(options.echo ? { echo: options.echo } : {}) });
    if (!opened.ok) return opened;
    // One series per distinct expression: an alert pair (overloaded/underloaded) shares its left-hand side.
    const byExpr = new Map<string, string[]>();
    const add = (name: string, expr: string) => byExpr.set(expr, [...(byExpr.get(expr) ?? []), name].filter((n, i, all) => all.indexOf(n) === i));
    for (const policy of plan.policies) for (const [name, q] of Object.entries(policy.queries)) if (!('label' in q)) add(name, q.expr);
    for (const rule of alerts) add(rule.alert, rule.expr.replace(/\s*(>=|<=|==|!=|>|<)\s*-?\d+(?:\.\d+)?\s*$/, ''));
    const expressions = new Map([...byExpr].map(([expr, names]) => [names.join(' / '), expr] as const));
    const rows: TimelineRow[] = [];
    while (world.t <= options.durationS) {
      const report = await opened.loop.cycle();
      const nodes: Record<string, { ready: number; all: number }> = {};
      for (const set of plan.nodeSets) nodes[set.name] = { ready: world.readyNodes(set.name).length, all: world.allNodes(set.name) };
      const replicas: Record<string, { desired: number; ready: number }> = {};
      for (const policy of plan.policies) if (policy.workload) replicas[policy.workload.name] = { desired: world.desiredReplicas(policy.workload.name), ready: world.readyPods(policy.workload.name) };
      const metrics: Record<string, number> = {};
      for (const [name, expr] of expressions) if (!/\btime\(\)/.test(expr)) metrics[name] = round(world.valueOf(expr));
      rows.push({ t: world.t, demand: round(world.demand()), nodes, replicas, metrics, outcomes: report.outcomes });
      world.advance(periodS);
    }
    await opened.log.flush();
    return { ok: true, plan, rows, svg: chart(plan, rows), notes };
  } finally {
    await runner.close();
  }
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}

/** The alerting rules the policies name, read from the plan's rule file. */
async function alertRules(planDir: string, plan: Plan): Promise<AlertRuleText[]> {
  if (plan.prometheus.ruleFile === undefined) return [];
  try {
    const doc = parse(await readFile(join(planDir, plan.prometheus.ruleFile), 'utf8')) as { groups?: { rules?: AlertRuleText[] }[] };
    return (doc.groups ?? []).flatMap((g) => g.rules ?? []).filter((r) => typeof r.alert === 'string' && typeof r.expr === 'string');
  } catch {
    return [];
  }
}

function chart(plan: Plan, rows: readonly TimelineRow[]): string {
  const counts: Series[] = [];
  for (const policy of plan.policies) {
    if (policy.kind === 'vm') {
      const set = nodeSetOf(plan, policy);
      if (set) counts.push({ name: `nodes ${set.name}`, points: rows.map((r) => [r.t, r.nodes[set.name]?.ready ?? 0] as const) });
    } else if (policy.workload) {
      const name = policy.workload.name;
      counts.push({ name: `replicas ${name}`, points: rows.map((r) => [r.t, r.replicas[name]?.ready ?? 0] as const) });
    }
  }
  const metricNames = [...new Set(rows.flatMap((r) => Object.keys(r.metrics)))];
  const metrics: Series[] = [{ name: 'demand', points: rows.map((r) => [r.t, r.demand] as const) }];
  for (const name of metricNames) metrics.push({ name, points: rows.map((r) => [r.t, r.metrics[name] ?? Number.NaN] as const) });
  return renderChart(plan.app.id, counts, metrics, rows.at(-1)?.t ?? 0);
}
