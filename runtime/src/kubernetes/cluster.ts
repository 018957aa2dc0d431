/**
 * What the runtime needs from a Kubernetes cluster, and nothing more. Manifests are plain objects
 * (whatever the compiler emitted); the implementation in client-cluster.ts talks to a real API server.
 */

/** A Kubernetes object as plain data: apiVersion, kind and metadata.name are required to apply it. */
export interface Manifest {
  apiVersion: string;
  kind: string;
  metadata: {
    name: string;
    namespace?: string;
    labels?: Record<string, string>;
    [key: string]: unknown;
  };
  [key: string]: unknown;
}

/** Identifies one object. `namespace` is ignored for cluster-scoped kinds. */
export interface ObjectRef {
  readonly apiVersion: string;
  readonly kind: string;
  readonly name: string;
  readonly namespace?: string;
}

/** The kinds whose replicas the scale subresource exposes and the runtime scales. */
export type ScalableKind = 'Deployment' | 'StatefulSet';

export interface ScalableRef {
  readonly kind: ScalableKind;
  readonly name: string;
  readonly namespace: string;
}

/** The kinds whose rollout the runtime waits for. */
export type RolloutKind = 'Deployment' | 'StatefulSet' | 'DaemonSet';

export interface RolloutRef {
  readonly kind: RolloutKind;
  readonly name: string;
  readonly namespace: string;
}

export interface RolloutProgress {
  readonly ref: RolloutRef;
  /** Pods that are ready (and up to date). */
  readonly ready: number;
  /** Pods wanted. */
  readonly desired: number;
  readonly done: boolean;
  /** Human-readable state, e.g. "2 of 3 updated replicas available". */
  readonly message: string;
}

/** A worker node as MiCADO's m_nodes lists it. */
export interface WorkerNode {
  readonly ID: string;
  readonly Addr: string;
}

export interface ApplyOptions {
  /** Labels added to every object's metadata.labels (the app's instance label, so prune can find them). */
  readonly labels: Readonly<Record<string, string>>;
  /** Namespace for namespaced objects that do not name one. */
  readonly namespace: string;
}

export interface ListQuery {
  readonly apiVersion: string;
  readonly kind: string;
  /** Omit to list across all namespaces (or for cluster-scoped kinds). */
  readonly namespace?: string;
  readonly labelSelector: string;
}

/** A Kubernetes Event about an object, as `kubectl describe` and `kubectl get events` show it. */
export interface ClusterEvent {
  readonly involved: ScalableRef;
  /** Normal, or Warning for failures. */
  readonly type: 'Normal' | 'Warning';
  /** CamelCase, e.g. Rescaled. */
  readonly reason: string;
  readonly message: string;
}

/** A coordination.k8s.io/v1 Lease as the loop uses it: who holds it, until when. */
export interface LeaseRecord {
  readonly holder: string | undefined;
  readonly durationSeconds: number;
  /** Epoch ms of the last renewal. */
  readonly renewedAt: number | undefined;
  /** For an update that fails (409) if someone else wrote the Lease since it was read. */
  readonly resourceVersion: string;
}

export interface Cluster {
  /** Creates the namespace unless it exists; true when it was created. */
  ensureNamespace(name: string): Promise<boolean>;
  /** Server-side apply of each manifest (field manager `adtc`, forced), in order; returns what the server stored. */
  apply(manifests: readonly Manifest[], options: ApplyOptions): Promise<Manifest[]>;
  list(query: ListQuery): Promise<Manifest[]>;
  /** One object as stored, or undefined when there is none (a namespaced ref without a namespace reads `default`). */
  read(ref: ObjectRef): Promise<Manifest | undefined>;
  /** Deletes one object; false when it was already gone. */
  delete(ref: ObjectRef): Promise<boolean>;
  getReplicas(ref: ScalableRef): Promise<number>;
  setReplicas(ref: ScalableRef, replicas: number): Promise<void>;
  /** Resolves when every workload is rolled out; rejects with a RolloutTimeoutError after `timeoutMs`. */
  waitForRollout(refs: readonly RolloutRef[], options: WaitOptions): Promise<void>;
  /** Ready, untainted nodes labelled `micado.eu/node_type=<nodeType>`. */
  workerNodes(nodeType: string): Promise<WorkerNode[]>;
  /** Records an Event on an object (core/v1 Events, component `adtc`). */
  recordEvent(event: ClusterEvent): Promise<void>;
  /** The Lease, or undefined when there is none. */
  readLease(namespace: string, name: string): Promise<LeaseRecord | undefined>;
  /**
   * Creates the Lease (without `resourceVersion`) or replaces it (with the version read); false when another
   * writer got there first (409), so the caller lost the race.
   */
  writeLease(namespace: string, name: string, lease: { holder: string; durationSeconds: number; renewedAt: number }, resourceVersion?: string): Promise<boolean>;
  /** Deletes the Lease if `holder` still holds it. */
  releaseLease(namespace: string, name: string, holder: string): Promise<void>;
}

export interface WaitOptions {
  readonly timeoutMs: number;
  /** Pause between polls. */
  readonly intervalMs?: number;
  readonly onProgress?: (progress: RolloutProgress) => void;
}

export function refOf(manifest: Manifest, defaultNamespace?: string): ObjectRef {
  const namespace = manifest.metadata.namespace ?? defaultNamespace;
  return {
    apiVersion: manifest.apiVersion,
    kind: manifest.kind,
    name: manifest.metadata.name,
    ...(namespace === undefined ? {} : { namespace }),
  };
}
