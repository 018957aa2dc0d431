/**
 * The simulator's world: node sets whose machines become ready after a boot delay, workloads whose pods run
 * only where there is room (pods per node), and metrics computed from the demand and what is running. It is
 * the loop's environment, so the simulation runs the real cycle and the real compiled rules.
 *
 * Metrics by what an expression mentions: `time()` is the clock; node CPU (`id="/"`, `node_…`) is the pods'
 * CPU spread over ready nodes; container CPU (`container_…`, `pod=~`) is demand per ready pod (at most 100);
 * anything else (request rates, queue lengths) is demand per ready pod. An alert fires when its comparison
 * holds for its `for:` duration.
 */
import type { ScalableRef, WorkerNode } from '../kubernetes/cluster.js';
import type { NodeSetDriver, NodeSetNode } from '../nodesets/driver.js';
import type { FiringAlert, QueryResult } from '../prometheus/client.js';
import type { NodeSet, Plan } from '../plan/plan-types.js';
import type { LoopEnvironment, MetricsSource } from '../loop/environment.js';
import type { LoadSource } from './load.js';

export interface WorldOptions {
  readonly bootDelayS: number;
  readonly podsPerNode: number;
  readonly startMs: number;
}

export interface AlertRuleText {
  readonly alert: string;
  readonly expr: string;
  readonly for?: string;
}

interface SimNode {
  readonly id: string;
  readonly addr: string;
  readonly readyAt: number;
}

type MetricKind = 'time' | 'node-cpu' | 'pod-cpu' | 'per-pod';

export function metricKind(expr: string): MetricKind {
  if (/\btime\(\)/.test(expr)) return 'time';
  if (/id="\/"|\bnode_[a-z_]+/.test(expr)) return 'node-cpu';
  if (/\bcontainer_[a-z_]+|pod=~/.test(expr)) return 'pod-cpu';
  return 'per-pod';
}

const COMPARISON = /(>=|<=|==|!=|>|<)\s*(-?\d+(?:\.\d+)?)\s*$/;

export class SimWorld implements LoopEnvironment {
  private clock: number;
  private readonly sets = new Map<string, SimNode[]>();
  private readonly desired = new Map<string, number>();
  private readonly pendingSince = new Map<string, number>();
  private serial = 0;
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
    for (const rule of alertRules) if (!COMPARISON.test(rule.expr)) this.unreadableAlerts.push(rule.alert);
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

  /** Pods running: the desired count, limited by room on the ready nodes of the hosting sets (no node sets: no limit). */
  readyPods(name: string): number {
    const policy = this.plan.policies.find((p) => p.workload?.name === name);
    const desired = this.desired.get(name) ?? 0;
    if (this.plan.nodeSets.length === 0) return desired;
    const hosts = this.plan.nodeSets.filter((s) => policy === undefined || policy.hosts.length === 0 || policy.hosts.includes(s.node) || policy.hosts.includes(s.name));
    const room = hosts.reduce((sum, s) => sum + this.readyNodes(s.name).length, 0) * this.options.podsPerNode;
    return Math.min(desired, room);
  }

  private totalPods(): number {
    let total = 0;
    for (const name of this.desired.keys()) total += this.readyPods(name);
    return total;
  }

  demand(): number {
    return this.load.demand(this.t);
  }

  private podCpu(): number {
    const pods = this.totalPods();
    return pods === 0 ? 100 : Math.min(100, this.demand() / pods);
  }

  private nodeCpu(): number {
    const nodes = this.plan.nodeSets.reduce((sum, s) => sum + this.readyNodes(s.name).length, 0);
    const used = this.podCpu() * this.totalPods();
    return nodes === 0 ? 100 : Math.min(100, used / nodes);
  }

  /** The value of an expression now. */
  valueOf(expr: string): number {
    switch (metricKind(expr)) {
      case 'time':
        return this.clock / 1000;
      case 'node-cpu':
        return this.nodeCpu();
      case 'pod-cpu':
        return this.podCpu();
      case 'per-pod': {
        const pods = this.totalPods();
        return pods === 0 ? this.demand() : this.demand() / pods;
      }
    }
  }

  private firing(): string[] {
    const out: string[] = [];
    for (const rule of this.alertRules) {
      const given = this.load.column(rule.alert, this.t);
      let holds: boolean;
      if (given !== undefined) holds = given !== 0;
      else {
        const match = COMPARISON.exec(rule.expr);
        if (match === null) continue;
        const lhs = this.valueOf(rule.expr.slice(0, match.index));
        const rhs = Number(match[2]);
        holds = { '>': lhs > rhs, '<': lhs < rhs, '>=': lhs >= rhs, '<=': lhs <= rhs, '==': lhs === rhs, '!=': lhs !== rhs }[match[1]!] ?? false;
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
    query: async (expr: string): Promise<QueryResult<number>> => ({ ok: true, value: this.queryValue(expr) }),
    queryLabels: async (): Promise<QueryResult<string[]>> => ({ ok: true, value: [] }),
    firingAlerts: async (): Promise<QueryResult<FiringAlert[]>> => ({
      ok: true,
      value: this.firing().map((name) => ({ name, labels: { alertname: name }, activeAt: undefined })),
    }),
  };

  private queryValue(expr: string): number {
    const named = this.plan.policies.flatMap((p) => Object.entries(p.queries)).find(([, q]) => q.expr === expr)?.[0];
    return (named === undefined ? undefined : this.load.column(named, this.t)) ?? this.valueOf(expr);
  }

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
