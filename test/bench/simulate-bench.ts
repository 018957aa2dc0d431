/**
 * Benchmark of `adtc simulate` (not a test): one simulated hour (241 cycles) of each demo family in one
 * process, from a compiled plan, and the chart's rendering as SVG and as PNG. Prints a table for the README.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { svgToPng } from '../../runtime/src/simulate/png.js';
import { simulate } from '../../runtime/src/simulate/simulate.js';
import { renderChart } from '../../runtime/src/simulate/svg-chart.js';
import { compileDemo } from '../harness/demo-plans.js';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

console.log('adtc simulate (one simulated hour, ramp load)');
for (const demo of ['stressng/stressng_ec2.yaml', 'nginx/nginx_ec2.yaml', 'wordpress/wordpress_ec2.yaml', 'cqueue/cqueue_ec2.yaml']) {
  const planDir = await compileDemo(demo);
  const times: number[] = [];
  let svg = '';
  for (let i = 0; i < 3; i++) {
    const t = performance.now();
    const result = await simulate({ planDir, stateDir: await mkdtemp(join(tmpdir(), 'adtc-sim-bench-')), load: { profile: 'ramp' }, durationS: 3600 });
    times.push(performance.now() - t);
    if (!result.ok) throw new Error(result.errors.join('\n'));
    svg = renderChart(demo, [{ run: result }]);
  }
  const t = performance.now();
  await svgToPng(svg);
  console.log(`  ${demo.padEnd(32)} simulate median ${median(times).toFixed(0).padStart(5)} ms   PNG ${(performance.now() - t).toFixed(0)} ms`);
}
