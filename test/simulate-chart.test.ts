import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Resvg } from '@resvg/resvg-js';
import { svgToPng } from '../runtime/src/simulate/png.js';
import { htmlReport, timelineText } from '../runtime/src/simulate/report.js';
import { simulate } from '../runtime/src/simulate/simulate.js';
import type { SimulationRun } from '../runtime/src/simulate/simulate.js';
import { CHART_WIDTH, renderChart, ticks } from '../runtime/src/simulate/svg-chart.js';
import { compileDemo } from './harness/demo-plans.js';
import { repoRoot } from './harness/paths.js';

const chart = suite('simulation chart');

let stressng: SimulationRun;

chart.before(async () => {
  const result = await simulate({ planDir: await compileDemo('stressng/stressng_ec2.yaml'), stateDir: await mkdtemp(join(tmpdir(), 'adtc-chart-')), load: { profile: 'ramp' }, durationS: 3600 });
  if (!result.ok) throw new Error(result.errors.join('\n'));
  stressng = result;
});

/** The attributes of every element with this class, in document order. */
function elements(svg: string, cls: string): Record<string, string>[] {
  return [...svg.matchAll(new RegExp(`<\\w+ class="${cls}"([^>]*)>`, 'g'))].map((m) => Object.fromEntries([...m[1]!.matchAll(/([\w-]+)="([^"]*)"/g)].map((a) => [a[1]!, a[2]!])));
}

/** Measured with the real font (the background left out): nothing drawn reaches past the image's edges. */
function assertInside(svg: string): void {
  const font = { loadSystemFonts: false, fontFiles: [join(repoRoot, 'node_modules/dejavu-fonts-ttf/ttf/DejaVuSans.ttf')], defaultFontFamily: 'DejaVu Sans' };
  const box = new Resvg(svg.replace('<rect width="100%" height="100%" fill="white"/>', ''), { font }).getBBox()!;
  assert.ok(box.x >= 0 && box.x + box.width <= CHART_WIDTH, `drawn from ${box.x} to ${box.x + box.width}`);
}

const actions = (run: SimulationRun) => run.rows.flatMap((row) => row.outcomes.filter((o) => /^(scale|drop) /.test(o.summary) && o.before !== o.after));

chart('axis ticks are round, and whole numbers on count axes', () => {
  assert.equal(ticks(3, true), [0, 1, 2, 3]);
  assert.equal(ticks(8, true), [0, 2, 4, 6, 8]);
  assert.equal(ticks(2.5, true), [0, 1, 2, 3]);
  assert.equal(ticks(87, false), [0, 20, 40, 60, 80, 100]);
  assert.equal(ticks(3060, false, -540), [-1000, 0, 1000, 2000, 3000, 4000], 'a countdown past its deadline goes below 0');
});

chart('the chart: integer count ticks, legends inside the image, one marker per action, the thresholds', () => {
  const svg = renderChart('stressng-ec2', [{ run: stressng }]);
  const panels = svg.split('<g class="panel"').slice(1);
  assert.is(panels.length, 4, 'counts, two alert metrics, load');
  const countTicks = elements(panels[0]!, 'tick-y').map((t) => Number(t['data-value']));
  assert.equal(countTicks, [0, 1, 2, 3]);
  const markers = elements(svg, 'marker');
  assert.is(markers.length, actions(stressng).length);
  assert.is(markers.length, 8, 'nodes 1→2→3→2→1 and pods the same');
  for (const item of elements(svg, 'legend-item')) assert.ok(Number(item['data-x']) + Number(item['data-width']) <= CHART_WIDTH, `legend item at ${item['data-x']}`);
  assertInside(svg);
  assert.equal(
    elements(svg, 'threshold').map((t) => Number(t['data-value'])),
    [25, 60, 25, 60],
  );
  const names = elements(svg, 'series').map((s) => s['data-name']);
  assert.equal(names.slice(0, 4), ['nodes worker-node ready', 'nodes worker-node requested', 'pods stressng ready', 'pods stressng desired']);
  const styles = elements(svg, 'series').slice(0, 4).map((s) => `${s['stroke']} ${s['stroke-width']} ${s['stroke-dasharray'] ?? 'solid'}`);
  assert.is(new Set(styles).size, 4, 'nodes and pods, ready and desired, all drawn differently');
});

chart('names too long for a line are cut, not drawn past the edge', () => {
  const long = { ...stressng, metrics: stressng.metrics.map((m) => ({ ...m, name: `${m.name} `.repeat(8) })) };
  const svg = renderChart('stressng-ec2 '.repeat(12), [{ run: long }]);
  assertInside(svg);
  assert.match(svg, /…<\/text>/);
});

chart('PNG: rasterised at twice the size with the bundled font', async () => {
  const png = await svgToPng(renderChart('stressng-ec2', [{ run: stressng }]));
  assert.equal([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  assert.is(png.readUInt32BE(16), 2 * CHART_WIDTH);
});

chart('two runs on the same axes, and the reports', () => {
  const svg = renderChart('a vs b', [
    { run: stressng, label: 'a' },
    { run: stressng, label: 'b' },
  ]);
  const names = elements(svg, 'series').map((s) => s['data-name']!);
  assert.ok(names.includes('a: nodes worker-node ready') && names.includes('b: nodes worker-node ready'));
  assert.is(elements(svg, 'marker').length, 2 * actions(stressng).length);
  const text = timelineText([{ run: stressng, label: 'stressng-ec2' }]);
  assert.match(text, /\n +\d+ +[\d.]+ +1\/2 +1\/1  scale worker-node 1 → 2\n/);
  const html = htmlReport('stressng-ec2', svg, [{ run: stressng, label: 'stressng-ec2' }]);
  assert.match(html, /^<!doctype html>/);
  assert.is((html.match(/<tr>/g) ?? []).length, 1 + 2 + actions(stressng).length, 'header, first and last cycle, one row per action');
  assert.match(html, /<svg xmlns/);
});

chart.run();
