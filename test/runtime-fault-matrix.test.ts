/**
 * The fault matrix: the real loop with its real drivers (ClientCluster, OccopusDriver, PrometheusClient)
 * against the API-server double, the Occopus double and a real Prometheus, each behind a fault-injecting
 * proxy. Every case injects one fault and checks the end state an operator would: the counts the back-ends
 * hold, that no change was applied twice or beyond what the rule decided (no double scaling), that the
 * decision was applied or decided again (no lost decision), and that the loop goes on deciding afterwards
 * (no stuck state).
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KubeConfig } from '@kubernetes/client-node';
import { ClientCluster } from '../runtime/src/kubernetes/client-cluster.js';
import type { BoundsConfig } from '../runtime/src/loop/bounded-environment.js';
import type { LoopEnvironment } from '../runtime/src/loop/environment.js';
import { openLoop } from '../runtime/src/loop/open-loop.js';
import { RuleRunner } from '../runtime/src/loop/rule-runner.js';
import type { CycleReport, ScalingLoop } from '../runtime/src/loop/scaling-loop.js';
import { OccopusDriver } from '../runtime/src/nodesets/occopus.js';
import { PrometheusClient } from '../runtime/src/prometheus/client.js';
import { writeScrapeTargets } from '../runtime/src/prometheus/config-files.js';
import { FaultProxy } from './doubles/fault-proxy.js';
import type { Fault } from './doubles/fault-proxy.js';
import { KubeApiServerDouble } from './doubles/kube-apiserver.js';
import { planDir } from './doubles/loop-environment.js';
import { OccopusServerDouble } from './doubles/occopus-server.js';
import { startPrometheus, TestExporter } from './harness/prometheus.js';
import type { PrometheusHarness } from './harness/prometheus.js';

/** Short limits so hung calls cost seconds, not minutes; generous enough for a loaded machine's healthy calls. */
const BOUNDS: BoundsConfig = {
  kubernetes: { timeoutMs: 2_000, attempts: 2, baseDelayMs: 20, maxDelayMs: 100 },
  prometheus: { timeoutMs: 2_000, attempts: 2, baseDelayMs: 20, maxDelayMs: 100 },
  occopus: { timeoutMs: 2_000, attempts: 2, baseDelayMs: 20, maxDelayMs: 100 },
  terraform: { timeoutMs: 2_000, attempts: 1, baseDelayMs: 0, maxDelayMs: 0 },
};

const matrix = suite('fault matrix');
let prometheus: PrometheusHarness;
let exporter: TestExporter;
let kube: KubeApiServerDouble;
let occopus: OccopusServerDouble;
let kubeProxy: FaultProxy;
let occopusProxy: FaultProxy;
let prometheusProxy: FaultProxy;
let runner: RuleRunner;
let cases = 0;

matrix.before(async () => {
  prometheus = await startPrometheus();
  exporter = await TestExporter.start();
  await writeScrapeTargets(prometheus.targetsDir, 'matrix', [exporter.target]);
  kube = await KubeApiServerDouble.start();
  occopus = await OccopusServerDouble.start();
  kubeProxy = await FaultProxy.start(kube.url);
  occopusProxy = await FaultProxy.start(occopus.url);
  prometheusProxy = await FaultProxy.start(prometheus.url);
  runner = new RuleRunner({ timeoutMs: 10_000 });
});

matrix.after(async () => {
  await runner.close();
  for (const closable of [kubeProxy, occopusProxy, prometheusProxy, kube, occopus, exporter]) await closable?.close();
  await prometheus?.stop();
});

interface Case {
  readonly loop: ScalingLoop;
  /** The node set's name (also its Occopus node and the nodes' node_type label). */
  readonly set: string;
  /** The workload's name (a Deployment in namespace default). */
  readonly web: string;
  cycle(): Promise<CycleReport>;
  /** The summary of a policy in a report: the node policy is `set`, the container policy `web`. */
  summary(report: CycleReport, policy: string): string;
  /** Machines Occopus runs for the set (asked directly, not through the proxy). */
  machines(): Promise<number>;
  replicas(): number;
  /** The replica counts the API server carried out, in order (answered or not). */
  scaleWrites(): number[];
  /** The Occopus scale-to targets carried out, in order. */
  nodeWrites(): number[];
}

