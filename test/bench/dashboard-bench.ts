/**
 * Benchmark of the dashboard's app page on a long decision log (not a test): an app with two policies whose loop
 * has run for weeks at a 15 s period, its log at the rotation size (10 MB) with a rotated file beside it. Times
 * reading the history (the bounded tail, the 6-hour window, the thinning) and rendering the page, and prints the
 * page's size, for the README.
 */
import { appendFile, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { renderAppPage } from '../../runtime/src/serve/dashboard-app.js';
import { decisionHistory, HISTORY_LIMITS } from '../../runtime/src/serve/decision-history.js';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const stateDir = await mkdtemp(join(tmpdir(), 'adtc-dashboard-bench-'));
const appDir = join(stateDir, 'web');
await mkdir(appDir);

const now = Date.now();
const PERIOD = 15_000;
/** One cycle's records: a VM policy and a container policy, with inputs and printed text as real rules leave them. */
function cycle(k: number, at: number): string {
  const cpu = 50 + 40 * Math.sin(k / 40);
  const replicas = 1 + Math.floor((cpu + 40) / 30);
  const nodes = [{ ID: 'node-1', Addr: '10.0.0.1' }, { ID: 'node-2', Addr: '10.0.0.2' }];
  const records = [
    { ts: new Date(at).toISOString(), type: 'decision', cycle: k, policy: 'worker-node', kind: 'vm', inputs: { m_nodes: nodes, m_node_count: 2, m_nodes_todrop: [], m_time_since_node_count_changed: 600, NODE_CPU: cpu, m_userdata: null }, outputs: { m_node_count: 2 }, action: 'no change', printed: `cpu ${cpu.toFixed(1)}`, ms: 3 },
    { ts: new Date(at).toISOString(), type: 'decision', cycle: k, policy: 'web', kind: 'container', inputs: { m_nodes: nodes, m_node_count: 2, m_container_count: replicas, CPU: cpu, LATENCY: cpu / 100, m_userdata: null }, outputs: { m_container_count: replicas + (k % 7 === 0 ? 1 : 0) }, action: k % 7 === 0 ? `scale Deployment/web ${replicas} → ${replicas + 1}` : 'no change', ms: 4 },
  ];
  return records.map((r) => `${JSON.stringify(r)}\n`).join('');
}

// The rotated file and the current one, each about 10 MB (the log's rotation size), the last cycle now. A
// timestamp's text has a fixed length, so the cycles that fit are counted first.
const FILE_BYTES = 10 * 1024 * 1024;
let cycles = 0;
for (let size = 0; size < 2 * FILE_BYTES; cycles++) size += Buffer.byteLength(cycle(cycles, now));
let k = 0;
for (const file of ['decisions.jsonl.1', 'decisions.jsonl']) {
  const parts: string[] = [];
  for (let size = 0; size < FILE_BYTES && k < cycles; k++) {
    const text = cycle(k, now - (cycles - 1 - k) * PERIOD);
    parts.push(text);
    size += Buffer.byteLength(text);
  }
  await appendFile(join(appDir, file), parts.join(''));
}

const read: number[] = [];
const render: number[] = [];
let bytes = 0;
let points = 0;
let total = 0;
for (let i = 0; i < 7; i++) {
  let t = performance.now();
  const histories = await decisionHistory(stateDir, 'web', now);
  read.push(performance.now() - t);
  t = performance.now();
  const html = renderAppPage({ id: 'web', phase: 'deployed', histories });
  render.push(performance.now() - t);
  bytes = Buffer.byteLength(html);
  points = histories.reduce((n, h) => n + h.points.length, 0);
  total = histories.reduce((n, h) => n + h.total, 0);
}
console.log(`dashboard app page, a 2 × 10 MB decision log of ${k} cycles × 2 policies (tail read: ${HISTORY_LIMITS.maxBytes / 1024 / 1024} MB, window ${HISTORY_LIMITS.windowMs / 3600_000} h, at most ${HISTORY_LIMITS.maxPoints} points a policy)`);
console.log(`  history read  median ${median(read).toFixed(1)} ms (min ${Math.min(...read).toFixed(1)}, max ${Math.max(...read).toFixed(1)})`);
console.log(`  page render   median ${median(render).toFixed(1)} ms (min ${Math.min(...render).toFixed(1)}, max ${Math.max(...render).toFixed(1)})`);
console.log(`  page          ${(bytes / 1024).toFixed(0)} KiB, ${points} points drawn of ${total} evaluations in the window`);
await rm(stateDir, { recursive: true, force: true });
