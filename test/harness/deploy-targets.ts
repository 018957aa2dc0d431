/**
 * What deploy tests share: the API-server double with its workload controllers played (every Deployment and
 * DaemonSet becomes ready when deploy polls), and a Cluster client over it that retries without waiting.
 */
import { ClientCluster, loadKubeConfig } from '../../runtime/src/kubernetes/client-cluster.js';
import { KubeApiServerDouble } from '../doubles/kube-apiserver.js';

type Obj = Record<string, unknown> & { metadata: { name: string; namespace?: string; generation?: number } };

/** Plays the workload controllers: every Deployment and DaemonSet becomes ready. */
export function markReady(api: KubeApiServerDouble): void {
  for (const kind of ['Deployment', 'DaemonSet'] as const) {
    for (const o of api.all('apps/v1', kind) as Obj[]) {
      const replicas = ((o['spec'] as { replicas?: number } | undefined)?.replicas ?? 1) as number;
      const generation = o.metadata.generation ?? 1;
      api.setStatus('apps/v1', kind, o.metadata.name, o.metadata.namespace, kind === 'Deployment'
        ? { observedGeneration: generation, replicas, updatedReplicas: replicas, availableReplicas: replicas, readyReplicas: replicas }
        : { observedGeneration: generation, desiredNumberScheduled: 1, updatedNumberScheduled: 1, numberAvailable: 1 });
    }
  }
}

/** The double and a cluster client over it; with `ready`, workloads become ready whenever deploy waits. */
export async function clusterDouble(ready = true): Promise<{ api: KubeApiServerDouble; cluster: ClientCluster }> {
  const api = await KubeApiServerDouble.start();
  const sleep = async () => {
    if (ready) markReady(api);
  };
  const cluster = new ClientCluster(loadKubeConfig({ kubeconfigPath: await api.writeKubeconfig() }), { retry: { attempts: 4, baseDelayMs: 1, maxDelayMs: 5, sleep: async () => undefined }, sleep });
  return { api, cluster };
}
