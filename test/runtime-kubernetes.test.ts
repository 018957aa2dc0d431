import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ClientCluster, loadKubeConfig, SERVICE_ACCOUNT_DIR } from '../runtime/src/kubernetes/client-cluster.js';
import type { Manifest, RolloutProgress } from '../runtime/src/kubernetes/cluster.js';
import { KubeApiError } from '../runtime/src/kubernetes/errors.js';
import { prune } from '../runtime/src/kubernetes/prune.js';
import { KubeApiServerDouble } from './doubles/kube-apiserver.js';

const APP = { 'app.kubernetes.io/instance': 'stressng' };
const SELECTOR = 'app.kubernetes.io/instance=stressng';

function deployment(name: string, image = 'nginx:1.25', namespace?: string): Manifest {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, ...(namespace === undefined ? {} : { namespace }), labels: { run: name } },
    spec: {
      replicas: 2,
      selector: { matchLabels: { run: name } },
      template: { metadata: { labels: { run: name } }, spec: { containers: [{ name, image }] } },
    },
  };
}

function statefulSet(name: string): Manifest {
  return {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: { name },
    spec: { replicas: 1, serviceName: name, selector: { matchLabels: { run: name } }, template: { spec: { containers: [] } } },
  };
}

const service = (name: string): Manifest => ({ apiVersion: 'v1', kind: 'Service', metadata: { name }, spec: { ports: [{ port: 80 }] } });

/** Records the pauses instead of waiting them out. */
function recordingSleep(): { sleeps: number[]; sleep: (ms: number) => Promise<void> } {
  const sleeps: number[] = [];
  return { sleeps, sleep: async (ms) => void sleeps.push(ms) };
}

async function setup(attempts = 4): Promise<{ api: KubeApiServerDouble; cluster: ClientCluster; sleeps: number[] }> {
  const api = await KubeApiServerDouble.start();
  const { sleeps, sleep } = recordingSleep();
  const config = loadKubeConfig({ kubeconfigPath: await api.writeKubeconfig() });
  const cluster = new ClientCluster(config, { retry: { attempts, baseDelayMs: 100, maxDelayMs: 1000, sleep, random: () => 0.5 }, sleep });
  return { api, cluster, sleeps };
}

test('apply creates objects with the app labels, field manager adtc, in the given namespace', async () => {
  const { api, cluster } = await setup();
  try {
    assert.is(await cluster.ensureNamespace('micado-apps'), true);
    assert.is(await cluster.ensureNamespace('micado-apps'), false, 'an existing namespace is left alone');
    const stored = await cluster.apply([deployment('web'), service('web')], { labels: APP, namespace: 'micado-apps' });
    assert.is(stored.length, 2);
    const web = api.get('apps/v1', 'Deployment', 'web', 'micado-apps');
    assert.ok(web, 'deployment stored in the namespace');
    assert.equal(web['metadata'].labels, { run: 'web', ...APP });
    assert.is(api.get('v1', 'Service', 'web', 'micado-apps')?.['metadata'].labels['app.kubernetes.io/instance'], 'stressng');
    const applies = api.requests.filter((r) => r.method === 'PATCH');
    assert.is(applies.length, 2);
    for (const r of applies) {
      assert.is(r.contentType, 'application/apply-patch+yaml');
      assert.is(r.query['fieldManager'], 'adtc');
      assert.is(r.query['force'], 'true');
    }
    assert.is(applies[0]!.path, '/apis/apps/v1/namespaces/micado-apps/deployments/web');
  } finally {
    await api.close();
  }
});

test('apply of a cluster-scoped object sends no namespace; a missing namespace is a clear 404', async () => {
  const { api, cluster } = await setup();
  try {
    await cluster.apply([{ apiVersion: 'v1', kind: 'PersistentVolume', metadata: { name: 'pv1' }, spec: {} }], { labels: APP, namespace: 'default' });
    assert.ok(api.get('v1', 'PersistentVolume', 'pv1'));
    assert.ok(api.requests.some((r) => r.path === '/api/v1/persistentvolumes/pv1'));
    const error = await cluster.apply([deployment('web')], { labels: APP, namespace: 'nowhere' }).catch((e: unknown) => e);
    assert.instance(error, KubeApiError);
    assert.is((error as KubeApiError).status, 404);
    assert.match((error as KubeApiError).message, 'namespaces "nowhere" not found');
  } finally {
    await api.close();
  }
});

