import { existsSync } from 'node:fs';
import {
  AppsV1Api,
  CoordinationV1Api,
  CoreV1Api,
  KubeConfig,
  KubernetesObjectApi,
  PatchStrategy,
  setHeaderOptions,
} from '@kubernetes/client-node';
import type { KubernetesObject } from '@kubernetes/client-node';
import type {
  ApplyOptions,
  Cluster,
  ClusterEvent,
  LeaseRecord,
  ListQuery,
  Manifest,
  ObjectRef,
  RolloutProgress,
  RolloutRef,
  ScalableRef,
  WaitOptions,
  WorkerNode,
} from './cluster.js';
import { RolloutTimeoutError, statusOf, toKubeApiError } from './errors.js';
import { rolloutState } from './readiness.js';
import { defaultRetryPolicy, withRetry } from './retry.js';
import type { RetryPolicy } from './retry.js';

export const FIELD_MANAGER = 'adtc';
export const NODE_TYPE_LABEL = 'micado.eu/node_type';

/** Where a pod finds its service account's token, CA certificate and namespace. */
export const SERVICE_ACCOUNT_DIR = '/var/run/secrets/kubernetes.io/serviceaccount';

/**
 * Where the credentials come from: a kubeconfig file (optionally a context in it) or the pod's service account
 * (`root` prefixes SERVICE_ACCOUNT_DIR, for a test that has no pod).
 */
export type KubeConfigSource = { readonly kubeconfigPath: string; readonly context?: string } | { readonly inCluster: true; readonly root?: string };

export function loadKubeConfig(source: KubeConfigSource): KubeConfig {
  const config = new KubeConfig();
  if ('inCluster' in source) {
    // Without these the client would silently target https://undefined:undefined.
    if (!process.env['KUBERNETES_SERVICE_HOST'] || !process.env['KUBERNETES_SERVICE_PORT']) {
      throw new Error('in-cluster Kubernetes config needs KUBERNETES_SERVICE_HOST and KUBERNETES_SERVICE_PORT (is this running in a pod?)');
    }
    const token = `${source.root ?? ''}${SERVICE_ACCOUNT_DIR}/token`;
    if (!existsSync(token)) throw new Error(`in-cluster Kubernetes config needs the service account's token at ${token}: is automountServiceAccountToken off for this pod?`);
    // The token is read from its file on use, so a rotated (projected) token is picked up.
    config.loadFromCluster(source.root ?? '');
  } else {
    if (!existsSync(source.kubeconfigPath)) {
      throw new Error(`no kubeconfig at ${source.kubeconfigPath}: give one with --kubeconfig <file>, or use --in-cluster inside a pod`);
    }
    config.loadFromFile(source.kubeconfigPath);
    if (source.context !== undefined) config.setCurrentContext(source.context);
  }
  // A plain-http server (kubectl proxy) has no TLS to verify; the client refuses http unless told to skip it.
  const plain = config.clusters.map((c) => (c.server.startsWith('http://') ? { ...c, skipTLSVerify: true } : c));
  if (plain.some((c, i) => c !== config.clusters[i])) config.loadFromOptions({ clusters: plain, users: config.users, contexts: config.contexts, currentContext: config.getCurrentContext() });
  return config;
}

/** KubernetesObjectApi keeps its discovery lookup protected; apply needs it to know whether a kind is namespaced. */
class DiscoveringObjectApi extends KubernetesObjectApi {
  async isNamespaced(apiVersion: string, kind: string): Promise<boolean> {
    const resource = await this.resource(apiVersion, kind);
    if (resource === undefined) throw new Error(`the API server does not serve kind ${kind} in ${apiVersion}`);
    return resource.namespaced;
  }
}

export interface ClientClusterOptions {
  readonly retry?: Partial<RetryPolicy>;
  /** Pause between rollout polls; injectable for tests. */
  readonly sleep?: (ms: number) => Promise<void>;
}

type Fields = Record<string, unknown>;

