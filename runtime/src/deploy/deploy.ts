/**
 * deploy, update and undeploy of a compiled plan. Deploy applies in the order a cluster needs (node sets, then
 * namespaces and objects, then Prometheus files and a reload), waits for rollouts, and on any failure undoes
 * what it did, newest first. Update applies the difference and prunes what left the plan, keeping the replica
 * and node counts the scaling loop owns. Undeploy removes what deploy created and recorded: objects carrying
 * the app's label, node sets, Prometheus files, the namespaces it created, and shared objects no other app uses.
 */
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Cluster, Manifest, ObjectRef, RolloutKind, RolloutRef } from '../kubernetes/cluster.js';
import { refOf } from '../kubernetes/cluster.js';
import { prune } from '../kubernetes/prune.js';
import type { Plan } from '../plan/plan-types.js';
import type { PrometheusFailure } from '../prometheus/client.js';
import { redactText } from '../loop/decision-log.js';
import { readManifests } from './manifests.js';
import { writePrometheusFiles } from './prometheus-files.js';
import type { NodeSetTargets } from './node-sets.js';
import { nodeSetProblems, provisionNodeSet, removeNodeSet } from './node-sets.js';
import { appLabels, describeRef as describe, foreignObjects, handOverNamespace, INSTANCE_LABEL, SHARED_LABELS, sharedElsewhere, splitShared } from './ownership.js';
import type { DeploymentRecord } from './record.js';
import { removeOtherPlans } from './plan-folders.js';
import { readRecord, recordFile, writeRecord } from './record.js';

export { appLabels, INSTANCE_LABEL, MANAGED_BY_LABEL } from './ownership.js';

export interface PrometheusTarget {
  /** Holds `rules/*.rules` (rule_files) and `targets/*.json` (file_sd_configs); the server's configuration reads both. */
  readonly configDir: string;
  reload(): Promise<{ ok: true } | { ok: false; failure: PrometheusFailure }>;
}

export interface RuntimeTargets extends NodeSetTargets {
  readonly cluster: Cluster;
  readonly prometheus?: PrometheusTarget;
  readonly stateDir: string;
  /** For namespaced objects that name none. */
  readonly namespace: string;
  readonly rolloutTimeoutMs: number;
  readonly progress: (line: string) => void;
}

export type DeployResult =
  | { readonly ok: true; readonly record: DeploymentRecord; readonly pruned: readonly ObjectRef[] }
  | { readonly ok: false; readonly errors: readonly string[]; readonly undone: readonly string[] };

const ROLLOUT_KINDS: readonly string[] = ['Deployment', 'StatefulSet', 'DaemonSet'];
/** Kinds undeploy looks for even when the record is gone. */
const COMMON_KINDS = [
  { apiVersion: 'apps/v1', kind: 'Deployment' },
  { apiVersion: 'apps/v1', kind: 'StatefulSet' },
  { apiVersion: 'apps/v1', kind: 'DaemonSet' },
  { apiVersion: 'v1', kind: 'Service' },
  { apiVersion: 'v1', kind: 'ConfigMap' },
  { apiVersion: 'v1', kind: 'Secret' },
  { apiVersion: 'v1', kind: 'PersistentVolumeClaim' },
];

function message(error: unknown): string {
  return redactText(error instanceof Error ? error.message : String(error));
}

async function removeFiles(files: readonly string[]): Promise<void> {
  for (const file of files) await rm(file, { force: true });
}

function rolloutRefs(manifests: readonly Manifest[], namespace: string): RolloutRef[] {
  return manifests
    .filter((m) => ROLLOUT_KINDS.includes(m.kind))
    .map((m) => ({ kind: m.kind as RolloutKind, name: m.metadata.name, namespace: m.metadata.namespace ?? namespace }));
}

function namespacesOf(manifests: readonly Manifest[], fallback: string): string[] {
  return [...new Set([fallback, ...manifests.filter((m) => m.kind !== 'Namespace').map((m) => m.metadata.namespace ?? fallback)])];
}

