import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { nodeCapacity, quantity } from '../runtime/src/simulate/capacity.js';
import { parseTrace, profileLoad } from '../runtime/src/simulate/load.js';
import { arithmeticOf, measureOf, measureValue, parseOverride } from '../runtime/src/simulate/metric-model.js';
import { simulate } from '../runtime/src/simulate/simulate.js';
import type { SimulateOptions, SimulationRun, TimelineRow } from '../runtime/src/simulate/simulate.js';
import { durationMs } from '../runtime/src/simulate/world.js';
import type { NodeSet } from '../runtime/src/plan/plan-types.js';
import { compileDemo } from './harness/demo-plans.js';

const sim = suite('simulator');

const stateDir = () => mkdtemp(join(tmpdir(), 'adtc-sim-'));

async function run(demo: string, options: Partial<SimulateOptions> = {}): Promise<SimulationRun> {
  const result = await simulate({ planDir: await compileDemo(demo), stateDir: await stateDir(), load: { profile: 'ramp' }, durationS: 3600, ...options });
  if (!result.ok) throw new Error(result.errors.join('\n'));
  return result;
}

const series = (r: SimulationRun, pick: (row: TimelineRow) => number) => r.rows.map(pick);
const firstAction = (r: SimulationRun, prefix: string) => r.rows.findIndex((row) => row.outcomes.some((o) => o.summary.startsWith(prefix)));

sim('each query is answered by what it measures', () => {
  const at = (expr: string, c: Partial<Parameters<typeof measureValue>[1]> = {}) => measureValue(measureOf(expr), { demand: 300, pods: 2, nodes: 3, epochS: 1_000_000, ...c });
  assert.equal(measureOf('avg(rate(container_cpu_usage_seconds_total{instance=~"w.*", id="/"}[60s]))*100'), { kind: 'cpu', scope: 'node' });
  assert.equal(measureOf('avg(rate(container_cpu_usage_seconds_total{pod=~"web.*"}[60s]))*100'), { kind: 'cpu', scope: 'pod' });
  assert.is(at('avg(rate(container_cpu_usage_seconds_total{pod=~"web.*"}[60s]))*100'), 100, 'a pod uses at most one CPU');
  assert.is(at('avg(rate(container_cpu_usage_seconds_total{pod=~"web.*"}[60s]))*100', { demand: 90 }), 45);
  assert.is(at('avg(rate(container_cpu_usage_seconds_total{id="/"}[60s]))*100', { demand: 90 }), 30, 'pods\u2019 CPU spread over the nodes');
  assert.is(at('avg(rate(container_memory_usage_bytes{pod=~"db.*"}[60s]))'), 100);
  assert.is(measureOf('avg(rate(nginx_connections_accepted[60s]))').kind, 'requests');
  assert.is(at('avg(rate(nginx_connections_accepted[60s]))'), 150, 'requests are not capped like a percentage');
  assert.is(at('avg(rate(container_network_receive_bytes_total{pod=~"wp.*"}[60s]))/1000'), 150, 'byte rates are not capped');
  assert.is(at('avg(rate(container_network_receive_bytes_total{instance="scaling-worker"}[60s]))/1000'), 100, 'per node');
  assert.is(at('rabbitmq_queue_messages_persistent{queue="machinery_tasks"}'), 300, 'a queue is the load itself, not shared by pods');
  assert.is(at('1530270216-time()', { epochS: 1530270000 }), 216, 'a countdown is computed from the clock');
  assert.is(at('time()'), 1_000_000);
  assert.is(at('(2 + 3) * 4'), 20, 'a constant expression is itself');
  assert.is(arithmeticOf('up{job="x"} - time()'), undefined);
  assert.is(arithmeticOf('2 +'), undefined);
  const override = parseOverride('ITEMS=none');
  assert.ok(override.ok && measureValue(override.measure, { demand: 1, pods: 1, nodes: 1, epochS: 0 }) === null);
  assert.equal(parseOverride('LIMIT=5'), { ok: true, name: 'LIMIT', measure: { kind: 'constant', value: 5 } });
  assert.not.ok(parseOverride('X=wave').ok);
  assert.not.ok(parseOverride('=3').ok);
  assert.is(durationMs('1m30s'), 90_000);
});

