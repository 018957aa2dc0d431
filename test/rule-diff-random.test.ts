/**
 * Random well-typed rules (test/harness/rule-gen.ts) through the whole
 * compiler and through CPython: at least 2,000 rules per run, zero
 * mismatches in namespace, printed text, and error type and line. A mismatch
 * is shrunk (statements dropped, blocks flattened, expressions replaced by
 * their parts) and printed as a minimal reproduction.
 * RULE_DIFF_SEED=n changes the rules; RULE_DIFF_COUNT=n their number.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { closeOracle } from './harness/oracle.js';
import { diff, type DiffCase } from './harness/rule-diff.js';
import { RuleGenerator, render, shrinkCandidates, type Stmt } from './harness/rule-gen.js';
import { rng } from './harness/random.js';
import { PyList, type PyValue } from '../runtime/src/rule-lib/index.js';

const SEED = Number(process.env['RULE_DIFF_SEED'] ?? 20260301);
const COUNT = Number(process.env['RULE_DIFF_COUNT'] ?? 2000);
const BATCH = 250;

const test = suite('rule diff: random rules');

const CPU: readonly PyValue[] = [null, 0.0, -0.0, 55.5, 71.25, 1e16, Infinity, NaN];

function makeCase(stmts: readonly Stmt[], pick: () => number): DiffCase {
  return {
    src: render(stmts),
    env: { kind: 'node', queries: { CPU: 'number' } },
    inputs: {
      CPU: CPU[Math.floor(pick() * CPU.length)]!, m_node_count: BigInt(Math.floor(pick() * 5)), m_nodes: new PyList([]), m_nodes_todrop: new PyList([]),
      m_time_since_node_count_changed: 0n, m_time_when_node_count_changed: 0n, m_userdata: null,
    },
  };
}

async function mismatches(c: DiffCase): Promise<string | undefined> {
  return (await diff([c]))[0]!.mismatch;
}

/** Greedy shrinking: take the first simpler rule that still mismatches, until none does. */
async function shrink(stmts: readonly Stmt[], inputs: DiffCase['inputs']): Promise<{ src: string; why: string }> {
  let current = stmts;
  let why = (await mismatches({ ...makeCase(current, () => 0), inputs })) ?? '';
  for (let round = 0; round < 300; round++) {
    let next: readonly Stmt[] | undefined;
    for (const candidate of shrinkCandidates(current)) {
      const m = await mismatches({ ...makeCase(candidate, () => 0), inputs });
      if (m) {
        next = candidate;
        why = m;
        break;
      }
    }
    if (!next) break;
    current = next;
  }
  return { src: render(current), why };
}

test(`${COUNT} random rules agree with CPython (seed ${SEED})`, async () => {
  const gen = new RuleGenerator(SEED);
  const pick = rng(SEED + 1);
  let compared = 0;
  let errors = 0;
  const rejected: string[] = [];
  const failures: string[] = [];
  for (let start = 0; start < COUNT; start += BATCH) {
    const rules = Array.from({ length: Math.min(BATCH, COUNT - start) }, () => gen.rule(4 + Math.floor(pick() * 8)));
    const cases = rules.map((r) => makeCase(r, pick));
    const outcomes = await diff(cases);
    for (let i = 0; i < outcomes.length; i++) {
      const o = outcomes[i]!;
      if (o.rejected) {
        rejected.push(`${o.rejected}\n${cases[i]!.src}`);
        continue;
      }
      compared++;
      if (o.error) errors++;
      if (o.mismatch && failures.length < 3) {
        const small = await shrink(rules[i]!, cases[i]!.inputs);
        failures.push(`inputs ${JSON.stringify(cases[i]!.inputs, (_k, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v))}\nminimal rule:\n${small.src}    ${small.why}`);
      } else if (o.mismatch) failures.push('(more)');
    }
  }
  assert.equal(rejected.slice(0, 3), [], `${rejected.length} generated rules were rejected by the compiler`);
  assert.ok(compared >= 2000 || COUNT < 2000, `only ${compared} rules compared`);
  assert.ok(failures.length === 0, `seed ${SEED}: ${failures.length} of ${compared} rules differ from CPython\n${failures.join('\n')}`);
  if (process.env['RULE_LIB_STATS']) console.log(`rule diff: ${compared} random rules compared (${errors} stopped by an error), 0 mismatches`);
});

test('close oracle', () => closeOracle());
test.run();