export async function deploy(planDir: string, plan: Plan, planSha256: string, targets: RuntimeTargets): Promise<DeployResult> {
  const { cluster, progress } = targets;
  const undo: { what: string; run: () => Promise<unknown> }[] = [];
  const read = await readManifests(planDir, plan);
  if (!read.ok) return { ok: false, errors: read.errors, undone: [] };
  const manifests = read.manifests;
  const { own, shared } = splitShared(plan, manifests);
  const createdNamespaces: string[] = [];
  const applied: ObjectRef[] = [];
  const sharedObjects: ObjectRef[] = [];
  let prometheusFiles: string[] = [];
  const managedSets: string[] = [];
  try {
    // Everything that would stop the deploy half-way is found before anything changes, so a refusal leaves nothing to undo.
    const before = await cluster.list({ apiVersion: 'apps/v1', kind: 'Deployment', labelSelector: `${INSTANCE_LABEL}=${plan.app.id}` }).catch(() => []);
    if (before.length > 0) throw new Error(`app ${plan.app.id} already has objects in the cluster; use adtc update, or adtc undeploy ${plan.app.id} to remove what is left of an earlier deployment`);
    const problems = [...(await nodeSetProblems(planDir, plan.nodeSets, targets)), ...(await foreignObjects(cluster, own, plan.app.id, targets.namespace))];
    if (problems.length > 0) return { ok: false, errors: problems, undone: [] };
    for (const set of plan.nodeSets) {
      const undoSet = await provisionNodeSet(planDir, plan, set, targets);
      if (undoSet === undefined) continue;
      managedSets.push(set.name);
      undo.push({ what: `remove node set ${set.name}`, run: undoSet });
    }
    for (const namespace of namespacesOf(manifests, targets.namespace)) {
      if (await cluster.ensureNamespace(namespace)) {
        createdNamespaces.push(namespace);
        progress(`namespace ${namespace} created`);
        undo.push({ what: `delete namespace ${namespace}`, run: async () => (await objectsIn(cluster, namespace)) === 0 && cluster.delete({ apiVersion: 'v1', kind: 'Namespace', name: namespace }) });
      }
    }
    if (shared.length > 0) {
      // Undone, they go only when no other app uses them; applied one at a time, so a failure knows which exist.
      undo.push({ what: 'delete the shared objects no other app uses', run: () => removeUnshared(cluster, targets.stateDir, plan.app.id, sharedObjects) });
      for (const manifest of shared) {
        for (const object of await cluster.apply([manifest], { labels: SHARED_LABELS, namespace: targets.namespace })) sharedObjects.push(refOf(object, targets.namespace));
      }
      progress(`applied ${sharedObjects.length} shared objects (${sharedObjects.map(describe).join(', ')})`);
    }
    // One object at a time, so that a failure half-way knows exactly which objects exist and removes them
    // (before the namespaces created above, which are undone after them, and only when empty).
    undo.push({ what: 'delete the Kubernetes objects applied', run: () => deleteAll(cluster, [...applied].reverse()) });
    for (const manifest of own) {
      for (const object of await cluster.apply([manifest], { labels: appLabels(plan.app.id), namespace: targets.namespace })) applied.push(refOf(object, targets.namespace));
    }
    progress(`applied ${applied.length} Kubernetes objects`);
    if (targets.prometheus !== undefined) {
      prometheusFiles = await writePrometheusFiles(planDir, plan, manifests, targets.namespace, targets.prometheus.configDir);
      const prometheus = targets.prometheus;
      undo.push({ what: 'remove Prometheus files', run: async () => { await removeFiles(prometheusFiles); await prometheus.reload(); } });
      const reloaded = await prometheus.reload();
      if (!reloaded.ok) throw new Error(`Prometheus reload failed: ${reloaded.failure.message}`);
      progress(`Prometheus reloaded with ${prometheusFiles.length} files`);
    }
    const rollouts = rolloutRefs(manifests, targets.namespace);
    if (rollouts.length > 0) {
      await cluster.waitForRollout(rollouts, {
        timeoutMs: targets.rolloutTimeoutMs,
        onProgress: (p) => progress(`rollout ${p.ref.kind} ${p.ref.namespace}/${p.ref.name}: ${p.message}`),
      });
    }
  } catch (error) {
    const undone: string[] = [];
    for (const step of undo.reverse()) {
      try {
        await step.run();
        undone.push(step.what);
      } catch (undoError) {
        undone.push(`${step.what} FAILED: ${message(undoError)}`);
      }
    }
    return { ok: false, errors: [message(error)], undone };
  }
  const record: DeploymentRecord = {
    appId: plan.app.id,
    planDir,
    planSha256,
    namespace: targets.namespace,
    objects: applied,
    sharedObjects,
    createdNamespaces,
    prometheusFiles,
    nodeSets: managedSets,
    deployedAt: new Date().toISOString(),
  };
  await writeRecord(targets.stateDir, record);
  await removeOtherPlans(targets.stateDir, plan.app.id, planDir);
  return { ok: true, record, pruned: [] };
}

