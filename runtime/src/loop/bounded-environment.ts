/**
 * The loop's environment with every call bounded (bounded.ts): metrics, the node list, workload replicas and
 * each node-set driver. The loop sets `signal` at the start of each cycle, so one signal abandons whatever is
 * still waiting when the cycle runs out of time or the process stops. Prometheus failures stay values (the
 * client never throws); every other failure is a DependencyError naming what failed.
 */
import type { ClusterEvent, ScalableRef, WorkerNode } from '../kubernetes/cluster.js';
import type { NodeSetDriver, NodeSetNode } from '../nodesets/driver.js';
import type { FiringAlert, QueryResult } from '../prometheus/client.js';
import type { NodeSet } from '../plan/plan-types.js';
import { DEFAULT_BOUNDS, DependencyError, bounded } from './bounded.js';
import type { CallBounds, Dependency, FailureListener } from './bounded.js';
import type { LoopEnvironment, MetricsSource, NodeView, WorkloadScaler } from './environment.js';

export type BoundsConfig = Readonly<Record<Dependency, CallBounds>>;

/** A Prometheus answer that another try may change: no answer, or an HTTP error without an API error body. */
class RetryableQuery extends Error {
  constructor(readonly result: QueryResult<never>) {
    super(result.ok ? '' : result.failure.message);
  }
}

export class BoundedEnvironment implements LoopEnvironment {
  /** The current cycle's signal; calls made without one are bounded by their timeouts only. */
  signal: AbortSignal | undefined;
  private readonly drivers = new Map<string, NodeSetDriver | undefined>();

  constructor(
    private readonly inner: LoopEnvironment,
    private readonly bounds: BoundsConfig = DEFAULT_BOUNDS,
    private readonly onFailure?: FailureListener,
  ) {}

  get now(): () => number {
    return this.inner.now;
  }

  private call<T>(dependency: Dependency, operation: string, call: () => Promise<T>, attempts?: number): Promise<T> {
    const limits = attempts === undefined ? this.bounds[dependency] : { ...this.bounds[dependency], attempts };
    return bounded(dependency, operation, call, { bounds: limits, signal: this.signal, onFailure: this.onFailure });
  }

  private async query<T>(operation: string, call: () => Promise<QueryResult<T>>): Promise<QueryResult<T>> {
    try {
      return await this.call('prometheus', operation, async () => {
        const result = await call();
        if (!result.ok && (result.failure.kind === 'unreachable' || result.failure.kind === 'http')) throw new RetryableQuery(result as QueryResult<never>);
        return result;
      });
    } catch (error) {
      // The last answer when Prometheus answered; a timeout or an abandoned call counts as unreachable.
      const message = error instanceof DependencyError ? error.message : String(error);
      return { ok: false, value: null, failure: { kind: 'unreachable', message } };
    }
  }

  readonly metrics: MetricsSource = {
    query: (expr) => this.query(`query ${expr}`, () => this.inner.metrics.query(expr)),
    queryLabels: (expr, label) => this.query(`query ${expr}`, () => this.inner.metrics.queryLabels(expr, label)),
    firingAlerts: (): Promise<QueryResult<FiringAlert[]>> => this.query('read alerts', () => this.inner.metrics.firingAlerts()),
  };

  readonly nodes: NodeView = {
    workerNodes: (set): Promise<WorkerNode[]> => this.call('kubernetes', `list nodes of ${set}`, () => this.inner.nodes.workerNodes(set)),
  };

  readonly workloads: WorkloadScaler = {
    getReplicas: (ref: ScalableRef) => this.call('kubernetes', `read replicas of ${ref.kind} ${ref.namespace}/${ref.name}`, () => this.inner.workloads.getReplicas(ref)),
    // An absolute count: repeating it after a lost answer is harmless.
    setReplicas: (ref: ScalableRef, replicas: number) =>
      this.call('kubernetes', `scale ${ref.kind} ${ref.namespace}/${ref.name} to ${replicas}`, () => this.inner.workloads.setReplicas(ref, replicas)),
  };

  /** Best effort, tried once: an Event that cannot be recorded must not cost the cycle more than one call. */
  get events(): { recordEvent(event: ClusterEvent): Promise<void> } | undefined {
    const inner = this.inner.events;
    return inner && { recordEvent: (event) => this.call('kubernetes', `record Event ${event.reason} on ${event.involved.kind} ${event.involved.name}`, () => inner.recordEvent(event), 1) };
  }

  readonly nodeSetDriver = (set: NodeSet): NodeSetDriver | undefined => {
    if (this.drivers.has(set.name)) return this.drivers.get(set.name);
    const inner = this.inner.nodeSetDriver(set);
    const dependency: Dependency = set.backend === 'terraform' ? 'terraform' : 'occopus';
    const driver: NodeSetDriver | undefined = inner && {
      count: (name) => this.call(dependency, `read the count of ${name}`, () => inner.count(name)),
      listNodes: (name): Promise<NodeSetNode[]> => this.call(dependency, `list the nodes of ${name}`, () => inner.listNodes(name)),
      scale: (name, count) => this.call(dependency, `scale ${name} to ${count}`, () => inner.scale(name, count)),
      // Not repeated: a drop that was applied but not acknowledged would remove one node too many.
      drop: (name, nodes) => this.call(dependency, `drop ${nodes.join(', ')} from ${name}`, () => inner.drop(name, nodes), 1),
    };
    this.drivers.set(set.name, driver);
    return driver;
  };
}
