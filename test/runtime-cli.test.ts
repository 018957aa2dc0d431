import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { adtcInProcess as adtc } from './harness/adtc-process.js';
import { corpusRoot } from './harness/paths.js';

/** The stressng demo on EC2, compiled by `adtc simulate` itself (it accepts an ADT). */
const stressng = join(corpusRoot, 'micado-scale+ansible-micado/demos/stressng/stressng_ec2.yaml');

test('adtc simulate prints only the scale actions and the chart, and leaves no folder behind', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'adtc-cli-'));
  const temp = await mkdtemp(join(tmpdir(), 'adtc-cli-tmp-'));
  const saved = process.env['TMPDIR'];
  process.env['TMPDIR'] = temp;
  try {
    const r = await adtc(['simulate', stressng, '--load', 'ramp', '--out', join(dir, 'chart.svg')]);
    assert.is(r.code, 0, r.err);
    assert.match(r.out, /scale worker-node 1 → 2/);
    assert.match(r.out, /scale Deployment\/stressng 1 → 2/);
    assert.match(r.out, /241 cycles of 15 s simulated; chart: .*chart\.svg/);
    assert.not.match(r.out + r.err, /Wrote|warning|note:/, 'the compiler\'s report and the assumptions stay out of the way');
    assert.match(await readFile(join(dir, 'chart.svg'), 'utf8'), /<svg/);
    assert.equal(await readdir(temp), [], 'the temporary state is removed');
  } finally {
    if (saved === undefined) delete process.env['TMPDIR'];
    else process.env['TMPDIR'] = saved;
  }
});

test('adtc simulate --vs draws two versions on one load; --state-dir keeps the decision logs; --format html', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'adtc-cli-'));
  const tuned = join(dir, 'stressng_tuned.yaml');
  await writeFile(tuned, (await readFile(stressng, 'utf8')).replace("NODE_TH_MAX: '60'", "NODE_TH_MAX: '90'"));
  const report = join(dir, 'report.html');
  const r = await adtc(['simulate', stressng, '--vs', tuned, '--load', 'ramp', '--duration', '1800', '-o', report, '--state-dir', join(dir, 'state')]);
  assert.is(r.code, 0, r.err);
  assert.match(r.out, /== stressng_ec2 ==[^]*== stressng_tuned ==/);
  const html = await readFile(report, 'utf8');
  assert.match(html, /stressng_ec2: nodes worker-node ready/);
  assert.match(html, /stressng_tuned: node_overloaded 90/, 'the tuned threshold is drawn');
  assert.match(html, /<table>/);
  assert.ok((await readFile(join(dir, 'state', 'vs', 'stressng-tuned', 'decisions.jsonl'), 'utf8')).includes('"type":"decision"'));
});

test('adtc simulate checks every option before compiling anything', async () => {
  const cases: [string[], RegExp][] = [
    [['--load', 'wave'], /--load 'wave' is not a profile; choose ramp, spike, sine, step/],
    [['--load', 'ramp', '--metric', 'ITEMS'], /--metric 'ITEMS' is not NAME=VALUE/],
    [['--load', 'ramp', '--metric', 'ITEMS=wave'], /--metric ITEMS=wave: the value is a number or one of cpu, memory/],
    [['--load', 'ramp', '--format', 'gif'], /--format 'gif' is not one of svg, png, html/],
    [['--load', 'ramp', '-o', 'x.png', '--format', 'svg'], /ends in \.png but --format is svg/],
    [['--load', 'ramp', '--pods-per-node', '2.5'], /--pods-per-node needs a whole number/],
    [['--load', 'ramp', '--peak', '10', '--base', '20'], /--base 20 is above --peak 10/],
    [['--load', 'ramp', '--start', 'yesterday'], /--start 'yesterday' is neither an ISO 8601 time/],
    [['--load', 'ramp', '--vs', 'no-such.yaml'], /--vs no-such.yaml does not exist/],
    [['--trace', 'no-such.csv'], /--trace no-such.csv does not exist/],
    [['--load', 'ramp', '--trace', stressng], /give either --load <profile> or --trace <file>/],
  ];
  for (const [args, message] of cases) {
    const r = await adtc(['simulate', stressng, ...args]);
    assert.is(r.code, 2, args.join(' '));
    assert.match(r.err, message);
    assert.not.match(r.out + r.err, /Wrote|cycles/, 'nothing ran');
  }
  const dir = await mkdtemp(join(tmpdir(), 'adtc-cli-'));
  const trace = join(dir, 'trace.csv');
  await writeFile(trace, 'time,load\n0,5\n60,x\n');
  const bad = await adtc(['simulate', stressng, '--trace', trace]);
  assert.is(bad.code, 2);
  assert.match(bad.err, /line 3, column load: 'x' is not a number/);
});

test('adtc simulate and run refuse bad arguments with usage', async () => {
  assert.is((await adtc(['simulate', stressng])).code, 2);
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
