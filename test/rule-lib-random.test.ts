/**
 * Seeded differential test (spec §5.3–5.5): ≥ 2,000 generated cases over the
 * operator × operand-kind matrix, runtime versus CPython, zero mismatches in
 * kind, repr and error type. RULE_LIB_SEED=n picks another seed; the seed is
 * printed only on failure, with a minimal reproduction per mismatch.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { closeOracle, oracle } from './harness/oracle.js';
import { runJs, withinOneUlp } from './harness/rule-lib-cases.js';
import { decodeInputs, generate } from './harness/rule-lib-random.js';
import { rng } from './harness/random.js';
import { canonical, fromJson, type Encoded } from '../runtime/src/rule-lib/index.js';

const SEED = Number(process.env['RULE_LIB_SEED'] ?? 20261122);
/** Kinds the product does not model (numpy int8/float16/uint64 results, arrays): not compared, but counted. */
const UNMODELLED = /^(int8|int16|int32|uint8|uint64|ulonglong|float16|float32|ndarray|complex|object)\b/;

/**
 * glibc's pow is accurate to 0.52 ulp, not correctly rounded: near a rounding
 * midpoint it may return the other neighbour. The runtime rounds correctly, so a
 * float `**` mismatch is counted (not failed) only when the oracle's correctly
 * rounded value is the runtime's and glibc's is within 1 ulp of it.
 */
async function glibcMisroundings(suspects: { inputs: Record<string, Encoded>; ours: string; theirs: string }[]): Promise<boolean[]> {
  const exact = await oracle().evaluate(suspects.map((c) => ({ src: "_correctly_rounded('power', a, b)", mode: 'eval' as const, inputs: c.inputs })));
  return suspects.map((c, i) => c.ours.startsWith('float:') && exact[i]!.value === c.ours && withinOneUlp(c.theirs, c.ours));
}

const test = suite('rule-lib random differential');

test(`generated cases agree with CPython (seed ${SEED})`, async () => {
  const cases = generate(SEED);
  assert.ok(cases.length >= 2000, `only ${cases.length} cases generated`);
  const results = await oracle().evaluate(cases.map((c) => ({ src: c.py, mode: 'eval' as const, inputs: c.inputs })));
  const mismatches: { text: string; pow?: { inputs: Record<string, Encoded>; ours: string; theirs: string } }[] = [];
  let compared = 0, skipped = 0;
  cases.forEach((c, i) => {
    const r = results[i]!;
    const theirs = r.err ? '!' + r.err[0] : r.value!;
    if (UNMODELLED.test(theirs)) { skipped++; return; }
    compared++;
    const ours = runJs((rt) => c.js(rt, decodeInputs(c.inputs))).value;
    if (ours !== theirs) {
      const given = Object.entries(c.inputs).map(([k, e]) => `${k} = ${canonical(fromJson(e))}`).join('; ');
      mismatches.push({
        text: `${given}; ${c.py}\n    runtime: ${ours}\n    CPython: ${theirs}`,
        ...(c.py === 'a ** b' ? { pow: { inputs: c.inputs, ours, theirs } } : {}),
      });
    }
  });
  const powSuspects = mismatches.filter((m) => m.pow);
  const verdicts = await glibcMisroundings(powSuspects.map((m) => m.pow!));
  const misrounded = new Set(powSuspects.filter((_, i) => verdicts[i]));
  const real = mismatches.filter((m) => !misrounded.has(m)).map((m) => m.text);
  if (real.length > 0) {
    assert.unreachable(`seed ${SEED}: ${real.length} of ${compared} cases differ (${skipped} unmodelled skipped)\n` +
      real.slice(0, 60).join('\n'));
  }
  if (process.env['RULE_LIB_STATS']) {
    console.log(`rule-lib random: ${compared} compared, ${skipped} unmodelled skipped, ${misrounded.size} glibc pow misroundings, 0 mismatches`);
  }
});

/** The runtime's double-double evaluations, rounded once (runtime/src/rule-lib/numpy-fns.ts): correctly rounded. */
const CORRECTLY_ROUNDED = new Set(['exp', 'exp2', 'log', 'log2', 'log10', 'sinh', 'cosh', 'tanh']);

