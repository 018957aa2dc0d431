import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { appendFile, copyFile, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeClone, encodeClone } from '../runtime/src/loop/clone-json.js';
import { decideContainers, decideNodes } from '../runtime/src/loop/decide.js';
import { redact } from '../runtime/src/loop/decision-log.js';
import { nextTiming, secondsSince } from '../runtime/src/loop/node-timing.js';
import { openLoop } from '../runtime/src/loop/open-loop.js';
import { pyInt } from '../runtime/src/loop/py-int.js';
import { RuleRunner } from '../runtime/src/loop/rule-runner.js';
import { EnvironmentDouble, planDir } from './doubles/loop-environment.js';
import { fixturesRoot } from './harness/paths.js';
import type { PolicySpec } from './doubles/loop-environment.js';

const units = suite('loop semantics');

units('int() as Python: truncation, bools, strings; None, nan, inf, "3.5" and lists refused', () => {
  assert.equal(pyInt(2.9), { ok: true, value: 2n });
  assert.equal(pyInt(-0.5), { ok: true, value: 0n });
  assert.equal(pyInt(true), { ok: true, value: 1n });
  assert.equal(pyInt(' 3 '), { ok: true, value: 3n });
  assert.equal(pyInt({ kind: 'float64', value: 4.7 }), { ok: true, value: 4n });
  for (const bad of [null, Number.NaN, Infinity, '3.5', [1], 'x']) assert.is(pyInt(bad).ok, false, String(bad));
});

units('node decisions: clamp, drop list honoured above the minimum only, rule count ignored when dropping', () => {
  assert.equal(decideNodes({ m_node_count: 9n }, 2, { min: 1, max: 3 }), { ok: true, count: 3, drop: [], requested: 9n });
  assert.equal(decideNodes({ m_node_count: 0n }, 2, { min: 1, max: 3 }), { ok: true, count: 1, drop: [], requested: 0n });
  assert.equal(decideNodes({ m_node_count: 2.9 }, 2, { min: 1, max: 3 }), { ok: true, count: 2, drop: [], requested: 2n });
  assert.equal(decideNodes({ m_node_count: 5n, m_nodes_todrop: ['a', 'b', 'c'] }, 3, { min: 2, max: 5 }), { ok: true, count: 2, drop: ['a'] });
  assert.is(decideNodes({ m_node_count: null }, 2, { min: 1, max: 3 }).ok, false);
  assert.is(decideNodes({ m_node_count: 1n, m_nodes_todrop: [{ ID: 'a' }] }, 2, { min: 1, max: 3 }).ok, false);
  assert.equal(decideContainers({ m_container_count: 7n }, { min: 1, max: 4 }), { ok: true, count: 4, requested: 7n });
  assert.equal(decideContainers({ m_container_count: '0' }, { min: 1, max: 4 }), { ok: true, count: 1, requested: 0n });
});

units('m_time_when_node_count_changed: now at first, kept while stable, 0 while converging, now when reached', () => {
  let t = nextTiming(undefined, 2, 2, 1000);
  assert.is(t.when, 1000);
  t = nextTiming(t, 2, 2, 1015);
  assert.is(t.when, 1000);
  assert.is(secondsSince(t, 1030), 30);
  t = nextTiming(t, 3, 2, 1045);
  assert.is(t.when, 0);
  assert.is(secondsSince(t, 1045), 0);
  t = nextTiming(t, 3, 3, 1200);
  assert.is(t.when, 1200);
});

units('m_userdata survives JSON: bigint, Map, Set, NaN, tag-like keys', () => {
  const value = { a: 1n, m: new Map<unknown, unknown>([['k', [1.5, Number.NaN]]]), s: new Set(['x']), $adtc: 'mine' };
  assert.equal(decodeClone(JSON.parse(JSON.stringify(encodeClone(value)))), value);
});

units('secrets never reach the log: secret-looking names and URL credentials', () => {
  assert.equal(redact({ password: 'p', api_key: 'k', nested: { token: 't', ok: 1 }, url: 'https://user:pw@host/x' }), {
    password: '***',
    api_key: '***',
    nested: { token: '***', ok: 1 },
    url: 'https://***@host/x',
  });
});

units.run();

const loop = suite('scaling cycle');
let runner: RuleRunner;

loop.before(() => {
  runner = new RuleRunner({ timeoutMs: 3_000 });
});
loop.after(async () => {
  await runner.close();
});

async function open(specs: readonly PolicySpec[], env = new EnvironmentDouble(), stateDir?: string) {
  const { dir } = await planDir('loop-app', specs);
  const state = stateDir ?? (await mkdtemp(join(tmpdir(), 'adtc-state-')));
  const opened = await openLoop({ planDir: dir, stateDir: state, env, runner });
  if (!opened.ok) throw new Error(opened.errors.join('\n'));
  return { ...opened, env, dir, stateDir: state };
}

