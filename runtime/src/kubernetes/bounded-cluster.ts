/**
 * A Cluster whose calls cannot hang `adtc deploy`, `update`, `undeploy` or `status`: each call gets one
 * attempt with a time limit (ClientCluster already retries 429, 409 and 5xx inside it). Waiting for a
 * rollout keeps its own limit, the rollout timeout.
 */
import { DEFAULT_BOUNDS, bounded } from '../loop/bounded.js';
import type { Cluster } from './cluster.js';

/** Long enough for an apply of many objects through a slow API server, short enough to end a hang. */
const CALL_LIMIT_MS = 2 * 60_000;

export function boundedCluster(cluster: Cluster): Cluster {
  const bounds = { ...DEFAULT_BOUNDS.kubernetes, timeoutMs: CALL_LIMIT_MS, attempts: 1 };
  const wrap =
    <A extends unknown[], R>(name: string, call: (...args: A) => Promise<R>) =>
    (...args: A): Promise<R> =>
      bounded('kubernetes', name, () => call.apply(cluster, args), { bounds });
  return {
    ensureNamespace: wrap('ensure namespace', cluster.ensureNamespace),
    apply: wrap('apply', cluster.apply),
    list: wrap('list', cluster.list),
    read: wrap('read', cluster.read),
    delete: wrap('delete', cluster.delete),
    getReplicas: wrap('read replicas', cluster.getReplicas),
    setReplicas: wrap('scale', cluster.setReplicas),
    waitForRollout: (refs, options) => cluster.waitForRollout(refs, options),
    workerNodes: wrap('list nodes', cluster.workerNodes),
    recordEvent: wrap('record Event', cluster.recordEvent),
    readLease: wrap('read Lease', cluster.readLease),
    writeLease: wrap('write Lease', cluster.writeLease),
    releaseLease: wrap('release Lease', cluster.releaseLease),
  };
}
