/**
 * `adtc simulate`: runs the real scaling loop and the plan's compiled rules against the simulated world on a
 * virtual clock, one cycle per period, and collects a timeline with everything the chart draws: counts, the
 * driving metrics with the thresholds the policies hold them to, and the scale actions. Nothing leaves the
 * process; state and the decision log go to a directory the caller chooses.
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
import { placements } from './capacity.js';
import type { LoadProfileName, LoadSource } from './load.js';
import { profileLoad } from './load.js';
import type { Measure } from './metric-model.js';
import { measureOf } from './metric-model.js';
import type { AlertRuleText, Threshold } from './thresholds.js';
import { alertThreshold, ruleThresholds } from './thresholds.js';
import { SimWorld } from './world.js';

/** A named profile whose peak and base default to ones that cross the policies' thresholds, or a trace. */
export type LoadSpec = { readonly profile: LoadProfileName; readonly peak?: number; readonly base?: number } | { readonly trace: LoadSource };

export interface SimulateOptions {
  readonly planDir: string;
  readonly stateDir: string;
  readonly load: LoadSpec;
  readonly durationS: number;
  readonly periodS?: number;
  readonly bootDelayS?: number;
  /** Pods per node for every workload; by default derived from requests and node sizes, else `fallbackPodsPerNode`. */
  readonly podsPerNode?: number;
  readonly fallbackPodsPerNode?: number;
  /** Epoch ms of the simulation's start; by default one duration before the deadline a rule counts down to, else 2026-01-01. */
  readonly startMs?: number;
  readonly overrides?: ReadonlyMap<string, Measure>;
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
  /** The value of each driving metric (null: no sample). */
  readonly metrics: Readonly<Record<string, number | null>>;
  readonly outcomes: readonly PolicyOutcome[];
  /** Rules that raised an error this cycle (their outputs were still applied as far as they went). */
  readonly ruleErrors: readonly string[];
}

/** A metric the chart draws, with the thresholds it is compared with. */
export interface DrivingMetric {
  readonly name: string;
  /** What the value is, in words: "CPU % per pod", "queue items". */
  readonly measures: string;
  readonly thresholds: readonly Threshold[];
}

export interface SimulationRun {
  readonly plan: Plan;
  readonly rows: readonly TimelineRow[];
  readonly metrics: readonly DrivingMetric[];
  /** Node sets a VM policy scales, and workloads a container policy scales: what the count panel draws. */
  readonly scaledSets: readonly string[];
  readonly workloads: readonly string[];
  readonly startMs: number;
  /** What the simulation assumed, for the user to check (pods per node, load, clock). */
  readonly notes: readonly string[];
}

export type SimulateResult = ({ readonly ok: true } & SimulationRun) | { readonly ok: false; readonly errors: readonly string[] };

const DEFAULT_START_MS = Date.UTC(2026, 0, 1);
/** Where in the simulated time a countdown's deadline falls by default. */
const DEADLINE_AT = 0.85;

