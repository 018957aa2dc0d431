import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openLoop } from '../runtime/src/loop/open-loop.js';
import { RuleRunner } from '../runtime/src/loop/rule-runner.js';
import { EnvironmentDouble, NodeSetDriverDouble, planDir } from './doubles/loop-environment.js';

const faults = suite('loop faults');
let runner: RuleRunner;

faults.before(() => {
  runner = new RuleRunner({ timeoutMs: 1_500 });
});
faults.after(async () => {
  await runner.close();
});

faults('a rule that never ends is stopped by the watchdog; the other policies run, then and in later cycles', async () => {
  const { dir } = await planDir('spin', [
    { name: 'spin', kind: 'container', rule: 'loop-forever.js' },
    { name: 'web', kind: 'container', rule: 'threshold.js', queries: { LOAD: 'q' } },
  ]);
  const env = new EnvironmentDouble();
  env.metrics.values.set('q', 50);
  const opened = await openLoop({ planDir: dir, stateDir: await mkdtemp(join(tmpdir(), 'adtc-state-')), env, runner });
  assert.ok(opened.ok);
  if (!opened.ok) return;
  const first = await opened.loop.cycle();
  assert.match(first.outcomes[0]!.summary, /^error: rule timed out: timed out after 1\.5 s/);
  assert.is(first.outcomes[1]!.summary, 'scale Deployment/web 1 → 2');
  const second = await opened.loop.cycle();
  assert.is(second.outcomes[1]!.summary, 'scale Deployment/web 2 → 3');
  assert.ok(runner.replaced >= 2, 'a fresh worker after each timeout');
});

faults('a module that never finishes loading is stopped by the watchdog; the process start is not counted', async () => {
  const { dir, plan } = await planDir('hang', [{ name: 'hang', kind: 'container', rule: 'hang-on-load.js' }]);
  const rule = plan.policies[0]!.rule as { module: string; sha256: string };
  const starting = new RuleRunner({ timeoutMs: 1_500 });
  try {
    const run = await starting.run({ name: rule.module, source: await readFile(join(dir, rule.module)), sha256: rule.sha256 }, {});
    assert.equal(run.ok ? 'ran' : run.reason, 'timeout');
    assert.is(starting.replaced, 1);
  } finally {
    await starting.close();
  }
});

faults('a rule that allocates without bound hits the memory limit and is reported; the next rule runs', async () => {
  const { dir } = await planDir('hoard', [
    { name: 'hoard', kind: 'container', rule: 'allocate.js' },
    { name: 'web', kind: 'container', rule: 'threshold.js', queries: { LOAD: 'q' } },
  ]);
  const env = new EnvironmentDouble();
  env.metrics.values.set('q', 50);
  const big = new RuleRunner({ timeoutMs: 60_000, resourceLimits: { maxOldGenerationSizeMb: 32, maxYoungGenerationSizeMb: 8 } });
  try {
    const opened = await openLoop({ planDir: dir, stateDir: await mkdtemp(join(tmpdir(), 'adtc-state-')), env, runner: big });
    if (!opened.ok) throw new Error(opened.errors.join());
    const report = await opened.loop.cycle();
    assert.match(report.outcomes[0]!.summary, /^error: rule ran out of memory: the rule exhausted its memory limit \(32 MB\)/);
    assert.is(report.outcomes[1]!.summary, 'scale Deployment/web 1 → 2');
  } finally {
    await big.close();
  }
});

