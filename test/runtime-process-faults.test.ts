/**
 * Faults with real processes: `adtc run --once` runs as a child process against the Kubernetes API-server
 * double and a Prometheus API double (behind a fault proxy), is SIGKILLed at each step of a cycle (its metric
 * query, its replica read, its scale request before and after the server carried it out), and is started
 * again on the same state directory. The state must be intact and the scale applied exactly once. And a loop
 * stuck in a call that never answers ends within seconds of SIGTERM.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LoopState } from '../runtime/src/loop/state.js';
import { KubeApiServerDouble } from './doubles/kube-apiserver.js';
import type { RecordedRequest } from './doubles/kube-apiserver.js';
import { planDir } from './doubles/loop-environment.js';
import { FaultProxy } from './doubles/fault-proxy.js';
import { PrometheusApiDouble } from './doubles/prometheus-api.js';
import { repoRoot } from './harness/paths.js';

const processes = suite('loop process killed mid-scale');

const isScaleWrite = (r: RecordedRequest) => r.path === '/apis/apps/v1/namespaces/default/deployments/web/scale' && (r.method === 'PATCH' || r.method === 'PUT');

/** Scale writes the API server carried out: answered successfully, or applied before it stalled. */
const appliedScaleWrites = (kube: KubeApiServerDouble) => kube.requests.filter((r) => isScaleWrite(r) && (r.stalled === 'applied' || (r.stalled === undefined && r.status === 200)));

interface Setup {
  readonly kube: KubeApiServerDouble;
  readonly prometheus: PrometheusApiDouble;
  /** In front of the Prometheus double. */
  readonly proxy: FaultProxy;
  readonly args: readonly string[];
  readonly stateFile: string;
}

async function setup(appId: string): Promise<Setup> {
  const kube = await KubeApiServerDouble.start();
  kube.put({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'default' }, spec: { replicas: 1 } });
  const prometheus = await PrometheusApiDouble.start();
  const proxy = await FaultProxy.start(prometheus.url);
  const { dir } = await planDir(appId, [{ name: 'web', kind: 'container', rule: 'threshold.js', queries: { LOAD: 'load' } }]);
  const stateDir = await mkdtemp(join(tmpdir(), 'adtc-state-'));
  const args = ['run', dir, '--once', '--state-dir', stateDir, '--kubeconfig', await kube.writeKubeconfig(), '--prometheus-url', proxy.url];
  return { kube, prometheus, proxy, args, stateFile: join(stateDir, appId, 'loop-state.json') };
}

async function teardown(s: Setup): Promise<void> {
  await s.proxy.close();
  await s.kube.close();
  await s.prometheus.close();
}

/** `adtc run` as users start it, through the package's bin entry. */
function adtc(args: readonly string[]): { child: ChildProcess; exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; out: string }> } {
  const child = spawn(process.execPath, [join(repoRoot, 'bin/adtc.js'), ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (out += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; out: string }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal, out })));
  return { child, exited };
}

