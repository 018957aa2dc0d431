import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NodeSetError } from '../runtime/src/nodesets/driver.js';
import { OccopusDriver } from '../runtime/src/nodesets/occopus.js';
import { TerraformDriver } from '../runtime/src/nodesets/terraform.js';
import type { TerraformOptions } from '../runtime/src/nodesets/terraform.js';
import { OccopusServerDouble } from './doubles/occopus-server.js';
import { repoRoot } from './harness/paths.js';

const FAKE_TERRAFORM = join(repoRoot, 'test/doubles/fake-terraform.mjs');

interface Invocation {
  argv: string[];
  cwd: string;
  vars: Record<string, unknown>;
  tfvars?: Record<string, unknown>;
  started: number;
  ended: number;
  exitCode: number;
}

/** A working directory with a Terraform JSON file, and the stand-in CLI logging into it. */
async function workspace(options: Partial<TerraformOptions> = {}): Promise<{ dir: string; driver: TerraformDriver; log: () => Promise<Invocation[]>; done: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'adtc-terraform-'));
  await writeFile(join(dir, 'main.tf.json'), JSON.stringify({ variable: { worker_count: { type: 'number', default: 1 }, db_count: { type: 'number', default: 0 }, edge_count: { type: 'number', default: 0 } } }));
  await chmod(FAKE_TERRAFORM, 0o755);
  const logPath = join(dir, 'fake-terraform.log');
  process.env['FAKE_TERRAFORM_LOG'] = logPath;
  const driver = new TerraformDriver({ workingDir: dir, binary: FAKE_TERRAFORM, ...options });
  return {
    dir,
    driver,
    log: async () =>
      (await readFile(logPath, 'utf8').catch(() => ''))
        .split('\n')
        .filter((line) => line !== '')
        .map((line) => JSON.parse(line) as Invocation),
    done: async () => {
      delete process.env['FAKE_TERRAFORM_LOG'];
      delete process.env['FAKE_TERRAFORM_DELAY_MS'];
      delete process.env['FAKE_TERRAFORM_FAIL'];
      await rm(dir, { recursive: true, force: true });
    },
  };
}

test('terraform: scale writes the count variable to a tfvars file, inits once, applies with -var-file', async () => {
  const { dir, driver, log, done } = await workspace();
  try {
    await driver.scale('worker', 3);
    await driver.scale('db', 1);
    const calls = await log();
    assert.equal(calls.map((c) => c.argv[0]), ['init', 'apply', 'apply']);
    for (const call of calls) assert.is(call.cwd, dir);
    assert.equal(calls[1]!.argv, ['apply', '-auto-approve', '-input=false', '-no-color', `-var-file=${join(dir, 'adtc.tfvars.json')}`]);
    assert.equal(calls[1]!.tfvars, { worker_count: 3 });
    assert.equal(calls[2]!.tfvars, { worker_count: 3, db_count: 1 }, 'other sets keep their counts');
    assert.is(await driver.count('worker'), 3);
    assert.is(await driver.count('unknown'), 0);
    assert.equal(await driver.listNodes('worker'), [
      { id: 'worker-1', addr: '10.1.0.1' },
      { id: 'worker-2', addr: '10.1.0.2' },
      { id: 'worker-3', addr: '10.1.0.3' },
    ]);
    assert.equal((await log()).at(-1)!.argv, ['output', '-json', '-no-color']);
    await driver.scale('worker', 3);
    assert.is((await log()).filter((c) => c.argv[0] === 'apply').length, 2, 'an unchanged count is not re-applied');
  } finally {
    await done();
  }
});

test('terraform: -var style passes every count on the command line; tofu is just another binary path', async () => {
  const { driver, log, done } = await workspace({ passVariables: 'var' });
  try {
    await driver.scale('worker', 2);
    await driver.scale('edge', 0);
    const apply = (await log()).at(-1)!;
    assert.equal(apply.argv.slice(4), ['-var', 'worker_count=2', '-var', 'edge_count=0']);
    assert.equal(apply.vars, { worker_count: 2, edge_count: 0 });
    assert.is(apply.tfvars, undefined);
  } finally {
    await done();
  }
});

test('terraform: concurrent scale calls on one working directory run one apply at a time, last one wins', async () => {
  const { dir, driver, log, done } = await workspace();
  try {
    process.env['FAKE_TERRAFORM_DELAY_MS'] = '150';
    // A second driver on the same directory (e.g. two node sets) shares the queue.
    const other = new TerraformDriver({ workingDir: dir, binary: FAKE_TERRAFORM });
    await Promise.all([driver.scale('worker', 2), other.scale('worker', 4), driver.scale('db', 1), other.scale('worker', 5)]);
    const applies = (await log()).filter((c) => c.argv[0] === 'apply');
    assert.ok(applies.every((c) => c.exitCode === 0), 'no apply hit the state lock');
    for (let i = 1; i < applies.length; i++) assert.ok(applies[i]!.started >= applies[i - 1]!.ended, 'applies do not overlap');
    assert.equal(applies.at(-1)!.tfvars, { worker_count: 5, db_count: 1 });
    assert.is((await driver.listNodes('worker')).length, 5);
  } finally {
    await done();
  }
});