export async function simulate(options: SimulateOptions): Promise<SimulateResult> {
  const read = await readPlanDir(options.planDir);
  if (!read.ok) return read;
  const plan = read.plan;
  const periodS = options.periodS ?? 15;
  const overrides = options.overrides ?? new Map<string, Measure>();
  const alerts = await alertRules(options.planDir, plan);
  const queryNames = new Set(plan.policies.flatMap((p) => Object.keys(p.queries)));
  const unknown = [...overrides.keys()].filter((n) => !queryNames.has(n));
  const traceColumns = 'trace' in options.load ? options.load.trace.columns : [];
  const known = [...queryNames, ...alerts.map((a) => a.alert)];
  const strays = traceColumns.filter((c) => !known.includes(c));
  const errors = [
    ...unknown.map((n) => `--metric ${n}: the plan has no query ${n}${suggest(n, [...queryNames])}`),
    ...strays.map((c) => `the trace's column ${c} names no query or alert of the plan${suggest(c, known)}; columns are time, load, and query or alert names`),
  ];
  if (errors.length > 0) return { ok: false, errors };

  const thresholds = await ruleThresholds(options.planDir, plan);
  const notes: string[] = [];
  const placed = await placements(options.planDir, plan, options.podsPerNode, options.fallbackPodsPerNode ?? 4);
  for (const [name, p] of placed) notes.push(`pods per node for ${name}: ${p.podsPerNode} (${p.why})`);
  const startMs = options.startMs ?? countdownStart(plan, overrides, options.durationS, notes) ?? DEFAULT_START_MS;
  const load = 'trace' in options.load ? options.load.trace : profileFor(options.load, plan, thresholds, alerts, overrides, options.durationS, notes);
  const world = new SimWorld(plan, load, alerts, { bootDelayS: options.bootDelayS ?? 120, podsPerNode: new Map([...placed].map(([n, p]) => [n, p.podsPerNode])), startMs, overrides });
  for (const a of world.unreadableAlerts) notes.push(`alert ${a}: no trailing comparison with a number in its expression, so it never fires in the simulation`);
  const uncompiled = plan.policies.filter((p) => p.rule.module === undefined).map((p) => p.name);
  if (uncompiled.length > 0) notes.push(`not compiled, skipped every cycle: ${uncompiled.join(', ')}`);

  const metrics = drivingMetrics(world, alerts, thresholds);
  const scaledSets = plan.policies.flatMap((p) => {
    const set = p.kind === 'vm' ? nodeSetOf(plan, p) : undefined;
    return set ? [set.name] : [];
  });
  const workloads = plan.policies.flatMap((p) => (p.workload ? [p.workload.name] : []));
  const runner = new RuleRunner({ timeoutMs: options.ruleTimeoutMs ?? 15_000 });
  try {
    let ruleErrors: string[] = [];
    const echo = (record: LogRecord & { readonly ts: string }) => {
      if (record.type === 'decision' && typeof record['error'] === 'string') ruleErrors.push(`${String(record['policy'])}: ${record['error']}`);
      options.echo?.(record);
    };
    const opened = await openLoop({ planDir: options.planDir, stateDir: options.stateDir, env: world, runner, read, echo });
    if (!opened.ok) return opened;
    const rows: TimelineRow[] = [];
    while (world.t <= options.durationS) {
      const report = await opened.loop.cycle();
      const nodes: Record<string, { ready: number; all: number }> = {};
      for (const set of plan.nodeSets) nodes[set.name] = { ready: world.readyNodes(set.name).length, all: world.allNodes(set.name) };
      const replicas: Record<string, { desired: number; ready: number }> = {};
      for (const name of workloads) replicas[name] = { desired: world.desiredReplicas(name), ready: world.readyPods(name) };
      const values: Record<string, number | null> = {};
      for (const m of metrics) values[m.name] = round(m.value());
      rows.push({ t: world.t, demand: round(world.demand()) ?? 0, nodes, replicas, metrics: values, outcomes: report.outcomes, ruleErrors });
      ruleErrors = [];
      world.advance(periodS);
    }
    await opened.log.flush();
    return { ok: true, plan, rows, metrics: metrics.map(({ name, measures, thresholds: t }) => ({ name, measures, thresholds: t })), scaledSets, workloads, startMs, notes };
  } finally {
    await runner.close();
  }
}

function round(n: number | null): number | null {
  return n === null ? null : Math.round(n * 100) / 100;
}

/** ", did you mean X?" for the nearest name by edit distance, or nothing. */
function suggest(name: string, names: readonly string[]): string {
  const distance = (a: string, b: string): number => {
    const row = Array.from({ length: b.length + 1 }, (_, j) => j);
    for (let i = 1; i <= a.length; i++) {
      let previous = row[0]!;
      row[0] = i;
      for (let j = 1; j <= b.length; j++) {
        const current = row[j]!;
        row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, previous + (a[i - 1]!.toLowerCase() === b[j - 1]!.toLowerCase() ? 0 : 1));
        previous = current;
      }
    }
    return row[b.length]!;
  };
  const best = [...names].sort((a, b) => distance(name, a) - distance(name, b))[0];
  return best !== undefined && distance(name, best) <= Math.max(2, name.length / 3) ? ` (did you mean ${best}?)` : '';
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

/**
 * The metrics worth drawing: each query that is neither a constant nor a bare clock (a countdown the rules
 * compare is kept), and each alert expression, an overloaded/underloaded pair sharing one series.
 */
function drivingMetrics(world: SimWorld, alerts: readonly AlertRuleText[], thresholds: ReadonlyMap<string, Threshold[]>): (DrivingMetric & { value: () => number | null })[] {
  const out: (DrivingMetric & { value: () => number | null })[] = [];
  for (const [name, q] of world.queries) {
    const compared = thresholds.get(name) ?? [];
    if (q.measure.kind === 'constant' || (q.measure.kind === 'clock' && compared.length === 0)) continue;
    out.push({ name, measures: describe(q.measure), thresholds: compared, value: () => world.queryValue(name) });
  }
  const byLhs = new Map<string, AlertRuleText[]>();
  for (const rule of alerts) {
    const lhs = alertThreshold(rule)?.lhs;
    if (lhs !== undefined) byLhs.set(lhs, [...(byLhs.get(lhs) ?? []), rule]);
  }
  for (const rules of byLhs.values()) {
    const t = rules.map((r) => ({ value: alertThreshold(r)!.value, label: r.alert })).sort((a, b) => a.value - b.value);
    // A trace that says when an alert fires does not say the value behind it: no line is better than a made-up one.
    const given = rules.some((r) => world.givenByTrace(r.alert));
    out.push({ name: rules.map((r) => r.alert).join(' / '), measures: describe(measureOf(alertThreshold(rules[0]!)!.lhs)), thresholds: t, value: () => (given ? null : world.alertValue(rules[0]!)) });
  }
  return out;
}

