/**
 * The simulator's world: node sets whose machines become ready after a boot delay, workloads whose pods run
 * only where there is room (pods per node, see capacity.ts), and metrics answered by each query's measure
 * (metric-model.ts) or by the trace's column of that name. It is the loop's environment, so the simulation
 * runs the real cycle and the real compiled rules. An alert fires when its comparison holds for its `for:`.
 */
import type { ScalableRef, WorkerNode } from '../kubernetes/cluster.js';
import type { NodeSetDriver, NodeSetNode } from '../nodesets/driver.js';
import type { FiringAlert, QueryResult } from '../prometheus/client.js';
import type { NodeSet, Plan } from '../plan/plan-types.js';
import type { LoopEnvironment, MetricsSource } from '../loop/environment.js';
import type { LoadSource } from './load.js';
import type { Measure } from './metric-model.js';
import { measureOf, measureValue } from './metric-model.js';
import type { AlertRuleText } from './thresholds.js';
import { alertThreshold } from './thresholds.js';

export interface WorldOptions {
  readonly bootDelayS: number;
  /** Pods of each scaled workload that fit on one node. */
  readonly podsPerNode: ReadonlyMap<string, number>;
  readonly startMs: number;
  /** Measures given on the command line, by query name. */
  readonly overrides: ReadonlyMap<string, Measure>;
}

interface SimNode {
  readonly id: string;
  readonly addr: string;
  readonly readyAt: number;
}

export class SimWorld implements LoopEnvironment {
  private clock: number;
  private readonly sets = new Map<string, SimNode[]>();
  private readonly desired = new Map<string, number>();
  private readonly pendingSince = new Map<string, number>();
  private serial = 0;
  /** Query name → its expression and measure. */
  readonly queries = new Map<string, { readonly expr: string; readonly measure: Measure }>();
  /** Alerts whose expression the simulator cannot read; they never fire. */
  readonly unreadableAlerts: string[] = [];

  constructor(
    private readonly plan: Plan,
    private readonly load: LoadSource,
    private readonly alertRules: readonly AlertRuleText[],
    private readonly options: WorldOptions,
  ) {
    this.clock = options.startMs;
    for (const set of plan.nodeSets) {
      // Initial machines are up when the simulation starts.
      this.sets.set(set.name, Array.from({ length: set.count.initial }, () => this.newNode(set.name, options.startMs)));
    }
    for (const policy of plan.policies) if (policy.workload) this.desired.set(policy.workload.name, policy.bounds.min);
    for (const policy of plan.policies) {
      for (const [name, q] of Object.entries(policy.queries)) this.queries.set(name, { expr: q.expr, measure: options.overrides.get(name) ?? measureOf(q.expr) });
    }
    for (const rule of alertRules) if (alertThreshold(rule) === undefined) this.unreadableAlerts.push(rule.alert);
  }

  readonly now = (): number => this.clock;

  /** Seconds since the start. */
  get t(): number {
    return (this.clock - this.options.startMs) / 1000;
  }

  advance(seconds: number): void {
    this.clock += seconds * 1000;
  }

  private newNode(set: string, readyAt: number): SimNode {
    const n = ++this.serial;
    return { id: `${set}-${n}`, addr: `10.0.${Math.floor(n / 250)}.${(n % 250) + 1}`, readyAt };
  }

  readyNodes(set: string): SimNode[] {
    return (this.sets.get(set) ?? []).filter((n) => n.readyAt <= this.clock);
  }

  allNodes(set: string): number {
    return this.sets.get(set)?.length ?? 0;
  }

  desiredReplicas(name: string): number {
    return this.desired.get(name) ?? 0;
  }

  private hostsOf(name: string): NodeSet[] {
    const policy = this.plan.policies.find((p) => p.workload?.name === name);
    return this.plan.nodeSets.filter((s) => policy === undefined || policy.hosts.length === 0 || policy.hosts.includes(s.node) || policy.hosts.includes(s.name));
  }

  /** Pods running: the desired count, limited by room on the ready nodes of the hosting sets (no node sets: no limit). */
  readyPods(name: string): number {
    const desired = this.desired.get(name) ?? 0;
    if (this.plan.nodeSets.length === 0) return desired;
    const room = this.hostsOf(name).reduce((sum, s) => sum + this.readyNodes(s.name).length, 0) * (this.options.podsPerNode.get(name) ?? 1);
    return Math.min(desired, room);
  }

  private totalPods(): number {
    let total = 0;
    for (const name of this.desired.keys()) total += this.readyPods(name);
    return total;
  }

