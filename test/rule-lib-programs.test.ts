/**
 * Seeded statement sequences over lists, dicts, sets and strings, run by the
 * oracle as one program and by the runtime statement by statement: the final
 * namespace, printed text, and error type and line must agree (spec §5.4).
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { closeOracle, oracle } from './harness/oracle.js';
import { generatePrograms, type Scope } from './harness/rule-lib-programs.js';
import { PyError, canonical, createRuntime } from '../runtime/src/rule-lib/index.js';

const SEED = Number(process.env['RULE_LIB_SEED'] ?? 20261122);
const COUNT = 600;

const test = suite('rule-lib statement sequences');

test(`${COUNT} generated programs agree with CPython (seed ${SEED})`, async () => {
  const programs = generatePrograms(SEED, COUNT);
  const results = await oracle().evaluate(programs.map((p) => ({ src: p.stmts.map((s) => s.py).join('\n') + '\n' })));
  const problems: string[] = [];
  let errors = 0;
  programs.forEach((p, i) => {
    const rt = createRuntime();
    const scope: Scope = {};
    let err: [string, number] | null = null;
    let line = 1;
    for (let k = 0; k < p.stmts.length; k++) {
      rt.stmt(line);
      try {
        p.stmts[k]!.js(rt, scope, line);
        line += p.stmts[k]!.py.split('\n').length;
      } catch (e) {
        if (!(e instanceof PyError)) throw e;
        err = [e.pyType, rt.currentStmt()];
        break;
      }
    }
    if (err) errors++;
    const ns = Object.fromEntries(Object.entries(scope).map(([k, v]) => [k, canonical(v)]));
    const py = results[i]!;
    const same = JSON.stringify(ns) === JSON.stringify(py.ns) && rt.printed() === py.out && JSON.stringify(err) === JSON.stringify(py.err);
    if (!same) {
      problems.push(`program:\n${p.stmts.map((s) => s.py).join('\n').split('\n').map((l, k) => `  ${k + 1}: ${l}`).join('\n')}\n  runtime: ${JSON.stringify({ ns, out: rt.printed(), err })}\n  CPython: ${JSON.stringify(py)}`);
    }
  });
  assert.ok(problems.length === 0, `seed ${SEED}: ${problems.length} of ${COUNT} programs differ\n${problems.slice(0, 5).join('\n')}`);
  if (process.env['RULE_LIB_STATS']) console.log(`rule-lib programs: ${COUNT} programs (${errors} stopped by an error), 0 mismatches`);
});

test('close oracle', () => closeOracle());
test.run();
