import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openLoop } from '../runtime/src/loop/open-loop.js';
import { keptKnowledge } from '../runtime/src/loop/optimiser-inputs.js';
import { RuleRunner } from '../runtime/src/loop/rule-runner.js';
import type { ScalingLoop } from '../runtime/src/loop/scaling-loop.js';
import { addSample, advise, freshKnowledge } from '../runtime/src/optimiser/optimiser.js';
import type { Knowledge } from '../runtime/src/optimiser/optimiser.js';
import { declaresOptimiser, optimiserConfigOf } from '../runtime/src/optimiser/optimiser-config.js';
import type { OptimiserConfig } from '../runtime/src/optimiser/optimiser-config.js';
import type { ScalingPolicy } from '../runtime/src/plan/plan-types.js';
import { fileSystemHost } from '../compiler/src/host.js';
import { compile } from '../compiler/src/plan/compile.js';
import { createRuleCompiler, planRuleCompiler } from '../compiler/src/rule/index.js';
import { EnvironmentDouble, NodeSetDriverDouble, planDir } from './doubles/loop-environment.js';
import { fixturesRoot } from './harness/paths.js';

const optimiser = suite('built-in optimiser');

/** A VM policy declaring the optimiser the MiCADO way. */
function policy(constants: Record<string, number | string>): ScalingPolicy {
  return {
    name: 'workers',
    target: 'workers',
    kind: 'vm',
    hosts: [],
    bounds: { min: 1, max: 10 },
    stage: 'started',
    priority: 100,
    constants: { m_opt_target_minth_CPU: 30, m_opt_target_maxth_CPU: 70, ...constants },
    queries: { m_opt_input_RR: { expr: 'sum(rate(requests[1m]))' }, m_opt_target_query_CPU: { expr: 'avg(cpu)' } },
    alerts: [],
    order: 0,
    rule: {},
  };
}

function configOf(constants: Record<string, number | string> = {}): OptimiserConfig {
  const read = optimiserConfigOf(policy(constants), { min: 1, max: 10 });
  if (!read.ok) throw new Error(read.message);
  return read.config;
}

/** The synthetic system: each node serves 50 requests/s at 100% CPU, so CPU% = 2·RR/nodes. */
const cpu = (rr: number, vms: number) => (2 * rr) / vms;

/** A deterministic spread of loads and node counts, as a loop that scales would see them. */
function train(config: OptimiserConfig, samples: number, noise = 0): Knowledge {
  let k = freshKnowledge(config);
  for (let i = 0; i < samples; i++) {
    const rr = 20 + ((i * 37) % 380);
    const vms = 1 + ((i * 7) % 10);
    const jitter = noise * Math.sin(i * 12.9898);
    k = addSample(k, config, { inputs: { m_opt_input_RR: rr }, targets: { CPU: cpu(rr, vms) + jitter }, vmNumber: vms, at: 1000 + 15 * i });
  }
  return k;
}

function observe(k: Knowledge, config: OptimiserConfig, rr: number, vms: number, at = 10_000): Knowledge {
  return addSample(k, config, { inputs: { m_opt_input_RR: rr }, targets: { CPU: cpu(rr, vms) }, vmNumber: vms, at });
}

optimiser('settings: MiCADO names and documented defaults; a missing threshold is reported', () => {
  const config = configOf();
  assert.equal(
    { ...config },
    {
      knowledgeBase: 'build_new',
      trainingSamplesRequired: 300,
      maxUpscaleDelta: 6,
      maxDownscaleDelta: 6,
      adviceFreezeInterval: 0,
      inputs: ['m_opt_input_RR'],
      targets: [{ name: 'CPU', query: 'm_opt_target_query_CPU', minThreshold: 30, maxThreshold: 70 }],
      minVm: 1,
      maxVm: 10,
    },
  );
  assert.ok(declaresOptimiser(policy({})));
  const broken = policy({});
  const read = optimiserConfigOf({ ...broken, constants: { m_opt_target_minth_CPU: 30 } }, { min: 1, max: 10 });
  assert.is(read.ok, false);
  if (!read.ok) assert.match(read.message, /m_opt_target_maxth_CPU/);
  assert.is(optimiserConfigOf(policy({ m_opt_init_max_upscale_delta: -1 }), { min: 1, max: 10 }).ok, false);
});

optimiser('training until training_samples_required complete samples, then production', () => {
  const config = configOf({ m_opt_init_training_samples_required: 40 });
  const early = advise(train(config, 39), config, 2000).advice;
  assert.is(early.valid, false);
  assert.is(early.phase, 'training');
  assert.match(early.error_msg, /39 of 40 samples/);
  // A sample missing its target teaches nothing and does not count.
  const partial = addSample(train(config, 39), config, { inputs: { m_opt_input_RR: 10 }, targets: { CPU: null }, vmNumber: 1, at: 2000 });
  assert.is(partial.samples, 39);
  const ready = advise(train(config, 40), config, 2000).advice;
  assert.is(ready.valid, true);
  assert.is(ready.phase, 'production');
  assert.is(ready.error_msg, '');
});

