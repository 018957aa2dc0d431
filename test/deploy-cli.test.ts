/**
 * `adtc deploy | undeploy | simulate` as an operator types them, against the API-server double reached over
 * plain http (as through `kubectl proxy`) and the Occopus double: a plan with node sets and no driver for them
 * is refused, the join token is read from a Secret and printed nowhere, undeploy says what it removed, and
 * every command that reads an ADT takes --input.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { stringify } from 'yaml';
import { adtcInProcess as adtc } from './harness/adtc-process.js';
import { OccopusServerDouble } from './doubles/occopus-server.js';
import { clusterDouble, markReady } from './harness/deploy-targets.js';
import { corpusRoot, fixturesRoot, repoRoot } from './harness/paths.js';

const STRESSNG_PLAN = join(fixturesRoot, 'compile/stressng-stressng_ec2/expected');
const stressng = join(corpusRoot, 'micado-scale+ansible-micado/demos/stressng/stressng_ec2.yaml');
const FAKE_IMPORT = join(repoRoot, 'test/doubles/fake-occopus-import.mjs');
const TOKEN = 'K10feedbeef::server:cli-join-token';
const d = suite('adtc deploy, undeploy and simulate on the command line');

/** The double, a kubeconfig reaching it over plain http without turning TLS checks off, and controllers that make workloads ready. */
async function cluster() {
  const { api } = await clusterDouble();
  const dir = await mkdtemp(join(tmpdir(), 'adtc-deploy-cli-'));
  const kubeconfig = join(dir, 'kubeconfig');
  const plain = (JSON.parse(JSON.stringify((await import('yaml')).parse(api.kubeconfig()))) as { clusters: { cluster: Record<string, unknown> }[] });
  for (const c of plain.clusters) delete c.cluster['insecure-skip-tls-verify'];
  await writeFile(kubeconfig, stringify(plain), { mode: 0o600 });
  const controllers = setInterval(() => markReady(api), 50);
  return {
    api,
    dir,
    kubeconfig,
    done: async () => {
      clearInterval(controllers);
      await api.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

d('a plan with node sets and no driver for them is refused before anything changes; --no-node-sets deploys the rest', async () => {
  const { api, dir, kubeconfig, done } = await cluster();
  try {
    const common = [STRESSNG_PLAN, '--kubeconfig', kubeconfig, '--state-dir', dir];
    const refused = await adtc(['deploy', ...common]);
    assert.is(refused.code, 1);
    assert.match(refused.err, /node set worker-node \(occopus\) has no driver: pass --occopus-url <url>, or --no-node-sets to deploy without provisioning VMs/);
    assert.not.match(refused.out, /deployed/);
    assert.equal(api.all('apps/v1', 'Deployment'), []);
    const deployed = await adtc(['deploy', ...common, '--no-node-sets']);
    assert.is(deployed.code, 0, deployed.err);
    assert.match(deployed.out, /node set worker-node: not provisioned \(--no-node-sets\)/);
    assert.ok(api.get('apps/v1', 'Deployment', 'stressng', 'default'));
    const removed = await adtc(['undeploy', 'stressng-ec2', '--kubeconfig', kubeconfig, '--state-dir', dir]);
    assert.is(removed.code, 0, removed.err);
    assert.match(removed.out, /removed Deployment default\/stressng/);
    assert.match(removed.out, /removed Namespace micado-worker/);
  } finally {
    await done();
  }
});

d('deploy reads the join token from a Secret, builds the Occopus infrastructure, and prints the token nowhere', async () => {
  const { api, dir, kubeconfig, done } = await cluster();
  const definitions = join(dir, 'definitions.json');
  const occopus = await OccopusServerDouble.start({ definitions });
  process.env['FAKE_OCCOPUS_DEFINITIONS'] = definitions;
  await chmod(FAKE_IMPORT, 0o755);
  api.put({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'k3s-join', namespace: 'kube-system' }, data: { token: Buffer.from(`${TOKEN}\n`).toString('base64') } });
  try {
    const connection = ['--kubeconfig', kubeconfig, '--state-dir', dir, '--occopus-url', occopus.url, '--occopus-import', FAKE_IMPORT];
    const noJoin = await adtc(['deploy', STRESSNG_PLAN, ...connection]);
    assert.is(noJoin.code, 1);
    assert.match(noJoin.err, /joins its machines to the cluster with k3s: pass the server address and the join token/);
    const r = await adtc(['deploy', STRESSNG_PLAN, ...connection, '--join-address', '203.0.113.5', '--join-token-secret', 'kube-system/k3s-join']);
    assert.is(r.code, 0, r.err);
    assert.match(r.out, /node set worker-node: provisioning 1 machines \(occopus, ec2\)/);
    const imported = await readFile(definitions, 'utf8');
    assert.ok(imported.includes(TOKEN) && imported.includes('203.0.113.5'), 'the workers join with the token from the Secret');
    assert.not.ok(`${r.out}${r.err}`.includes(TOKEN));
    const removed = await adtc(['undeploy', 'stressng-ec2', ...connection]);
    assert.is(removed.code, 0, removed.err);
    assert.match(removed.out, /removed node set worker-node/);
    assert.ok(occopus.calls.some((c) => c.method === 'DELETE' && c.path === '/infrastructures/stressng-ec2_worker_infra'));
  } finally {
    delete process.env['FAKE_OCCOPUS_DEFINITIONS'];
    await occopus.close();
    await done();
  }
});

d('deploy and update compile into a folder each: a refused update leaves the deployed plan as it was, a done one removes the old plan, undeploy removes them all', async () => {
  const { dir, kubeconfig, done } = await cluster();
  const adt = join(dir, 'web.yaml');
  const source = await readFile(stressng, 'utf8');
  const record = async () => JSON.parse(await readFile(join(dir, 'web', 'deployment.json'), 'utf8')) as { planDir: string; planSha256: string };
  const planOf = async (folder: string) => await readFile(join(folder, 'plan.json'), 'utf8');
  try {
    const common = ['--kubeconfig', kubeconfig, '--state-dir', dir];
    await writeFile(adt, source);
    const deployed = await adtc(['deploy', adt, ...common, '--no-node-sets']);
    assert.is(deployed.code, 0, deployed.err);
    const first = await record();
    const firstPlan = await planOf(first.planDir);
    await writeFile(adt, source.replace(/max_instances: 3/g, 'max_instances: 5'));
    // Compiles, then is refused before anything changes: the node set it adds has no driver.
    const refused = await adtc(['update', adt, ...common]);
    assert.is(refused.code, 1);
    assert.match(refused.err, /node set worker-node \(occopus\) has no driver/);
    assert.equal(await record(), first);
    assert.is(await planOf(first.planDir), firstPlan, 'the deployed plan is not overwritten by the refused one');
    assert.is(createHash('sha256').update(firstPlan).digest('hex'), first.planSha256);
    const updated = await adtc(['update', adt, ...common, '--no-node-sets']);
    assert.is(updated.code, 0, updated.err);
    const second = await record();
    assert.is.not(second.planDir, first.planDir);
    assert.match(await planOf(second.planDir), /"max": 5/);
    assert.equal(await readdir(join(dir, 'plans', 'web')), [basename(second.planDir)], 'only the deployed plan is kept');
    const removed = await adtc(['undeploy', 'web', ...common]);
    assert.is(removed.code, 0, removed.err);
    assert.not.ok(existsSync(join(dir, 'plans', 'web')));
  } finally {
    await done();
  }
});

d('simulate and deploy take --input for an ADT whose input has no default', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'adtc-deploy-cli-'));
  const adt = join(dir, 'sized.yaml');
  await writeFile(adt, (await readFile(stressng, 'utf8')).replace('topology_template:\n', 'topology_template:\n  inputs:\n    maxw: {type: integer}\n').replace(/max_instances: 3/g, 'max_instances: { get_input: maxw }'));
  try {
    const missing = await adtc(['simulate', adt, '--load', 'ramp', '--duration', '60', '--state-dir', dir, '-o', join(dir, 'a.svg')]);
    assert.is(missing.code, 1);
    assert.match(missing.err, /Pass it with --input maxw=VALUE/);
    const given = await adtc(['simulate', adt, '--load', 'ramp', '--duration', '60', '--state-dir', dir, '-o', join(dir, 'b.svg'), '--input', 'maxw=4']);
    assert.is(given.code, 0, given.err);
    const plan = JSON.parse(await readFile(join(dir, 'main', 'plans', 'sized.plan', 'plan.json'), 'utf8')) as { policies: { bounds: { max: number } }[] };
    assert.equal(plan.policies.map((p) => p.bounds.max), [4, 4]);
    const bad = await adtc(['deploy', adt, '--input', 'maxw', '--state-dir', dir]);
    assert.is(bad.code, 1);
    assert.match(bad.err, /--input needs NAME=VALUE, not 'maxw'/);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

d.run();
