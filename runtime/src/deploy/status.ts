/**
 * `adtc status`: for a deployed app, node sets (the loop's target against machines the driver reports),
 * workloads (desired against ready), each policy's last result from the loop state, and firing alerts.
 * Each source that cannot be reached is reported as such; status never fails as a whole.
 */
import type { Cluster } from '../kubernetes/cluster.js';
import { StateStore } from '../loop/state.js';
import type { NodeSet, Plan } from '../plan/plan-types.js';
import type { NodeSetDriver } from '../nodesets/driver.js';
import type { MetricsSource } from '../loop/environment.js';
import { redactText } from '../loop/decision-log.js';
import { INSTANCE_LABEL } from './deploy.js';
import { readRecord } from './record.js';

export interface AppStatus {
  readonly appId: string;
  readonly deployed: boolean;
  readonly lines: readonly string[];
}

export async function appStatus(
  appId: string,
  stateDir: string,
  sources: { cluster?: Cluster; plan?: Plan; nodeSetDriver?: (set: NodeSet) => NodeSetDriver | undefined; metrics?: MetricsSource },
): Promise<AppStatus> {
  const lines: string[] = [];
  const record = await readRecord(stateDir, appId);
  lines.push(record ? `app ${appId}: deployed ${record.deployedAt}${record.updatedAt ? `, updated ${record.updatedAt}` : ''} from ${record.planDir}` : `app ${appId}: no deployment record`);
  const loaded = await StateStore.forApp(stateDir, appId).load();
  const state = loaded.ok ? loaded.state : undefined;
  if (!loaded.ok) lines.push(`loop state: ${loaded.message}`);
  else if (state === undefined) lines.push('loop: never ran');
  else lines.push(`loop: ${state.cycle} cycles${state.lastCycleAt ? `, last at ${new Date(state.lastCycleAt).toISOString()}` : ''}${state.pending.length > 0 ? `, ${state.pending.length} action(s) pending` : ''}`);
  for (const set of sources.plan?.nodeSets ?? []) {
    const target = state?.nodeSets[set.name]?.target ?? set.count.initial;
    let actual = 'unknown (no driver)';
    const driver = sources.nodeSetDriver?.(set);
    if (driver) actual = await driver.count(set.name).then(String, (e: Error) => `unavailable: ${redactText(e.message)}`);
    lines.push(`node set ${set.name}: desired ${target}, actual ${actual}`);
  }
  if (sources.cluster) {
    for (const kind of ['Deployment', 'StatefulSet'] as const) {
      try {
        for (const w of await sources.cluster.list({ apiVersion: 'apps/v1', kind, labelSelector: `${INSTANCE_LABEL}=${appId}` })) {
          const spec = (w['spec'] ?? {}) as { replicas?: number };
          const status = (w['status'] ?? {}) as { readyReplicas?: number };
          lines.push(`${kind} ${w.metadata.namespace ?? ''}/${w.metadata.name}: desired ${spec.replicas ?? 1}, ready ${status.readyReplicas ?? 0}`);
        }
      } catch (error) {
        lines.push(`${kind}s: unavailable: ${redactText((error as Error).message)}`);
        break;
      }
    }
  }
  for (const [policy, result] of Object.entries(state?.results ?? {})) lines.push(`policy ${policy}: ${result.summary} (cycle ${result.cycle}, ${result.at})`);
  if (sources.metrics) {
    const alerts = await sources.metrics.firingAlerts();
    const names = new Set(sources.plan?.policies.flatMap((p) => p.alerts) ?? []);
    if (!alerts.ok) lines.push(`alerts: unavailable: ${alerts.failure.message}`);
    else {
      const firing = (alerts.value ?? []).map((a) => a.name).filter((n) => names.size === 0 || names.has(n));
      lines.push(`alerts firing: ${firing.length === 0 ? 'none' : [...new Set(firing)].join(', ')}`);
    }
  }
  return { appId, deployed: record !== undefined, lines };
}
