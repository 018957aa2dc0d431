import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../compiler/src/cli/adtc.js';
import { corpusRoot } from './harness/paths.js';

/** The stressng demo on EC2, compiled by `adtc simulate` itself (it accepts an ADT). */
const stressng = join(corpusRoot, 'micado-scale+ansible-micado/demos/stressng/stressng_ec2.yaml');

async function adtc(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(args, { cwd: process.cwd(), isTerminal: false, stdout: (t) => void (out += t), stderr: (t) => void (err += t) });
  return { code, out, err };
}

test('adtc simulate prints the timeline of the scaling actions and writes the chart', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'adtc-cli-'));
  const svg = join(dir, 'chart.svg');
  const r = await adtc(['simulate', stressng, '--load', 'ramp', '--svg', svg, '--state-dir', dir]);
  assert.is(r.code, 0, r.err);
  assert.match(r.out, /scale worker-node 1 → 2/);
  assert.match(r.out, /scale Deployment\/stressng 1 → 2/);
  assert.match(r.out, /241 cycles simulated/);
  assert.match(await readFile(svg, 'utf8'), /<svg/);
  assert.ok((await readFile(join(dir, 'stressng-ec2', 'decisions.jsonl'), 'utf8')).includes('"type":"decision"'));
});

test('adtc simulate and run refuse bad arguments with usage', async () => {
  assert.is((await adtc(['simulate', stressng])).code, 2);
  assert.is((await adtc(['simulate', stressng, '--load', 'zigzag'])).code, 2);
  assert.is((await adtc(['run', '--period', '-1', 'x'])).code, 2);
  assert.is((await adtc(['run', '--all', 'x'])).code, 2, 'no target with --all');
  assert.is((await adtc(['run', 'x', '--log-format', 'xml'])).code, 2);
  const unknown = await adtc(['status', 'nobody', '--state-dir', join(tmpdir(), 'adtc-no-such-state')]);
  assert.is(unknown.code, 1, 'status of an unknown app fails');
  assert.match(unknown.err, /app nobody: unknown/);
  const r = await adtc(['run', join(tmpdir(), 'no-such-plan'), '--once']);
  assert.is(r.code, 2);
  assert.match(r.err, /cannot read/);
});

test.run();
