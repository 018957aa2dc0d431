import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deploy, undeploy, update } from '../runtime/src/deploy/deploy.js';
import type { RuntimeTargets } from '../runtime/src/deploy/deploy.js';
import { readRecord } from '../runtime/src/deploy/record.js';
import { appStatus } from '../runtime/src/deploy/status.js';
import { readPlanDir } from '../runtime/src/loop/open-loop.js';
import { NodeSetDriverDouble } from './doubles/loop-environment.js';
import { clusterDouble } from './harness/deploy-targets.js';
import { fixturesRoot } from './harness/paths.js';

const STRESSNG = join(fixturesRoot, 'compile/stressng-stressng_ec2/expected');
const d = suite('deploy, update, undeploy, status against the API-server double');

type Obj = Record<string, unknown> & { metadata: { name: string; namespace?: string; generation?: number; labels?: Record<string, string> } };

async function setup(ready = true) {
  const { api, cluster } = await clusterDouble(ready);
  const stateDir = await mkdtemp(join(tmpdir(), 'adtc-deploy-'));
  const driver = new NodeSetDriverDouble(0);
  const reloads: string[] = [];
  const lines: string[] = [];
  const targets: RuntimeTargets = {
    cluster,
    prometheus: { configDir: join(stateDir, 'prometheus'), reload: async () => (reloads.push('reload'), { ok: true }) },
    nodeSetDriver: () => driver,
    workerJoin: { address: '192.0.2.1', token: 'K10join::server:secret' },
    stateDir,
    namespace: 'default',
    rolloutTimeoutMs: ready ? 60_000 : 300, // ready: returns at once; the limit only bounds a failure
    progress: (line) => lines.push(line),
  };
  return { api, cluster, stateDir, driver, reloads, lines, targets };
}

async function plan(dir = STRESSNG) {
  const read = await readPlanDir(dir);
  if (!read.ok) throw new Error(read.errors.join('\n'));
  return read;
}

d('deploy applies the objects with the app labels and namespaces, writes Prometheus files, provisions node sets and waits for rollouts', async () => {
  const { api, stateDir, driver, reloads, lines, targets } = await setup();
  try {
    const { plan: p, sha256 } = await plan();
    const result = await deploy(STRESSNG, p, sha256, targets);
    if (!result.ok) throw new Error(result.errors.join('\n'));
    const web = api.get('apps/v1', 'Deployment', 'stressng', 'default') as Obj;
    assert.equal(web.metadata.labels?.['app.kubernetes.io/instance'], 'stressng-ec2');
    assert.ok(api.get('v1', 'Namespace', 'micado-worker'), 'namespace created');
    assert.ok(api.get('apps/v1', 'DaemonSet', 'micado-cadvisor', 'micado-worker'));
    assert.equal(driver.calls, ['scale worker-node 1']);
    assert.equal(reloads, ['reload']);
    assert.match(await readFile(join(stateDir, 'prometheus/rules/stressng-ec2.rules'), 'utf8'), /node_overloaded/);
    assert.ok(lines.some((l) => /rollout Deployment default\/stressng: 1 of 1 updated replicas available/.test(l)));
    const record = await readRecord(stateDir, 'stressng-ec2');
    assert.is(record?.objects.length, 1);
    assert.equal(record?.sharedObjects?.map((r) => r.name), ['micado-cadvisor', 'micado-node-exporter'], 'the monitoring DaemonSets are shared, not the app\'s');
    const status = await appStatus('stressng-ec2', stateDir, { cluster: targets.cluster, plan: p, nodeSetDriver: () => driver });
    assert.ok(status.lines.includes('Deployment default/stressng: desired 1, ready 1'), status.lines.join('\n'));
    assert.ok(status.lines.includes('node set worker-node: desired 1, actual 1'));
  } finally {
    await api.close();
  }
});