async function records(file: string): Promise<Record<string, unknown>[]> {
  return (await readFile(file, 'utf8')).trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
}

loop('raises and lowers a workload, clamped to its bounds, calling the API only on change', async () => {
  const { loop: l, env, log } = await open([{ name: 'web', kind: 'container', rule: 'threshold.js', min: 1, max: 3, queries: { LOAD: 'sum(load)' } }]);
  env.metrics.values.set('sum(load)', 20);
  for (let i = 0; i < 4; i++) await l.cycle();
  assert.equal(env.scaleCalls, ['Deployment/web 2', 'Deployment/web 3']);
  env.metrics.values.set('sum(load)', 7);
  await l.cycle();
  assert.is(env.scaleCalls.length, 2, 'no call when nothing changes');
  env.metrics.values.set('sum(load)', 1);
  // Scale-downs wait for the stabilisation window (120 s by default) since the last change.
  const held = await l.cycle();
  assert.match(held.outcomes[0]!.summary, /^held: scale-down 3 → 2 waits 120 s more/);
  for (let i = 0; i < 4; i++) {
    env.clock += 121_000;
    await l.cycle();
  }
  assert.equal(env.scaleCalls.slice(2), ['Deployment/web 2', 'Deployment/web 1']);
  await log.flush();
  const decisions = (await records(log.file)).filter((r) => r['type'] === 'decision');
  assert.is(decisions.length, 10);
  assert.equal(decisions[0]!['inputs'], { m_nodes: [], m_node_count: 0, m_container_count: 1, LOAD: 20, m_userdata: null });
  assert.is(decisions[0]!['printed'], 'load 20\n');
  assert.is(decisions[0]!['action'], 'scale Deployment/web 1 → 2');
});

loop('VM policies run first and their decisions are applied before container rules see m_node_count', async () => {
  const env = new EnvironmentDouble();
  const driver = env.driver('workers', 1);
  const { loop: l } = await open(
    [
      { name: 'workers', kind: 'vm', rule: 'node-threshold.js', min: 1, max: 2, queries: { LOAD: 'node_load' } },
      { name: 'web', kind: 'container', rule: 'threshold.js', min: 1, max: 4, queries: { LOAD: 'web_load' } },
    ],
    env,
  );
  env.metrics.values.set('node_load', 50);
  env.metrics.values.set('web_load', 50);
  const report = await l.cycle();
  assert.equal(driver.calls, ['scale workers 2']);
  assert.equal(report.outcomes.map((o) => `${o.policy} ${o.before}→${o.after}`), ['workers 1→2', 'web 1→2']);
  await l.cycle();
  assert.equal(driver.calls, ['scale workers 2'], 'bounded at max: no further call');
  assert.is(l.current.nodeSets['workers']!.target, 2);
});

loop('an alert firing is seen by every rule naming it, in every cycle it fires', async () => {
  const env = new EnvironmentDouble();
  const a = env.driver('a', 1);
  const b = env.driver('b', 1);
  const { loop: l } = await open(
    [
      { name: 'a', kind: 'vm', rule: 'node-threshold.js', alerts: ['high_load'], queries: { LOAD: 'none' } },
      { name: 'b', kind: 'vm', rule: 'node-threshold.js', alerts: ['high_load'], queries: { LOAD: 'none' } },
    ],
    env,
  );
  env.metrics.firing.add('high_load');
  await l.cycle();
  await l.cycle();
  assert.equal(a.calls, ['scale a 2', 'scale a 3']);
  assert.equal(b.calls, ['scale b 2', 'scale b 3']);
});

loop('m_nodes_todrop drops the named node and the count follows', async () => {
  const env = new EnvironmentDouble();
  const driver = env.driver('workers', 3);
  const { loop: l } = await open([{ name: 'workers', kind: 'vm', rule: 'drop-last.js', min: 2, max: 5 }], env);
  await l.cycle();
  await l.cycle();
  assert.equal(driver.calls, ['drop workers n3'], 'the minimum stops the second drop');
  assert.is(l.current.nodeSets['workers']!.target, 2);
});

loop('a rule error keeps the assignments before it and is logged with its line', async () => {
  const { loop: l, env, log } = await open([{ name: 'web', kind: 'container', rule: 'error-midway.js', max: 5 }]);
  await l.cycle();
  assert.equal(env.scaleCalls, ['Deployment/web 2']);
  await log.flush();
  const decision = (await records(log.file)).find((r) => r['type'] === 'decision')!;
  assert.is(decision['error'], 'ZeroDivisionError: float division by zero (ADT line 2)');
});

