/**
 * deploy, update and undeploy of a compiled plan. Deploy applies in the order a cluster needs (node sets, then
 * namespaces and objects, then Prometheus files and a reload), waits for rollouts, and on any failure undoes
 * what it did, newest first. Update applies the difference and prunes what left the plan, keeping the replica
 * and node counts the scaling loop owns. Undeploy removes everything carrying the app's label.
 */
import { copyFile, mkdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Cluster, Manifest, ObjectRef, RolloutKind, RolloutRef } from '../kubernetes/cluster.js';
import { refOf } from '../kubernetes/cluster.js';
import { prune } from '../kubernetes/prune.js';
import type { NodeSetDriver } from '../nodesets/driver.js';
import type { NodeSet, Plan } from '../plan/plan-types.js';
import { writeScrapeTargets } from '../prometheus/config-files.js';
import type { PrometheusFailure } from '../prometheus/client.js';
import { redactText } from '../loop/decision-log.js';
import { writeDurably } from '../loop/state.js';
import { readManifests } from './manifests.js';
import type { DeploymentRecord } from './record.js';
import { readRecord, recordFile, writeRecord } from './record.js';

export const INSTANCE_LABEL = 'app.kubernetes.io/instance';
export const MANAGED_BY_LABEL = 'app.kubernetes.io/managed-by';

export interface PrometheusTarget {
  /** Holds `rules/`, `targets/` and `scrape/`; the server's configuration includes them. */
  readonly configDir: string;
  reload(): Promise<{ ok: true } | { ok: false; failure: PrometheusFailure }>;
}

export interface RuntimeTargets {
  readonly cluster: Cluster;
  readonly prometheus?: PrometheusTarget;
  readonly nodeSetDriver: (set: NodeSet) => NodeSetDriver | undefined;
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
  { apiVersion: 'v1', kind: 'PersistentVolumeClaim' },
];

export function appLabels(appId: string): Record<string, string> {
  return { [INSTANCE_LABEL]: appId, [MANAGED_BY_LABEL]: 'adtc' };
}

function describe(ref: ObjectRef): string {
  return `${ref.kind} ${ref.namespace === undefined ? '' : `${ref.namespace}/`}${ref.name}`;
}

function message(error: unknown): string {
  return redactText(error instanceof Error ? error.message : String(error));
}

/** Copies the node set's Terraform files into its working directory, or reports none are needed. */
export async function prepareTerraform(planDir: string, set: NodeSet, workingDir: string): Promise<void> {
  if (set.terraform === undefined) return;
  await mkdir(workingDir, { recursive: true });
  await copyFile(join(planDir, set.terraform.config), join(workingDir, 'main.tf.json'));
}