sim('profiles and traces, with missing samples', () => {
  const ramp = profileLoad('ramp', 100, 200, 10);
  assert.is(ramp.demand(0), 10);
  assert.is(ramp.demand(40), 200);
  assert.is(ramp.demand(90), 10, 'low again for the last fifth');
  const trace = parseTrace('time,load,high,Q\n0,5,0,3\n60,50,1,\n90,,,NaN\n120,7\n', false);
  if (!trace.ok) throw new Error(trace.message);
  assert.is(trace.load.demand(30), 5);
  assert.is(trace.load.column('high', 70), 1);
  assert.is(trace.load.column('Q', 0), 3);
  assert.is(trace.load.column('Q', 60), null, 'an empty cell is a missing sample');
  assert.is(trace.load.column('Q', 90), null, 'NaN is a missing sample');
  assert.is(trace.load.column('Q', 120), null, 'a short row leaves the rest missing');
  assert.is(trace.load.demand(95), 50, 'an empty load cell keeps the last load');
  assert.is(trace.load.column('other', 0), undefined);
  assert.equal(trace.load.columns, ['high', 'Q']);
  assert.is(trace.durationS, 120);
  const json = parseTrace('[{"t":0,"load":1,"Q":null},{"t":10,"load":2,"Q":4}]', true);
  assert.ok(json.ok && json.load.column('Q', 0) === null && json.load.column('Q', 10) === 4);
  const bad = parseTrace('time,load\n0,1\n10,abc\n', false);
  assert.ok(!bad.ok && /line 3, column load: 'abc' is not a number/.test(bad.message), JSON.stringify(bad));
  assert.is(parseTrace('[{"t":0,"load":1},{"t":10,"load":"x"}]', true).ok, false);
  assert.is(parseTrace('load,time\n1,2\n', false).ok, false);
});

sim('pods per node from requests and node sizes', () => {
  assert.is(quantity('200m', true), 200);
  assert.is(quantity('1.5', true), 1500);
  assert.is(quantity('512Mi', false), 512 * 1024 ** 2);
  assert.is(quantity('lots', true), undefined);
  const set = (properties: NodeSet['properties']) => ({ properties }) as NodeSet;
  assert.equal(nodeCapacity(set({ num_cpus: 2000, mem_size: 2147483648 })), { cpu: 1000, memory: 2147483648 });
  assert.equal(nodeCapacity(set({ instance_type: 't2.medium' })), { cpu: 2000, memory: 4 * 1024 ** 3 });
  assert.is(nodeCapacity(set({ instance_type: 'ADD_YOUR_INSTANCE_TYPE_HERE (e.g. t2.small)' })), undefined, 'a placeholder says nothing');
});

sim('stressng: nodes then replicas scale up on CPU, hold at the bounds, and come back down', async () => {
  const r = await run('stressng/stressng_ec2.yaml');
  const nodes = series(r, (row) => row.nodes['worker-node']!.ready);
  const replicas = series(r, (row) => row.replicas['stressng']!.ready);
  assert.is(r.rows.length, 241, 'one cycle every 15 s for an hour');
  assert.is(nodes[0], 1);
  assert.is(Math.max(...nodes), 3, 'up to max_instances and no further');
  assert.is(Math.max(...replicas), 3);
  assert.is(nodes.at(-1), 1, 'back to the minimum after the load is gone');
  assert.is(replicas.at(-1), 1);
  assert.ok(firstAction(r, 'scale worker-node') < firstAction(r, 'scale Deployment/stressng'), 'the container rule waits for nodes (m_node_count > m_container_count)');
  for (let i = 1; i < nodes.length; i++) assert.ok(Math.abs(nodes[i]! - nodes[i - 1]!) <= 1);
  assert.is(r.rows[firstAction(r, 'scale worker-node') + 1]!.nodes['worker-node']!.ready, 1, 'booting');
  assert.equal(
    r.metrics.map((m) => [m.name, m.thresholds.map((t) => t.value)]),
    [
      ['node_overloaded / node_underloaded', [25, 60]],
      ['service_overloaded / service_underloaded', [25, 60]],
    ],
  );
});

sim('nginx on CloudSigma: five pods fit a node (200m of 1 CPU); requests per container drive both ways', async () => {
  const r = await run('nginx/nginx_cloudsigma.yaml');
  assert.ok(r.notes.some((n) => n.startsWith('pods per node for nginxapp: 5 (requests 200m CPU on nodes of 1 CPU')), r.notes.join('\n'));
  const replicas = series(r, (row) => row.replicas['nginxapp']!.ready);
  const nodes = series(r, (row) => row.nodes['worker-node']!.ready);
  assert.is(Math.max(...replicas), 8, 'MAXCONTAINERS');
  assert.is(Math.max(...nodes), 2, 'MAXNODES: a second node once four containers run (CONTSPERNODE)');
  assert.is(replicas.at(-1), 1, 'containers come down when requests fall');
  assert.equal(r.metrics.find((m) => m.name === 'REQUESTSPERCONT')?.thresholds, [{ value: 1, label: 'minRPCth' }, { value: 4, label: 'maxRPCth' }]);
  assert.not.ok(r.metrics.some((m) => m.name === 'TIME'), 'the bare clock is no driving metric');
});

