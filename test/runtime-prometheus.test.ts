import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PrometheusClient } from '../runtime/src/prometheus/client.js';
import type { QueryResult } from '../runtime/src/prometheus/client.js';
import { writeAlertRules, writeScrapeTargets } from '../runtime/src/prometheus/config-files.js';
import { parseSampleValue, toLabelValues, toNumber } from '../runtime/src/prometheus/convert.js';
import { startPrometheus, TestExporter } from './harness/prometheus.js';
import type { PrometheusHarness } from './harness/prometheus.js';

/** Polls until `probe` returns something other than undefined; scraping and rule evaluation run every second. */
async function eventually<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 120_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

async function valueOf(client: PrometheusClient, expr: string, expected: number): Promise<number> {
  return eventually(`${expr} == ${expected}`, async () => {
    const result = await client.query(expr);
    return result.value === expected ? result.value : undefined;
  });
}

const conversion = suite('prometheus result conversion');

conversion('sample values: numbers, NaN, +Inf, -Inf; anything else is no number', () => {
  assert.is(parseSampleValue('1.5'), 1.5);
  assert.is(parseSampleValue('1e3'), 1000);
  assert.ok(Number.isNaN(parseSampleValue('NaN')));
  assert.is(parseSampleValue('+Inf'), Infinity);
  assert.is(parseSampleValue('-Inf'), -Infinity);
  assert.is(parseSampleValue('abc'), undefined);
  assert.is(parseSampleValue(''), undefined);
  assert.is(parseSampleValue(3), undefined);
});

conversion('first vector sample, scalar, empty vector, matrix; label values of the list form', () => {
  const vector = { resultType: 'vector', result: [{ metric: { w: 'a' }, value: [1, '2'] }, { metric: {}, value: [1, '3'] }, { metric: { w: 'b' }, value: [1, '4'] }] };
  assert.is(toNumber(vector), 2);
  assert.is(toNumber({ resultType: 'scalar', result: [1, '7'] }), 7);
  assert.equal(toNumber({ resultType: 'vector', result: [] }), { kind: 'empty' });
  assert.is((toNumber({ resultType: 'matrix', result: [] }) as { kind: string }).kind, 'unsupported');
  assert.equal(toLabelValues(vector, 'w'), ['a', 'b']);
  assert.equal(toLabelValues({ resultType: 'vector', result: [] }, 'w'), []);
});

conversion.run();

const live = suite('prometheus client against a real Prometheus');
let prometheus: PrometheusHarness | undefined;
let exporter: TestExporter | undefined;
let client: PrometheusClient;
let started: Promise<void> | undefined;

/**
 * Started by the first test rather than in a before hook: uvu 0.5 swallows a failing hook and exits 0,
 * whereas a missing Prometheus must fail loudly with the harness's message.
 */
function start(): Promise<void> {
  started ??= (async () => {
    exporter = await TestExporter.start();
    prometheus = await startPrometheus();
    client = new PrometheusClient({ url: prometheus.url, timeoutMs: 15_000 });
    exporter.set('adtc_load', 42);
    exporter.set('adtc_tagged', 5, { tag: 'a+b&c#d{e}' });
    exporter.set('adtc_idle', 1, { worker_tag: 'w1' });
    exporter.set('adtc_idle', 1, { worker_tag: 'w2' });
    exporter.set('adtc_nan', Number.NaN);
    exporter.set('adtc_inf', Infinity);
    exporter.set('adtc_ninf', -Infinity);
    // The runtime's target file is what makes Prometheus scrape the exporter.
    await writeScrapeTargets(prometheus.targetsDir, 'stressng', [exporter.target], { app: 'stressng' });
    await valueOf(client, 'up{job="micado"}', 1);
  })();
  return started;
}

live.before.each(() => start());

live.after(async () => {
  await prometheus?.stop();
  await exporter?.close();
});

live('a query returns the value the exporter serves, and follows it when it changes', async () => {
  assert.is(await valueOf(client, 'adtc_load', 42), 42);
  exporter!.set('adtc_load', 7.5);
  assert.is(await valueOf(client, 'adtc_load', 7.5), 7.5);
  assert.equal(await client.query('adtc_load{app="stressng"}'), { ok: true, value: 7.5 }, 'labels from the target file are attached');
});

