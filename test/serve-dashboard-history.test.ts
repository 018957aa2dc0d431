/**
 * The dashboard's reading of a decision log for its charts (runtime/src/serve/decision-history.ts): the points
 * of each policy in the window, across a rotated file, past a torn line; the counts and decisions; the last rule
 * error with its ADT line, even older than the window; and the bound on points, which keeps every decision.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decisionHistory } from '../runtime/src/serve/decision-history.js';

const NOW = Date.parse('2026-12-03T12:00:00.000Z');
const at = (minutesAgo: number) => new Date(NOW - minutesAgo * 60_000).toISOString();
const line = (record: Record<string, unknown>) => `${JSON.stringify(record)}\n`;

async function logOf(files: Record<string, string>): Promise<string> {
  const stateDir = await mkdtemp(join(tmpdir(), 'adtc-history-'));
  await mkdir(join(stateDir, 'web'));
  for (const [name, text] of Object.entries(files)) await writeFile(join(stateDir, 'web', name), text);
  return stateDir;
}

test('points in the window from the current and the rotated file, counts and marks, the last error with its ADT line', async () => {
  const stateDir = await logOf({
    'decisions.jsonl.1': [
      line({ ts: at(500), type: 'decision', policy: 'web', kind: 'container', inputs: { m_container_count: 1, LOAD: 5 }, action: 'no change', error: "NameError: name 'x' is not defined (ADT line 31)" }),
      line({ ts: at(30), type: 'decision', policy: 'web', kind: 'container', inputs: { m_container_count: 1, LOAD: 80, m_nodes: [] }, action: 'scale Deployment/web 1 → 2' }),
    ].join(''),
    'decisions.jsonl': [
      '{"ts":"2026-12-03T11:40:00.000Z","type":"decision","pol\n',
      line({ ts: at(20), type: 'event', event: 'cycle-start' }),
      line({ ts: at(20), type: 'decision', policy: 'workers', kind: 'vm', inputs: { m_node_count: 3, CPU: 10 }, action: 'held: scale-down 3 → 2 waits 100 s more' }),
      line({ ts: at(10), type: 'decision', policy: 'web', kind: 'container', inputs: { m_container_count: 2, LOAD: 'NaN' }, action: 'scale Deployment/web 2 → 1' }),
      line({ ts: at(5), type: 'decision', policy: 'web', kind: 'container', action: 'skipped: metrics unavailable, no decision (LOAD)' }),
    ].join(''),
  });
  try {
    const histories = await decisionHistory(stateDir, 'web', NOW);
    assert.equal(histories.map((h) => [h.policy, h.kind, h.total]), [['web', 'container', 3], ['workers', 'vm', 1]]);
    const [web, workers] = histories;
    assert.equal(web!.points.map((p) => [p.values, p.before, p.after, p.mark]), [
      [{ LOAD: 80 }, 1, 2, 'up'],
      [{}, 2, 1, 'down'],
      [{}, undefined, undefined, 'skipped'],
    ]);
    // The error is 8 hours old, before the window, and still the policy's last.
    assert.equal(web!.lastError, { t: NOW - 500 * 60_000, message: "NameError: name 'x' is not defined", line: 31 });
    assert.equal(workers!.points.map((p) => [p.values, p.before, p.after, p.mark]), [[{ CPU: 10 }, 3, 3, 'held']]);
    assert.is(workers!.lastError, undefined);
  } finally {
    await rm(stateDir, { recursive: true, force: true });
  }
});

test('a long log: the points are bounded, every decision is kept, and only the tail is read', async () => {
  const records: string[] = [];
  for (let k = 0; k < 3000; k++) {
    const count = 1 + (k % 100 === 0 ? 1 : 0);
    records.push(line({ ts: new Date(NOW - (3000 - k) * 5_000).toISOString(), type: 'decision', policy: 'web', kind: 'container', inputs: { m_container_count: 1, LOAD: k }, action: count > 1 ? 'scale Deployment/web 1 → 2' : 'no change' }));
  }
  const stateDir = await logOf({ 'decisions.jsonl': records.join('') });
  try {
    const [web] = await decisionHistory(stateDir, 'web', NOW, { maxBytes: 1024 * 1024, windowMs: 6 * 3600_000, maxPoints: 100 });
    assert.is(web!.total, 3000);
    assert.is(web!.points.length, 100);
    assert.is(web!.points.filter((p) => p.mark === 'up').length, 30);
    assert.is(web!.points[web!.points.length - 1]!.values['LOAD'], 2999, 'the newest point is kept');
    assert.ok(web!.points.every((p, i) => i === 0 || p.t > web!.points[i - 1]!.t), 'in time order');
    // A 20 kB budget reads only the newest records.
    const [tail] = await decisionHistory(stateDir, 'web', NOW, { maxBytes: 20_000, windowMs: 6 * 3600_000, maxPoints: 1000 });
    assert.ok(tail!.total < 200 && tail!.total > 50, `${tail!.total} records read`);
    assert.is(tail!.points[tail!.points.length - 1]!.values['LOAD'], 2999);
  } finally {
    await rm(stateDir, { recursive: true, force: true });
  }
});

test.run();
