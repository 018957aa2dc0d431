/**
 * Apps side by side in one cluster. Every object of an app carries its instance label; an object the plan
 * names that already exists under another app's label (or under none: not adtc's) is refused, never taken
 * over. Objects the plan marks shared (the monitoring DaemonSets, one per cluster) carry no app label: each app
 * records that it uses them, and the last app using them removes them.
 */
import type { Cluster, Manifest, ObjectRef } from '../kubernetes/cluster.js';
import { refOf } from '../kubernetes/cluster.js';
import type { Plan } from '../plan/plan-types.js';
import { deployedApps, readRecord, writeRecord } from './record.js';

export const INSTANCE_LABEL = 'app.kubernetes.io/instance';
export const MANAGED_BY_LABEL = 'app.kubernetes.io/managed-by';

export function appLabels(appId: string): Record<string, string> {
  return { [INSTANCE_LABEL]: appId, [MANAGED_BY_LABEL]: 'adtc' };
}

/** Labels of shared objects: adtc's, no app's. */
export const SHARED_LABELS: Readonly<Record<string, string>> = { [MANAGED_BY_LABEL]: 'adtc' };

export function describeRef(ref: ObjectRef): string {
  return `${ref.kind} ${ref.namespace === undefined ? '' : `${ref.namespace}/`}${ref.name}`;
}

/** The plan's manifests split by whether the plan marks them shared (matched by kind, name and namespace). */
export function splitShared(plan: Plan, manifests: readonly Manifest[]): { own: Manifest[]; shared: Manifest[] } {
  const shared = new Set(plan.kubernetes.objects.filter((o) => o.shared === true).map((o) => `${o.kind}/${o.namespace ?? ''}/${o.name}`));
  const isShared = (m: Manifest) => shared.has(`${m.kind}/${m.metadata.namespace ?? ''}/${m.metadata.name}`);
  return { own: manifests.filter((m) => !isShared(m)), shared: manifests.filter(isShared) };
}

/** One line per object of the app that exists in the cluster under another owner. */
export async function foreignObjects(cluster: Cluster, manifests: readonly Manifest[], appId: string, namespace: string): Promise<string[]> {
  const problems: string[] = [];
  for (const manifest of manifests) {
    const ref = refOf(manifest, namespace);
    const existing = await cluster.read(ref);
    if (existing === undefined) continue;
    const owner = existing.metadata.labels?.[INSTANCE_LABEL];
    if (owner === appId) continue;
    const whose = owner === undefined ? 'is not managed by adtc' : `belongs to app ${owner}`;
    problems.push(`${describeRef(ref)} already exists and ${whose}; deploy ${appId} into another namespace (--namespace) or rename its node template`);
  }
  return problems;
}

/** The first app other than `appId` deployed from this state directory whose shared objects match. */
async function otherUser(stateDir: string, appId: string, uses: (ref: ObjectRef) => boolean): Promise<string | undefined> {
  for (const other of await deployedApps(stateDir)) {
    if (other !== appId && (await readRecord(stateDir, other))?.sharedObjects?.some(uses)) return other;
  }
  return undefined;
}

/** Whether an app other than `appId` deployed from this state directory still uses the shared object. */
export async function sharedElsewhere(stateDir: string, appId: string, ref: ObjectRef): Promise<boolean> {
  return (await otherUser(stateDir, appId, (r) => r.kind === ref.kind && r.name === ref.name && r.namespace === ref.namespace)) !== undefined;
}

/**
 * A namespace `appId` created that stays because another app's shared objects are in it becomes that app's to
 * remove, so the last app leaving takes it along. Returns the app it was handed to.
 */
export async function handOverNamespace(stateDir: string, appId: string, namespace: string): Promise<string | undefined> {
  const heir = await otherUser(stateDir, appId, (r) => r.namespace === namespace);
  const record = heir === undefined ? undefined : await readRecord(stateDir, heir);
  if (record === undefined) return undefined;
  if (!record.createdNamespaces.includes(namespace)) await writeRecord(stateDir, { ...record, createdNamespaces: [...record.createdNamespaces, namespace] });
  return heir;
}