function isNotFound(error: unknown): boolean {
  return statusOf(error) === 404;
}

function describe(ref: { kind: string; name: string; namespace?: string | undefined }): string {
  return `${ref.kind} ${ref.namespace === undefined ? '' : `${ref.namespace}/`}${ref.name}`;
}

/** Cluster over @kubernetes/client-node; every call is retried per the policy on 429, 5xx and 409. */
export class ClientCluster implements Cluster {
  private readonly objects: DiscoveringObjectApi;
  private readonly core: CoreV1Api;
  private readonly apps: AppsV1Api;
  private readonly coordination: CoordinationV1Api;
  private readonly retry: RetryPolicy;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(config: KubeConfig, options: ClientClusterOptions = {}) {
    this.objects = config.makeApiClient(DiscoveringObjectApi);
    this.core = config.makeApiClient(CoreV1Api);
    this.apps = config.makeApiClient(AppsV1Api);
    this.coordination = config.makeApiClient(CoordinationV1Api);
    this.retry = { ...defaultRetryPolicy, ...options.retry };
    this.sleep = options.sleep ?? defaultRetryPolicy.sleep;
  }

  private async call<T>(operation: string, call: () => Promise<T>): Promise<T> {
    const outcome = await withRetry(call, statusOf, this.retry);
    if ('value' in outcome) return outcome.value;
    throw toKubeApiError(operation, outcome.error, outcome.attempts);
  }

  async ensureNamespace(name: string): Promise<boolean> {
    const exists = await this.call(`read Namespace ${name}`, async () => {
      try {
        await this.core.readNamespace({ name });
        return true;
      } catch (error) {
        if (isNotFound(error)) return false;
        throw error;
      }
    });
    if (exists) return false;
    return this.call(`create Namespace ${name}`, async () => {
      try {
        await this.core.createNamespace({ body: { apiVersion: 'v1', kind: 'Namespace', metadata: { name } } });
        return true;
      } catch (error) {
        // Someone else created it between our read and our create: that is what we wanted.
        if (statusOf(error) === 409) return false;
        throw error;
      }
    });
  }

  async apply(manifests: readonly Manifest[], options: ApplyOptions): Promise<Manifest[]> {
    const applied: Manifest[] = [];
    for (const manifest of manifests) {
      const operation = `apply ${describe({ kind: manifest.kind, name: manifest.metadata.name, namespace: manifest.metadata.namespace })}`;
      const namespaced = await this.call(operation, () => this.objects.isNamespaced(manifest.apiVersion, manifest.kind));
      const metadata = {
        ...manifest.metadata,
        labels: { ...manifest.metadata.labels, ...options.labels },
        ...(namespaced ? { namespace: manifest.metadata.namespace ?? options.namespace } : {}),
      };
      if (!namespaced) delete metadata.namespace;
      const body = { ...manifest, metadata } as KubernetesObject;
      // force: adtc is the source of truth for the objects it applies; a conflicting manager is overridden.
      const stored = await this.call(operation, () =>
        this.objects.patch(body, undefined, undefined, FIELD_MANAGER, true, PatchStrategy.ServerSideApply),
      );
      applied.push(stored as unknown as Manifest);
    }
    return applied;
  }

  async list(query: ListQuery): Promise<Manifest[]> {
    const result = await this.call(`list ${query.kind} -l ${query.labelSelector}`, () =>
      this.objects.list(query.apiVersion, query.kind, query.namespace, undefined, undefined, undefined, undefined, query.labelSelector),
    );
    // List items come without apiVersion and kind; restore them so they can be passed back to delete().
    return result.items.map((item) => ({ ...item, apiVersion: query.apiVersion, kind: query.kind }) as unknown as Manifest);
  }

