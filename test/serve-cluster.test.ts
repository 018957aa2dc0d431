/**
 * `adtc serve` in a cluster: the manifest `adtc serve --print-manifest` prints passes the Kubernetes schema
 * check and is accepted by the API-server double; two servers on one state directory (one PersistentVolume),
 * configured in-cluster from a service account against the double over HTTPS, elect one leader through the Lease
 * adtc-serve: only the leader runs loops and accepts launches, the standby is not ready and refuses changes with
 * 503, and after the leader is killed (SIGKILL) the standby takes over once the Lease has expired.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseAllDocuments } from 'yaml';
import { main } from '../compiler/src/cli/adtc.js';
import { checkManifest } from '../compiler/src/plan/kubernetes/k8s-schemas.js';
import { ClientCluster, loadKubeConfig, SERVICE_ACCOUNT_DIR } from '../runtime/src/kubernetes/client-cluster.js';
import type { Manifest } from '../runtime/src/kubernetes/cluster.js';
import { LeaderElection } from '../runtime/src/serve/leader-election.js';
import { KubeApiServerDouble } from './doubles/kube-apiserver.js';
import { markReady } from './harness/deploy-targets.js';
import { curl, selfSigned, STRESSNG_ADT, until } from './harness/serve.js';

const s = suite('adtc serve in a cluster: manifest, in-cluster config, one leader');
const V1 = '/toscasubmitter/v1.0';

function captured(): { io: Parameters<typeof main>[1]; out: () => string; err: () => string } {
  let out = '';
  let err = '';
  return { io: { cwd: process.cwd(), isTerminal: false, stdout: (t: string) => void (out += t), stderr: (t: string) => void (err += t) }, out: () => out, err: () => err };
}

s('the printed manifest passes the schema check, is accepted by the API server, and runs one replica with probes, Secrets and a Lease', async () => {
  const run = captured();
  assert.is(await main(['serve', '--print-manifest', '--namespace', 'ops', '--image', 'registry.example/adtc:1'], run.io), 0, run.err());
  const objects = parseAllDocuments(run.out()).map((d) => d.toJS() as Manifest).filter((o) => o !== null);
  assert.equal(objects.map((o) => o.kind), ['Namespace', 'ServiceAccount', 'ClusterRole', 'ClusterRoleBinding', 'PersistentVolumeClaim', 'PersistentVolumeClaim', 'Deployment', 'Service']);
  for (const o of objects) assert.equal(checkManifest(o as never), [], `${o.kind} ${o.metadata.name} against the Kubernetes schema`);
  assert.not.match(run.out(), /password: |tls\.key: /, 'no secret value in the manifest');

  const deployment = objects.find((o) => o.kind === 'Deployment') as Manifest & { spec: any };
  assert.is(deployment.spec.replicas, 1);
  assert.is(deployment.spec.strategy.type, 'Recreate');
  const pod = deployment.spec.template.spec;
  assert.is(pod.serviceAccountName, 'adtc-serve');
  const container = pod.containers[0];
  assert.is(container.image, 'registry.example/adtc:1');
  assert.is(container.livenessProbe.httpGet.path, '/healthz');
  assert.is(container.readinessProbe.httpGet.path, '/readyz');
  assert.equal(container.env.map((e: any) => [e.name, e.valueFrom.secretKeyRef.name]), [['ADTC_SERVE_USER', 'adtc-serve-credentials'], ['ADTC_SERVE_PASSWORD', 'adtc-serve-credentials']]);
  assert.equal(pod.volumes.find((v: any) => v.name === 'tls').secret, { secretName: 'adtc-serve-tls' });
  assert.is(pod.volumes.find((v: any) => v.name === 'state').persistentVolumeClaim.claimName, 'adtc-serve-state');
  // The container's arguments are options adtc serve takes (an unknown one would exit 2 before --help).
  const help = captured();
  assert.is(await main([...container.args, '--help'], help.io), 0, help.err());
  const rules = (objects.find((o) => o.kind === 'ClusterRole') as any).rules as { apiGroups: string[]; resources: string[]; verbs: string[] }[];
  const allows = (group: string, resource: string, verb: string) => rules.some((r) => r.apiGroups.includes(group) && r.resources.includes(resource) && r.verbs.includes(verb));
  assert.ok(allows('coordination.k8s.io', 'leases', 'update') && allows('apps', 'deployments/scale', 'patch') && allows('', 'nodes', 'list') && allows('', 'events', 'create'));
  assert.not.ok(rules.some((r) => r.verbs.includes('*') || r.resources.includes('*')), 'no wildcard');

  const fractional = captured();
  assert.is(await main(['serve', '--lease-duration', '2.5'], fractional.io), 2);
  assert.match(fractional.err(), /--lease-duration is whole seconds/);
  const noCluster = captured();
  assert.is(await main(['serve', '--kubeconfig', '/nonexistent/kubeconfig', '--state-dir', '/nonexistent-adtc'], noCluster.io), 2);
  assert.match(noCluster.err(), /the leader election needs the cluster: no kubeconfig at \/nonexistent\/kubeconfig.*or run a single server with --no-leader-election/);

  const api = await KubeApiServerDouble.start();
  try {
    const cluster = new ClientCluster(loadKubeConfig({ kubeconfigPath: await api.writeKubeconfig() }));
    const stored = await cluster.apply(objects, { labels: {}, namespace: 'ops' });
    assert.is(stored.length, objects.length);
    assert.ok(api.get('apps/v1', 'Deployment', 'adtc-serve', 'ops'));
    assert.ok(api.get('v1', 'Service', 'adtc-serve', 'ops'));
    assert.ok(api.get('rbac.authorization.k8s.io/v1', 'ClusterRoleBinding', 'adtc-serve'));
  } finally {
    await api.close();
  }
});

interface Replica {
  readonly child: ChildProcess;
  readonly url: string;
  output(): string;
}

const PROCESS = fileURLToPath(new URL('./harness/serve-process.js', import.meta.url));

/** One `adtc serve` process, configured in-cluster (service account under `root`), named `holder` in the Lease. */
async function replica(root: string, host: string, port: string, stateDir: string, holder: string): Promise<Replica> {
  const options = {
    stateDir,
    serviceAccountRoot: root,
    skipNodeSets: true,
    periodS: 1,
    listen: '127.0.0.1:0',
    maxUploadBytes: 1024 * 1024,
    leaseHolder: holder,
    election: { leaseDurationS: 3, renewDeadlineMs: 2000, retryPeriodMs: 400 },
  };
  const child = spawn(process.execPath, [PROCESS, JSON.stringify(options)], { env: { ...process.env, KUBERNETES_SERVICE_HOST: host, KUBERNETES_SERVICE_PORT: port }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (d) => void (out += String(d)));
  child.stderr!.on('data', (d) => void (out += String(d)));
  const url = await until(`${holder} to listen`, async () => /Serving on (\S+)/.exec(out)?.[1] ?? (child.exitCode !== null ? Promise.reject(new Error(out)) : undefined));
  return { child, url, output: () => out };
}

const apps = async (r: Replica) => (await curl([`${r.url}/apps`])).json as unknown as { app: string; phase: string }[];

s('two servers, one leader: the standby is not ready and refuses changes; killing the leader lets it take over', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'adtc-serve-cluster-'));
  const tls = await selfSigned(dir);
  const api = await KubeApiServerDouble.start({ tls: { cert: await readFile(tls.cert), key: await readFile(tls.key) } });
  api.put({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'adtc' } });
  const controllers = setInterval(() => markReady(api), 50);
  // The pod's service account, as the kubelet mounts it: the double's token, its CA, the pod's namespace.
  const account = join(dir, SERVICE_ACCOUNT_DIR);
  await mkdir(account, { recursive: true });
  await writeFile(join(account, 'token'), 'double-token');
  await writeFile(join(account, 'ca.crt'), await readFile(tls.cert));
  await writeFile(join(account, 'namespace'), 'adtc');
  const { hostname, port } = new URL(api.url);
  const state = join(dir, 'state');
  const replicas: Replica[] = [];
  try {
    const a = await replica(dir, hostname, port, state, 'pod-a/1');
    replicas.push(a);
    assert.match(a.output(), /adtc serve: leading \(Lease adtc\/adtc-serve\)/);
    const b = await replica(dir, hostname, port, state, 'pod-b/1');
    replicas.push(b);
    await until('b to stand by', async () => (/standing by: adtc serve already runs elsewhere \(pod-a\/1 holds the Lease adtc\/adtc-serve/.test(b.output()) ? true : undefined));
    assert.is(api.get('coordination.k8s.io/v1', 'Lease', 'adtc-serve', 'adtc')?.['spec']?.['holderIdentity'], 'pod-a/1');

    assert.is((await curl([`${a.url}/readyz`])).status, 200);
    const notReady = await curl([`${b.url}/readyz`]);
    assert.is(notReady.status, 503);
    assert.match(notReady.body, /^standby: adtc serve already runs elsewhere \(pod-a\/1 holds the Lease/);
    assert.is((await curl([`${b.url}/healthz`])).status, 200, 'a standby is alive');

    const refused = await curl(['-F', `file=@${STRESSNG_ADT}`, '-F', 'id=stress', '-X', 'POST', `${b.url}${V1}/app/launch/`]);
    assert.is(refused.status, 503, refused.body);
    assert.match(refused.json['message'], /^this adtc serve replica stands by and changes nothing: .*pod-a\/1 holds the Lease.*Send launches, updates and undeploys to the leader/);
    assert.is((await curl(['-F', `file=@${STRESSNG_ADT}`, `${b.url}${V1}/app/validate/`])).status, 200, 'validation changes nothing: a standby answers it');

    const launched = await curl(['-F', `file=@${STRESSNG_ADT}`, '-F', 'id=stress', '-X', 'POST', `${a.url}${V1}/app/launch/`]);
    assert.is(launched.status, 200, launched.body);
    await until('the launch to deploy', async () => ((await curl([`${a.url}${V1}/app/stress/status`])).json['data']?.['status']?.['adtc'] === 'deployed' ? true : undefined));
    assert.ok(api.get('apps/v1', 'Deployment', 'stressng', 'default'), 'deployed through the in-cluster configuration');
    await until("the leader to run the app's loop", async () => ((await apps(a)).some((l) => l.app === 'stress' && l.phase === 'running') ? true : undefined));
    assert.equal(await apps(b), [], 'the standby runs no loop');

    a.child.kill('SIGKILL');
    await until('b to take over', async () => (/adtc serve: leading \(Lease adtc\/adtc-serve\)/.test(b.output()) ? true : undefined));
    assert.is(api.get('coordination.k8s.io/v1', 'Lease', 'adtc-serve', 'adtc')?.['spec']?.['holderIdentity'], 'pod-b/1');
    await until('b to be ready', async () => ((await curl([`${b.url}/readyz`])).status === 200 ? true : undefined));
    await until("b to run the app's loop", async () => ((await apps(b)).some((l) => l.app === 'stress' && l.phase === 'running') ? true : undefined));
    const undeploy = await curl(['-X', 'DELETE', `${b.url}${V1}/app/undeploy/stress`]);
    assert.is(undeploy.status, 200, undeploy.body);
    await until('the undeploy', async () => ((await curl([`${b.url}${V1}/app/stress/status`])).json['data']?.['status']?.['adtc'] === 'undeployed' ? true : undefined));
    assert.is(api.get('apps/v1', 'Deployment', 'stressng', 'default'), undefined);

    b.child.kill('SIGTERM');
    const code = await new Promise<number | null>((resolve) => (b.child.exitCode !== null ? resolve(b.child.exitCode) : b.child.once('exit', (c) => resolve(c))));
    assert.is(code, 0, b.output());
    assert.is(api.get('coordination.k8s.io/v1', 'Lease', 'adtc-serve', 'adtc'), undefined, 'a server that stops gives its Lease back');
  } finally {
    for (const r of replicas) if (r.child.exitCode === null && r.child.signalCode === null) r.child.kill('SIGKILL');
    clearInterval(controllers);
    await api.close();
    await rm(dir, { recursive: true, force: true });
  }
});

