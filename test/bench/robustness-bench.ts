/**
 * Benchmark of validation on broken and oversized input (not a test; test/robustness.test.ts checks
 * the results): the 360 seeded corpus mutants, a billion-laughs file, a 2 MB ADT. Prints a small
 * table; README.md quotes the figures.
 */
import { validate } from '../../compiler/src/pipeline.js';
import { billionLaughsAdt, mutants, overlay, twoMegabyteAdt } from '../harness/robustness-inputs.js';

const time = (uri: string, text: string): number => {
  const t = performance.now();
  validate(uri, overlay(uri, text));
  return performance.now() - t;
};

const all = mutants();
for (const m of all.slice(0, 20)) time(m.uri, m.text); // warm the JIT and the profile cache
const perMutant = all.map((m) => time(m.uri, m.text)).sort((a, b) => a - b);
const laughs = billionLaughsAdt(), big = twoMegabyteAdt();

console.log('validation of broken and oversized input');
console.log(`  ${all.length} corpus mutants: median ${perMutant[perMutant.length >> 1]!.toFixed(1)} ms, max ${perMutant[perMutant.length - 1]!.toFixed(0)} ms (target ≤ 2,000 ms each)`);
console.log(`  billion-laughs file refused in ${time(laughs.uri, laughs.text).toFixed(0)} ms (target ≤ 2,000 ms)`);
console.log(`  2 MB ADT validated in ${time(big.uri, big.text).toFixed(0)} ms (target ≤ 10,000 ms)`);