test('apply updates in place: same uid, new generation, replicas set through scale survive a re-apply without replicas', async () => {
  const { api, cluster } = await setup();
  try {
    await cluster.apply([deployment('web')], { labels: APP, namespace: 'default' });
    const before = api.get('apps/v1', 'Deployment', 'web', 'default')!;
    await cluster.apply([deployment('web', 'nginx:1.27')], { labels: APP, namespace: 'default' });
    const after = api.get('apps/v1', 'Deployment', 'web', 'default')!;
    assert.is(after['metadata'].uid, before['metadata'].uid);
    assert.is(after['metadata'].generation, before['metadata'].generation + 1);
    assert.is(after['spec'].template.spec.containers[0].image, 'nginx:1.27');
    assert.ok(Number(after['metadata'].resourceVersion) > Number(before['metadata'].resourceVersion));
  } finally {
    await api.close();
  }
});

test('apply of a custom resource goes through discovery of its group', async () => {
  const { api, cluster } = await setup();
  try {
    api.addCustomResource({ group: 'example.micado.eu', version: 'v1alpha1', kind: 'Widget', plural: 'widgets', namespaced: true });
    await cluster.apply([{ apiVersion: 'example.micado.eu/v1alpha1', kind: 'Widget', metadata: { name: 'w' }, spec: { size: 3 } }], {
      labels: APP,
      namespace: 'default',
    });
    assert.is(api.get('example.micado.eu/v1alpha1', 'Widget', 'w', 'default')?.['spec'].size, 3);
    assert.ok(api.requests.some((r) => r.method === 'GET' && r.path === '/apis/example.micado.eu/v1alpha1'));
  } finally {
    await api.close();
  }
});

test('prune deletes the labelled objects that are no longer in the plan; undeploy deletes them all', async () => {
  const { api, cluster } = await setup();
  try {
    const kinds = [
      { apiVersion: 'apps/v1', kind: 'Deployment' },
      { apiVersion: 'v1', kind: 'Service' },
    ];
    await cluster.apply([deployment('web'), deployment('db'), service('web')], { labels: APP, namespace: 'default' });
    api.put({ ...deployment('foreign'), metadata: { name: 'foreign', namespace: 'default', labels: { other: 'app' } } });
    const kept = await cluster.apply([deployment('web'), service('web')], { labels: APP, namespace: 'default' });
    const deleted = await prune(cluster, kinds, SELECTOR, kept);
    assert.equal(deleted, [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'db', namespace: 'default' }]);
    assert.equal(api.all('apps/v1', 'Deployment').map((d) => d['metadata'].name).sort(), ['foreign', 'web']);
    const listed = await cluster.list({ apiVersion: 'apps/v1', kind: 'Deployment', labelSelector: SELECTOR });
    assert.equal(listed.map((d) => [d.kind, d.metadata.name]), [['Deployment', 'web']]);
    await prune(cluster, kinds, SELECTOR, []);
    assert.equal(api.all('apps/v1', 'Deployment').map((d) => d['metadata'].name), ['foreign'], 'objects without the app label are untouched');
    assert.equal(api.all('v1', 'Service'), []);
    assert.is(await cluster.delete({ apiVersion: 'v1', kind: 'Service', name: 'web', namespace: 'default' }), false, 'already gone');
  } finally {
    await api.close();
  }
});