function describe(measure: Measure): string {
  switch (measure.kind) {
    case 'cpu':
      return `CPU % per ${measure.scope}`;
    case 'memory':
      return `memory % per ${measure.scope}`;
    case 'requests':
      return `requests/s per ${measure.scope}`;
    case 'bytes':
      return `bytes/s per ${measure.scope} (in the query's unit)`;
    case 'queue':
      return 'queue items';
    case 'clock':
      return 'seconds, from the clock';
    case 'constant':
      return 'constant';
    case 'none':
      return 'no sample';
  }
}

/**
 * A countdown such as `DEADLINE - time()` is only meaningful around its deadline: when one would already be
 * over at the default start, the clock starts so that it reaches 0 at 85 % of the duration, which shows
 * the rush before the deadline and what the rules do once it has passed.
 */
function countdownStart(plan: Plan, overrides: ReadonlyMap<string, Measure>, durationS: number, notes: string[]): number | undefined {
  for (const policy of plan.policies) {
    for (const [name, q] of Object.entries(policy.queries)) {
      const measure = overrides.get(name) ?? measureOf(q.expr);
      if (measure.kind !== 'clock') continue;
      const at = measure.at;
      const now = DEFAULT_START_MS / 1000;
      if (!(at(now + 1) < at(now)) || at(now) > durationS) continue;
      // at is linear in the clock: the deadline is where it reaches 0.
      const deadline = now + at(now) / (at(now) - at(now + 1));
      const startMs = Math.round((deadline - DEADLINE_AT * durationS) * 1000);
      notes.push(`clock starts at ${new Date(startMs).toISOString()}, so ${name} (${q.expr}) reaches 0 at ${DEADLINE_AT * durationS} s; give --start to change it`);
      return startMs;
    }
  }
  return undefined;
}

/**
 * The profile's peak and base: given, or derived so the load crosses the thresholds the policies compare with:
 * the peak takes every scaled workload past its upper threshold at its maximum size, the base below its
 * lower threshold at its minimum. Without thresholds: 250 and 5 % of the peak.
 */
function profileFor(
  spec: { readonly profile: LoadProfileName; readonly peak?: number; readonly base?: number },
  plan: Plan,
  thresholds: ReadonlyMap<string, Threshold[]>,
  alerts: readonly AlertRuleText[],
  overrides: ReadonlyMap<string, Measure>,
  durationS: number,
  notes: string[],
): LoadSource {
  const highs: number[] = [];
  const lows: number[] = [];
  const consider = (measure: Measure, compared: readonly number[], policyNames: readonly string[]) => {
    // A comparison with 0 or below says "is there anything", not how much.
    const values = compared.filter((v) => v > 0);
    if (values.length === 0 || measure.kind === 'constant' || measure.kind === 'clock' || measure.kind === 'none') return;
    const policies = plan.policies.filter((p) => policyNames.includes(p.name));
    const divisor = (which: 'max' | 'min') => {
      if (measure.kind === 'queue') return 1;
      if ('scope' in measure && measure.scope === 'node') return Math.max(1, ...plan.nodeSets.filter((s) => policies.some((p) => p.kind === 'vm' && nodeSetOf(plan, p) === s)).map((s) => s.count[which]));
      return Math.max(1, ...plan.policies.filter((p) => p.workload).map((p) => p.bounds[which]));
    };
    highs.push(Math.max(...values) * divisor('max') * 1.3);
    lows.push(Math.min(...values) * divisor('min') * 0.5);
  };
  for (const policy of plan.policies) {
    for (const [name, q] of Object.entries(policy.queries)) consider(overrides.get(name) ?? measureOf(q.expr), (thresholds.get(name) ?? []).map((t) => t.value), [policy.name]);
  }
  for (const rule of alerts) {
    const comparison = alertThreshold(rule);
    if (comparison) consider(measureOf(comparison.lhs), [comparison.value], plan.policies.filter((p) => p.alerts.includes(rule.alert)).map((p) => p.name));
  }
  const peak = spec.peak ?? (highs.length > 0 ? round(Math.max(...highs))! : 250);
  const base = spec.base ?? Math.min(peak * 0.05, ...lows.filter((l) => l > 0));
  const from = (given: number | undefined) => (given === undefined ? (highs.length > 0 ? 'from the thresholds' : 'default') : 'given');
  notes.push(`load ${spec.profile}: from ${round(base)} (${from(spec.base)}) to ${peak} (${from(spec.peak)}), in the unit of the metric it drives`);
  return profileLoad(spec.profile, durationS, peak, base);
}