export async function update(planDir: string, plan: Plan, planSha256: string, targets: RuntimeTargets): Promise<DeployResult> {
  const { cluster, progress } = targets;
  const record = await readRecord(targets.stateDir, plan.app.id);
  if (record === undefined) return { ok: false, errors: [`app ${plan.app.id} is not deployed (no record under ${targets.stateDir}); use adtc deploy`], undone: [] };
  const read = await readManifests(planDir, plan);
  if (!read.ok) return { ok: false, errors: read.errors, undone: [] };
  try {
    const scaled = new Set(plan.policies.flatMap((p) => (p.kind === 'container' && p.workload ? [`${p.workload.kind}/${p.workload.namespace}/${p.workload.name}`] : [])));
    const manifests = await Promise.all(
      read.manifests.map(async (m) => {
        const namespace = m.metadata.namespace ?? targets.namespace;
        if ((m.kind !== 'Deployment' && m.kind !== 'StatefulSet') || !scaled.has(`${m.kind}/${namespace}/${m.metadata.name}`)) return m;
        // The loop owns this count: keep what the cluster runs rather than the plan's initial replicas.
        const replicas = await cluster.getReplicas({ kind: m.kind, name: m.metadata.name, namespace }).catch(() => undefined);
        return replicas === undefined ? m : { ...m, spec: { ...(m['spec'] as object), replicas } };
      }),
    );
    const loopOwned = new Set(plan.policies.filter((p) => p.kind === 'vm').map((p) => p.target));
    const { own, shared } = splitShared(plan, manifests);
    // Only node sets new to the plan are provisioned, so only they need a join and their credentials.
    const added = plan.nodeSets.filter((set) => !record.nodeSets.includes(set.name));
    const problems = [...(await nodeSetProblems(planDir, added, targets)), ...(await foreignObjects(cluster, own, plan.app.id, targets.namespace))];
    if (problems.length > 0) return { ok: false, errors: problems, undone: [] };
    const nodeSets: string[] = [];
    for (const set of plan.nodeSets) {
      const driver = targets.nodeSetDriver(set);
      if (driver === undefined) continue;
      nodeSets.push(set.name);
      if (!record.nodeSets.includes(set.name)) {
        await provisionNodeSet(planDir, plan, set, targets);
        continue;
      }
      if (loopOwned.has(set.node)) continue;
      if ((await driver.count(set.name)) !== set.count.initial) {
        progress(`node set ${set.name}: scaling to ${set.count.initial}`);
        await driver.scale(set.name, set.count.initial);
      }
    }
    for (const gone of record.nodeSets.filter((name) => !plan.nodeSets.some((s) => s.name === name))) progress(`node set ${gone} left the plan; remove it with its driver (adtc undeploy removes all)`);
    const createdNamespaces = [...record.createdNamespaces];
    for (const namespace of namespacesOf(manifests, targets.namespace)) if (await cluster.ensureNamespace(namespace)) createdNamespaces.push(namespace);
    const sharedObjects = (await cluster.apply(shared, { labels: SHARED_LABELS, namespace: targets.namespace })).map((o) => refOf(o, targets.namespace));
    const stored = await cluster.apply(own, { labels: appLabels(plan.app.id), namespace: targets.namespace });
    const applied = stored.map((o) => refOf(o, targets.namespace));
    const kinds = uniqueKinds([...applied, ...record.objects]);
    const pruned = await prune(cluster, kinds, `${INSTANCE_LABEL}=${plan.app.id}`, stored);
    const kept = (ref: ObjectRef) => sharedObjects.some((r) => r.kind === ref.kind && r.name === ref.name && r.namespace === ref.namespace);
    pruned.push(...(await removeUnshared(cluster, targets.stateDir, plan.app.id, (record.sharedObjects ?? []).filter((ref) => !kept(ref)))));
    for (const ref of pruned) progress(`pruned ${describe(ref)}`);
    let prometheusFiles = record.prometheusFiles;
    if (targets.prometheus !== undefined) {
      await removeFiles(record.prometheusFiles);
      prometheusFiles = await writePrometheusFiles(planDir, plan, manifests, targets.namespace, targets.prometheus.configDir);
      const reloaded = await targets.prometheus.reload();
      if (!reloaded.ok) throw new Error(`Prometheus reload failed: ${reloaded.failure.message}`);
    }
    const rollouts = rolloutRefs(manifests, targets.namespace);
    if (rollouts.length > 0) {
      await cluster.waitForRollout(rollouts, { timeoutMs: targets.rolloutTimeoutMs, onProgress: (p) => progress(`rollout ${p.ref.kind} ${p.ref.namespace}/${p.ref.name}: ${p.message}`) });
    }
    const next: DeploymentRecord = { ...record, planDir, planSha256, objects: applied, sharedObjects, createdNamespaces, prometheusFiles, nodeSets, updatedAt: new Date().toISOString() };
    await writeRecord(targets.stateDir, next);
    await removeOtherPlans(targets.stateDir, plan.app.id, planDir);
    return { ok: true, record: next, pruned };
  } catch (error) {
    return { ok: false, errors: [message(error)], undone: [] };
  }
}

