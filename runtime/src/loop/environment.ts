/**
 * What one scaling cycle talks to. The real loop plugs in the Prometheus client, the Kubernetes cluster and
 * the node-set drivers; the simulator plugs in its models. Both run the same cycle code.
 */
import type { ClusterEvent, ScalableRef, WorkerNode } from '../kubernetes/cluster.js';
import type { NodeSetDriver } from '../nodesets/driver.js';
import type { FiringAlert, QueryResult } from '../prometheus/client.js';
import type { NodeSet } from '../plan/plan-types.js';

export interface MetricsSource {
  query(expr: string): Promise<QueryResult<number>>;
  queryLabels(expr: string, label: string): Promise<QueryResult<string[]>>;
  firingAlerts(): Promise<QueryResult<FiringAlert[]>>;
}

export interface NodeView {
  /** Ready, untainted nodes of a node set (labelled `micado.eu/node_type=<set>`). */
  workerNodes(set: string): Promise<WorkerNode[]>;
}

export interface WorkloadScaler {
  getReplicas(ref: ScalableRef): Promise<number>;
  setReplicas(ref: ScalableRef, replicas: number): Promise<void>;
}

export interface LoopEnvironment {
  readonly metrics: MetricsSource;
  readonly nodes: NodeView;
  readonly workloads: WorkloadScaler;
  /** The driver of a node set; undefined when none is configured (the loop then decides but cannot apply). */
  readonly nodeSetDriver: (set: NodeSet) => NodeSetDriver | undefined;
  /** Where Kubernetes Events about the scaled workloads go; absent in the simulator and tests that do not look. */
  readonly events?: { recordEvent(event: ClusterEvent): Promise<void> };
  /** Epoch milliseconds; the simulator's clock is virtual. */
  readonly now: () => number;
}
