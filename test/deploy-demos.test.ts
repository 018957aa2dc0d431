/**
 * MiCADO's demos (stressng, nginx, nginx-firewall, wordpress, cqueue; every cloud that validates) deployed as
 * an operator would: their compiled plans (the reviewed goldens) against the API-server double, Terraform node
 * sets through the stand-in `terraform` (which checks its working folder as the real CLI does), Occopus node
 * sets through the Occopus REST double with the stand-in `occopus-import`. The machines boot with the worker
 * join filled in and nothing else left in braces, the token is nowhere but in what the machines boot with, and
 * undeploy removes everything deploy created.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { chmod, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { existsSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileSystemHost } from '../compiler/src/host.js';
import { compile } from '../compiler/src/plan/compile.js';
import { deploy, undeploy } from '../runtime/src/deploy/deploy.js';
import type { RuntimeTargets } from '../runtime/src/deploy/deploy.js';
import { readRecord } from '../runtime/src/deploy/record.js';
import { readPlanDir } from '../runtime/src/loop/open-loop.js';
import type { NodeSetDriver } from '../runtime/src/nodesets/driver.js';
import { OccopusDriver } from '../runtime/src/nodesets/occopus.js';
import { TerraformDriver } from '../runtime/src/nodesets/terraform.js';
import { placeholdersIn } from '../runtime/src/nodesets/worker-join.js';
import type { NodeSet } from '../runtime/src/plan/plan-types.js';
import { OccopusServerDouble } from './doubles/occopus-server.js';
import { clusterDouble } from './harness/deploy-targets.js';
import { corpusRoot, fixturesRoot, repoRoot } from './harness/paths.js';

const FAKE_TERRAFORM = join(repoRoot, 'test/doubles/fake-terraform.mjs');
const FAKE_IMPORT = join(repoRoot, 'test/doubles/fake-occopus-import.mjs');
const JOIN = { address: '198.51.100.7', token: 'K10c0ffee::server:s3cr3t-join-token' };
const DEMOS = /^(stressng|nginx|nginx-firewall|wordpress|cqueue)-/;

const cases = readdirSync(join(fixturesRoot, 'compile')).filter((name) => DEMOS.test(name)).sort();
const d = suite('deploy: every demo of every cloud brings its node sets up and undeploy removes them');

async function filesUnder(dir: string): Promise<string[]> {
  if (!existsSync(dir)) return [];
  return (await readdir(dir, { recursive: true, withFileTypes: true })).filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}

interface Invocation {
  argv: string[];
  cwd: string;
}

d('the demos cover both back-ends and every cloud adtc provisions', () => {
  const clouds = new Set(cases.filter((c) => c.includes('_')).map((c) => c.replace(/^.*_/, '')));
  assert.equal([...clouds].sort(), ['azure', 'cloudbroker', 'cloudsigma', 'ec2', 'egi', 'gce', 'nova', 'oci']);
  assert.ok(cases.length >= 30, `${cases.length} demo plans`);
});

for (const name of cases) {
  d(name, async () => {
    const planDir = join(fixturesRoot, 'compile', name, 'expected');
    const read = await readPlanDir(planDir);
    if (!read.ok) throw new Error(read.errors.join('\n'));
    const plan = read.plan;
    assert.ok(plan.nodeSets.length > 0, 'every demo has a node set');
    // Compiled files hold only the placeholders deploy fills.
    for (const file of await filesUnder(join(planDir, 'nodes'))) {
      assert.equal(placeholdersIn(await readFile(file, 'utf8')).filter((p) => p !== 'master_ip' && p !== 'join_token'), [], relative(planDir, file));
    }
    const { api, cluster } = await clusterDouble();
    const stateDir = await mkdtemp(join(tmpdir(), 'adtc-demo-deploy-'));
    const definitions = join(stateDir, 'occopus-definitions.json');
    const occopus = await OccopusServerDouble.start({ definitions });
    const terraformLog = join(stateDir, 'terraform.log');
    process.env['FAKE_TERRAFORM_LOG'] = terraformLog;
    process.env['FAKE_OCCOPUS_DEFINITIONS'] = definitions;
    await chmod(FAKE_TERRAFORM, 0o755);
    await chmod(FAKE_IMPORT, 0o755);
    const drivers = new Map<string, NodeSetDriver>();
    const driverOf = (set: NodeSet): NodeSetDriver => {
      let driver = drivers.get(set.name);
      if (driver === undefined) {
        driver = set.backend === 'terraform'
          ? new TerraformDriver({ workingDir: join(stateDir, plan.app.id, 'terraform', set.name), binary: FAKE_TERRAFORM, style: 'keys' })
          : new OccopusDriver({ url: occopus.url, infraId: set.occopus!.infraName, importCommand: [FAKE_IMPORT], workDir: stateDir });
        drivers.set(set.name, driver);
      }
      return driver;
    };
    const lines: string[] = [];
    const targets: RuntimeTargets = { cluster, nodeSetDriver: driverOf, workerJoin: JOIN, stateDir, namespace: 'default', rolloutTimeoutMs: 10_000, progress: (l) => lines.push(l) };
    try {
      const result = await deploy(planDir, plan, read.sha256, targets);
      if (!result.ok) throw new Error(result.errors.join('\n'));
      for (const set of plan.nodeSets) {
        const driver = driverOf(set);
        assert.is((await driver.listNodes(set.name)).length, set.count.initial, `${set.name} runs its initial count`);
        if (set.backend === 'terraform') {
          const dir = join(stateDir, plan.app.id, 'terraform', set.name);
          const cloudInit = await readFile(join(dir, 'cloud-init.yaml'), 'utf8');
          assert.equal(placeholdersIn(cloudInit), [], 'the cloud-init keeps no placeholder');
          assert.ok(cloudInit.includes(JOIN.address) && cloudInit.includes(JOIN.token), 'the workers join the cluster');
        } else {
          const node = (JSON.parse(await readFile(definitions, 'utf8')) as Record<string, { contextualisation: { context_template: string } }[]>)[`node_def:${set.name}`];
          const context = node![0]!.contextualisation.context_template;
          assert.equal(placeholdersIn(context), [], 'the context template keeps no placeholder');
          assert.ok(context.includes(JOIN.address) && context.includes(JOIN.token), 'the workers join the cluster');
        }
      }
      const terraformSets = plan.nodeSets.filter((s) => s.backend === 'terraform');
      const calls = (await readFile(terraformLog, 'utf8').catch(() => '')).split('\n').filter((l) => l !== '').map((l) => JSON.parse(l) as Invocation);
      assert.is(calls.filter((c) => c.argv[0] === 'init').length, terraformSets.length, 'init once per node set');
      // The token is in what the machines boot with, and nowhere else.
      const leaks = [...(await filesUnder(stateDir)), ...(await filesUnder(planDir))].filter((f) => !f.endsWith('/cloud-init.yaml') && !f.endsWith('.tfstate') && f !== definitions);
      for (const file of leaks) assert.not.ok((await readFile(file, 'utf8')).includes(JOIN.token), `the join token leaked into ${file}`);
      assert.not.ok(lines.join('\n').includes(JOIN.token), 'the join token leaked into the progress lines');

      const report = await undeploy(plan.app.id, targets, plan);
      assert.equal(report.problems, []);
      for (const set of plan.nodeSets) assert.ok(report.removed.includes(`node set ${set.name}`), `${set.name} removed`);
      for (const set of terraformSets) assert.not.ok(existsSync(join(stateDir, plan.app.id, 'terraform', set.name)), 'the working directory goes with the machines');
      const destroyed = (await readFile(terraformLog, 'utf8').catch(() => '')).split('\n').filter((l) => l.includes('"destroy"')).length;
      assert.is(destroyed, terraformSets.length, 'terraform destroy per node set');
      if (plan.nodeSets.some((s) => s.backend === 'occopus')) assert.ok(occopus.calls.some((c) => c.method === 'DELETE'), 'the Occopus infrastructure is deleted');
      for (const kind of ['Deployment', 'DaemonSet', 'Service', 'Secret'] as const) assert.equal(api.all(kind === 'Deployment' || kind === 'DaemonSet' ? 'apps/v1' : 'v1', kind), [], `no ${kind} left`);
      for (const namespace of result.record.createdNamespaces) assert.is(api.get('v1', 'Namespace', namespace), undefined, `namespace ${namespace} removed`);
      assert.is(await readRecord(stateDir, plan.app.id), undefined);
    } finally {
      delete process.env['FAKE_TERRAFORM_LOG'];
      delete process.env['FAKE_OCCOPUS_DEFINITIONS'];
      await occopus.close();
      await api.close();
      await rm(stateDir, { recursive: true, force: true });
    }
  });
}

d('a credential in a Terraform node set stays out of the plan; deploy gives it to Terraform from the environment', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'adtc-credential-'));
  const adt = join(dir, 'nova.yaml');
  const nova = (await readFile(join(corpusRoot, 'micado-scale+ansible-micado/demos/nginx/nginx_nova.yaml'), 'utf8'))
    .replace('        Occopus:\n          create:\n            inputs:\n', '        Terraform:\n          create:\n            inputs:\n              password: hunter2-cloud-pass\n              user_name: demo\n');
  await writeFile(adt, nova);
  const { api, cluster } = await clusterDouble();
  try {
    const result = compile(adt, fileSystemHost, { appId: 'nova' });
    assert.ok(result.output, result.diagnostics.map((x) => x.message).join('\n'));
    assert.ok(result.diagnostics.some((x) => x.code === 'ADT8051' && x.message.includes('export TF_VAR_worker_node_password')));
    for (const [path, text] of result.output!.files) assert.not.ok(text.includes('hunter2-cloud-pass'), `the password reached ${path}`);
    const planDir = join(dir, 'plan');
    for (const [path, text] of result.output!.files) {
      await mkdir(dirname(join(planDir, path)), { recursive: true });
      await writeFile(join(planDir, path), text);
    }
    const config = JSON.parse(await readFile(join(planDir, 'nodes/worker-node/main.tf.json'), 'utf8')) as { variable: Record<string, { sensitive?: boolean }>; resource: Record<string, Record<string, unknown>> };
    assert.equal(config.variable['worker_node_password'], { type: 'string', sensitive: true });
    const read = await readPlanDir(planDir);
    if (!read.ok) throw new Error(read.errors.join('\n'));
    process.env['FAKE_TERRAFORM_LOG'] = join(dir, 'terraform.log');
    const targets: RuntimeTargets = {
      cluster,
      nodeSetDriver: (set) => new TerraformDriver({ workingDir: join(dir, 'state', set.name), binary: FAKE_TERRAFORM, style: 'keys' }),
      workerJoin: JOIN,
      stateDir: join(dir, 'state'),
      namespace: 'default',
      rolloutTimeoutMs: 10_000,
      progress: () => undefined,
    };
    const refused = await deploy(planDir, read.plan, read.sha256, targets);
    assert.is(refused.ok, false);
    if (!refused.ok) assert.match(refused.errors.join('\n'), /node set worker-node needs the secret Terraform variable worker_node_password: export TF_VAR_worker_node_password/);
    process.env['TF_VAR_worker_node_password'] = 'hunter2-cloud-pass';
    const deployed = await deploy(planDir, read.plan, read.sha256, targets);
    assert.ok(deployed.ok, deployed.ok ? '' : deployed.errors.join('\n'));
    assert.not.ok((await readFile(join(dir, 'terraform.log'), 'utf8')).includes('hunter2-cloud-pass'));
  } finally {
    delete process.env['TF_VAR_worker_node_password'];
    delete process.env['FAKE_TERRAFORM_LOG'];
    await api.close();
    await rm(dir, { recursive: true, force: true });
  }
});

d.run();
