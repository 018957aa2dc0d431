/**
 * Quick fixes of the rule syntax problems: applying a problem's edits gives
 * the expected text, and the result parses without that problem.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { parseRule, type SyntaxCode } from '../grammar/src/index.js';

function applyFix(text: string, code: SyntaxCode): string {
  const problem = parseRule(text).problems.find((p) => p.code === code);
  assert.ok(problem, `no ${code} for ${JSON.stringify(text)}`);
  assert.ok(problem.fix, `${code} has no fix for ${JSON.stringify(text)}`);
  const edits = [...problem.fix.edits].sort((a, b) => b.start - a.start);
  return edits.reduce((t, e) => t.slice(0, e.start) + e.newText + t.slice(e.end), text);
}

const fixes = suite('rule syntax fixes');

const cases: [SyntaxCode, string, string][] = [
  ['RL110', 'print "n=" + str(n)\n', 'print("n=" + str(n))\n'],
  ['RL110', 'print "a", n,\n', 'print("a", n, end=" ")\n'],
  ['RL110', 'if x: print x\n', 'if x: print(x)\n'],
  ['RL111', 'if a <> b: pass\n', 'if a != b: pass\n'],
  ['RL111', 's = `n`\n', 's = repr(n)\n'],
  ['RL111', 'm = 0777\n', 'm = 0o777\n'],
  ['RL111', 'm = 10L\n', 'm = 10\n'],
  ['RL111', "s = ur'x'\n", "s = 'x'\n"],
  ['RL111', "s = ur'\\d'\n", "s = r'\\d'\n"],
  ['RL111', 'exec "x = 1"\n', 'exec("x = 1")\n'],
  ['RL111', 'n = long(x)\n', 'n = int(x)\n'],
  ['RL112', 'n++\n', 'n += 1\n'],
  ['RL112', 'd[k]--\n', 'd[k] -= 1\n'],
  ['RL104', 'if x:\n\ty = 1\n', 'if x:\n        y = 1\n'],
  ['RL121', 'm = f"n={n:.2f} and {m}!"\n', 'm = "n={:.2f} and {}!".format(n, m)\n'],
];

for (const [code, before, after] of cases) {
  fixes(`${code}: ${JSON.stringify(before)}`, () => {
    const fixed = applyFix(before, code);
    assert.is(fixed, after);
    assert.not.ok(parseRule(fixed).problems.some((p) => p.code === code), `the fixed text still has ${code}`);
  });
}

fixes('print >>f has no fix (rules cannot write to files)', () => {
  const problem = parseRule('print >>f, x\n').problems.find((p) => p.code === 'RL110');
  assert.ok(problem);
  assert.is(problem.fix, undefined);
});

fixes('an f-string with a conversion gets no fix', () => {
  const problem = parseRule('m = f"{n!r}"\n').problems.find((p) => p.code === 'RL121');
  assert.ok(problem);
  assert.is(problem.fix, undefined);
});

fixes.run();
