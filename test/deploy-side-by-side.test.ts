/**
 * Several apps in one cluster, as an operator runs them: each owns only its objects (names, labels, Secrets,
 * scrape jobs), the monitoring DaemonSets are installed once and shared, deploying over another app's object
 * is refused with a message saying whose it is, and undeploy removes exactly what its app created. Against the
 * API-server double and Debian's real Prometheus (2.42), which must accept every app's files.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileSystemHost } from '../compiler/src/host.js';
import { compile } from '../compiler/src/plan/compile.js';
import { deploy, undeploy } from '../runtime/src/deploy/deploy.js';
import type { RuntimeTargets } from '../runtime/src/deploy/deploy.js';
import { readRecord } from '../runtime/src/deploy/record.js';
import { readPlanDir } from '../runtime/src/loop/open-loop.js';
import { PrometheusClient } from '../runtime/src/prometheus/client.js';
import { clusterDouble } from './harness/deploy-targets.js';
import { corpusRoot } from './harness/paths.js';
import { startPrometheus } from './harness/prometheus.js';

const demos = join(corpusRoot, 'micado-scale+ansible-micado/demos');
const s = suite('apps side by side in one cluster');

type Obj = { metadata: { name: string; namespace?: string; labels?: Record<string, string> }; spec?: { selector?: unknown } };

/** Compiles a demo under the given app id into a fresh plan directory. */
async function planOf(demo: string, appId: string) {
  const result = compile(join(demos, demo), fileSystemHost, { appId });
  if (!result.output) throw new Error(result.diagnostics.map((d) => d.message).join('\n'));
  const dir = await mkdtemp(join(tmpdir(), `adtc-${appId}-`));
  for (const [path, text] of result.output.files) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), text);
  }
  const read = await readPlanDir(dir);
  if (!read.ok) throw new Error(read.errors.join('\n'));
  return { dir, plan: read.plan, sha: read.sha256 };
}

async function world(configDir?: string, reload?: () => Promise<{ ok: true } | { ok: false; failure: { message: string } }>) {
  const { api, cluster } = await clusterDouble();
  const stateDir = await mkdtemp(join(tmpdir(), 'adtc-side-by-side-'));
  const lines: string[] = [];
  const targets = (namespace: string): RuntimeTargets => ({
    cluster,
    nodeSetDriver: () => undefined,
    skipNodeSets: true,
    ...(configDir && reload ? { prometheus: { configDir, reload: reload as never } } : {}),
    stateDir,
    namespace,
    rolloutTimeoutMs: 10_000,
    progress: (l) => lines.push(l),
  });
  return { api, stateDir, lines, targets };
}