/** Deletes each object, going on past failures; throws the first failure at the end. */
async function deleteAll(cluster: Cluster, refs: readonly ObjectRef[]): Promise<void> {
  let first: unknown;
  for (const ref of refs) {
    try {
      await cluster.delete(ref);
    } catch (error) {
      first ??= error;
    }
  }
  if (first !== undefined) throw first;
}

/** Deletes the shared objects no app but `appId` uses; returns those deleted. */
async function removeUnshared(cluster: Cluster, stateDir: string, appId: string, refs: readonly ObjectRef[]): Promise<ObjectRef[]> {
  const deleted: ObjectRef[] = [];
  for (const ref of refs) if (!(await sharedElsewhere(stateDir, appId, ref)) && (await cluster.delete(ref))) deleted.push(ref);
  return deleted;
}

/** How many objects of the common kinds a namespace still holds (of any app, or of none). */
async function objectsIn(cluster: Cluster, namespace: string): Promise<number> {
  let count = 0;
  for (const kind of COMMON_KINDS) count += (await cluster.list({ ...kind, namespace, labelSelector: '' })).length;
  return count;
}

function uniqueKinds(refs: readonly ObjectRef[]): { apiVersion: string; kind: string }[] {
  const seen = new Map<string, { apiVersion: string; kind: string }>();
  for (const r of refs) seen.set(`${r.apiVersion}|${r.kind}`, { apiVersion: r.apiVersion, kind: r.kind });
  return [...seen.values()];
}

export interface UndeployReport {
  readonly removed: readonly string[];
  readonly problems: readonly string[];
}

/**
 * Removes what deploy created and recorded: the app's objects (by label), the shared objects no other app
 * uses, Prometheus files, node sets, the namespaces deploy created once they are empty, and the records.
 * Goes on past failures and reports them.
 */
export async function undeploy(appId: string, targets: RuntimeTargets, plan?: Plan): Promise<UndeployReport> {
  const removed: string[] = [];
  // Each removal is reported as it happens, so a server can show an undeploy's progress.
  const gone = (...what: string[]) => {
    removed.push(...what);
    for (const w of what) targets.progress(`removed ${w}`);
  };
  const problems: string[] = [];
  const record = await readRecord(targets.stateDir, appId);
  const { cluster } = targets;
  try {
    gone(...(await prune(cluster, uniqueKinds([...(record?.objects ?? []), ...(COMMON_KINDS as ObjectRef[])]), `${INSTANCE_LABEL}=${appId}`, [])).map(describe));
    gone(...(await removeUnshared(cluster, targets.stateDir, appId, record?.sharedObjects ?? [])).map(describe));
    for (const namespace of [...(record?.createdNamespaces ?? [])].reverse()) {
      const left = await objectsIn(cluster, namespace);
      if (left > 0) {
        const heir = await handOverNamespace(targets.stateDir, appId, namespace);
        targets.progress(`namespace ${namespace} kept: ${left} objects of others are in it${heir === undefined ? '' : `; app ${heir} removes it when it leaves`}`);
      } else if (await cluster.delete({ apiVersion: 'v1', kind: 'Namespace', name: namespace })) gone(`Namespace ${namespace}`);
    }
  } catch (error) {
    problems.push(`Kubernetes: ${message(error)}`);
  }
  if (record !== undefined && record.prometheusFiles.length > 0) {
    await removeFiles(record.prometheusFiles);
    gone(...record.prometheusFiles.map((f) => `Prometheus file ${f}`));
    const reloaded = await targets.prometheus?.reload();
    if (reloaded?.ok === false) problems.push(`Prometheus reload: ${reloaded.failure.message}`);
  }
  for (const set of plan?.nodeSets ?? []) {
    if (record !== undefined && !record.nodeSets.includes(set.name)) continue;
    try {
      if (await removeNodeSet(set, targets)) gone(`node set ${set.name}`);
      else if (record !== undefined) problems.push(`node set ${set.name} (${set.backend}) was provisioned by deploy but has no driver now: pass the same node-set options as to deploy`);
    } catch (error) {
      problems.push(`node set ${set.name}: ${message(error)}`);
    }
  }
  if (problems.length === 0) {
    await rm(recordFile(targets.stateDir, appId), { force: true });
    await rm(join(targets.stateDir, appId, 'loop-state.json'), { force: true });
    await removeOtherPlans(targets.stateDir, appId, undefined);
  }
  return { removed, problems };
}