async function writePrometheusFiles(planDir: string, plan: Plan, target: PrometheusTarget): Promise<string[]> {
  const files: string[] = [];
  const id = plan.app.id;
  if (plan.prometheus.ruleFile !== undefined) {
    const file = join(target.configDir, 'rules', `${id}.rules`);
    await writeDurably(file, await readFile(join(planDir, plan.prometheus.ruleFile), 'utf8'));
    files.push(file);
  }
  const scrape = join(target.configDir, 'scrape', `${id}.scrape.yml`);
  await writeDurably(scrape, await readFile(join(planDir, plan.prometheus.scrapeConfig), 'utf8'));
  files.push(scrape);
  files.push(await writeScrapeTargets(join(target.configDir, 'targets'), id, plan.prometheus.staticTargets, { app: id }));
  return files;
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
  const createdNamespaces: string[] = [];
  const applied: ObjectRef[] = [];
  let prometheusFiles: string[] = [];
  const managedSets: string[] = [];
  try {
    // Refused before anything is created, so a refusal leaves nothing to undo.
    const before = await cluster.list({ apiVersion: 'apps/v1', kind: 'Deployment', labelSelector: `${INSTANCE_LABEL}=${plan.app.id}` }).catch(() => []);
    if (before.length > 0) throw new Error(`app ${plan.app.id} already has objects in the cluster; use adtc update, or adtc undeploy ${plan.app.id} to remove what is left of an earlier deployment`);
    for (const set of plan.nodeSets) {
      const driver = targets.nodeSetDriver(set);
      if (driver === undefined) {
        progress(`node set ${set.name}: no driver configured, not provisioned`);
        continue;
      }
      const before = await driver.count(set.name);
      progress(`node set ${set.name}: ${before} → ${set.count.initial} machines`);
      await driver.scale(set.name, set.count.initial);
      managedSets.push(set.name);
      undo.push({ what: `node set ${set.name} back to ${before}`, run: () => driver.scale(set.name, before) });
    }
    for (const namespace of namespacesOf(manifests, targets.namespace)) {
      if (await cluster.ensureNamespace(namespace)) {
        createdNamespaces.push(namespace);
        progress(`namespace ${namespace} created`);
      }
    }
    // Namespaces go last on undo (deleting one deletes what is left in it).
    if (createdNamespaces.length > 0) undo.push({ what: `delete namespaces ${createdNamespaces.join(', ')}`, run: () => deleteAll(cluster, createdNamespaces.map((name) => ({ apiVersion: 'v1', kind: 'Namespace', name }))) });
    // One object at a time, so that a failure half-way knows exactly which objects exist and removes them.
    undo.push({ what: 'delete the Kubernetes objects applied', run: () => deleteAll(cluster, [...applied].reverse()) });
    for (const manifest of manifests) {
      for (const object of await cluster.apply([manifest], { labels: appLabels(plan.app.id), namespace: targets.namespace })) applied.push(refOf(object, targets.namespace));
    }
    progress(`applied ${applied.length} Kubernetes objects`);
    if (targets.prometheus !== undefined) {
      prometheusFiles = await writePrometheusFiles(planDir, plan, targets.prometheus);
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
    createdNamespaces,
    prometheusFiles,
    nodeSets: managedSets,
    deployedAt: new Date().toISOString(),
  };
  await writeRecord(targets.stateDir, record);
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
    const nodeSets: string[] = [];
    for (const set of plan.nodeSets) {
      const driver = targets.nodeSetDriver(set);
      if (driver === undefined) continue;
      nodeSets.push(set.name);
      if (record.nodeSets.includes(set.name) && loopOwned.has(set.node)) continue;
      if ((await driver.count(set.name)) !== set.count.initial) {
        progress(`node set ${set.name}: scaling to ${set.count.initial}`);
        await driver.scale(set.name, set.count.initial);
      }
    }
    for (const gone of record.nodeSets.filter((name) => !plan.nodeSets.some((s) => s.name === name))) progress(`node set ${gone} left the plan; remove it with its driver (adtc undeploy removes all)`);
    for (const namespace of namespacesOf(manifests, targets.namespace)) await cluster.ensureNamespace(namespace);
    const stored = await cluster.apply(manifests, { labels: appLabels(plan.app.id), namespace: targets.namespace });
    const applied = stored.map((o) => refOf(o, targets.namespace));
    const kinds = uniqueKinds([...applied, ...record.objects]);
    const pruned = await prune(cluster, kinds, `${INSTANCE_LABEL}=${plan.app.id}`, stored);
    for (const ref of pruned) progress(`pruned ${describe(ref)}`);
    let prometheusFiles = record.prometheusFiles;
    if (targets.prometheus !== undefined) {
      await removeFiles(record.prometheusFiles);
      prometheusFiles = await writePrometheusFiles(planDir, plan, targets.prometheus);
      const reloaded = await targets.prometheus.reload();
      if (!reloaded.ok) throw new Error(`Prometheus reload failed: ${reloaded.failure.message}`);
    }
    const rollouts = rolloutRefs(manifests, targets.namespace);
    if (rollouts.length > 0) {
      await cluster.waitForRollout(rollouts, { timeoutMs: targets.rolloutTimeoutMs, onProgress: (p) => progress(`rollout ${p.ref.kind} ${p.ref.namespace}/${p.ref.name}: ${p.message}`) });
    }
    const next: DeploymentRecord = { ...record, planDir, planSha256, objects: applied, prometheusFiles, nodeSets, updatedAt: new Date().toISOString() };
    await writeRecord(targets.stateDir, next);
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

function uniqueKinds(refs: readonly ObjectRef[]): { apiVersion: string; kind: string }[] {
  const seen = new Map<string, { apiVersion: string; kind: string }>();
  for (const r of refs) seen.set(`${r.apiVersion}|${r.kind}`, { apiVersion: r.apiVersion, kind: r.kind });
  return [...seen.values()];
}

export interface UndeployReport {
  readonly removed: readonly string[];
  readonly problems: readonly string[];
}

/** Removes the app's objects (by label), Prometheus files, node sets and records. Goes on past failures and reports them. */
export async function undeploy(appId: string, targets: RuntimeTargets, plan?: Plan): Promise<UndeployReport> {
  const removed: string[] = [];
  const problems: string[] = [];
  const record = await readRecord(targets.stateDir, appId);
  try {
    for (const ref of await prune(targets.cluster, uniqueKinds([...(record?.objects ?? []), ...(COMMON_KINDS as ObjectRef[])]), `${INSTANCE_LABEL}=${appId}`, [])) removed.push(describe(ref));
  } catch (error) {
    problems.push(`Kubernetes: ${message(error)}`);
  }
  if (record !== undefined && record.prometheusFiles.length > 0) {
    await removeFiles(record.prometheusFiles);
    removed.push(...record.prometheusFiles.map((f) => `Prometheus file ${f}`));
    const reloaded = await targets.prometheus?.reload();
    if (reloaded?.ok === false) problems.push(`Prometheus reload: ${reloaded.failure.message}`);
  }
  for (const set of plan?.nodeSets ?? []) {
    if (record !== undefined && !record.nodeSets.includes(set.name)) continue;
    const driver = targets.nodeSetDriver(set);
    if (driver === undefined) continue;
    try {
      await driver.scale(set.name, 0);
      removed.push(`node set ${set.name}`);
    } catch (error) {
      problems.push(`node set ${set.name}: ${message(error)}`);
    }
  }
  if (problems.length === 0) {
    await rm(recordFile(targets.stateDir, appId), { force: true });
    await rm(join(targets.stateDir, appId, 'loop-state.json'), { force: true });
  }
  return { removed, problems };
}
