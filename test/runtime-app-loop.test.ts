/**
 * An app's loop over its life, with the loop doubles: one loop per app, undeploy and update while it runs,
 * a new deployment that must not inherit an old state, many apps in one controller with a failure isolated
 * to its app, and the health and metrics endpoint as operators and Prometheus read it.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync } from 'node:fs';
import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { AppLoop } from '../runtime/src/controller/app-loop.js';
import type { AppLoopEnd } from '../runtime/src/controller/app-loop.js';
import { Controller } from '../runtime/src/controller/controller.js';
import { HttpEndpoint } from '../runtime/src/controller/http-endpoint.js';
import { appLease, HeldLease } from '../runtime/src/controller/lease.js';
import { LoopLock } from '../runtime/src/controller/loop-lock.js';
import { KubeConfig } from '@kubernetes/client-node';
import { ClientCluster } from '../runtime/src/kubernetes/client-cluster.js';
import { KubeApiServerDouble } from './doubles/kube-apiserver.js';
import { MetricsRegistry } from '../runtime/src/controller/metrics.js';
import { writeRecord } from '../runtime/src/deploy/record.js';
import { appStatus } from '../runtime/src/deploy/status.js';
import { DecisionLog } from '../runtime/src/loop/decision-log.js';
import type { CycleReport } from '../runtime/src/loop/scaling-loop.js';
import { EnvironmentDouble, planDir } from './doubles/loop-environment.js';
import type { PolicySpec } from './doubles/loop-environment.js';
import { RuleRunner } from '../runtime/src/loop/rule-runner.js';

const life = suite('app loop lifecycle');
let runner: RuleRunner;
life.before(() => {
  runner = new RuleRunner({ timeoutMs: 5_000 });
});
life.after(async () => {
  await runner.close();
});

const WEB: PolicySpec[] = [{ name: 'web', kind: 'container', rule: 'threshold.js', min: 1, max: 5, queries: { LOAD: 'q' } }];

async function deployed(appId: string, stateDir: string, specs = WEB, deployedAt = new Date().toISOString()) {
  const { dir } = await planDir(appId, specs);
  const sha = createHash('sha256').update(await readFile(join(dir, 'plan.json'))).digest('hex');
  await writeRecord(stateDir, { appId, planDir: dir, planSha256: sha, namespace: 'default', objects: [], createdNamespaces: [], prometheusFiles: [], nodeSets: [], deployedAt });
  return { dir, sha, deployedAt };
}

async function waitFor(condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

function appLoop(target: string, stateDir: string, env: EnvironmentDouble, reports: CycleReport[] = [], registry?: MetricsRegistry) {
  return new AppLoop({ target, stateDir, envFor: () => env, runner, periodMs: 50, onCycle: (r) => reports.push(r), ...(registry ? { registry } : {}) });
}

life('a second loop on the same app refuses with who holds it, and starts once the first is gone', async () => {
  const stateDir = await mkdtemp(join(tmpdir(), 'adtc-life-'));
  await deployed('twice', stateDir);
  const env = new EnvironmentDouble();
  env.metrics.values.set('q', 7);
  const stop = new AbortController();
  const reports: CycleReport[] = [];
  const first = appLoop('twice', stateDir, env, reports).run(stop.signal);
  await waitFor(() => reports.length > 0, 'the first loop to cycle');
  const second = await appLoop('twice', stateDir, env).run(new AbortController().signal);
  assert.is(second.ok, false);
  if (!second.ok) assert.match(second.errors[0]!, new RegExp(`a scaling loop for twice already runs \\(pid ${process.pid} on .*\\); stop it first`));
  stop.abort();
  assert.equal(await first, { ok: true, reason: 'stopped', cycles: reports.length });
  assert.not.ok(existsSync(join(stateDir, 'twice', 'loop.lock')), 'the lock is released');
  const third = await appLoop('twice', stateDir, env).run(AbortSignal.timeout(200));
  assert.is(third.ok, true);
});

life('a lock left by a process that died is taken over', async () => {
  const stateDir = await mkdtemp(join(tmpdir(), 'adtc-life-'));
  const { mkdir } = await import('node:fs/promises');
  await mkdir(join(stateDir, 'dead'), { recursive: true });
  // A pid beyond the kernel's limit belongs to no process.
  await writeFile(join(stateDir, 'dead', 'loop.lock'), JSON.stringify({ pid: 4_194_305, host: (await import('node:os')).hostname(), since: '2026-01-01T00:00:00Z' }));
  const lock = await LoopLock.acquire(stateDir, 'dead');
  assert.ok(lock.ok);
  if (lock.ok) await lock.lock.release();
});

life('undeploy while the loop runs: the loop stops at once and never writes the state again', async () => {
  const stateDir = await mkdtemp(join(tmpdir(), 'adtc-life-'));
  await deployed('gone', stateDir);
  const env = new EnvironmentDouble();
  env.metrics.values.set('q', 50);
  const reports: CycleReport[] = [];
  const running = appLoop('gone', stateDir, env, reports).run(new AbortController().signal);
  await waitFor(() => reports.length >= 2, 'two cycles');
  // What adtc undeploy removes: the record and the loop state.
  await rm(join(stateDir, 'gone', 'deployment.json'));
  await rm(join(stateDir, 'gone', 'loop-state.json'));
  const end: AppLoopEnd = await running;
  assert.equal(end.ok && end.reason, 'undeployed');
  assert.not.ok(existsSync(join(stateDir, 'gone', 'loop-state.json')), 'no state written after undeploy');
  const scaled = env.scaleCalls.length;
  await new Promise((resolve) => setTimeout(resolve, 200));
  assert.is(env.scaleCalls.length, scaled, 'no scaling after it stopped');
  const log = await readFile(join(stateDir, 'gone', 'decisions.jsonl'), 'utf8');
  const records = log.split('\n').filter((l) => l !== '').map((l) => JSON.parse(l) as { event?: string; message?: string });
  assert.ok(records.some((r) => r.event === 'app-gone' && r.message === 'app gone was undeployed; the loop stops and writes no more state'), 'the log says why the loop stopped');
});

life('a new deployment of an app does not inherit the state of the old one', async () => {
  const stateDir = await mkdtemp(join(tmpdir(), 'adtc-life-'));
  await deployed('again', stateDir, WEB, '2026-01-01T00:00:00.000Z');
  const env = new EnvironmentDouble();
  env.metrics.values.set('q', 50);
  await appLoop('again', stateDir, env).run(AbortSignal.timeout(300));
  // The old state stays behind (say undeploy failed half-way); the app is deployed anew.
  await deployed('again', stateDir, WEB, '2026-02-01T00:00:00.000Z');
  const fresh = new EnvironmentDouble();
  fresh.metrics.values.set('q', 7);
  const reports: CycleReport[] = [];
  await new AppLoop({ target: 'again', stateDir, envFor: () => fresh, runner, periodMs: 50, once: true, onCycle: (r) => reports.push(r) }).run();
  const state = JSON.parse(await readFile(join(stateDir, 'again', 'loop-state.json'), 'utf8')) as { cycle: number; deployedAt: string };
  assert.is(state.cycle, 1, 'counted from the new deployment');
  assert.is(state.deployedAt, '2026-02-01T00:00:00.000Z');
  assert.match(await readFile(join(stateDir, 'again', 'decisions.jsonl'), 'utf8'), /"event":"state-discarded"/);
});

life('adtc update while the loop runs: the next cycle runs the new plan, keeping the counts', async () => {
  const stateDir = await mkdtemp(join(tmpdir(), 'adtc-life-'));
  const { dir, deployedAt } = await deployed('live', stateDir);
  const env = new EnvironmentDouble();
  env.metrics.values.set('q', 50);
  const reports: CycleReport[] = [];
  const stop = new AbortController();
  const running = appLoop('live', stateDir, env, reports).run(stop.signal);
  await waitFor(() => (env.replicas.get('web') ?? 1) >= 2, 'a scale-up');
  // The update: the rule now never changes the count (the old one kept raising it).
  await copyFile(join(dir, 'plan.json'), join(dir, 'plan.json.old'));
  const plan = JSON.parse(await readFile(join(dir, 'plan.json'), 'utf8')) as { policies: { max: number; bounds: { min: number; max: number } }[] };
  plan.policies[0]!.bounds = { min: 1, max: 2 };
  await writeFile(join(dir, 'plan.json'), JSON.stringify(plan));
  const sha = createHash('sha256').update(await readFile(join(dir, 'plan.json'))).digest('hex');
  await writeRecord(stateDir, { appId: 'live', planDir: dir, planSha256: sha, namespace: 'default', objects: [], createdNamespaces: [], prometheusFiles: [], nodeSets: [], deployedAt });
  await waitFor(async () => (await readFile(join(stateDir, 'live', 'decisions.jsonl'), 'utf8')).includes('"event":"plan-changed"'), 'the plan change');
  const after = reports.length;
  await waitFor(() => reports.length >= after + 2, 'two cycles on the new plan');
  stop.abort();
  await running;
  assert.is(env.replicas.get('web'), 2, 'the new max_instances holds');
});

life('many apps in one controller: each scales, one whose rules fail does not stop the others; /readyz, /metrics, /apps', async () => {
  const stateDir = await mkdtemp(join(tmpdir(), 'adtc-life-'));
  await deployed('alpha', stateDir);
  await deployed('beta', stateDir, [{ name: 'spin', kind: 'container', rule: 'loop-forever.js' }]);
  const envs = new Map<string, EnvironmentDouble>();
  const registry = new MetricsRegistry();
  const controller = new Controller({
    stateDir,
    periodMs: 50,
    registry,
    // Each app has its own rule worker: beta's endless rule costs only beta its time.
    runner: { timeoutMs: 2_000 },
    envFor: (plan) => {
      const env = new EnvironmentDouble();
      env.metrics.values.set('q', 50);
      envs.set(plan.app.id, env);
      return env;
    },
  });
  const stop = new AbortController();
  const running = controller.run(stop.signal);
  const endpoint = await HttpEndpoint.start({ port: 0, registry, health: controller });
  try {
    await waitFor(() => (envs.get('alpha')?.replicas.get('web') ?? 1) >= 3, 'alpha to scale');
    await waitFor(() => controller.loops().every((l) => l.cycles >= 1), 'both apps to cycle');
    const metrics = await (await fetch(`${endpoint.url}/metrics`)).text();
    assert.match(metrics, /# TYPE adtc_loop_cycle_duration_seconds histogram/);
    assert.match(metrics, /adtc_scale_actions_total\{app="alpha",target="web",direction="up"\} [1-9]/);
    assert.match(metrics, /adtc_rule_errors_total\{app="beta",policy="spin"\} [1-9]/);
    assert.match(metrics, /adtc_loop_last_successful_cycle_timestamp_seconds\{app="alpha"\} \d+/);
    assert.is((await fetch(`${endpoint.url}/healthz`)).status, 200);
    assert.is((await fetch(`${endpoint.url}/readyz`)).status, 200);
    const apps = (await (await fetch(`${endpoint.url}/apps`)).json()) as { app: string; phase: string }[];
    assert.equal(apps.map((a) => `${a.app} ${a.phase}`), ['alpha running', 'beta running']);
    // A new app deployed while the controller runs is picked up by the next scan.
    await deployed('gamma', stateDir);
    await waitFor(() => (envs.get('gamma')?.replicas.get('web') ?? 1) >= 2, 'gamma to scale');
  } finally {
    stop.abort();
    await running;
    await endpoint.close();
  }
});

life('/readyz fails, naming the app, when a loop has not completed a cycle for too long', async () => {
  const registry = new MetricsRegistry();
  const started = Date.now() - 10 * 60_000;
  const health = { loops: () => [{ app: 'slow', phase: 'running' as const, cycles: 3, lastSuccessAt: started, startedAt: started, staleAfterMs: 60_000 }] };
  const endpoint = await HttpEndpoint.start({ port: 0, registry, health });
  try {
    const ready = await fetch(`${endpoint.url}/readyz`);
    assert.is(ready.status, 503);
    assert.match(await ready.text(), /^slow: last completed cycle \d+ s ago/);
  } finally {
    await endpoint.close();
  }
});

life('adtc status: a rule error with its ADT line, a clamped decision, a loop that is not running; unknown apps are unknown', async () => {
  const stateDir = await mkdtemp(join(tmpdir(), 'adtc-life-'));
  await deployed('shown', stateDir, [
    { name: 'web', kind: 'container', rule: 'error-midway.js', min: 1, max: 5 },
    { name: 'big', kind: 'container', rule: 'threshold.js', min: 1, max: 1, queries: { LOAD: 'q' } },
  ]);
  const env = new EnvironmentDouble();
  env.metrics.values.set('q', 50);
  await new AppLoop({ target: 'shown', stateDir, envFor: () => env, runner, periodMs: 50, once: true }).run();
  const status = await appStatus('shown', stateDir, {});
  const text = status.lines.join('\n');
  assert.match(text, /^loop: not running; 1 cycles, last /m);
  assert.match(text, /^policy web: error, then scale Deployment\/web 1 → 2 \[rule error: ZeroDivisionError: float division by zero \(ADT line 2\)\]/m);
  assert.match(text, /^policy big: no change \[clamped: the rule asked for 2, the bounds allow 1\]/m);
  const unknown = await appStatus('nobody', stateDir, {});
  assert.is(unknown.known, false);
});

life('the decision log rotates at its size limit and drops the inputs of an oversized record', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'adtc-log-'));
  const log = new DecisionLog(join(dir, 'decisions.jsonl'), undefined, { maxBytes: 2_000, keep: 2, maxRecordBytes: 500 });
  for (let i = 0; i < 60; i++) await log.write({ type: 'decision', cycle: i, inputs: { m_userdata: 'x'.repeat(i % 10 === 0 ? 1_000 : 10) }, action: 'no change' });
  const { readdir, stat } = await import('node:fs/promises');
  assert.equal((await readdir(dir)).sort(), ['decisions.jsonl', 'decisions.jsonl.1', 'decisions.jsonl.2']);
  for (const file of await readdir(dir)) assert.ok((await stat(join(dir, file))).size <= 2_000, `${file} within the limit`);
  const last = (await readFile(join(dir, 'decisions.jsonl'), 'utf8')).trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
  assert.is(last.at(-1)!['cycle'], 59, 'the newest record is kept');
  const big = last.find((r) => r['cycle'] === 50);
  assert.ok(big === undefined || (big['inputs'] === undefined && String(big['omitted']).startsWith('inputs, outputs and printed text')));
});

life('the Lease in the cluster: a loop on another machine refuses while it is live, takes it once expired, and a loop that lost it stops', async () => {
  const kube = await KubeApiServerDouble.start();
  try {
    const config = new KubeConfig();
    config.loadFromString(kube.kubeconfig());
    const cluster = new ClientCluster(config);
    let clock = Date.parse('2026-12-03T12:00:00Z');
    const now = () => clock;
    const first = await HeldLease.acquire(cluster, 'default', appLease('shared'), 60, { holder: 'host-a/100', now });
    assert.ok(first.ok);
    clock += 30_000;
    const second = await HeldLease.acquire(cluster, 'default', appLease('shared'), 60, { holder: 'host-b/200', now });
    assert.is(second.ok, false);
    if (!second.ok) assert.match(second.message, /host-a\/100 holds the Lease default\/adtc-loop-shared, renewed 30 s ago for 60 s/);
    clock += 61_000;
    const third = await HeldLease.acquire(cluster, 'default', appLease('shared'), 60, { holder: 'host-b/200', now });
    assert.ok(third.ok, 'taken over once expired');
    if (first.ok) assert.match((await first.lease.renew())!, /host-b\/200 holds the Lease/, 'the first loop learns it lost the Lease');
    if (third.ok) {
      await third.lease.release();
      assert.is(await cluster.readLease('default', 'adtc-loop-shared'), undefined, 'released');
    }
  } finally {
    await kube.close();
  }
});

life.run();
