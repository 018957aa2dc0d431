/**
 * A MiCADO user's session against `adtc serve`, with seed 003's curl commands as written (-F file=@…, -d input=…,
 * -F id=…, -X DELETE …, over HTTPS with --insecure and the credentials in the URL), against the Kubernetes
 * API-server double, the Occopus double (stressng's EC2 worker is an Occopus node set) and a real Prometheus
 * (Debian's): launch creates the app's Occopus infrastructure and hands Prometheus its rule and target files, status
 * shows the node set, the workload and the policies' decisions from the loop's real queries, update and undeploy
 * follow; the long operations are watched while they run (the workloads' rollouts are held until the test lets
 * them finish), and the v2.0 forms work over the same back-ends.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { chmod, copyFile, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { markReady } from './harness/deploy-targets.js';
import { repoRoot } from './harness/paths.js';
import { startPrometheus } from './harness/prometheus.js';
import type { PrometheusHarness } from './harness/prometheus.js';
import { curl, startServe, STRESSNG_ADT, until } from './harness/serve.js';
import type { Served } from './harness/serve.js';
import { OccopusServerDouble } from './doubles/occopus-server.js';

const s = suite('adtc serve: seed 003 curl against Kubernetes, Occopus and Prometheus');
const FAKE_IMPORT = join(repoRoot, 'test/doubles/fake-occopus-import.mjs');
const JOIN_TOKEN = 'K10join-token-never-shown';
const V1 = '/toscasubmitter/v1.0';

let prometheus: PrometheusHarness;
let occopus: OccopusServerDouble;
let served: Served;
let scratch: string;
/** https://admin:micado-pass@127.0.0.1:<port>, as seed 003 writes it. */
let base: string;

s.before(async () => {
  prometheus = await startPrometheus();
  scratch = await mkdtemp(join(tmpdir(), 'adtc-serve-micado-'));
  // The Occopus double and the stand-in occopus-import share the definitions store, as Occopus and its importer do.
  const definitions = join(scratch, 'occopus-definitions.json');
  process.env['FAKE_OCCOPUS_DEFINITIONS'] = definitions;
  await chmod(FAKE_IMPORT, 0o755);
  occopus = await OccopusServerDouble.start({ definitions });
  served = await startServe({
    credentials: { kind: 'basic', user: 'admin', password: 'micado-pass' },
    tls: true,
    autoReady: false,
    serve: {
      skipNodeSets: false,
      prometheusUrl: prometheus.url,
      prometheusConfigDir: dirname(prometheus.rulesDir),
      occopusUrl: occopus.url,
      occopusImport: [FAKE_IMPORT],
      joinAddress: '10.0.0.1',
      joinToken: JOIN_TOKEN,
    },
  });
  base = served.url.replace('https://', 'https://admin:micado-pass@');
});

s.after(async () => {
  await served?.stop();
  await occopus?.close();
  await prometheus?.stop();
  await rm(scratch, { recursive: true, force: true });
});

type Status = { phase: string; progress: string[]; report: string[]; body: string };

async function status(id: string): Promise<Status> {
  const answer = await curl(['--insecure', '-X', 'GET', `${base}${V1}/app/${id}/status`]);
  const data = answer.json['data'] ?? {};
  return { phase: data['status']?.['adtc'], progress: data['progress'] ?? [], report: data['report'] ?? [], body: answer.body };
}

/** Lets the held rollouts finish, as the cluster's controllers would, until `done`. */
async function rolloutsUntil<T>(what: string, done: () => Promise<T | undefined>): Promise<T> {
  const controllers = setInterval(() => markReady(served.api), 50);
  try {
    return await until(what, done, 120_000);
  } finally {
    clearInterval(controllers);
  }
}