s('a leader that cannot renew its Lease stands down within the renew deadline, and leads again once the API server answers', async () => {
  const api = await KubeApiServerDouble.start();
  const cluster = new ClientCluster(loadKubeConfig({ kubeconfigPath: await api.writeKubeconfig() }));
  const changes: string[] = [];
  const election = new LeaderElection(cluster, 'default', { leaseDurationS: 3, renewDeadlineMs: 1000, retryPeriodMs: 200 }, (st) => changes.push(st.leading ? 'leading' : `standby: ${st.why}`), 'pod-a/1');
  const stop = new AbortController();
  const terms: AbortSignal[] = [];
  const running = election.run(stop.signal, async (term) => {
    terms.push(term);
    await new Promise((resolve) => term.addEventListener('abort', resolve, { once: true }));
  });
  try {
    await until('the first term', async () => (election.now().leading ? true : undefined));
    let failing = true;
    api.failNext(1_000_000, 503, (r) => failing && r.path.includes('/leases'));
    await until('the leader to stand down', async () => (!election.now().leading ? true : undefined));
    assert.ok(terms[0]!.aborted, 'its loops were told to stop');
    assert.match(changes.join('\n'), /standby: the Lease default\/adtc-serve could not be renewed for \d+ s .*standing down before another replica may take over/);
    failing = false;
    await until('the leader to lead again', async () => (terms.length === 2 && election.now().leading ? true : undefined));
  } finally {
    stop.abort();
    await running;
    await api.close();
  }
  assert.is(api.get('coordination.k8s.io/v1', 'Lease', 'adtc-serve', 'default'), undefined, 'released on stop');
});

s.run();