/** Waits until Prometheus answers `expr` with `value` (it scrapes every second). */
async function settled(expr: string, value: number): Promise<void> {
  const client = new PrometheusClient({ url: prometheus.url });
  const deadline = Date.now() + 30_000;
  for (;;) {
    const answer = await client.query(expr);
    if (answer.ok && answer.value === value) return;
    if (Date.now() > deadline) throw new Error(`Prometheus did not report ${expr} = ${value}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** Sets the loads the rules read: above 10 scales up, below 5 down, between holds. */
async function load(c: Case, nodes: number, web: number): Promise<void> {
  exporter.set('node_load', nodes, { set: c.set });
  exporter.set('web_load', web, { web: c.web });
  await settled(`sum(node_load{set="${c.set}"})`, nodes);
  await settled(`sum(web_load{web="${c.web}"})`, web);
}

async function instancesOf(set: string): Promise<[string, { resource_address: string }][]> {
  const infrastructure = (await (await fetch(`${occopus.url}/infrastructures/infra-${set}`)).json()) as Record<string, { instances: Record<string, { resource_address: string }> }>;
  return Object.entries(infrastructure[set]!.instances);
}

/** The kubelet's part: a Ready Node labelled with the node type for each machine Occopus runs, NotReady once it is gone. */
async function joinNodes(set: string): Promise<void> {
  const instances = await instancesOf(set);
  const names = new Set(instances.map(([id]) => `node-${id.slice(-6)}`));
  for (const node of kube.all('v1', 'Node')) {
    const labels = (node['metadata']?.labels ?? {}) as Record<string, string>;
    if (labels['micado.eu/node_type'] === set && !names.has(node['metadata'].name)) kube.setStatus('v1', 'Node', node['metadata'].name, undefined, { conditions: [{ type: 'Ready', status: 'False' }] });
  }
  for (const [id, instance] of instances) {
    kube.put({
      apiVersion: 'v1',
      kind: 'Node',
      metadata: { name: `node-${id.slice(-6)}`, labels: { 'micado.eu/node_type': set } },
      status: { conditions: [{ type: 'Ready', status: 'True' }], addresses: [{ type: 'InternalIP', address: instance.resource_address }] },
    });
  }
}

async function setupCase(options: { windowS?: number } = {}): Promise<Case> {
  const n = ++cases;
  const set = `w${n}`;
  const web = `web${n}`;
  occopus.build(`infra-${set}`, [{ name: set, min: 1, max: 5 }]);
  await joinNodes(set);
  kube.put({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: web, namespace: 'default' }, spec: { replicas: 1 } });
  const { dir } = await planDir(`matrix${n}`, [
    { name: set, kind: 'vm', rule: 'node-threshold.js', min: 1, max: 3, queries: { LOAD: `sum(node_load{set="${set}"})` } },
    { name: web, kind: 'container', rule: 'threshold.js', min: 1, max: 3, queries: { LOAD: `sum(web_load{web="${web}"})` } },
  ]);
  const config = new KubeConfig();
  config.loadFromString(kube.kubeconfig().replace(kube.url, kubeProxy.url));
  const cluster = new ClientCluster(config, { retry: { baseDelayMs: 10, maxDelayMs: 50 } });
  const driver = new OccopusDriver({ url: occopusProxy.url, infraId: `infra-${set}` });
  const env: LoopEnvironment = {
    metrics: new PrometheusClient({ url: prometheusProxy.url }),
    nodes: { workerNodes: (s) => cluster.workerNodes(s) },
    workloads: cluster,
    events: cluster,
    nodeSetDriver: () => driver,
    now: Date.now,
  };
  const opened = await openLoop({
    planDir: dir,
    stateDir: await mkdtemp(join(tmpdir(), 'adtc-matrix-')),
    env,
    runner,
    tuning: { bounds: BOUNDS, stabilisation: { windowS: options.windowS ?? 0, timedRuleWindowS: 0 } },
  });
  if (!opened.ok) throw new Error(opened.errors.join('\n'));
  const scalePath = `/apis/apps/v1/namespaces/default/deployments/${web}/scale`;
  const c: Case = {
    loop: opened.loop,
    set,
    web,
    cycle: async () => {
      const report = await opened.loop.cycle();
      await joinNodes(set);
      return report;
    },
    summary: (report, policy) => report.outcomes.find((o) => o.policy === policy)?.summary ?? '(none)',
    machines: async () => (await instancesOf(set)).length,
    replicas: () => (kube.get('apps/v1', 'Deployment', web, 'default') as { spec: { replicas: number } }).spec.replicas,
    scaleWrites: () =>
      kube.requests.filter((r) => r.path === scalePath && r.method === 'PATCH' && (r.status === 200 || r.stalled === 'applied')).map((r) => (r.body as { spec: { replicas: number } }).spec.replicas),
    nodeWrites: () => occopusProxy.applied((method, path) => method === 'POST' && path.includes(`/infra-${set}/scaleto/`)).map((r) => Number(r.path.split('/').at(-1))),
  };
  return c;
}

/** Values in order with repeats collapsed: a repeated absolute write is harmless, a new value is a new decision. */
function steps(values: readonly number[]): number[] {
  return values.filter((v, i) => i === 0 || v !== values[i - 1]);
}

const isScaleWrite = (web: string) => (method: string, path: string) => method === 'PATCH' && path === `/apis/apps/v1/namespaces/default/deployments/${web}/scale`;
const isScaleRead = (web: string) => (method: string, path: string) => method === 'GET' && path === `/apis/apps/v1/namespaces/default/deployments/${web}/scale`;
const isNodeList = (method: string, path: string) => method === 'GET' && path === '/api/v1/nodes';
const isScaleTo = (set: string) => (method: string, path: string) => method === 'POST' && path.includes(`/infra-${set}/scaleto/`);
const isOccopusRead = (set: string) => (method: string, path: string) => method === 'GET' && path === `/infrastructures/infra-${set}`;
const isQuery = (method: string, path: string) => method === 'GET' && path === '/api/v1/query';

/** Fails unless `proxy` really applied `kind` to a request matching `match`: a case whose fault never hit proves nothing. */
function assertHit(proxy: FaultProxy, kind: Fault['kind'], match: (method: string, path: string) => boolean): void {
  assert.ok(proxy.requests.some((r) => r.fault === kind && match(r.method, r.path)), `the ${kind} fault was injected`);
}

function healAll(): void {
  for (const proxy of [kubeProxy, occopusProxy, prometheusProxy]) proxy.heal();
}

/** The workload-scaling faults: the scale write hangs, is slow, fails, or is carried out with its answer lost. */
const scaleWriteFaults: readonly [string, Fault, number][] = [
  ['hangs', { kind: 'hang' }, 2],
  ['is slow (under the limit)', { kind: 'delay', ms: 500 }, 1],
  ['answers 503 twice', { kind: 'fail', status: 503 }, 2],
  ['answers 429 twice', { kind: 'fail', status: 429 }, 2],
  ['is carried out but the answer is lost', { kind: 'apply-then-hang' }, 1],
  ['is carried out but answers 500', { kind: 'apply-then-fail', status: 500 }, 1],
];

for (const [what, fault, count] of scaleWriteFaults) {
  matrix(`Kubernetes scale write ${what}: replicas reach the bound one step at a time, each step once`, async () => {
    const c = await setupCase();
    await load(c, 7, 50);
    kubeProxy.inject(fault, count, isScaleWrite(c.web));
    for (let i = 0; i < 4 && c.replicas() < 3; i++) await c.cycle();
    const final = await c.cycle();
    healAll();
    assertHit(kubeProxy, fault.kind, isScaleWrite(c.web));
    assert.is(c.replicas(), 3, 'up to max_instances');
    assert.equal(steps(c.scaleWrites()), [2, 3], 'each step applied, none skipped or repeated beyond the decision');
    assert.is(c.summary(final, c.web), 'no change', 'the loop decides from the real count afterwards');
  });
}

matrix('Kubernetes replica read hangs: no decision that cycle, the next decides from the truth', async () => {
  const c = await setupCase();
  await load(c, 7, 50);
  kubeProxy.inject({ kind: 'hang' }, 2, isScaleRead(c.web));
  const first = await c.cycle();
  assert.match(c.summary(first, c.web), /^skipped: replicas of Deployment web\d+ unavailable .*timed out.*; no decision$/);
  assert.equal(c.scaleWrites(), []);
  await c.cycle();
  assert.is(c.replicas(), 2);
});

matrix('the node list fails (503 burst, then hangs): no policy decides from a missing m_nodes, then scaling resumes', async () => {
  const c = await setupCase();
  await load(c, 50, 50);
  kubeProxy.inject({ kind: 'fail', status: 503 }, Infinity, isNodeList);
  const first = await c.cycle();
  assert.match(c.summary(first, c.set), /^skipped: the nodes of w\d+ unavailable .*HTTP 503.*; no decision$/);
  assert.match(c.summary(first, c.web), /^skipped: the nodes of w\d+ unavailable/);
  healAll();
  kubeProxy.inject({ kind: 'hang' }, 2, isNodeList);
  const second = await c.cycle();
  assert.match(c.summary(second, c.set), /timed out/);
  assert.is(await c.machines(), 1, 'no machine added or removed on a failed node list');
  assert.equal(c.scaleWrites(), []);
  const third = await c.cycle();
  assert.is(c.summary(third, c.set), `scale ${c.set} 1 → 2`);
  assert.is(c.replicas(), 2);
});

const nodeScaleFaults: readonly [string, Fault, number][] = [
  ['hangs', { kind: 'hang' }, 2],
  ['is slow (under the limit)', { kind: 'delay', ms: 500 }, 1],
  ['answers 500 twice', { kind: 'fail', status: 500 }, 2],
  ['is carried out but the answer is lost', { kind: 'apply-then-hang' }, 1],
  ['is carried out but answers 500', { kind: 'apply-then-fail', status: 500 }, 1],
];

for (const [what, fault, count] of nodeScaleFaults) {
  matrix(`Occopus scale-to ${what}: machines reach the bound and come back down; the node timer runs again`, async () => {
    const c = await setupCase();
    await load(c, 50, 7);
    occopusProxy.inject(fault, count, isScaleTo(c.set));
    for (let i = 0; i < 5; i++) await c.cycle();
    assertHit(occopusProxy, fault.kind, isScaleTo(c.set));
    assert.is(await c.machines(), 3, 'up to max_instances');
    assert.equal(steps(c.nodeWrites()), [2, 3], 'each step applied once');
    const state = c.loop.current.nodeSets[c.set]!;
    assert.is(state.target, 3);
    assert.ok(state.timing?.stable, 'the set is stable again: m_time_since_node_count_changed counts');
    await load(c, 1, 7);
    for (let i = 0; i < 3; i++) await c.cycle();
    assert.is(await c.machines(), 1, 'scaled back down: nothing stuck');
  });
}

matrix('Occopus read hangs: the node policy makes no decision, the container policy still runs', async () => {
  const c = await setupCase();
  await load(c, 50, 50);
  occopusProxy.inject({ kind: 'hang' }, 2, isOccopusRead(c.set));
  const first = await c.cycle();
  assert.match(c.summary(first, c.set), /^skipped: node set w\d+ unavailable .*timed out/);
  assert.is(c.summary(first, c.web), `scale Deployment/${c.web} 1 → 2`);
  assert.equal(c.nodeWrites(), []);
});

const prometheusFaults: readonly [string, Fault, number][] = [
  ['hangs', { kind: 'hang' }, Infinity],
  ['is down (502)', { kind: 'fail', status: 502 }, Infinity],
  ['answers 503', { kind: 'fail', status: 503 }, Infinity],
];

for (const [what, fault, count] of prometheusFaults) {
  matrix(`Prometheus ${what}: no decision from missing metrics; scaling resumes when it is back`, async () => {
    const c = await setupCase();
    await load(c, 50, 50);
    prometheusProxy.inject(fault, count, isQuery);
    const first = await c.cycle();
    assertHit(prometheusProxy, fault.kind, isQuery);
    assert.match(c.summary(first, c.set), /^skipped: metrics unavailable, no decision/);
    assert.match(c.summary(first, c.web), /^skipped: metrics unavailable, no decision/);
    assert.equal(c.scaleWrites(), []);
    assert.equal(c.nodeWrites(), []);
    healAll();
    const second = await c.cycle();
    assert.is(c.summary(second, c.web), `scale Deployment/${c.web} 1 → 2`);
  });
}

matrix('Prometheus slow but within the limit: decisions as usual', async () => {
  const c = await setupCase();
  await load(c, 7, 50);
  prometheusProxy.inject({ kind: 'delay', ms: 400 }, 4, isQuery);
  const first = await c.cycle();
  healAll();
  assertHit(prometheusProxy, 'delay', isQuery);
  assert.is(c.summary(first, c.web), `scale Deployment/${c.web} 1 → 2`);
});

matrix('a cycle stuck past its deadline is abandoned and the next cycle completes', async () => {
  const c = await setupCase();
  await load(c, 7, 50);
  // Every scale write hangs: with 2 attempts of 2 s the call alone outlasts a 1.5 s cycle limit.
  kubeProxy.inject({ kind: 'hang' }, Infinity, isScaleWrite(c.web));
  const opened = c.loop;
  const stop = new AbortController();
  setTimeout(() => stop.abort(), 1_500);
  const first = await opened.cycle(stop.signal);
  assert.ok(first.abandoned);
  healAll();
  const second = await c.cycle();
  assert.not.ok(second.abandoned);
  assert.is(c.replicas(), 2);
});

matrix('scale-downs wait for the stabilisation window; scale-ups do not', async () => {
  const c = await setupCase({ windowS: 3_600 });
  await load(c, 7, 50);
  await c.cycle();
  await c.cycle();
  assert.is(c.replicas(), 3, 'scale-ups at once');
  await load(c, 7, 1);
  const held = await c.cycle();
  assert.match(c.summary(held, c.web), /^held: scale-down 3 → 2 waits \d+ s more/);
  assert.is(c.replicas(), 3);
});

matrix('each scaling of a workload leaves a Kubernetes Event on it, a failed one a Warning', async () => {
  const c = await setupCase();
  await load(c, 7, 50);
  kubeProxy.inject({ kind: 'fail', status: 403 }, 1, isScaleWrite(c.web));
  await c.cycle();
  await c.cycle();
  const events = kube
    .all('v1', 'Event')
    .filter((e) => e['involvedObject']?.name === c.web)
    .map((e) => `${e['type']} ${e['reason']}: ${e['message']}`);
  assert.is(events.length, 2, events.join('\n'));
  assert.match(events[0]!, new RegExp(`^Warning RescaleFailed: adtc policy ${c.web}: replicas 1 → 2 failed: kubernetes: scale Deployment default/${c.web} to 2 failed: .*HTTP 403`));
  assert.is(events[1], `Normal Rescaled: adtc policy ${c.web}: replicas 1 → 2`);
});

matrix.run();
