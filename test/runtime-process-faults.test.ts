/**
 * Faults with real processes: `adtc run --once` runs as a child process against the Kubernetes API-server
 * double and a Prometheus API double, is SIGKILLed while its scale request hangs, and is started again on the
 * same state directory. The state must be intact and the scale applied exactly once.
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
import { PrometheusApiDouble } from './doubles/prometheus-api.js';
import { repoRoot } from './harness/paths.js';

const processes = suite('loop process killed mid-scale');

const isScaleWrite = (r: RecordedRequest) => r.path === '/apis/apps/v1/namespaces/default/deployments/web/scale' && (r.method === 'PATCH' || r.method === 'PUT');

/** Scale writes the API server carried out: answered successfully, or applied before it stalled. */
const appliedScaleWrites = (kube: KubeApiServerDouble) => kube.requests.filter((r) => isScaleWrite(r) && (r.stalled === 'applied' || (r.stalled === undefined && r.status === 200)));

interface Setup {
  readonly kube: KubeApiServerDouble;
  readonly prometheus: PrometheusApiDouble;
  readonly args: readonly string[];
  readonly stateFile: string;
}

async function setup(appId: string): Promise<Setup> {
  const kube = await KubeApiServerDouble.start();
  kube.put({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'default' }, spec: { replicas: 1 } });
  const prometheus = await PrometheusApiDouble.start();
  const { dir } = await planDir(appId, [{ name: 'web', kind: 'container', rule: 'threshold.js', queries: { LOAD: 'load' } }]);
  const stateDir = await mkdtemp(join(tmpdir(), 'adtc-state-'));
  const args = ['run', dir, '--once', '--state-dir', stateDir, '--kubeconfig', await kube.writeKubeconfig(), '--prometheus-url', prometheus.url];
  return { kube, prometheus, args, stateFile: join(stateDir, appId, 'loop-state.json') };
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
    await s.kube.close();
    await s.prometheus.close();
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
    await s.kube.close();
    await s.prometheus.close();
  }
});

processes.run();