  async read(ref: ObjectRef): Promise<Manifest | undefined> {
    const spec = { apiVersion: ref.apiVersion, kind: ref.kind, metadata: { name: ref.name, ...(ref.namespace === undefined ? {} : { namespace: ref.namespace }) } };
    return this.call(`read ${describe(ref)}`, async () => {
      try {
        const stored = await this.objects.read(spec);
        return { ...stored, apiVersion: ref.apiVersion, kind: ref.kind } as unknown as Manifest;
      } catch (error) {
        if (isNotFound(error)) return undefined;
        throw error;
      }
    });
  }

  async delete(ref: ObjectRef): Promise<boolean> {
    const spec = {
      apiVersion: ref.apiVersion,
      kind: ref.kind,
      metadata: { name: ref.name, ...(ref.namespace === undefined ? {} : { namespace: ref.namespace }) },
    };
    return this.call(`delete ${describe(ref)}`, async () => {
      try {
        await this.objects.delete(spec, undefined, undefined, undefined, undefined, 'Background');
        return true;
      } catch (error) {
        if (isNotFound(error)) return false;
        throw error;
      }
    });
  }

  async getReplicas(ref: ScalableRef): Promise<number> {
    const params = { name: ref.name, namespace: ref.namespace };
    const scale = await this.call(`read scale of ${describe(ref)}`, () =>
      ref.kind === 'Deployment' ? this.apps.readNamespacedDeploymentScale(params) : this.apps.readNamespacedStatefulSetScale(params),
    );
    return scale.spec?.replicas ?? 0;
  }

  async setReplicas(ref: ScalableRef, replicas: number): Promise<void> {
    const params = { name: ref.name, namespace: ref.namespace, body: { spec: { replicas } }, fieldManager: FIELD_MANAGER };
    // The generated client would send a JSON patch; a merge patch of spec.replicas is what we mean.
    const mergePatch = setHeaderOptions('Content-Type', PatchStrategy.MergePatch);
    await this.call(`scale ${describe(ref)} to ${replicas}`, () =>
      ref.kind === 'Deployment'
        ? this.apps.patchNamespacedDeploymentScale(params, mergePatch)
        : this.apps.patchNamespacedStatefulSetScale(params, mergePatch),
    );
  }

  private async readWorkload(ref: RolloutRef): Promise<Fields | undefined> {
    const params = { name: ref.name, namespace: ref.namespace };
    return this.call(`read ${describe(ref)}`, async () => {
      try {
        switch (ref.kind) {
          case 'Deployment':
            return (await this.apps.readNamespacedDeployment(params)) as unknown as Fields;
          case 'StatefulSet':
            return (await this.apps.readNamespacedStatefulSet(params)) as unknown as Fields;
          case 'DaemonSet':
            return (await this.apps.readNamespacedDaemonSet(params)) as unknown as Fields;
        }
      } catch (error) {
        if (isNotFound(error)) return undefined;
        throw error;
      }
    });
  }

  async waitForRollout(refs: readonly RolloutRef[], options: WaitOptions): Promise<void> {
    const deadline = Date.now() + options.timeoutMs;
    const lastMessage = new Map<RolloutRef, string>();
    let pending = [...refs];
    for (;;) {
      const stillPending: RolloutRef[] = [];
      for (const ref of pending) {
        const object = await this.readWorkload(ref);
        const state =
          object === undefined
            ? { ready: 0, desired: 0, done: false, message: 'not found yet' }
            : rolloutState(ref.kind, object);
        // Report changes only, so a slow rollout does not flood the log with identical lines.
        if (lastMessage.get(ref) !== state.message || state.done) {
          lastMessage.set(ref, state.message);
          const progress: RolloutProgress = { ref, ...state };
          options.onProgress?.(progress);
        }
        if (!state.done) stillPending.push(ref);
      }
      pending = stillPending;
      if (pending.length === 0) return;
      if (Date.now() >= deadline) {
        const waiting = pending.map((ref) => `${describe(ref)} (${lastMessage.get(ref) ?? 'no state'})`).join(', ');
        throw new RolloutTimeoutError(`rollout not complete after ${options.timeoutMs} ms: ${waiting}`);
      }
      await this.sleep(options.intervalMs ?? 2_000);
    }
  }