optimiser('above the max threshold it advises the fewest nodes predicted enough, never more than max_upscale_delta', () => {
  const config = configOf({ m_opt_init_training_samples_required: 50 });
  const k = observe(train(config, 60), config, 300, 3); // CPU 200%: 9 nodes give 66.7%
  const advice = advise(k, config, 20_000).advice;
  assert.equal({ ...advice, reliability: 0 }, { valid: true, phase: 'production', vm_number: 9, reliability: 0, error_msg: '' });
  assert.ok(advice.reliability >= 95, `an exact linear system is predicted reliably (${advice.reliability})`);
  const limited = configOf({ m_opt_init_training_samples_required: 50, m_opt_init_max_upscale_delta: 2 });
  assert.is(advise(observe(train(limited, 60), limited, 300, 3), limited, 20_000).advice.vm_number, 5);
  // The policy's max bounds the advice too.
  assert.is(advise(observe(k, config, 2000, 8), config, 20_000).advice.vm_number, 10);
});

optimiser('below the min threshold it advises fewer nodes, within max_downscale_delta; between thresholds it holds', () => {
  const config = configOf({ m_opt_init_training_samples_required: 50 });
  const k = train(config, 60);
  assert.is(advise(observe(k, config, 50, 8), config, 20_000).advice.vm_number, 2); // CPU 12.5%: 2 nodes give 50%
  const limited = configOf({ m_opt_init_training_samples_required: 50, m_opt_init_max_downscale_delta: 3 });
  assert.is(advise(observe(train(limited, 60), limited, 50, 8), limited, 20_000).advice.vm_number, 5);
  assert.is(advise(observe(k, config, 100, 4), config, 20_000).advice.vm_number, 4); // CPU 50%
});

optimiser('a production advice is held for advice_freeze_interval seconds', () => {
  const config = configOf({ m_opt_init_training_samples_required: 50, m_opt_init_advice_freeze_interval: 60 });
  const first = advise(observe(train(config, 60), config, 300, 3), config, 20_000);
  assert.is(first.advice.vm_number, 9);
  // The load falls, but within the freeze interval the advice stands.
  const held = advise(observe(first.knowledge, config, 50, 9), config, 20_059);
  assert.is(held.advice.vm_number, 9);
  const fresh = advise(observe(held.knowledge, config, 50, 9), config, 20_060);
  assert.is(fresh.advice.vm_number, 3, '2 nodes would do, but 6 is the largest step down');
});

optimiser('noise lowers the reliability score; the knowledge is plain JSON that survives a round trip', () => {
  const config = configOf({ m_opt_init_training_samples_required: 50 });
  const noisy = observe(train(config, 200, 200), config, 300, 3);
  const advice = advise(noisy, config, 20_000).advice;
  assert.ok(advice.reliability > 0 && advice.reliability < 90, `noisy samples score lower (${advice.reliability})`);
  const restored = JSON.parse(JSON.stringify(noisy)) as Knowledge;
  assert.equal(advise(restored, config, 20_000).advice, advice);
});

optimiser('a new plan keeps the knowledge only of policies asking m_opt_init_knowledge_base: use_existing', () => {
  const config = configOf();
  const knowledge = { workers: freshKnowledge(config), other: freshKnowledge(config) };
  const keep = policy({ m_opt_init_knowledge_base: 'use_existing' });
  const renew = { ...policy({}), name: 'other' };
  assert.equal(Object.keys(keptKnowledge([keep, renew], knowledge)), ['workers']);
});

optimiser.run();

const inLoop = suite('optimiser in the loop');
let runner: RuleRunner;

inLoop.before(() => {
  runner = new RuleRunner({ timeoutMs: 5_000 });
});
inLoop.after(async () => {
  await runner.close();
});

const OPT_CONSTANTS = { m_opt_init_training_samples_required: 7, m_opt_target_minth_CPU: 30, m_opt_target_maxth_CPU: 70 };
const OPT_QUERIES = { m_opt_input_RR: 'rr', m_opt_target_query_CPU: 'cpu' };

/** One cycle of the synthetic system: CPU% = 2·RR/nodes, measured on the nodes the driver has now. */
async function cycleAt(loop: ScalingLoop, env: EnvironmentDouble, driver: NodeSetDriverDouble, rr: number) {
  env.metrics.values.set('rr', rr);
  env.metrics.values.set('cpu', cpu(rr, driver.nodes.length));
  env.clock += 15_000;
  return (await loop.cycle()).outcomes[0]!;
}

/**
 * A plan whose VM policy runs the rule adtc compiles from test/fixtures/compile/rules/optimiser.yaml
 * (`adv = m_opt_advice()`, the advice when valid and reliable, thresholds meanwhile). The plan's queries
 * come from the test: compile() keeps only the queries a rule names, and the rule does not name m_opt_input_RR.
 */