s('launch, status, update and undeploy with seed 003 curl: Occopus builds the node set, Prometheus gets the rules, the loop decides', async () => {
  const launch = await curl(['--insecure', '-F', `file=@${STRESSNG_ADT}`, '-F', 'id=stress', '-X', 'POST', `${base}${V1}/app/launch/`]);
  assert.is(launch.status, 200, launch.body);

  // While the Deployment's rollout is held, the launch is seen half-way: machines built, objects applied, rollout awaited.
  const midway = await until('the launch to wait for its rollout', async () => {
    const now = await status('stress');
    return now.progress.some((l) => /^rollout Deployment default\/stressng/.test(l)) ? now : undefined;
  });
  assert.is(midway.phase, 'deploying', midway.body);
  assert.ok(midway.progress.some((l) => /^node set worker-node: provisioning 1 machines \(occopus/.test(l)), midway.body);
  assert.ok(midway.progress.some((l) => /^applied \d+ Kubernetes objects$/.test(l)), midway.body);
  assert.not.ok(midway.progress.some((l) => /stress deployed/.test(l)), 'not finished yet');
  const threads = await curl(['--insecure', '-X', 'GET', `${base}${V1}/info_threads`]);
  assert.is(threads.json['data']['thread being executed'], 'deploying stress');

  const deployed = await rolloutsUntil('the launch to finish', async () => {
    const now = await status('stress');
    return now.phase === 'deployed' || now.phase === 'failed' ? now : undefined;
  });
  assert.is(deployed.phase, 'deployed', deployed.body);
  assert.ok(deployed.progress.some((l) => /stress deployed: \d+ objects/.test(l)), deployed.body);

  // Occopus: the node definitions imported and the app's infrastructure built with the worker's join values.
  assert.ok(occopus.calls.some((c) => c.method === 'POST' && c.path === '/infrastructures/'), 'the infrastructure is built');
  assert.ok(occopus.descriptors.some((d) => d.includes('stress_worker_infra') || d.includes('worker-node')), occopus.descriptors.join('\n'));
  // Prometheus: adtc wrote the app's files where the server reads them, and the server loaded the alerts.
  assert.ok((await readdir(prometheus.rulesDir)).some((f) => f.startsWith('stress')), 'a rule file');
  assert.ok((await readdir(prometheus.targetsDir)).some((f) => f.startsWith('stress')), 'a targets file');
  const rules = await until('Prometheus to load the alerts', async () => {
    const body = (await (await fetch(`${prometheus.url}/api/v1/rules`)).json()) as { data: { groups: { rules: { name: string }[] }[] } };
    const names = body.data.groups.flatMap((g) => g.rules.map((r) => r.name));
    return names.includes('service_overloaded') ? names : undefined;
  });
  assert.ok(rules.includes('node_overloaded'), rules.join(', '));

  // The loop runs against the real Prometheus: each policy's decision, made from the alerts it asked for, shows in status.
  type Decision = { action: string; inputs: Record<string, unknown>; printed?: string };
  const decisions = await until('both policies to decide', async () => {
    const answer = await curl(['--insecure', '-X', 'GET', `${base}${V1}/app/stress/status`]);
    const found = answer.json['data']?.['decisions'] as Record<string, Decision> | undefined;
    return found?.['stressng'] && found['worker-node'] ? found : undefined;
  });
  assert.is(decisions['stressng']!.action, 'no change');
  assert.is(decisions['stressng']!.inputs['service_overloaded'], false, 'the alert as Prometheus evaluated it');
  assert.is(decisions['worker-node']!.inputs['node_overloaded'], false);
  assert.match(decisions['stressng']!.printed ?? '', /Transient phase, skipping update of containers/);
  const report = (await status('stress')).report.join('\n');
  assert.match(report, /node set worker-node: desired 1, actual 1/);
  assert.match(report, /Deployment default\/stressng: desired 1, ready 1/);
  assert.match(report, /policy stressng: no change/);
  assert.not.match(report, /metrics unavailable/);

  // Update from a file on the server (-d input=…): a new image, whose rollout is again watched half-way.
  const v2 = join(served.dir, 'stressng-v2.yaml');
  await writeFile(v2, (await readFile(STRESSNG_ADT, 'utf8')).replace('image: lorel/docker-stress-ng', 'image: lorel/docker-stress-ng:latest'));
  const update = await curl(['--insecure', '-d', `input=${pathToFileURL(v2).href}`, '-X', 'PUT', `${base}${V1}/app/update/stress`]);
  assert.is(update.status, 200, update.body);
  const updating = await until('the update to wait for its rollout', async () => {
    const now = await status('stress');
    return now.phase === 'updating' && now.progress.some((l) => /^rollout Deployment default\/stressng/.test(l)) ? now : undefined;
  });
  assert.not.ok(updating.progress.some((l) => /stress updated/.test(l)));
  const updated = await rolloutsUntil('the update to finish', async () => {
    const now = await status('stress');
    return now.phase === 'deployed' || now.phase === 'failed' ? now : undefined;
  });
  assert.ok(updated.progress.some((l) => /stress updated/.test(l)), updated.body);
  assert.is(served.api.get('apps/v1', 'Deployment', 'stressng', 'default')?.['spec']['template']['spec']['containers'][0]['image'], 'lorel/docker-stress-ng:latest');

  const list = await curl(['--insecure', '-X', 'GET', `${base}${V1}/list_app/`]);
  assert.equal((list.json['data'] as { id: string }[]).map((a) => a.id), ['stress']);

  const undeploy = await curl(['--insecure', '-X', 'DELETE', `${base}${V1}/app/undeploy/stress`]);
  assert.is(undeploy.status, 200, undeploy.body);
  const gone = await until('the undeploy', async () => {
    const now = await status('stress');
    return now.phase === 'undeployed' || now.phase === 'failed' ? now : undefined;
  });
  assert.is(gone.phase, 'undeployed', gone.body);
  const steps = gone.progress.map((l) => /^removed (Deployment|Prometheus file|node set)/.exec(l)?.[1]).filter((x) => x !== undefined);
  assert.equal([...new Set(steps)], ['Deployment', 'Prometheus file', 'node set'], gone.body);
  assert.ok(occopus.calls.some((c) => c.method === 'DELETE'), 'the Occopus infrastructure is deleted');
  assert.equal((await readdir(prometheus.rulesDir)).filter((f) => f.startsWith('stress')), []);
  assert.is(served.api.get('apps/v1', 'Deployment', 'stressng', 'default'), undefined);
  assert.not.match(served.output(), new RegExp(`${JOIN_TOKEN}|micado-pass`), 'no secret in the log');
  assert.not.match(JSON.stringify([deployed, updated, gone]), new RegExp(JOIN_TOKEN), 'no secret in status');
});

s('validate and launch with -d input=… and dryrun, and the v2.0 forms over the same back-ends', async () => {
  const local = join(scratch, 'stressng.yaml');
  await copyFile(STRESSNG_ADT, local);
  const valid = await curl(['--insecure', '-d', `input=${pathToFileURL(local).href}`, '-X', 'POST', `${base}${V1}/app/validate/`]);
  assert.is(valid.json['message'], 'The provided application template is valid', valid.body);
  const dry = await curl(['--insecure', '-d', `input=${pathToFileURL(local).href}`, '-d', 'id=dry', '-d', 'dryrun=True', '-X', 'POST', `${base}${V1}/app/launch/`]);
  assert.is(dry.status, 200, dry.body);
  await until('the dry run', async () => ((await status('dry')).phase === 'dry-run' ? true : undefined));
  assert.is(occopus.calls.filter((c) => c.method === 'POST' && c.path.includes('dry')).length, 0, 'a dry run builds nothing');

  const V2 = `${base}/toscasubmitter/v2.0/applications`;
  const controllers = setInterval(() => markReady(served.api), 50);
  try {
    const deployed = await curl(['--insecure', '-F', `adt=@${STRESSNG_ADT}`, '-X', 'POST', `${V2}/web/`]);
    assert.is(deployed.status, 200, deployed.body);
    assert.is(deployed.json['message'], 'Application web successfully deployed');
    assert.ok(occopus.calls.some((c) => c.method === 'POST' && c.path === '/infrastructures/'), 'built through Occopus');
    const info = await curl(['--insecure', `${V2}/web/`]);
    assert.equal(info.json['adaptors'], { adtc: 'deployed' });
    const deleted = await curl(['--insecure', '-X', 'DELETE', `${V2}/web/`]);
    assert.is(deleted.json['message'], 'Application web successfully deleted', deleted.body);
  } finally {
    clearInterval(controllers);
  }
});

s.run();
