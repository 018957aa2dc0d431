/**
 * Benchmark of `adtc compile` (not a test): the cold start of the command on
 * one demo, and the warm compile time of each demo ADT (every cloud) in one
 * process. Prints a small table for the README.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileSystemHost } from '../../compiler/src/host.js';
import { compile } from '../../compiler/src/plan/compile.js';
import { corpusRoot, repoRoot } from '../harness/paths.js';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const demos = join(corpusRoot, 'micado-scale+ansible-micado/demos');
const files = readdirSync(demos)
  .sort()
  .flatMap((d) => readdirSync(join(demos, d)).sort().filter((f) => /\.ya?ml$/.test(f)).map((f) => join(demos, d, f)));

const cold: number[] = [];
for (let i = 0; i < 7; i++) {
  const t = performance.now();
  execFileSync(process.execPath, [resolve(repoRoot, 'bin/adtc.js'), 'compile', '--dry-run', files[0]!], { stdio: 'ignore' });
  cold.push(performance.now() - t);
}

for (const f of files) compile(f, fileSystemHost); // warm the JIT and the schema validators
console.log('adtc compile');
console.log(`  cold start, ${files[0]!.slice(demos.length + 1)} (node bin/adtc.js compile --dry-run, 7 runs): median ${median(cold).toFixed(0)} ms`);
const all: number[] = [];
for (const f of files) {
  const times: number[] = [];
  let ok = false;
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    ok = compile(f, fileSystemHost).output !== undefined;
    times.push(performance.now() - t);
  }
  all.push(median(times));
  console.log(`  ${f.slice(demos.length + 1).padEnd(40)} ${median(times).toFixed(2).padStart(7)} ms${ok ? '' : '  (does not validate)'}`);
}
console.log(`  median over ${files.length} demo ADTs, warm: ${median(all).toFixed(2)} ms`);
