/**
 * Soak benchmark (not a test; `npm run bench`, or `node dist/test/bench/soak-bench.js [cycles]`): 3 apps ×
 * 4 policies (one node set, three workloads, one of them growing m_userdata) run 10,000 cycles each on a
 * virtual clock, in one controller-style process, with faults injected at random into every dependency:
 * Prometheus down, the node list failing, replica reads and scale writes failing or hanging (cut by short call
 * limits), node-set scaling applied but unacknowledged. Reports the heap and the state and log sizes over
 * time; they must level off (bounded), not grow with the cycle count.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BoundsConfig } from '../../runtime/src/loop/bounded-environment.js';
import { openLoop } from '../../runtime/src/loop/open-loop.js';
import { RuleRunner } from '../../runtime/src/loop/rule-runner.js';
import type { ScalingLoop } from '../../runtime/src/loop/scaling-loop.js';
import { EnvironmentDouble, planDir } from '../doubles/loop-environment.js';
import { rng } from '../harness/random.js';

const CYCLES = Number(process.argv[2] ?? 10_000);
const APPS = 3;
const FAULT_RATE = 0.05;
const LOG_LIMITS = { maxBytes: 2 * 1024 * 1024, keep: 2, maxRecordBytes: 64 * 1024 };
const BOUNDS: BoundsConfig = {
  kubernetes: { timeoutMs: 20, attempts: 2, baseDelayMs: 1, maxDelayMs: 2 },
  prometheus: { timeoutMs: 20, attempts: 2, baseDelayMs: 1, maxDelayMs: 2 },
  occopus: { timeoutMs: 20, attempts: 2, baseDelayMs: 1, maxDelayMs: 2 },
  terraform: { timeoutMs: 20, attempts: 1, baseDelayMs: 0, maxDelayMs: 0 },
};

/** An EnvironmentDouble whose calls fail, hang or apply-then-fail at random. */
class FaultyEnvironment extends EnvironmentDouble {
  constructor(private readonly random: () => number) {
    super();
    const nodes = this.nodes.workerNodes;
    const get = this.workloads.getReplicas;
    const set = this.workloads.setReplicas;
    Object.assign(this.nodes, { workerNodes: (s: string) => (this.fault() ? Promise.reject(new Error('HTTP 503 listing nodes')) : nodes(s)) });
    Object.assign(this.workloads, {
      getReplicas: (ref: Parameters<typeof get>[0]) => (this.fault() ? Promise.reject(new Error('HTTP 500 reading replicas')) : get(ref)),
      setReplicas: (ref: Parameters<typeof set>[0], n: number) => {
        const roll = this.random();
        if (roll < FAULT_RATE / 2) return new Promise<void>(() => undefined);
        if (roll < FAULT_RATE) return set(ref, n).then(() => Promise.reject(new Error('HTTP 500 after the change was made')));
        return set(ref, n);
      },
    });
  }

  fault(): boolean {
    return this.random() < FAULT_RATE;
  }
}

/** Bytes of the loop state files and of the decision logs (rotated ones included) under the state directory. */
async function sizes(dir: string): Promise<{ state: number; log: number }> {
  const total = { state: 0, log: 0 };
  for (const app of await readdir(dir)) {
    for (const file of await readdir(join(dir, app))) {
      const size = (await stat(join(dir, app, file))).size;
      if (file.startsWith('loop-state')) total.state += size;
      else if (file.startsWith('decisions')) total.log += size;
    }
  }
  return total;
}

async function main(): Promise<void> {
  const random = rng(20261203);
  // In memory where the system offers it: the soak measures sizes, not the disk's fsync latency.
  const stateDir = await mkdtemp(join(existsSync('/dev/shm') ? '/dev/shm' : tmpdir(), 'adtc-soak-'));
  const loops: { loop: ScalingLoop; env: FaultyEnvironment; runner: RuleRunner }[] = [];
  for (let a = 0; a < APPS; a++) {
    const { dir } = await planDir(`soak${a}`, [
      { name: 'workers', kind: 'vm', rule: 'node-threshold.js', min: 1, max: 6, queries: { LOAD: 'node_load' } },
      { name: 'web', kind: 'container', rule: 'threshold-quiet.js', min: 1, max: 8, queries: { LOAD: 'web_load' } },
      { name: 'api', kind: 'container', rule: 'threshold-quiet.js', min: 1, max: 8, queries: { LOAD: 'api_load' } },
      { name: 'grow', kind: 'container', rule: 'grow-userdata.js', min: 1, max: 8, queries: { LOAD: 'grow_load' } },
    ]);
    const env = new FaultyEnvironment(random);
    const driver = env.driver('workers', 1);
    const scale = driver.scale.bind(driver);
    driver.scale = (set, count) => (random() < FAULT_RATE ? scale(set, count).then(() => Promise.reject(new Error('Occopus answered 500 after scaling'))) : scale(set, count));
    const runner = new RuleRunner();
    const opened = await openLoop({
      planDir: dir,
      stateDir,
      env,
      runner,
      tuning: { bounds: BOUNDS, stabilisation: { windowS: 60, timedRuleWindowS: 0 } },
      // Smaller than the default 10 MiB × 4, so that the log's ceiling is reached within the run.
      logLimits: LOG_LIMITS,
    });
    if (!opened.ok) throw new Error(opened.errors.join('\n'));
    loops.push({ loop: opened.loop, env, runner });
  }
  const started = Date.now();
  console.log(`soak: ${APPS} apps × 4 policies, ${CYCLES} cycles each, ${FAULT_RATE * 100}% faults per call (${new Date().toISOString().slice(0, 10)})`);
  console.log('   cycle   heap MB   state KB   log KB   scale calls');
  for (let cycle = 1; cycle <= CYCLES; cycle++) {
    // The apps' cycles run side by side, as in one controller.
    await Promise.all(
      loops.map(({ loop, env }) => {
        env.clock += 15_000;
        env.metrics.down = random() < FAULT_RATE;
        const phase = Math.sin(cycle / 40);
        for (const name of ['node_load', 'web_load', 'api_load', 'grow_load']) env.metrics.values.set(name, 7 + 8 * phase + (random() - 0.5) * 6);
        return loop.cycle();
      }),
    );
    if (cycle % Math.max(1, Math.floor(CYCLES / 10)) === 0) {
      global.gc?.();
      const heap = process.memoryUsage().heapUsed / 1024 / 1024;
      const disk = await sizes(stateDir);
      const calls = loops.reduce((n, l) => n + l.env.scaleCalls.length, 0);
      console.log(`${String(cycle).padStart(8)}  ${heap.toFixed(1).padStart(8)}  ${(disk.state / 1024).toFixed(0).padStart(9)}  ${(disk.log / 1024).toFixed(0).padStart(7)}  ${String(calls).padStart(12)}`);
    }
  }
  const seconds = (Date.now() - started) / 1000;
  console.log(`${CYCLES * APPS} cycles in ${seconds.toFixed(1)} s (${((seconds * 1000) / (CYCLES * APPS)).toFixed(2)} ms per cycle)`);
  for (const { runner } of loops) await runner.close();
  await rm(stateDir, { recursive: true, force: true });
  // Calls left hanging by the injected hangs were abandoned; nothing else keeps the process alive.
  process.exit(0);
}

await main();