  /** Ready nodes that run the scaled workloads (every set when the plan scales no workload). */
  private workerNodes(): number {
    const names = [...this.desired.keys()];
    const sets = names.length === 0 ? this.plan.nodeSets : this.plan.nodeSets.filter((s) => names.some((n) => this.hostsOf(n).includes(s)));
    return sets.reduce((sum, s) => sum + this.readyNodes(s.name).length, 0);
  }

  demand(): number {
    return this.load.demand(this.t);
  }

  /** The value of a measure now; null is "no sample". */
  valueOf(measure: Measure): number | null {
    return measureValue(measure, { demand: this.demand(), pods: this.totalPods(), nodes: this.workerNodes(), epochS: this.clock / 1000 });
  }

  /** A query's value now: the trace's column of that name, else its measure. */
  queryValue(name: string): number | null {
    const given = this.load.column(name, this.t);
    if (given !== undefined) return given;
    const query = this.queries.get(name);
    return query === undefined ? null : this.valueOf(query.measure);
  }

  /** Whether the trace gives this query's or alert's value itself. */
  givenByTrace(name: string): boolean {
    return this.load.columns.includes(name);
  }

  /** The value of an alert's left-hand side now. */
  alertValue(rule: AlertRuleText): number | null {
    const comparison = alertThreshold(rule);
    return comparison === undefined ? null : this.valueOf(measureOf(comparison.lhs));
  }

  private firing(): string[] {
    const out: string[] = [];
    for (const rule of this.alertRules) {
      const given = this.load.column(rule.alert, this.t);
      let holds: boolean;
      if (given !== undefined) holds = given !== null && given !== 0;
      else {
        const comparison = alertThreshold(rule);
        const lhs = this.alertValue(rule);
        if (comparison === undefined || lhs === null) holds = false;
        else {
          const rhs = comparison.value;
          holds = { '>': lhs > rhs, '<': lhs < rhs, '>=': lhs >= rhs, '<=': lhs <= rhs, '==': lhs === rhs, '!=': lhs !== rhs }[comparison.op] ?? false;
        }
      }
      if (!holds) {
        this.pendingSince.delete(rule.alert);
        continue;
      }
      const since = this.pendingSince.get(rule.alert) ?? this.clock;
      this.pendingSince.set(rule.alert, since);
      if (this.clock - since >= durationMs(rule.for)) out.push(rule.alert);
    }
    return out;
  }

  readonly metrics: MetricsSource = {
    query: async (expr: string): Promise<QueryResult<number>> => {
      const name = [...this.queries].find(([, q]) => q.expr === expr)?.[0];
      return { ok: true, value: name === undefined ? this.valueOf(measureOf(expr)) : this.queryValue(name) };
    },
    queryLabels: async (): Promise<QueryResult<string[]>> => ({ ok: true, value: [] }),
    firingAlerts: async (): Promise<QueryResult<FiringAlert[]>> => ({
      ok: true,
      value: this.firing().map((name) => ({ name, labels: { alertname: name }, activeAt: undefined })),
    }),
  };

  readonly nodes = {
    workerNodes: async (set: string): Promise<WorkerNode[]> => this.readyNodes(set).map((n) => ({ ID: n.id, Addr: n.addr })),
  };

  readonly workloads = {
    getReplicas: async (ref: ScalableRef): Promise<number> => this.desired.get(ref.name) ?? 1,
    setReplicas: async (ref: ScalableRef, replicas: number): Promise<void> => {
      this.desired.set(ref.name, replicas);
    },
  };

  readonly nodeSetDriver = (set: NodeSet): NodeSetDriver => ({
    count: async () => this.allNodes(set.name),
    listNodes: async (): Promise<NodeSetNode[]> => (this.sets.get(set.name) ?? []).map((n) => ({ id: n.id, addr: n.addr })),
    scale: async (name: string, count: number) => {
      const nodes = this.sets.get(name) ?? [];
      while (nodes.length < count) nodes.push(this.newNode(name, this.clock + this.options.bootDelayS * 1000));
      nodes.length = count;
      this.sets.set(name, nodes);
    },
    drop: async (name: string, drop: readonly string[]) => {
      this.sets.set(name, (this.sets.get(name) ?? []).filter((n) => !drop.includes(n.id) && !drop.includes(n.addr)));
    },
  });
}

/** Prometheus durations as alert rules write them: 30s, 1m, 1h30m. */
export function durationMs(text: string | undefined): number {
  if (text === undefined) return 0;
  let total = 0;
  for (const [, n, unit] of text.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h|d)/g)) total += Number(n) * { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[unit as 'ms']!;
  return total;
}