test('replicas are read and written through the scale subresource for Deployments and StatefulSets', async () => {
  const { api, cluster } = await setup();
  try {
    await cluster.apply([deployment('web'), statefulSet('db')], { labels: APP, namespace: 'default' });
    assert.is(await cluster.getReplicas({ kind: 'Deployment', name: 'web', namespace: 'default' }), 2);
    assert.is(await cluster.getReplicas({ kind: 'StatefulSet', name: 'db', namespace: 'default' }), 1);
    await cluster.setReplicas({ kind: 'Deployment', name: 'web', namespace: 'default' }, 5);
    await cluster.setReplicas({ kind: 'StatefulSet', name: 'db', namespace: 'default' }, 3);
    assert.is(api.get('apps/v1', 'Deployment', 'web', 'default')?.['spec'].replicas, 5);
    assert.is(api.get('apps/v1', 'StatefulSet', 'db', 'default')?.['spec'].replicas, 3);
    assert.is(await cluster.getReplicas({ kind: 'StatefulSet', name: 'db', namespace: 'default' }), 3);
    const scaleCalls = api.requests.filter((r) => r.path.endsWith('/scale'));
    assert.equal(scaleCalls.map((r) => `${r.method} ${r.path}`), [
      'GET /apis/apps/v1/namespaces/default/deployments/web/scale',
      'GET /apis/apps/v1/namespaces/default/statefulsets/db/scale',
      'PATCH /apis/apps/v1/namespaces/default/deployments/web/scale',
      'PATCH /apis/apps/v1/namespaces/default/statefulsets/db/scale',
      'GET /apis/apps/v1/namespaces/default/statefulsets/db/scale',
    ]);
    assert.is(scaleCalls[2]!.contentType, 'application/merge-patch+json');
    // A later apply that leaves replicas out does not undo the scaling (as with real server-side apply).
    const { replicas: _r, ...specWithoutReplicas } = deployment('web').spec as Record<string, unknown>;
    await cluster.apply([{ ...deployment('web'), spec: specWithoutReplicas }], { labels: APP, namespace: 'default' });
    assert.is(await cluster.getReplicas({ kind: 'Deployment', name: 'web', namespace: 'default' }), 5);
    const missing = await cluster.getReplicas({ kind: 'Deployment', name: 'nope', namespace: 'default' }).catch((e: unknown) => e);
    assert.instance(missing, KubeApiError);
    assert.is((missing as KubeApiError).status, 404);
  } finally {
    await api.close();
  }
});

test('waitForRollout reports progress until Deployments, StatefulSets and DaemonSets are ready', async () => {
  const { api, cluster } = await setup();
  try {
    const daemonSet: Manifest = { apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name: 'exporter' }, spec: { selector: {}, template: {} } };
    await cluster.apply([deployment('web'), statefulSet('db'), daemonSet], { labels: APP, namespace: 'default' });
    const seen: RolloutProgress[] = [];
    // The "controller": each time the runtime reports web as not done, the double moves the rollout one step on.
    const steps = [
      { observedGeneration: 1, replicas: 2, updatedReplicas: 1, availableReplicas: 0 },
      { observedGeneration: 1, replicas: 2, updatedReplicas: 2, availableReplicas: 1 },
      { observedGeneration: 1, replicas: 2, updatedReplicas: 2, availableReplicas: 2, readyReplicas: 2 },
    ];
    api.setStatus('apps/v1', 'StatefulSet', 'db', 'default', { observedGeneration: 1, readyReplicas: 1, updatedReplicas: 1 });
    api.setStatus('apps/v1', 'DaemonSet', 'exporter', 'default', {
      observedGeneration: 1, desiredNumberScheduled: 2, updatedNumberScheduled: 2, numberReady: 2, numberAvailable: 2,
    });
    await cluster.waitForRollout(
      [
        { kind: 'Deployment', name: 'web', namespace: 'default' },
        { kind: 'StatefulSet', name: 'db', namespace: 'default' },
        { kind: 'DaemonSet', name: 'exporter', namespace: 'default' },
      ],
      {
        timeoutMs: 30_000,
        intervalMs: 10,
        onProgress: (p) => {
          seen.push(p);
          if (p.ref.name === 'web' && !p.done) api.setStatus('apps/v1', 'Deployment', 'web', 'default', steps.shift() ?? {});
        },
      },
    );
    const web = seen.filter((p) => p.ref.name === 'web');
    assert.equal(web.map((p) => p.ready), [0, 0, 1, 2]);
    assert.is(web.at(-1)!.done, true);
    assert.is(web.at(-1)!.message, '2 of 2 updated replicas available');
    assert.ok(seen.some((p) => p.ref.name === 'db' && p.done));
    assert.ok(seen.some((p) => p.ref.name === 'exporter' && p.done && p.desired === 2));
  } finally {
    await api.close();
  }
});