sim('nginx-firewall: the proxy policy leaves the scaling of the nginx demo as it is', async () => {
  const r = await run('nginx-firewall/nginx_ec2.yaml');
  const replicas = series(r, (row) => row.replicas['nginxapp']!.desired);
  assert.is(Math.max(...replicas), 8);
  assert.ok(replicas.at(-1)! < 8);
});

sim('wordpress: network-bytes alerts (> 100 KB/s) scale nodes and pods up and back', async () => {
  const r = await run('wordpress/wordpress_ec2.yaml');
  const nodes = series(r, (row) => row.nodes['scaling-worker']!.ready);
  const replicas = series(r, (row) => row.replicas['wordpress']!.ready);
  assert.is(Math.max(...nodes), 3);
  assert.is(Math.max(...replicas), 3);
  assert.is(nodes.at(-1), 1);
  assert.is(replicas.at(-1), 1);
  const service = r.metrics.find((m) => m.name.startsWith('service_overloaded'))!;
  assert.ok(Math.max(...r.rows.map((row) => row.metrics[service.name] ?? 0)) > 100, 'the metric goes past the threshold: byte rates are not capped at 100');
});

sim('cqueue: the deadline counts down on the clock and workers grow with the queue and the time left', async () => {
  const r = await run('cqueue/cqueue_ec2.yaml');
  assert.is(r.startMs, (1530270216 - 3060) * 1000, 'the clock starts so DEADLINE falls at 85 % of the hour');
  const left = series(r, (row) => row.metrics['REMAININGTIME']!);
  assert.is(left[0], 3060);
  assert.is(left.at(-1), -540);
  const workers = series(r, (row) => row.replicas['cqueue-worker']!.desired);
  assert.is(workers[0], 1);
  const before = (t: number) => workers[t / 15]!;
  assert.ok(before(1800) > before(0), 'more workers for a longer queue');
  assert.ok(before(3045) > before(2700), 'more workers as the deadline nears on the same queue');
  assert.is(workers.at(-1), 10, 'MAXCONTAINERS once the deadline has passed');
  assert.is(Math.max(...series(r, (row) => row.nodes['worker-node']!.ready)), 2, 'a second node for more than five containers');
  assert.is(series(r, (row) => row.replicas['cqueue-worker']!.ready).at(-1), 10, 'pods without requests are not limited per node');
});

sim('a trace: missing samples reach the rule as None; a stray column is refused with a suggestion', async () => {
  const planDir = await compileDemo('cqueue/cqueue_ec2.yaml');
  const trace = parseTrace('time,ITEMS\n0,40\n300,\n600,40\n', false);
  if (!trace.ok) throw new Error(trace.message);
  const result = await simulate({ planDir, stateDir: await stateDir(), load: { trace: trace.load }, durationS: 900 });
  if (!result.ok) throw new Error(result.errors.join('\n'));
  const errorsAt = result.rows.filter((row) => row.ruleErrors.some((e) => e.includes("'>' not supported between instances of 'NoneType' and 'int'"))).map((row) => row.t);
  assert.ok(errorsAt.length > 0 && errorsAt.every((t) => t >= 300 && t < 600), `the rule compares ITEMS > 0 and fails on None: ${errorsAt}`);
  assert.is(result.rows.find((row) => row.t === 300)!.metrics['ITEMS'], null);
  const stray = parseTrace('time,ITEMZ\n0,1\n', false);
  if (!stray.ok) throw new Error(stray.message);
  const refused = await simulate({ planDir, stateDir: await stateDir(), load: { trace: stray.load }, durationS: 60 });
  assert.ok(!refused.ok && /column ITEMZ names no query or alert of the plan \(did you mean ITEMS\?\)/.test(refused.errors[0]!), JSON.stringify(refused));
  const unknown = await simulate({ planDir, stateDir: await stateDir(), load: { profile: 'ramp' }, durationS: 60, overrides: new Map([['ITEM', { kind: 'queue' }]]) });
  assert.ok(!unknown.ok && /--metric ITEM: the plan has no query ITEM \(did you mean ITEMS\?\)/.test(unknown.errors[0]!));
});

sim.run();