d('an apply that fails half-way removes the objects already applied and the namespace it created; deploy then works', async () => {
  const { api, driver, targets } = await setup();
  try {
    const { plan: p, sha256 } = await plan();
    // The second object's apply is refused (admission webhook, quota, …) after the first was stored.
    let applies = 0;
    api.failNext(1, 422, (r) => r.method === 'PATCH' && r.query['fieldManager'] === 'adtc' && ++applies === 2);
    const failed = await deploy(STRESSNG, p, sha256, targets);
    assert.is(failed.ok, false);
    const left = ['Deployment', 'DaemonSet'].flatMap((kind) => (api.all('apps/v1', kind) as Obj[]).filter((o) => o.metadata.labels?.['app.kubernetes.io/instance'] === 'stressng-ec2'));
    assert.equal(left, [], 'nothing of the app is left in the cluster');
    assert.is(api.get('v1', 'Namespace', 'micado-worker'), undefined);
    assert.is(await readRecord(targets.stateDir, 'stressng-ec2'), undefined);
    assert.is(driver.nodes.length, 0, 'the node set is back where it was');
    const again = await deploy(STRESSNG, p, sha256, targets);
    assert.ok(again.ok, again.ok ? '' : again.errors.join('\n'));
  } finally {
    await api.close();
  }
});

d('a failed rollout undoes everything deploy did, newest first', async () => {
  const { api, driver, reloads, targets } = await setup(false);
  try {
    const { plan: p, sha256 } = await plan();
    const result = await deploy(STRESSNG, p, sha256, targets);
    assert.is(result.ok, false);
    if (result.ok) return;
    assert.match(result.errors[0]!, /rollout not complete/);
    assert.equal(result.undone, ['remove Prometheus files', 'delete the Kubernetes objects applied', 'delete the shared objects no other app uses', 'delete namespace micado-worker', 'remove node set worker-node']);
    assert.equal(api.all('apps/v1', 'DaemonSet'), [], 'no app uses the monitoring');
    assert.is(api.get('v1', 'Namespace', 'micado-worker'), undefined);
    assert.is(api.get('apps/v1', 'Deployment', 'stressng', 'default'), undefined);
    assert.equal(driver.calls, ['scale worker-node 1', 'scale worker-node 0']);
    assert.equal(reloads, ['reload', 'reload']);
  } finally {
    await api.close();
  }
});

d('API errors are retried (429, 500) and deploy still succeeds', async () => {
  const { api, targets } = await setup();
  try {
    api.failNext(2, 429, (r) => r.method === 'PATCH');
    api.failNext(1, 500, (r) => r.method === 'GET' && r.path.includes('namespaces/micado-worker'));
    const { plan: p, sha256 } = await plan();
    const result = await deploy(STRESSNG, p, sha256, targets);
    assert.ok(result.ok, result.ok ? '' : result.errors.join());
  } finally {
    await api.close();
  }
});

d('update keeps the loop-owned replica count, prunes objects that left the plan; undeploy removes the rest and reports it', async () => {
  const { api, cluster, stateDir, driver, targets } = await setup();
  try {
    const { plan: p, sha256 } = await plan();
    assert.ok((await deploy(STRESSNG, p, sha256, targets)).ok);
    await cluster.setReplicas({ kind: 'Deployment', name: 'stressng', namespace: 'default' }, 3);
    // The new plan drops the node-exporter DaemonSet.
    const next = await mkdtemp(join(tmpdir(), 'adtc-plan-next-'));
    await cp(STRESSNG, next, { recursive: true });
    const planJson = JSON.parse(await readFile(join(next, 'plan.json'), 'utf8')) as { kubernetes: { objects: { name: string }[] } };
    planJson.kubernetes.objects = planJson.kubernetes.objects.filter((o) => o.name !== 'micado-node-exporter');
    await writeFile(join(next, 'plan.json'), JSON.stringify(planJson));
    const { plan: p2, sha256: sha2 } = await plan(next);
    const result = await update(next, p2, sha2, targets);
    if (!result.ok) throw new Error(result.errors.join('\n'));
    assert.equal(result.pruned.map((r) => r.name), ['micado-node-exporter']);
    assert.is(((api.get('apps/v1', 'Deployment', 'stressng', 'default') as Obj)['spec'] as { replicas: number }).replicas, 3);
    assert.equal(driver.calls, ['scale worker-node 1'], 'the loop owns the node count');
    const report = await undeploy('stressng-ec2', targets, p2);
    assert.equal(report.problems, []);
    assert.ok(report.removed.includes('Deployment default/stressng'));
    assert.ok(report.removed.includes('DaemonSet micado-worker/micado-cadvisor'));
    assert.ok(report.removed.includes('node set worker-node'));
    assert.is(api.all('apps/v1', 'Deployment').length, 0);
    assert.is(await readRecord(stateDir, 'stressng-ec2'), undefined);
    await rm(next, { recursive: true, force: true });
  } finally {
    await api.close();
  }
});

d.run();