faults('killed while applying a node decision: the restart finishes it once, and nothing is scaled twice', async () => {
  const { dir } = await planDir('crash', [{ name: 'workers', kind: 'vm', rule: 'node-threshold.js', min: 1, max: 5, queries: { LOAD: 'q' } }]);
  const stateDir = await mkdtemp(join(tmpdir(), 'adtc-state-'));
  const env = new EnvironmentDouble();
  const driver = env.driver('workers', 1);
  env.metrics.values.set('q', 50);
  const { opened: first, cycle, kill } = await openKillable({ planDir: dir, stateDir, env, runner });
  if (!first.ok) throw new Error(first.errors.join());
  driver.hang = true;
  // The cycle stops inside driver.scale, as a killed process would: it never returns and writes nothing more.
  void cycle();
  await waitFor(() => driver.calls.length === 1);
  const saved = JSON.parse(await readFile(first.store.file, 'utf8')) as { pending: unknown[]; nodeSets: Record<string, { target: number }> };
  assert.equal(saved.pending, [{ kind: 'scale-nodes', policy: 'workers', set: 'workers', count: 2 }]);
  assert.is(saved.nodeSets['workers']!.target, 2);

  // The restart: a new process sees the machine count the cloud really has (still 1).
  const env2 = new EnvironmentDouble();
  const driver2 = new NodeSetDriverDouble(1);
  env2.drivers.set('workers', driver2);
  env2.metrics.values.set('q', 7);
  env2.clock = env.clock + 15_000;
  const second = await openLoop({ planDir: dir, stateDir, env: env2, runner });
  if (!second.ok) throw new Error(second.errors.join());
  assert.equal(driver2.calls, ['scale workers 2'], 'the pending decision is finished on start');
  assert.equal(second.loop.current.pending, []);
  const report = await second.loop.cycle();
  assert.is(report.outcomes[0]!.before, 2, 'the rule sees the decided count, not the pre-crash one');
  assert.equal(driver2.calls, ['scale workers 2'], 'a steady metric after the restart scales nothing');

  // A second restart with nothing pending calls no driver at all.
  const driver3 = new NodeSetDriverDouble(2);
  env2.drivers.set('workers', driver3);
  const third = await openLoop({ planDir: dir, stateDir, env: env2, runner });
  assert.ok(third.ok);
  assert.equal(driver3.calls, []);
  kill();
});

faults('killed while scaling a workload: the restart reads the replicas and scales only if they differ', async () => {
  const { dir } = await planDir('crash-web', [{ name: 'web', kind: 'container', rule: 'threshold.js', queries: { LOAD: 'q' } }]);
  const stateDir = await mkdtemp(join(tmpdir(), 'adtc-state-'));
  const env = new EnvironmentDouble();
  env.metrics.values.set('q', 50);
  env.hangWorkloads = true;
  const { opened: first, cycle, kill } = await openKillable({ planDir: dir, stateDir, env, runner });
  if (!first.ok) throw new Error(first.errors.join());
  void cycle();
  await waitFor(() => env.scaleCalls.length === 1);
  // This time the API server did take the change before the process died.
  const env2 = new EnvironmentDouble();
  env2.replicas.set('web', 2);
  const second = await openLoop({ planDir: dir, stateDir, env: env2, runner });
  if (!second.ok) throw new Error(second.errors.join());
  assert.equal(env2.scaleCalls, []);
  assert.is(second.loop.current.workloads['web']!.count, 2);
  kill();
});

faults('an unreadable state file stops the loop from starting rather than starting afresh', async () => {
  const { dir } = await planDir('broken', [{ name: 'web', kind: 'container', rule: 'threshold.js' }]);
  const stateDir = await mkdtemp(join(tmpdir(), 'adtc-state-'));
  const { mkdir, writeFile } = await import('node:fs/promises');
  await mkdir(join(stateDir, 'broken'), { recursive: true });
  await writeFile(join(stateDir, 'broken', 'loop-state.json'), '{"version": 1, "app');
  const opened = await openLoop({ planDir: dir, stateDir, env: new EnvironmentDouble(), runner });
  assert.is(opened.ok, false);
  if (!opened.ok) assert.match(opened.errors[0]!, /is not JSON/);
});

/**
 * A loop whose process "dies" at kill(): it saves nothing more and its waiting calls are dropped, as if the
 * process were gone (the calls it left behind would otherwise run out their time limits in the background).
 */
async function openKillable(options: Parameters<typeof openLoop>[0]) {
  let killed = false;
  const stop = new AbortController();
  const opened = await openLoop({ ...options, saveGuard: async () => (killed ? 'the process was killed' : undefined) });
  return {
    opened,
    cycle: () => (opened.ok ? opened.loop.cycle(stop.signal) : Promise.reject(new Error('not opened'))),
    kill: () => {
      killed = true;
      stop.abort();
    },
  };
}

async function waitFor(condition: () => boolean, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

faults.run();
