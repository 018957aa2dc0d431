/**
 * Benchmark of `adtc validate` (not a test): the cold start of the command on
 * one ADT, and the warm time per ADT when one process validates the whole
 * corpus. Prints a small table; README.md quotes the figures.
 */
import { execFileSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { fileSystemHost } from '../../compiler/src/host.js';
import { validate } from '../../compiler/src/pipeline.js';
import { corpusRoot, repoRoot } from '../harness/paths.js';
import { ADT_FILE, corpusFiles } from '../harness/corpus.js';

const percentile = (sorted: readonly number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!;

const demo = join(corpusRoot, 'micado-scale+ansible-micado/demos/stressng/stressng_ec2.yaml');
const cold: number[] = [];
for (let i = 0; i < 15; i++) {
  const t = performance.now();
  execFileSync(process.execPath, [resolve(repoRoot, 'bin/adtc.js'), 'validate', demo], { stdio: 'ignore' });
  cold.push(performance.now() - t);
}
cold.sort((a, b) => a - b);

const adts = corpusFiles(ADT_FILE);
for (const f of adts) validate(f, fileSystemHost); // warm the JIT and the profile cache
const warm: number[] = [];
for (let round = 0; round < 3; round++) {
  for (const f of adts) {
    const t = performance.now();
    validate(f, fileSystemHost);
    warm.push(performance.now() - t);
  }
}
warm.sort((a, b) => a - b);

console.log('adtc validate');
console.log(`  cold start, one ADT (node bin/adtc.js, 15 runs): median ${percentile(cold, 0.5).toFixed(0)} ms, p90 ${percentile(cold, 0.9).toFixed(0)} ms (target ≤ 300 ms)`);
console.log(`  warm, per ADT over ${adts.length} corpus ADTs × 3: median ${percentile(warm, 0.5).toFixed(2)} ms, p95 ${percentile(warm, 0.95).toFixed(2)} ms (target median ≤ 5 ms)`);
