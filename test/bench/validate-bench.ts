/**
 * Benchmark of `adtc validate` (not a test): the cold start of the command on
 * one ADT, and the warm time per ADT when one process validates the whole
 * corpus. Prints a small table; README.md quotes the figures.
 *
 * Two floors run beside the command, in the same rounds: Node doing nothing, and
 * Node reading the same ADT and parsing it with the `yaml` package as adtc's
 * reader does (one small bundle, nothing else), which is the first step of any
 * validation and so a lower bound of what the machine allows.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { buildSync } from 'esbuild';
import { fileSystemHost } from '../../compiler/src/host.js';
import { validate } from '../../compiler/src/pipeline.js';
import { corpusRoot, repoRoot } from '../harness/paths.js';
import { ADT_FILE, corpusFiles } from '../harness/corpus.js';

const percentile = (sorted: readonly number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!;

const demo = join(corpusRoot, 'micado-scale+ansible-micado/demos/stressng/stressng_ec2.yaml');
const COLD_RUNS = 15;
const floorDir = mkdtempSync(join(tmpdir(), 'adtc-validate-floor-'));
const yamlOnly = join(floorDir, 'yaml-only.cjs');
buildSync({
  stdin: {
    contents: "import { readFileSync } from 'node:fs'; import { parseAllDocuments } from 'yaml'; parseAllDocuments(readFileSync(process.argv[2], 'utf8'), { keepSourceTokens: false, schema: 'failsafe', uniqueKeys: false, prettyErrors: false, strict: false });",
    resolveDir: repoRoot,
  },
  outfile: yamlOnly,
  bundle: true,
  minify: true,
  format: 'cjs',
  platform: 'node',
  logLevel: 'error',
});
/** Whole-process wall time of `argv` run fresh COLD_RUNS times, interleaved with the other variants so all see the same load. */
const variants = {
  // The usual case: the code cache written by an earlier run (one run below writes it first).
  cached: { argv: [resolve(repoRoot, 'bin/adtc.js'), 'validate', demo], env: {} },
  // The first run of a new version, or a cache folder that cannot be written.
  uncached: { argv: [resolve(repoRoot, 'bin/adtc.js'), 'validate', demo], env: { ADTC_CODE_CACHE: 'off' } },
  // The floors: Node itself, and Node reading and parsing the ADT with the yaml package alone.
  'node -e 0': { argv: ['-e', '0'], env: {} },
  'node + yaml parse of the ADT only': { argv: [yamlOnly, demo], env: {} },
} as const;
const runOnce = (v: (typeof variants)[keyof typeof variants]) => {
  const t = performance.now();
  execFileSync(process.execPath, v.argv, { stdio: 'ignore', env: { ...process.env, ...v.env } });
  return performance.now() - t;
};
runOnce(variants.cached);
const cold = new Map<string, number[]>(Object.keys(variants).map((k) => [k, []]));
for (let i = 0; i < COLD_RUNS; i++) for (const [name, v] of Object.entries(variants)) cold.get(name)!.push(runOnce(v));
for (const times of cold.values()) times.sort((a, b) => a - b);
rmSync(floorDir, { recursive: true, force: true });

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
for (const [name, times] of cold) {
  console.log(`  cold start, one ADT, whole process, ${name} (${COLD_RUNS} runs): median ${percentile(times, 0.5).toFixed(0)} ms, ${times[0]!.toFixed(0)}–${times.at(-1)!.toFixed(0)} ms`);
}
console.log('  (target for adtc validate: ≤ 150 ms whole process)');
console.log(`  warm, per ADT over ${adts.length} corpus ADTs × 3: median ${percentile(warm, 0.5).toFixed(2)} ms, p95 ${percentile(warm, 0.95).toFixed(2)} ms (target median ≤ 5 ms)`);