/** One argument in the domain where `fn` is a finite real number, across the magnitudes rules meet. */
function transcendentalArgument(fn: string, r: () => number): number {
  const scale = r() < 0.3 ? r() ** 8 : 1; // small arguments, where cancellation shows
  const signed = (mag: number): number => (r() - 0.5) * 2 * (r() < 0.5 ? mag : 1) * scale;
  switch (fn) {
    case 'exp': case 'expm1': case 'sinh': case 'cosh': return signed(700);
    case 'exp2': return signed(1000);
    case 'log': case 'log2': case 'log10': return r() * 2 * (r() < 0.5 ? 1e300 : 1) * scale;
    case 'log1p': return Math.abs(signed(1e6)) - (r() < 0.3 ? r() : 0);
    case 'arcsin': case 'arccos': case 'arctanh': return (r() - 0.5) * 2 * scale;
    case 'arccosh': return 1 + r() * (r() < 0.5 ? 1e6 : 1) * scale;
    default: return signed(100);
  }
}

/**
 * Spec §2.7, on every CPU: the runtime's exp/exp2/log/log2/log10/sinh/cosh/tanh equal the correctly
 * rounded value; the functions it takes from V8 (fdlibm ports: sin, cos, tan, the inverse functions,
 * log1p, expm1) are within 1 ulp of it. The reference is the oracle's correctly rounded value, not
 * numpy's, whose last bits depend on the CPU (AVX-512 kernels: numpy's cos(0.5) is 3 ulp from it).
 * numpy is held only to the error it documents for its float64 kernels (4 ulp for sin/cos/tan, 3 for
 * arcsin/arctan/expm1, 2 for the others: correctly_rounded.py): the oracle fails the test when numpy
 * is further away, because that bound is what the README promises about MiCADO's results.
 */
test('transcendental functions are correctly rounded or within 1 ulp of it', async () => {
  const r = rng(SEED ^ 0x5eed);
  const FNS = ['exp', 'exp2', 'log', 'log10', 'log2', 'expm1', 'log1p', 'sin', 'cos', 'tan', 'sinh', 'cosh', 'tanh',
    'arcsin', 'arccos', 'arctan', 'arcsinh', 'arccosh', 'arctanh', 'arctan2', 'hypot'];
  const cases = Array.from({ length: 4200 }, (_, i) => {
    const fn = FNS[i % FNS.length]!;
    const args = [transcendentalArgument(fn, r)];
    if (fn === 'arctan2' || fn === 'hypot') args.push(transcendentalArgument(fn, r));
    return { fn, args: args.map((x) => Number(x.toExponential())) };
  });
  // numpy's hypot is the C library's on every CPU, so the oracle keeps its value: ask for the reference directly.
  const src = (fn: string): string => (fn === 'hypot' ? "_correctly_rounded('hypot', a, b)" : fn === 'arctan2' ? 'arctan2(a, b)' : `${fn}(a)`);
  const results = await oracle().evaluate(cases.map((c) => ({
    src: src(c.fn), mode: 'eval' as const, inputs: Object.fromEntries(c.args.map((x, k) => [k ? 'b' : 'a', { t: 'float', v: String(x) }])),
  })));
  let exact = 0, oneUlp = 0;
  const bad: string[] = [];
  cases.forEach((c, i) => {
    const ours = runJs((rt) => rt.call(c.fn, c.args)).value;
    const reference = results[i]!.value!.replace(/^float:/, 'float64:'); // _correctly_rounded gives a plain float
    if (ours === reference) { exact++; return; }
    if (!CORRECTLY_ROUNDED.has(c.fn) && withinOneUlp(ours, reference)) { oneUlp++; return; }
    bad.push(`${c.fn}(${c.args.join(', ')}): runtime ${ours}, correctly rounded ${reference}`);
  });
  assert.ok(bad.length === 0, `seed ${SEED}: ${bad.length} results not as promised\n${bad.slice(0, 30).join('\n')}`);
  if (process.env['RULE_LIB_STATS']) console.log(`rule-lib transcendental: ${exact} correctly rounded, ${oneUlp} within 1 ulp, of ${cases.length}`);
});

test('close oracle', () => closeOracle());

test.run();
