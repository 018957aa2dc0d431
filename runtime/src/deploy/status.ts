/**
 * `adtc status`: for a deployed app, node sets (the loop's target against machines the driver reports),
 * workloads (desired against ready), the loop (running, stalled, stopped, from its lock and its last cycle),
 * each policy's last outcome (rule errors with their ADT line, clamping, why it was skipped or held), and
 * firing alerts. Each source that cannot be reached is reported as such; status never fails as a whole.
 */
import { holderAlive, lockFile, readLock } from '../controller/loop-lock.js';
import type { Cluster } from '../kubernetes/cluster.js';
import { DEFAULT_BOUNDS, bounded } from '../loop/bounded.js';
import type { Dependency } from '../loop/bounded.js';
import { StateStore } from '../loop/state.js';
import type { LoopState, PolicyResult } from '../loop/state.js';
import type { NodeSet, Plan } from '../plan/plan-types.js';
import type { NodeSetDriver } from '../nodesets/driver.js';
import type { MetricsSource } from '../loop/environment.js';
import { redactText } from '../loop/decision-log.js';
import { INSTANCE_LABEL } from './deploy.js';
import { readRecord } from './record.js';

export interface AppStatus {
  readonly appId: string;
  readonly deployed: boolean;
  /** Whether anything is known of the app: a deployment record or loop state. */
  readonly known: boolean;
  readonly lines: readonly string[];
}

/** One attempt per source, bounded as the loop bounds it: status must answer even when a back-end hangs. */
function limited<T>(dependency: Dependency, operation: string, call: () => Promise<T>): Promise<T> {
  return bounded(dependency, operation, call, { bounds: { ...DEFAULT_BOUNDS[dependency], attempts: 1 } });
}

/** A loop with no completed cycle for this many periods is stalled. */
const STALLED_PERIODS = 3;

/** The loop's line: whether a process holds the app's lock, and whether its cycles keep coming. */
async function loopLine(stateDir: string, appId: string, state: LoopState | undefined, now: number): Promise<string> {
  const holder = await readLock(lockFile(stateDir, appId));
  const alive = holder !== undefined && holderAlive(holder);
  const last = state?.lastCycleAt;
  const period = state?.periodMs ?? 15_000;
  const cycles = state === undefined ? 'never ran' : `${state.cycle} cycles${last ? `, last ${new Date(last).toISOString()} (${Math.round((now - last) / 1000)} s ago)` : ''}`;
  const pending = state !== undefined && state.pending.length > 0 ? `, ${state.pending.length} action(s) pending` : '';
  if (!alive) return `loop: not running; ${cycles}${pending}`;
  const since = last ?? Date.parse(holder.since);
  const stalled = now - since > STALLED_PERIODS * period + 60_000;
  return `loop: ${stalled ? 'STALLED' : 'running'} (pid ${holder.pid} on ${holder.host}, period ${period / 1000} s); ${cycles}${pending}${stalled ? `; no cycle completed for ${Math.round((now - since) / 1000)} s` : ''}`;
}

/** A policy's last outcome, with the rule's error and the clamping spelled out. */
function policyLine(policy: string, result: PolicyResult): string {
  const notes = [
    ...(result.ruleError ? [`rule error: ${result.ruleError}`] : []),
    ...(result.clamped ? [`clamped: the rule asked for ${result.clamped.requested}, the bounds allow ${result.clamped.applied}`] : []),
  ];
  return `policy ${policy}: ${result.ruleError && !result.summary.startsWith('error') ? 'error, then ' : ''}${result.summary}${notes.length ? ` [${notes.join('; ')}]` : ''} (cycle ${result.cycle}, ${result.at})`;
}

export async function appStatus(
  appId: string,
  stateDir: string,
  sources: { cluster?: Cluster; plan?: Plan; nodeSetDriver?: (set: NodeSet) => NodeSetDriver | undefined; metrics?: MetricsSource; now?: number },
): Promise<AppStatus> {
  const lines: string[] = [];
  const record = await readRecord(stateDir, appId);
  lines.push(record ? `app ${appId}: deployed ${record.deployedAt}${record.updatedAt ? `, updated ${record.updatedAt}` : ''} from ${record.planDir}` : `app ${appId}: no deployment record`);
  const loaded = await StateStore.forApp(stateDir, appId).load();
  const state = loaded.ok ? loaded.state : undefined;
  if (!loaded.ok) lines.push(`loop state: ${loaded.message}`);
  else lines.push(await loopLine(stateDir, appId, state, sources.now ?? Date.now()));
  if (record === undefined && state === undefined) return { appId, deployed: false, known: false, lines: [`app ${appId}: unknown (no deployment record and no loop state under ${stateDir})`] };
  for (const set of sources.plan?.nodeSets ?? []) {
    const target = state?.nodeSets[set.name]?.target ?? set.count.initial;
    let actual = 'unknown (no driver)';
    const driver = sources.nodeSetDriver?.(set);
    if (driver) actual = await limited(set.backend === 'terraform' ? 'terraform' : 'occopus', `read the count of ${set.name}`, () => driver.count(set.name)).then(String, (e: Error) => `unavailable: ${redactText(e.message)}`);
    lines.push(`node set ${set.name}: desired ${target}, actual ${actual}`);
  }
  if (sources.cluster) {
    for (const kind of ['Deployment', 'StatefulSet'] as const) {
      try {
        const cluster = sources.cluster;
        for (const w of await limited('kubernetes', `list ${kind}s`, () => cluster.list({ apiVersion: 'apps/v1', kind, labelSelector: `${INSTANCE_LABEL}=${appId}` }))) {
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
  for (const [policy, result] of Object.entries(state?.results ?? {})) lines.push(policyLine(policy, result));
  if (sources.metrics) {
    const metrics = sources.metrics;
    const alerts = await limited('prometheus', 'read alerts', () => metrics.firingAlerts()).catch((e: Error) => ({ ok: false as const, value: null, failure: { kind: 'unreachable' as const, message: e.message } }));
    const names = new Set(sources.plan?.policies.flatMap((p) => p.alerts) ?? []);
    if (!alerts.ok) lines.push(`alerts: unavailable: ${alerts.failure.message}`);
    else {
      const firing = (alerts.value ?? []).map((a) => a.name).filter((n) => names.size === 0 || names.has(n));
      lines.push(`alerts firing: ${firing.length === 0 ? 'none' : [...new Set(firing)].join(', ')}`);
    }
  }
  return { appId, deployed: record !== undefined, known: true, lines };
}