test('waitForRollout gives up after its timeout naming what is not ready', async () => {
  const { api, cluster } = await setup();
  try {
    await cluster.apply([deployment('web')], { labels: APP, namespace: 'default' });
    const error = await cluster
      .waitForRollout([{ kind: 'Deployment', name: 'web', namespace: 'default' }], { timeoutMs: 50, intervalMs: 5 })
      .catch((e: unknown) => e);
    assert.instance(error, Error);
    assert.match((error as Error).message, /rollout not complete after 50 ms: Deployment default\/web/);
  } finally {
    await api.close();
  }
});

test('workerNodes lists Ready, untainted nodes of a node type as {ID, Addr}', async () => {
  const { api, cluster } = await setup();
  try {
    const node = (name: string, type: string, ready: boolean, taints: unknown[] = []) =>
      api.put({
        apiVersion: 'v1',
        kind: 'Node',
        metadata: { name, labels: { 'micado.eu/node_type': type } },
        spec: { taints },
        status: {
          conditions: [{ type: 'Ready', status: ready ? 'True' : 'False' }],
          addresses: [{ type: 'InternalIP', address: `10.0.0.${name.slice(-1)}` }, { type: 'Hostname', address: name }],
        },
      });
    node('worker-1', 'worker', true);
    node('worker-2', 'worker', false);
    node('worker-3', 'worker', true, [{ key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' }]);
    node('worker-4', 'worker', true);
    node('other-5', 'other', true);
    assert.equal(await cluster.workerNodes('worker'), [
      { ID: 'worker-1', Addr: '10.0.0.1' },
      { ID: 'worker-4', Addr: '10.0.0.4' },
    ]);
    const lists = api.requests.filter((r) => r.path === '/api/v1/nodes');
    assert.is(lists[0]!.query['labelSelector'], 'micado.eu/node_type=worker');
  } finally {
    await api.close();
  }
});

test('429, 500 and 409 are retried with growing, jittered, bounded pauses, then the call succeeds', async () => {
  const { api, cluster, sleeps } = await setup(5);
  try {
    await cluster.apply([deployment('web')], { labels: APP, namespace: 'default' });
    api.failNext(1, 429, (r) => r.path.endsWith('/scale'));
    api.failNext(1, 500, (r) => r.path.endsWith('/scale'));
    api.failNext(1, 409, (r) => r.path.endsWith('/scale'));
    await cluster.setReplicas({ kind: 'Deployment', name: 'web', namespace: 'default' }, 4);
    assert.is(api.get('apps/v1', 'Deployment', 'web', 'default')?.['spec'].replicas, 4);
    assert.equal(api.requests.filter((r) => r.path.endsWith('/scale')).map((r) => r.status), [429, 500, 409, 200]);
    // random() = 0.5 of min(1000, 100·2^(n-1)): 50, 100, 200.
    assert.equal(sleeps, [50, 100, 200]);
  } finally {
    await api.close();
  }
});

test('retries stop at the bound with a clear error; 4xx other than 409/429 are not retried', async () => {
  const { api, cluster, sleeps } = await setup(3);
  try {
    await cluster.apply([deployment('web')], { labels: APP, namespace: 'default' });
    api.failNext(10, 503, (r) => r.path.endsWith('/scale'));
    const error = await cluster.setReplicas({ kind: 'Deployment', name: 'web', namespace: 'default' }, 4).catch((e: unknown) => e);
    assert.instance(error, KubeApiError);
    const message = (error as KubeApiError).message;
    assert.is(message, 'Kubernetes API: scale Deployment default/web to 4 failed after 3 attempts (HTTP 503 ServiceUnavailable): injected fault 503');
    assert.not.match(message, 'double-token');
    assert.is(sleeps.length, 2);
    assert.is(api.requests.filter((r) => r.path.endsWith('/scale')).length, 3);
    const invalid = await cluster
      .apply([{ ...deployment('bad'), metadata: { name: 'bad', labels: { run: 'not a valid value!' } } }], { labels: APP, namespace: 'default' })
      .catch((e: unknown) => e);
    assert.instance(invalid, KubeApiError);
    assert.is((invalid as KubeApiError).status, 422);
    assert.is((invalid as KubeApiError).attempts, 1);
  } finally {
    await api.close();
  }
});

test('the double answers an apply without fieldManager, a stale PUT and a foreign manager like the API server', async () => {
  const api = await KubeApiServerDouble.start();
  try {
    const headers = { authorization: 'Bearer double-token', 'content-type': 'application/apply-patch+yaml' };
    const url = `${api.url}/apis/apps/v1/namespaces/default/deployments/web`;
    const body = JSON.stringify(deployment('web'));
    const noManager = await fetch(url, { method: 'PATCH', headers, body });
    assert.is(noManager.status, 400);
    assert.is(((await noManager.json()) as { kind: string }).kind, 'Status');
    assert.is((await fetch(`${url}?fieldManager=a`, { method: 'PATCH', headers, body })).status, 201);
    const foreign = await fetch(`${url}?fieldManager=b`, { method: 'PATCH', headers, body });
    assert.is(foreign.status, 409);
    assert.is(((await foreign.json()) as { reason: string }).reason, 'Conflict');
    assert.is((await fetch(`${url}?fieldManager=b&force=true`, { method: 'PATCH', headers, body })).status, 200);
    const stale = await fetch(`${url}/scale`, {
      method: 'PUT',
      headers: { ...headers, 'content-type': 'application/json' },
      body: JSON.stringify({ apiVersion: 'autoscaling/v1', kind: 'Scale', metadata: { name: 'web', resourceVersion: '1' }, spec: { replicas: 3 } }),
    });
    assert.is(stale.status, 409);
    const unauthenticated = await fetch(url);
    assert.is(unauthenticated.status, 401);
  } finally {
    await api.close();
  }
});

test('the double deletes a collection by label selector, and its Status errors carry code and reason', async () => {
  const { api, cluster } = await setup();
  try {
    await cluster.apply([deployment('web'), deployment('db')], { labels: APP, namespace: 'default' });
    api.put({ ...deployment('foreign'), metadata: { name: 'foreign', namespace: 'default' } });
    const headers = { authorization: 'Bearer double-token' };
    const collection = `${api.url}/apis/apps/v1/namespaces/default/deployments`;
    const deleted = await fetch(`${collection}?labelSelector=${encodeURIComponent(`${SELECTOR},run in (web,db)`)}`, { method: 'DELETE', headers });
    assert.is(deleted.status, 200);
    assert.is(((await deleted.json()) as { items: unknown[] }).items.length, 2);
    assert.equal(api.all('apps/v1', 'Deployment').map((d) => d['metadata'].name), ['foreign']);
    const missing = await fetch(`${collection}/web`, { headers });
    assert.equal(await missing.json(), {
      kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'deployments.apps "web" not found', reason: 'NotFound', code: 404,
    });
  } finally {
    await api.close();
  }
});

test('in-cluster config reads the service environment and account, and refuses to guess without them', async () => {
  const saved = { host: process.env['KUBERNETES_SERVICE_HOST'], port: process.env['KUBERNETES_SERVICE_PORT'] };
  const root = await mkdtemp(join(tmpdir(), 'adtc-sa-'));
  try {
    delete process.env['KUBERNETES_SERVICE_HOST'];
    assert.throws(() => loadKubeConfig({ inCluster: true, root }), /KUBERNETES_SERVICE_HOST/);
    process.env['KUBERNETES_SERVICE_HOST'] = '10.96.0.1';
    process.env['KUBERNETES_SERVICE_PORT'] = '443';
    assert.throws(() => loadKubeConfig({ inCluster: true, root }), /service account's token at .*\/var\/run\/secrets\/kubernetes\.io\/serviceaccount\/token: is automountServiceAccountToken off/);
    await mkdir(join(root, SERVICE_ACCOUNT_DIR), { recursive: true });
    await writeFile(join(root, SERVICE_ACCOUNT_DIR, 'token'), 'sa-token');
    await writeFile(join(root, SERVICE_ACCOUNT_DIR, 'namespace'), 'adtc');
    const config = loadKubeConfig({ inCluster: true, root });
    assert.is(config.getCurrentCluster()?.server, 'https://10.96.0.1:443');
    assert.is(config.getCurrentCluster()?.caFile, join(root, SERVICE_ACCOUNT_DIR, 'ca.crt'));
    assert.is(config.getContextObject(config.getCurrentContext())?.namespace, 'adtc');
  } finally {
    for (const [name, value] of [['KUBERNETES_SERVICE_HOST', saved.host], ['KUBERNETES_SERVICE_PORT', saved.port]] as const) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    await rm(root, { recursive: true, force: true });
  }
});

test.run();