loop('an uncompiled rule is reported as not compiled and never evaluated', async () => {
  const { loop: l, env } = await open([{ name: 'web', kind: 'container', rule: { source: 'm_container_count = 5' } }]);
  const report = await l.cycle();
  assert.match(report.outcomes[0]!.summary, /not compiled/);
  assert.equal(env.scaleCalls, []);
});

loop('a Prometheus outage: no decision from missing data, logged, the loop goes on', async () => {
  const { loop: l, env, log } = await open([{ name: 'web', kind: 'container', rule: 'threshold.js', queries: { LOAD: 'sum(load)' } }]);
  env.metrics.down = true;
  const report = await l.cycle();
  assert.match(report.outcomes[0]!.summary, /^skipped: metrics unavailable/);
  assert.equal(env.scaleCalls, []);
  env.metrics.down = false;
  env.metrics.values.set('sum(load)', 20);
  await l.cycle();
  assert.equal(env.scaleCalls, ['Deployment/web 2']);
  await log.flush();
  assert.ok((await readFile(log.file, 'utf8')).includes('ECONNREFUSED'));
});

loop('an empty query result reaches the rule as None', async () => {
  const { loop: l, env } = await open([{ name: 'web', kind: 'container', rule: 'threshold.js', queries: { LOAD: 'absent' } }]);
  const report = await l.cycle();
  assert.is(report.outcomes[0]!.printed, 'load None\n');
  assert.equal(env.scaleCalls, []);
});

loop('m_dryrun k8s and occopus: decisions made and logged, no component called', async () => {
  const env = new EnvironmentDouble();
  const driver = env.driver('workers', 1);
  const { loop: l } = await open(
    [
      { name: 'workers', kind: 'vm', rule: 'node-threshold.js', queries: { LOAD: 'q' }, constants: { m_dryrun: ['k8s', 'occopus'] } },
      { name: 'web', kind: 'container', rule: 'threshold.js', queries: { LOAD: 'q' } },
    ],
    env,
  );
  env.metrics.values.set('q', 50);
  const report = await l.cycle();
  assert.equal(report.outcomes.map((o) => o.after), [2, 2]);
  assert.equal(driver.calls, []);
  assert.equal(env.scaleCalls, []);
});

loop('a K8s API error gives m_nodes [] and is logged, never a crash', async () => {
  const env = new EnvironmentDouble();
  env.driver('workers', 1);
  env.nodesDown = true;
  const { loop: l, log } = await open([{ name: 'workers', kind: 'vm', rule: 'node-threshold.js', queries: { LOAD: 'q' } }], env);
  await l.cycle();
  await log.flush();
  assert.ok((await readFile(log.file, 'utf8')).includes('nodes-unavailable'));
});

loop('a rule module that differs from the plan\'s hash is never run: its policy is skipped with the reason', async () => {
  const { dir } = await planDir('tampered-app', [{ name: 'web', kind: 'container', rule: 'threshold.js', min: 1, max: 3, queries: { LOAD: 'sum(load)' } }]);
  await appendFile(join(dir, 'policies/web.js'), '\n// changed after compiling\n');
  const env = new EnvironmentDouble();
  env.metrics.values.set('sum(load)', 20);
  const opened = await openLoop({ planDir: dir, stateDir: await mkdtemp(join(tmpdir(), 'adtc-state-')), env, runner });
  if (!opened.ok) throw new Error(opened.errors.join('\n'));
  const report = await opened.loop.cycle();
  assert.match(report.outcomes[0]!.summary, /^skipped: rule module policies\/web\.js does not match the plan's hash/);
  assert.equal(env.scaleCalls, []);
});

loop('a loop runs the rule modules it checked when it opened, whatever is later written over its plan folder', async () => {
  const { loop: l, env, dir } = await open([{ name: 'web', kind: 'container', rule: 'threshold.js', min: 1, max: 3, queries: { LOAD: 'sum(load)' } }]);
  // What a compile of a newer version into the same folder, or the removal of a replaced plan, would do.
  await copyFile(join(fixturesRoot, 'runtime/rules/drop-last.js'), join(dir, 'policies/web.js'));
  env.metrics.values.set('sum(load)', 20);
  const changed = await l.cycle();
  await rm(join(dir, 'policies'), { recursive: true });
  const removed = await l.cycle();
  assert.equal([changed, removed].map((r) => r.outcomes[0]!.summary.startsWith('skipped')), [false, false]);
  assert.equal(env.scaleCalls, ['Deployment/web 2', 'Deployment/web 3']);
});

loop.run();