async function waitFor(condition: () => boolean, what: string, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** Runs the first process until its scale request hangs, checks what it wrote down, and SIGKILLs it. */
async function killMidScale(s: Setup, applied: boolean): Promise<void> {
  s.prometheus.values.set('load', 50);
  s.kube.stallNext(1, isScaleWrite, { applied });
  const first = adtc(s.args);
  await Promise.race([
    waitFor(() => s.kube.requests.some((r) => r.stalled !== undefined), 'the scale request'),
    first.exited.then((r) => Promise.reject(new Error(`adtc run exited early (${r.code}): ${r.out}`))),
  ]);
  const saved = JSON.parse(await readFile(s.stateFile, 'utf8')) as LoopState;
  assert.equal(saved.pending, [{ kind: 'scale-workload', policy: 'web', workload: { kind: 'Deployment', name: 'web', namespace: 'default' }, count: 2 }], 'the decision is written down before it is applied');
  first.child.kill('SIGKILL');
  assert.is((await first.exited).signal, 'SIGKILL');
}

/** The restart with a steady metric (the rule keeps the count): it may only finish what the first began. */
async function restart(s: Setup): Promise<{ state: LoopState; out: string }> {
  s.prometheus.values.set('load', 7);
  const second = await adtc(s.args).exited;
  assert.is(second.code, 0, second.out);
  return { state: JSON.parse(await readFile(s.stateFile, 'utf8')) as LoopState, out: second.out };
}

processes('the scale request never reached the server: the restart applies it, once', async () => {
  const s = await setup('killed-before');
  try {
    await killMidScale(s, false);
    assert.is(s.kube.get('apps/v1', 'Deployment', 'web', 'default')!['spec'].replicas, 1);
    const { state, out } = await restart(s);
    assert.is(s.kube.get('apps/v1', 'Deployment', 'web', 'default')!['spec'].replicas, 2);
    assert.is(appliedScaleWrites(s.kube).length, 1, 'exactly one scale write took effect');
    assert.equal(state.pending, []);
    assert.equal(state.workloads, { web: { count: 2 } });
    assert.is(state.cycle, 1, 'the killed cycle never finished; the restart ran one');
    assert.match(out, /web: no change/);
    assert.match(await readFile(join(s.stateFile, '..', 'decisions.jsonl'), 'utf8'), /"event":"resumed-action"/);
  } finally {
    await teardown(s);
  }
});

processes('the server applied the scale but the answer was lost: the restart sees it done and writes nothing', async () => {
  const s = await setup('killed-after');
  try {
    await killMidScale(s, true);
    assert.is(s.kube.get('apps/v1', 'Deployment', 'web', 'default')!['spec'].replicas, 2);
    const { state } = await restart(s);
    assert.is(appliedScaleWrites(s.kube).length, 1, 'exactly one scale write took effect');
    assert.is(s.kube.requests.filter(isScaleWrite).length, 1, 'the restart sent none');
    assert.is(s.kube.get('apps/v1', 'Deployment', 'web', 'default')!['spec'].replicas, 2);
    assert.equal(state.pending, []);
    assert.equal(state.workloads, { web: { count: 2 } });
  } finally {
    await teardown(s);
  }
});

/** Runs the first process until `arrived` (a request it is stuck in), then SIGKILLs it. */
async function killWhen(s: Setup, arrived: () => boolean, what: string): Promise<void> {
  const first = adtc(s.args);
  await Promise.race([waitFor(arrived, what), first.exited.then((r) => Promise.reject(new Error(`adtc run exited early (${r.code}): ${r.out}`)))]);
  first.child.kill('SIGKILL');
  assert.is((await first.exited).signal, 'SIGKILL');
}

/** Kills the first process while `stuck` says it waits on a request made hanging by `hang`, then restarts it: one scale, 1 → 2. */
async function killedBeforeDeciding(appId: string, hang: (s: Setup) => void, stuck: (s: Setup) => boolean, what: string): Promise<void> {
  const s = await setup(appId);
  try {
    s.prometheus.values.set('load', 50);
    hang(s);
    await killWhen(s, () => stuck(s), what);
    assert.equal(appliedScaleWrites(s.kube), [], 'nothing was decided before the kill');
    const second = await adtc(s.args).exited;
    assert.is(second.code, 0, second.out);
    assert.is(appliedScaleWrites(s.kube).length, 1);
    assert.is(s.kube.get('apps/v1', 'Deployment', 'web', 'default')!['spec'].replicas, 2);
  } finally {
    await teardown(s);
  }
}

processes('killed while its metric query hangs: nothing was decided, the restart decides and scales once', () =>
  killedBeforeDeciding(
    'killed-query',
    (s) => s.proxy.inject({ kind: 'hang' }, 1, (_m, path) => path === '/api/v1/query'),
    (s) => s.proxy.requests.some((r) => r.fault === 'hang'),
    'the query',
  ));

const isScaleRead = (r: RecordedRequest) => r.path === '/apis/apps/v1/namespaces/default/deployments/web/scale' && r.method === 'GET';

processes('killed while reading the replicas: the restart reads them again and scales once', () =>
  killedBeforeDeciding(
    'killed-read',
    // The first read happens while the loop opens; the second is the cycle's own.
    (s) => s.kube.stallNext(1, (r) => isScaleRead(r) && s.kube.requests.filter(isScaleRead).length >= 2),
    (s) => s.kube.requests.some((r) => r.stalled !== undefined),
    'the replica read',
  ));

processes('SIGTERM while a Kubernetes call never answers: the process ends within seconds, its state intact', async () => {
  const s = await setup('sigterm');
  try {
    s.prometheus.values.set('load', 50);
    s.kube.stallNext(Infinity, isScaleWrite);
    const run = adtc(s.args.filter((a) => a !== '--once'));
    await waitFor(() => s.kube.requests.some((r) => r.stalled !== undefined), 'the hung scale request');
    const asked = Date.now();
    run.child.kill('SIGTERM');
    let timer: NodeJS.Timeout | undefined;
    const ended = await Promise.race([run.exited, new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), 30_000)))]);
    clearTimeout(timer);
    if (ended === undefined) run.child.kill('SIGKILL');
    assert.ok(ended !== undefined, 'ended after SIGTERM');
    assert.is(ended!.code, 0, ended!.out);
    assert.ok(Date.now() - asked < 30_000);
    const state = JSON.parse(await readFile(s.stateFile, 'utf8')) as LoopState;
    assert.equal(state.pending, [], 'the abandoned decision is not left half-done: the next cycle decides again');
    assert.match(await readFile(join(s.stateFile, '..', 'decisions.jsonl'), 'utf8'), /"event":"cycle-abandoned"/);
  } finally {
    await teardown(s);
  }
});

processes.run();