  async workerNodes(nodeType: string): Promise<WorkerNode[]> {
    const selector = `${NODE_TYPE_LABEL}=${nodeType}`;
    const nodes = await this.call(`list Nodes -l ${selector}`, () => this.core.listNode({ labelSelector: selector }));
    const workers: WorkerNode[] = [];
    for (const node of nodes.items) {
      const ready = node.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;
      // A tainted node is still initialising or cordoned: MiCADO does not count it (spec 6.7).
      const tainted = (node.spec?.taints?.length ?? 0) > 0;
      const name = node.metadata?.name;
      if (!ready || tainted || name === undefined) continue;
      workers.push({ ID: name, Addr: node.status?.addresses?.[0]?.address ?? '' });
    }
    return workers;
  }

  async recordEvent(event: ClusterEvent): Promise<void> {
    const { involved } = event;
    const now = new Date();
    // Named as kubectl's own events are: the object's name and a unique suffix.
    const name = `${involved.name}.${now.getTime().toString(16)}${Math.floor(Math.random() * 0x10000).toString(16).padStart(4, '0')}`;
    await this.call(`record Event ${event.reason} on ${describe(involved)}`, () =>
      this.core.createNamespacedEvent({
        namespace: involved.namespace,
        body: {
          apiVersion: 'v1',
          kind: 'Event',
          metadata: { name, namespace: involved.namespace },
          involvedObject: { apiVersion: 'apps/v1', kind: involved.kind, name: involved.name, namespace: involved.namespace },
          type: event.type,
          reason: event.reason,
          message: event.message,
          source: { component: FIELD_MANAGER },
          reportingComponent: FIELD_MANAGER,
          firstTimestamp: now,
          lastTimestamp: now,
          count: 1,
        },
      }),
    );
  }

  async readLease(namespace: string, name: string): Promise<LeaseRecord | undefined> {
    const lease = await this.call(`read Lease ${namespace}/${name}`, async () => {
      try {
        return await this.coordination.readNamespacedLease({ namespace, name });
      } catch (error) {
        if (isNotFound(error)) return undefined;
        throw error;
      }
    });
    if (lease === undefined) return undefined;
    const renew = lease.spec?.renewTime;
    return {
      holder: lease.spec?.holderIdentity ?? undefined,
      durationSeconds: lease.spec?.leaseDurationSeconds ?? 0,
      renewedAt: renew === undefined ? undefined : new Date(renew as unknown as string).getTime(),
      resourceVersion: lease.metadata?.resourceVersion ?? '',
    };
  }

  async writeLease(namespace: string, name: string, lease: { holder: string; durationSeconds: number; renewedAt: number }, resourceVersion?: string): Promise<boolean> {
    const time = new Date(lease.renewedAt);
    const body = {
      apiVersion: 'coordination.k8s.io/v1',
      kind: 'Lease',
      metadata: { name, namespace, ...(resourceVersion === undefined ? {} : { resourceVersion }) },
      spec: { holderIdentity: lease.holder, leaseDurationSeconds: lease.durationSeconds, renewTime: time as never, acquireTime: time as never },
    };
    try {
      // Not retried on 409: a conflict here means another loop wrote the Lease, which is the answer.
      if (resourceVersion === undefined) await this.coordination.createNamespacedLease({ namespace, body });
      else await this.coordination.replaceNamespacedLease({ namespace, name, body });
      return true;
    } catch (error) {
      if (statusOf(error) === 409) return false;
      throw toKubeApiError(`write Lease ${namespace}/${name}`, error, 1);
    }
  }

  async releaseLease(namespace: string, name: string, holder: string): Promise<void> {
    const lease = await this.readLease(namespace, name);
    if (lease?.holder !== holder) return;
    await this.call(`delete Lease ${namespace}/${name}`, async () => {
      try {
        await this.coordination.deleteNamespacedLease({ namespace, name });
      } catch (error) {
        if (!isNotFound(error)) throw error;
      }
    });
  }
}