test('terraform: a failing CLI run is a NodeSetError with its stderr, and the next call still runs', async () => {
  const { driver, done } = await workspace();
  try {
    process.env['FAKE_TERRAFORM_FAIL'] = 'apply';
    const error = await driver.scale('worker', 2).catch((e: unknown) => e);
    assert.instance(error, NodeSetError);
    assert.match((error as Error).message, /apply in .* failed .*\nError: apply failed as the test asked/);
    delete process.env['FAKE_TERRAFORM_FAIL'];
    await driver.scale('worker', 2);
    assert.is((await driver.listNodes('worker')).length, 2, 'a failed apply is retried, not skipped as unchanged');
    assert.instance(await driver.scale('worker', -1).catch((e: unknown) => e), NodeSetError);
  } finally {
    await done();
  }
});

test('terraform: keys style appends keys, drops chosen nodes by id or address; count style refuses to drop', async () => {
  const { driver, log, done } = await workspace({ style: 'keys' });
  try {
    await driver.scale('worker', 3);
    assert.equal((await log()).at(-1)!.tfvars, { worker: ['1', '2', '3'] });
    await driver.drop('worker', ['2', '10.1.0.3']);
    assert.equal((await log()).filter((c) => c.argv[0] === 'apply').at(-1)!.tfvars, { worker: ['1'] });
    await driver.scale('worker', 3);
    assert.equal((await log()).at(-1)!.tfvars, { worker: ['1', '2', '3'] });
    assert.equal((await driver.listNodes('worker')).map((n) => n.id), ['1', '2', '3']);
    await driver.scale('worker', 1);
    assert.is(await driver.count('worker'), 1);
  } finally {
    await done();
  }
  const counted = await workspace();
  try {
    const error = await counted.driver.drop('worker', ['worker-1']).catch((e: unknown) => e);
    assert.instance(error, NodeSetError);
    assert.match((error as Error).message, 'count variable');
  } finally {
    await counted.done();
  }
});

test('occopus: count, list, scale to N and drop by id or address through the REST API', async () => {
  const occopus = await OccopusServerDouble.start();
  try {
    occopus.build('micado_worker_infra', [{ name: 'worker', min: 1, max: 4 }, { name: 'db', min: 1, max: 1 }]);
    const driver = new OccopusDriver({ url: `${occopus.url}/`, infraId: 'micado_worker_infra' });
    assert.is(await driver.count('worker'), 1);
    await driver.scale('worker', 3);
    assert.is(await driver.count('worker'), 3);
    const nodes = await driver.listNodes('worker');
    assert.is(nodes.length, 3);
    assert.match(nodes[0]!.addr, /^10\.20\.0\.\d+$/);
    await driver.drop('worker', [nodes[0]!.id, nodes[2]!.addr]);
    assert.equal(await driver.listNodes('worker'), [nodes[1]!]);
    assert.equal(occopus.calls.filter((c) => c.method === 'POST').map((c) => c.path), [
      '/infrastructures/micado_worker_infra/scaleto/worker/3',
      `/infrastructures/micado_worker_infra/scaledown/worker/${nodes[0]!.id}`,
      `/infrastructures/micado_worker_infra/scaledown/worker/${nodes[2]!.id}`,
    ]);
  } finally {
    await occopus.close();
  }
});

test('occopus: unknown nodes, infrastructures and instances are NodeSetErrors; so is an unreachable service', async () => {
  const occopus = await OccopusServerDouble.start();
  const url = occopus.url;
  try {
    await fetch(`${url}/infrastructures/`, {
      method: 'POST',
      body: 'infra_name: built\nnodes:\n  - name: worker\n    type: worker\n    scaling: {min: 2, max: 3}\n',
    });
    const driver = new OccopusDriver({ url, infraId: 'built' });
    assert.is(await driver.count('worker'), 2, 'an infrastructure built from a descriptor starts at min');
    assert.match(String(await driver.count('nope').catch((e: Error) => e.message)), 'has no node nope');
    assert.match(String(await driver.drop('worker', ['ghost']).catch((e: Error) => e.message)), 'no instance ghost');
    const missing = new OccopusDriver({ url, infraId: 'missing' });
    assert.match(String(await missing.scale('worker', 2).catch((e: Error) => e.message)), 'HTTP 404');
  } finally {
    await occopus.close();
  }
  const error = await new OccopusDriver({ url, infraId: 'built', timeoutMs: 2_000 }).count('worker').catch((e: unknown) => e);
  assert.instance(error, NodeSetError);
});

test.run();