s('two copies of one ADT and a third app share a cluster; a collision is refused and each undeploy removes only its own', async () => {
  const { api, stateDir, targets } = await world();
  const alpha = await planOf('stressng/stressng_ec2.yaml', 'alpha');
  const beta = await planOf('stressng/stressng_ec2.yaml', 'beta');
  const gamma = await planOf('nginx/nginx_ec2.yaml', 'gamma');
  try {
    const a = await deploy(alpha.dir, alpha.plan, alpha.sha, targets('default'));
    assert.ok(a.ok, a.ok ? '' : a.errors.join('\n'));
    // beta's Deployment is named like alpha's: into the same namespace it must not go.
    const clash = await deploy(beta.dir, beta.plan, beta.sha, targets('default'));
    assert.is(clash.ok, false);
    if (!clash.ok) assert.match(clash.errors.join('\n'), /Deployment default\/stressng already exists and belongs to app alpha; deploy beta into another namespace \(--namespace\)/);
    assert.is((api.get('apps/v1', 'Deployment', 'stressng', 'default') as Obj).metadata.labels?.['app.kubernetes.io/instance'], 'alpha', 'alpha keeps its Deployment');
    assert.is(await readRecord(stateDir, 'beta'), undefined, 'a refused deploy records nothing');

    const b = await deploy(beta.dir, beta.plan, beta.sha, targets('beta'));
    assert.ok(b.ok, b.ok ? '' : b.errors.join('\n'));
    const g = await deploy(gamma.dir, gamma.plan, gamma.sha, targets('default'));
    assert.ok(g.ok, g.ok ? '' : g.errors.join('\n'));

    assert.is((api.get('apps/v1', 'Deployment', 'stressng', 'beta') as Obj).metadata.labels?.['app.kubernetes.io/instance'], 'beta');
    // One set of monitoring DaemonSets for the cluster, naming no app (a DaemonSet's selector cannot change).
    const daemonSets = api.all('apps/v1', 'DaemonSet') as Obj[];
    assert.equal(daemonSets.map((d) => `${d.metadata.namespace}/${d.metadata.name}`).sort(), ['micado-worker/micado-cadvisor', 'micado-worker/micado-node-exporter']);
    for (const d of daemonSets) {
      assert.is(d.metadata.labels?.['app.kubernetes.io/instance'], undefined);
      assert.equal(d.spec?.selector, { matchLabels: { 'app.kubernetes.io/name': d.metadata.name } });
    }

    const removedAlpha = await undeploy('alpha', targets('default'), alpha.plan);
    assert.equal(removedAlpha.problems, []);
    assert.ok(removedAlpha.removed.includes('Deployment default/stressng'));
    assert.is(api.all('apps/v1', 'DaemonSet').length, 2, 'beta still uses the monitoring');
    assert.ok(api.get('apps/v1', 'Deployment', 'stressng', 'beta'), "beta's Deployment stays");
    assert.ok(api.get('apps/v1', 'Deployment', 'nginxapp', 'default'), "gamma's Deployment stays");
    assert.ok(api.get('v1', 'Namespace', 'micado-worker'), 'the monitoring namespace stays with the monitoring');

    const removedBeta = await undeploy('beta', targets('beta'), beta.plan);
    assert.equal(removedBeta.problems, []);
    assert.equal(api.all('apps/v1', 'DaemonSet'), [], 'the last app using the monitoring removes it');
    assert.is(api.get('v1', 'Namespace', 'beta'), undefined, 'the namespace beta was deployed into, created by deploy, is removed');
    assert.is(api.get('v1', 'Namespace', 'micado-worker'), undefined, 'so is the monitoring namespace, handed over by alpha');

    assert.equal((await undeploy('gamma', targets('default'), gamma.plan)).problems, []);
    assert.equal(api.all('apps/v1', 'Deployment'), []);
    assert.equal(api.all('v1', 'Service'), []);
    assert.ok(api.get('v1', 'Namespace', 'default'), 'a namespace deploy found stays');
  } finally {
    await api.close();
    for (const dir of [stateDir, alpha.dir, beta.dir, gamma.dir]) await rm(dir, { recursive: true, force: true });
  }
});

s("Debian's Prometheus 2.42 reads three apps' rules and targets, each under its own job, and forgets an undeployed one", async () => {
  const prometheus = await startPrometheus();
  const client = new PrometheusClient({ url: prometheus.url });
  const { api, stateDir, targets } = await world(dirname(prometheus.rulesDir), () => client.reload());
  const apps = [await planOf('nginx/nginx_ec2.yaml', 'alpha'), await planOf('nginx/nginx_ec2.yaml', 'beta'), await planOf('stressng/stressng_ec2.yaml', 'gamma')];
  const namespaces = ['default', 'beta', 'default'];
  const activeTargets = async () => {
    const body = (await (await fetch(`${prometheus.url}/api/v1/targets?state=active`)).json()) as { data: { activeTargets: { labels: Record<string, string> }[] } };
    return body.data.activeTargets.map((t) => `${t.labels['job']} ${t.labels['app']} ${t.labels['instance']}`).sort();
  };
  const ruleFiles = async () => {
    const body = (await (await fetch(`${prometheus.url}/api/v1/rules`)).json()) as { data: { groups: { file: string; rules: { name: string }[] }[] } };
    return body.data.groups.map((g) => `${g.file.replace(/^.*\//, '')}: ${g.rules.map((r) => r.name).join(',')}`).sort();
  };
  const eventually = async <T>(probe: () => Promise<T>, want: T) => {
    const deadline = Date.now() + 60_000;
    let last = await probe();
    while (JSON.stringify(last) !== JSON.stringify(want) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      last = await probe();
    }
    assert.equal(last, want);
  };
  try {
    for (const [i, app] of apps.entries()) {
      const result = await deploy(app.dir, app.plan, app.sha, targets(namespaces[i]!));
      assert.ok(result.ok, result.ok ? '' : result.errors.join('\n'));
    }
    await eventually(activeTargets, ['alpha-services alpha nginxapp.default.svc:9300', 'beta-services beta nginxapp.beta.svc:9300']);
    await eventually(ruleFiles, ['gamma.rules: node_overloaded,node_underloaded,service_overloaded,service_underloaded']);
    assert.equal((await undeploy('alpha', targets('default'), apps[0]!.plan)).problems, []);
    await eventually(activeTargets, ['beta-services beta nginxapp.beta.svc:9300']);
  } finally {
    await prometheus.stop();
    await api.close();
    await rm(stateDir, { recursive: true, force: true });
    for (const app of apps) await rm(app.dir, { recursive: true, force: true });
  }
});

s.run();