async function compiledAdvicePlan(appId: string): Promise<string> {
  const compiled = compile(join(fixturesRoot, 'compile/rules/optimiser.yaml'), fileSystemHost, { compileRule: planRuleCompiler(await createRuleCompiler()) });
  const module = compiled.output?.files.get('policies/workers.js');
  if (!module) throw new Error(compiled.diagnostics.map((d) => d.message).join('\n'));
  const { dir, plan } = await planDir(appId, [{ name: 'workers', kind: 'vm', rule: 'optimiser-advice.js', min: 1, max: 10, queries: OPT_QUERIES, constants: OPT_CONSTANTS }]);
  const rule = { module: 'policies/workers.js', sha256: createHash('sha256').update(module).digest('hex') };
  await writeFile(join(dir, rule.module), module);
  await writeFile(join(dir, 'plan.json'), `${JSON.stringify({ ...plan, policies: plan.policies.map((p) => ({ ...p, rule })) }, null, 2)}\n`);
  return dir;
}

inLoop('a compiled VM rule calling m_opt_advice() gets training advice, then production advice it scales by; knowledge survives a restart', async () => {
  const dir = await compiledAdvicePlan('opt');
  const stateDir = await mkdtemp(join(tmpdir(), 'adtc-state-'));
  const env = new EnvironmentDouble();
  const driver = env.driver('workers', 1);
  const opened = await openLoop({ planDir: dir, stateDir, env, runner });
  if (!opened.ok) throw new Error(opened.errors.join());
  // Training: the rule's own thresholds move the node count, which is what lets the model see nodes matter.
  const loads = [60, 120, 150, 90, 40, 20];
  for (const [i, rr] of loads.entries()) {
    const outcome = await cycleAt(opened.loop, env, driver, rr);
    assert.match(outcome.printed, /^advice training False \d+ \d+\n$/, `cycle ${i + 1}: ${outcome.printed}`);
  }
  const saved = JSON.parse(await readFile(opened.store.file, 'utf8')) as { optimiser: Record<string, { samples: number }> };
  assert.is(saved.optimiser['workers']!.samples, 6, 'the knowledge is written with the loop state');

  // A restart keeps the knowledge: the seventh sample completes training instead of starting over.
  const again = await openLoop({ planDir: dir, stateDir, env, runner });
  if (!again.ok) throw new Error(again.errors.join());
  const before = driver.nodes.length;
  const outcome = await cycleAt(again.loop, env, driver, 300);
  assert.match(outcome.printed, /^advice production True \d+ \d+\n$/);
  const [, , , advised, reliability] = outcome.printed.trim().split(' ');
  assert.ok(Number(reliability) >= 50, `reliable on an exact system (${reliability})`);
  assert.ok(Number(advised) > before && Number(advised) <= before + 6, `more nodes for 300 rr on ${before} nodes: ${advised}`);
  assert.is(outcome.summary, `scale workers ${before} → ${advised}`);
  assert.is(again.loop.current.optimiser?.['workers']?.samples, 7);
});

inLoop('m_dryrun: [optimizer] hands the rule a disabled advice with valid False and learns nothing', async () => {
  const { dir } = await planDir('opt-dry', [
    { name: 'workers', kind: 'vm', rule: 'optimiser-advice.js', min: 1, max: 10, queries: OPT_QUERIES, constants: { ...OPT_CONSTANTS, m_dryrun: ['optimizer'] } },
  ]);
  const env = new EnvironmentDouble();
  const driver = env.driver('workers', 2);
  const opened = await openLoop({ planDir: dir, stateDir: await mkdtemp(join(tmpdir(), 'adtc-state-')), env, runner });
  if (!opened.ok) throw new Error(opened.errors.join());
  const outcome = await cycleAt(opened.loop, env, driver, 50);
  assert.is(outcome.printed, 'advice training False 2 0\n');
  assert.is(outcome.summary, 'no change');
  assert.is(opened.loop.current.optimiser, undefined);
  const log = await readFile(opened.log.file, 'utf8');
  assert.match(log, /Optimizer is disabled! \(dryrun\)/);
});

inLoop('rules that do not read m_opt_advice get no optimiser input and no knowledge is kept', async () => {
  const { dir } = await planDir('opt-none', [{ name: 'workers', kind: 'vm', rule: 'node-threshold.js', queries: { LOAD: 'q' }, constants: OPT_CONSTANTS }]);
  const env = new EnvironmentDouble();
  env.driver('workers', 1);
  env.metrics.values.set('q', 7);
  const opened = await openLoop({ planDir: dir, stateDir: await mkdtemp(join(tmpdir(), 'adtc-state-')), env, runner });
  if (!opened.ok) throw new Error(opened.errors.join());
  await opened.loop.cycle();
  assert.is(opened.loop.current.optimiser, undefined);
});

inLoop.run();
