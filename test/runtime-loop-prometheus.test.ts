import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openLoop } from '../runtime/src/loop/open-loop.js';
import { RuleRunner } from '../runtime/src/loop/rule-runner.js';
import type { ScalingLoop } from '../runtime/src/loop/scaling-loop.js';
import { PrometheusClient } from '../runtime/src/prometheus/client.js';
import { writeAlertRules, writeScrapeTargets } from '../runtime/src/prometheus/config-files.js';
import { EnvironmentDouble, planDir } from './doubles/loop-environment.js';
import { startPrometheus, TestExporter } from './harness/prometheus.js';
import type { PrometheusHarness } from './harness/prometheus.js';

const live = suite('scaling loop against a real Prometheus');
let prometheus: PrometheusHarness | undefined;
let exporter: TestExporter | undefined;
let runner: RuleRunner;

live.before(async () => {
  prometheus = await startPrometheus();
  exporter = await TestExporter.start();
  runner = new RuleRunner({ timeoutMs: 5_000 });
});
live.after(async () => {
  await runner.close();
  await exporter?.close();
  await prometheus?.stop();
});

/** Runs cycles until the workload reaches `replicas` (Prometheus scrapes every second). */
async function cycleUntil(loop: ScalingLoop, env: EnvironmentDouble, replicas: number, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while ((env.replicas.get('web') ?? 1) !== replicas) {
    if (Date.now() > deadline) throw new Error(`replicas stayed ${env.replicas.get('web') ?? 1}, wanted ${replicas}`);
    await loop.cycle();
    // The loop's clock moves a period per cycle, so scale-downs pass the stabilisation window as in a real run.
    env.clock += 15_000;
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
}

live('raising the metric scales up to the bound, lowering it scales down, a stopped Prometheus scales nothing; alert rules appear after reload', async () => {
  const h = prometheus!;
  const client = new PrometheusClient({ url: h.url, timeoutMs: 10_000 });
  exporter!.set('app_load', 1);
  await writeScrapeTargets(h.targetsDir, 'loopapp', [exporter!.target]);
  await writeAlertRules(h.rulesDir, 'loopapp', [{ alert: 'web_busy', expr: 'sum(app_load) > 10' }]);
  assert.ok((await client.reload()).ok);
  const { dir } = await planDir('loopapp', [{ name: 'web', kind: 'container', rule: 'threshold.js', min: 1, max: 3, queries: { LOAD: 'sum(app_load)' }, alerts: ['web_busy'] }]);
  // The doubles stand in for Kubernetes only: metrics and alerts come from the real Prometheus.
  const env = new EnvironmentDouble();
  Object.defineProperty(env, 'metrics', { value: client });
  const opened = await openLoop({ planDir: dir, stateDir: await mkdtemp(join(tmpdir(), 'adtc-state-')), env, runner });
  if (!opened.ok) throw new Error(opened.errors.join());
  const loop = opened.loop;

  exporter!.set('app_load', 50);
  await cycleUntil(loop, env, 3);
  await loop.cycle();
  assert.equal(env.scaleCalls, ['Deployment/web 2', 'Deployment/web 3'], 'bounded at max 3');
  // Prometheus evaluates rules on its own interval: poll until the alert fires rather than expecting it at once.
  let firing = false;
  for (const deadline = Date.now() + 120_000; !firing && Date.now() < deadline; await new Promise((r) => setTimeout(r, 250))) {
    const alerts = await client.firingAlerts();
    firing = alerts.ok && alerts.value!.some((a) => a.name === 'web_busy');
  }
  assert.ok(firing, 'the rule written by the runtime fires after the reload');

  exporter!.set('app_load', 1);
  await cycleUntil(loop, env, 1);
  assert.equal(env.scaleCalls.slice(2), ['Deployment/web 2', 'Deployment/web 1']);

  await h.stop();
  prometheus = undefined;
  exporter!.set('app_load', 50);
  const report = await loop.cycle();
  assert.match(report.outcomes[0]!.summary, /^skipped: metrics unavailable/);
  assert.is(env.scaleCalls.length, 4, 'no scaling without Prometheus');
});

live.run();