live('expressions with + & # { } reach Prometheus intact', async () => {
  assert.equal(await client.query('adtc_tagged{tag="a+b&c#d{e}"} + 1'), { ok: true, value: 6 });
  assert.equal(await client.query('sum(adtc_idle) + 0.5'), { ok: true, value: 2.5 });
});

live('NaN and infinities, scalar results, empty results', async () => {
  assert.ok(Number.isNaN((await client.query('adtc_nan')).value));
  assert.equal(await client.query('adtc_inf'), { ok: true, value: Infinity });
  assert.equal(await client.query('adtc_ninf'), { ok: true, value: -Infinity });
  assert.equal(await client.query('scalar(adtc_inf) * -1'), { ok: true, value: -Infinity });
  assert.equal(await client.query('3 + 4'), { ok: true, value: 7 });
  assert.equal(await client.query('adtc_no_such_metric'), { ok: true, value: null });
});

live('the list form returns the label values of all samples', async () => {
  const result = await client.queryLabels('adtc_idle', 'worker_tag');
  assert.ok(result.ok);
  assert.equal([...(result.value ?? [])].sort(), ['w1', 'w2']);
  assert.equal(await client.queryLabels('adtc_no_such_metric', 'worker_tag'), { ok: true, value: [] });
});

live('a bad expression or an unusable result is a typed failure with a null value', async () => {
  const bad = await client.query('sum(');
  assert.is(bad.ok, false);
  assert.is(bad.value, null);
  assert.is((bad as Extract<QueryResult<number>, { ok: false }>).failure.kind, 'api');
  const matrix = await client.query('adtc_load[10s]');
  assert.is((matrix as Extract<QueryResult<number>, { ok: false }>).failure.kind, 'result');
});

live('alert rules written by the runtime appear after /-/reload, and fire', async () => {
  exporter!.set('adtc_load', 10);
  await writeAlertRules(prometheus!.rulesDir, 'stressng', [
    { alert: 'adtc_overloaded', expr: 'adtc_load > 40', for: '0s', labels: { severity: 'page' } },
  ]);
  assert.equal(await client.reload(), { ok: true });
  const rules = (await (await fetch(`${prometheus!.url}/api/v1/rules`)).json()) as {
    data: { groups: { name: string; file: string; rules: { name: string; type: string }[] }[] };
  };
  const group = rules.data.groups.find((g) => g.name === 'micado');
  assert.ok(group, 'group micado loaded');
  assert.match(group.file, /stressng\.rules$/);
  assert.equal(group.rules.map((r) => [r.name, r.type]), [['adtc_overloaded', 'alerting']]);
  assert.equal(await client.firingAlerts(), { ok: true, value: [] });
  exporter!.set('adtc_load', 50);
  const firing = await eventually('adtc_overloaded firing', async () => {
    const alerts = await client.firingAlerts();
    return alerts.value?.find((a) => a.name === 'adtc_overloaded');
  });
  assert.is(firing.labels['severity'], 'page');
  assert.type(firing.activeAt, 'string');
});

live('a broken rule file makes reload report the failure; fixing it reloads again', async () => {
  const broken = join(prometheus!.rulesDir, 'broken.rules');
  await writeFile(broken, 'groups: [{name: x, rules: [{alert: y, expr: "sum("}]}]\n');
  const refused = await client.reload();
  assert.is(refused.ok, false);
  assert.match((refused as { failure: { message: string } }).failure.message, /reload refused, HTTP 500/);
  await writeFile(broken, 'groups: []\n');
  assert.equal(await client.reload(), { ok: true });
});

live('with Prometheus stopped every call returns an "unreachable" failure and nothing throws', async () => {
  await prometheus!.stop();
  prometheus = undefined;
  const query = await client.query('adtc_load');
  assert.equal(query.value, null);
  assert.is((query as Extract<QueryResult<number>, { ok: false }>).failure.kind, 'unreachable');
  assert.is((await client.queryLabels('adtc_idle', 'worker_tag')).ok, false);
  assert.is((await client.firingAlerts()).ok, false);
  const reload = await client.reload();
  assert.is(reload.ok, false);
});

live.run();
