/**
 * Seeded differential test (spec §5.3–5.5): ≥ 2,000 generated cases over the
 * operator × operand-kind matrix, runtime versus CPython, zero mismatches in
 * kind, repr and error type. RULE_LIB_SEED=n picks another seed; the seed is
 * printed only on failure, with a minimal reproduction per mismatch.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { closeOracle, oracle } from './harness/oracle.js';
import { runJs } from './harness/rule-lib-cases.js';
import { decodeInputs, generate } from './harness/rule-lib-random.js';
import { rng } from './harness/random.js';
import { canonical, fromJson, type Encoded } from '../runtime/src/rule-lib/index.js';

const SEED = Number(process.env['RULE_LIB_SEED'] ?? 20261122);
/** Kinds the product does not model (numpy int8/float16/uint64 results, arrays): not compared, but counted. */
const UNMODELLED = /^(int8|int16|int32|uint8|uint64|ulonglong|float16|float32|ndarray|complex|object)\b/;

/**
 * glibc's pow is accurate to 0.52 ulp, not correctly rounded: near a rounding
 * midpoint it may return the other neighbour. The runtime rounds correctly, so a
 * float `**` mismatch is counted (not failed) only when an 80-digit evaluation in
 * the oracle confirms the runtime's value and glibc's is the adjacent double.
 */
async function glibcMisroundings(suspects: { inputs: Record<string, Encoded>; ours: string; theirs: string }[]): Promise<boolean[]> {
  const exact = await oracle().evaluate(suspects.map((c) => ({ src: '_exact_pow(a, b)', mode: 'eval' as const, inputs: c.inputs })));
  return suspects.map((c, i) => {
    if (!c.ours.startsWith('float:') || !c.theirs.startsWith('float:') || exact[i]!.value !== c.ours) return false;
    const mine = Number(fromJson({ t: 'float', v: c.ours.slice(6) })), glibc = Number(fromJson({ t: 'float', v: c.theirs.slice(6) }));
    return Math.abs(glibc - mine) <= Math.abs(mine) * 2 ** -52;
  });
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

/**
 * Spec §2.7: numpy's exp/log family and trigonometric functions must be within
 * 1 ulp of the correctly rounded value. The runtime's exp/log/log2/log10 are
 * double-double evaluations rounded once; the rest use JS Math. Compared with
 * numpy (which calls glibc here, no AVX-512 dispatch): exact or ≤ 1 ulp apart.
 */
test('transcendental functions stay within 1 ulp of glibc', async () => {
  const r = rng(SEED ^ 0x5eed);
  const FNS = ['exp', 'log', 'log10', 'log2', 'expm1', 'log1p', 'sin', 'cos', 'tan', 'sinh', 'cosh', 'tanh', 'arctan', 'arcsinh'];
  const cases: { fn: string; x: number }[] = [];
  for (let i = 0; i < 3000; i++) {
    const fn = FNS[i % FNS.length]!;
    const mag = fn === 'exp' || fn === 'expm1' || fn.endsWith('sinh') || fn === 'cosh' ? 700 : fn.startsWith('log') ? 1e300 : 100;
    let x = (r() - (fn.startsWith('log') ? 0 : 0.5)) * 2 * (r() < 0.5 ? mag : 1) * (r() < 0.3 ? r() ** 8 : 1);
    if (fn === 'log1p' && x < -1) x = -x;
    cases.push({ fn, x });
  }
  const results = await oracle().evaluate(cases.map((c) => ({ src: `${c.fn}(a)`, mode: 'eval' as const, inputs: { a: { t: 'float', v: c.x.toExponential() } } })));
  let exact = 0, oneUlp = 0, glibcOff = 0;
  const far: { c: { fn: string; x: number }; ours: string; theirs: string }[] = [];
  cases.forEach((c, i) => {
    const ours = runJs((rt) => rt.call(c.fn, [Number(c.x.toExponential())])).value;
    const theirs = results[i]!.value!;
    if (ours === theirs) { exact++; return; }
    const a = Number(fromJson({ t: 'float', v: ours.slice(8) })), b = Number(fromJson({ t: 'float', v: theirs.slice(8) }));
    if (Math.abs(a - b) <= Math.abs(b) * 2 ** -52) { oneUlp++; return; }
    far.push({ c, ours, theirs });
  });
  // glibc's log10 and friends may be off by up to 2 ulp; accept the runtime when it is the correctly rounded value.
  const judged = await oracle().evaluate(far.map((f) => ({
    src: `_exact_fn('${f.c.fn}', a)`, mode: 'eval' as const, inputs: { a: { t: 'float', v: f.c.x.toExponential() } },
  })));
  const bad: string[] = [];
  far.forEach((f, i) => {
    if (judged[i]!.value === 'float:' + f.ours.slice(8)) { glibcOff++; return; }
    bad.push(`${f.c.fn}(${f.c.x.toExponential()}): runtime ${f.ours}, numpy ${f.theirs}`);
  });
  assert.ok(bad.length === 0, `seed ${SEED}: ${bad.length} results more than 1 ulp away\n${bad.slice(0, 30).join('\n')}`);
  if (process.env['RULE_LIB_STATS']) console.log(`rule-lib transcendental: ${exact} exact, ${oneUlp} within 1 ulp, ${glibcOff} where glibc is > 1 ulp off and the runtime correctly rounded, of ${cases.length}`);
});

test('close oracle', () => closeOracle());

test.run();
