import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseTrace, profileLoad } from '../runtime/src/simulate/load.js';
import { simulate } from '../runtime/src/simulate/simulate.js';
import type { TimelineRow } from '../runtime/src/simulate/simulate.js';
import { durationMs, metricKind } from '../runtime/src/simulate/world.js';
import { compileDemo } from './harness/demo-plans.js';

const sim = suite('simulator');

const stateDir = () => mkdtemp(join(tmpdir(), 'adtc-sim-'));

/** Where a series rises to its maximum and falls back: [first index at max, last index at max]. */
function peakSpan(values: readonly number[]): [number, number] {
  const max = Math.max(...values);
  return [values.indexOf(max), values.lastIndexOf(max)];
}

sim('model pieces: metric kinds, durations, profiles, traces', () => {
  assert.is(metricKind('avg(rate(container_cpu_usage_seconds_total{instance=~"w.*", id="/"}[60s]))*100'), 'node-cpu');
  assert.is(metricKind('avg(rate(container_cpu_usage_seconds_total{pod=~"web.*"}[60s]))*100'), 'pod-cpu');
  assert.is(metricKind('avg(rate(nginx_connections_accepted[60s]))'), 'per-pod');
  assert.is(metricKind('time()'), 'time');
  assert.is(durationMs('1m30s'), 90_000);
  const ramp = profileLoad('ramp', 100, 200);
  assert.is(ramp.demand(0), 10);
  assert.is(ramp.demand(50), 200);
  assert.is(ramp.demand(100), 10);
  const trace = parseTrace('time,load,high\n0,5,0\n60,50,1\n', false);
  assert.ok(trace.ok);
  if (trace.ok) {
    assert.is(trace.load.demand(30), 5);
    assert.is(trace.load.column('high', 90), 1);
    assert.is(trace.durationS, 60);
  }
  assert.is(parseTrace('[{"t":0,"load":1},{"t":10,"load":"x"}]', true).ok, false);
  assert.is(parseTrace('load,time\n1,2\n', false).ok, false);
});

sim('stressng under a load ramp: nodes then replicas scale up, hold at the bounds, and scale back down', async () => {
  const result = await simulate({ planDir: await compileDemo('stressng/stressng_ec2.yaml'), stateDir: await stateDir(), load: profileLoad('ramp', 3600, 250), durationS: 3600 });
  if (!result.ok) throw new Error(result.errors.join('\n'));
  const nodes = result.rows.map((r: TimelineRow) => r.nodes['worker-node']!.ready);
  const replicas = result.rows.map((r: TimelineRow) => r.replicas['stressng']!.ready);
  assert.is(result.rows.length, 241, 'one cycle every 15 s for an hour');
  assert.is(nodes[0], 1);
  assert.is(Math.max(...nodes), 3, 'up to max_instances and no further');
  assert.is(Math.max(...replicas), 3);
  assert.is(nodes.at(-1), 1, 'back to the minimum after the load is gone');
  assert.is(replicas.at(-1), 1);
  const [nodeUp, nodeDown] = peakSpan(nodes);
  const firstOf = (prefix: string) => result.rows.findIndex((r) => r.outcomes.some((o) => o.summary.startsWith(prefix)));
  assert.ok(firstOf('scale worker-node') < firstOf('scale Deployment/stressng'), 'the container rule waits for nodes (m_node_count > m_container_count)');
  assert.ok(nodeUp < 120 && nodeDown > 120, 'at the peak while the load is high');
  // Counts change one step at a time, and a node joins only after its boot delay.
  for (let i = 1; i < nodes.length; i++) assert.ok(Math.abs(nodes[i]! - nodes[i - 1]!) <= 1);
  const firstScale = firstOf('scale worker-node');
  assert.is(result.rows[firstScale + 1]!.nodes['worker-node']!.ready, 1, 'booting');
  assert.match(result.svg, /^<svg xmlns/);
  assert.match(result.svg, /nodes worker-node/);
  assert.match(result.svg, /replicas stressng/);
  assert.match(result.svg, /node_overloaded \/ node_underloaded/);
});

sim('nginx under a load ramp with four pods per node: replicas follow requests per container both ways', async () => {
  const result = await simulate({ planDir: await compileDemo('nginx/nginx_ec2.yaml'), stateDir: await stateDir(), load: profileLoad('ramp', 5400, 40), durationS: 5400, podsPerNode: 4 });
  if (!result.ok) throw new Error(result.errors.join('\n'));
  const replicas = result.rows.map((r) => r.replicas['nginxapp']!.desired);
  const nodes = result.rows.map((r) => r.nodes['worker-node']!.ready);
  assert.is(Math.max(...replicas), 8, 'MAXCONTAINERS');
  assert.is(Math.max(...nodes), 2);
  assert.ok(replicas.at(-1)! < 8, 'containers come down when requests fall');
});

sim.run();
