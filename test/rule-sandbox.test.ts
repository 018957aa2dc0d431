/**
 * Sandbox escapes (issue 3, spec §6): each attempt is refused at compile time
 * (by the checker; hand-made JavaScript by the confinement verifier) or
 * stopped at run time by the execution budget or the reference's size limits.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { loadTypeScript } from '../compiler/src/rule/ts-check.js';
import { verifyRuleJs } from '../compiler/src/rule/verify-js.js';
import { createRuleCompiler, loadRuleModule, ruleEnvironment } from '../compiler/src/rule/index.js';

const test = suite('rule sandbox');
const env = ruleEnvironment({ kind: 'node', queries: { CPU: 'number' } });

async function compileOnly(src: string): Promise<string[]> {
  const r = (await createRuleCompiler()).compile(src, env);
  return r.module ? [] : r.problems.map((p) => String(p.code));
}

async function run(src: string, budget = 100_000): Promise<{ type: string } | null> {
  const r = (await createRuleCompiler()).compile(src, env);
  assert.ok(r.module, `expected ${JSON.stringify(src)} to compile: ${JSON.stringify(r.problems)}`);
  return (await loadRuleModule(r.module!)).evaluate({ m_node_count: 1n }, { budget }).error;
}

const refusedAtCompileTime: Record<string, string> = {
  'constructor chain': "x = ''.__class__.__mro__[1].__subclasses__()",
  '__class__ attribute': 'y = m_nodes.__class__',
  'constructor as method': "z = 'a'.constructor('return process')()",
  'attribute assignment': 'time.time = 1',
  'import': 'import os',
  'eval': "eval('1')",
  'open': "open('/etc/passwd')",
  'requests': "requests.get('http://example.com')",
  'lambda': 'f = lambda: 1',
  '__import__': "__import__('os')",
  'globals': 'g = globals()',
  'getattr': "v = getattr(m_nodes, 'append')",
  'type constructor': "t = type(1)('3')",
  'process name': 'process.exit(1)',
};

for (const [what, src] of Object.entries(refusedAtCompileTime)) {
  test(`refused at compile time: ${what}`, async () => {
    const codes = await compileOnly(src + '\n');
    assert.ok(codes.length > 0, `${src} compiled`);
    assert.ok(!codes.some((c) => /^(RL9|EMIT|VERIFY)/.test(c)), `${src}: the checker, not the back end, should refuse it (${codes.join(', ')})`);
  });
}

test('a Python name can never name a JavaScript global or property: names are mangled', async () => {
  const r = (await createRuleCompiler()).compile('constructor = 1\n__proto__ = 2\nprocess = constructor + __proto__\nprint(process)\n', env);
  assert.ok(r.module, JSON.stringify(r.problems));
  assert.match(r.javascript!, /s\.v_constructor = 1n/);
  const out = (await loadRuleModule(r.module!)).evaluate({});
  assert.is(out.printed, '3\n');
});

test('while True: pass is refused at compile time; a disguised endless loop is stopped by the budget', async () => {
  assert.equal(await compileOnly('while True:\n    pass\n'), ['ENDLESS']);
  assert.equal((await run('n = 1\nwhile n > 0:\n    n = n + 1\n'))?.type, 'Timeout');
});

test('an endless loop that grows a list is stopped by the budget', async () => {
  assert.equal((await run('xs = [1]\nwhile len(xs) > 0:\n    xs.append(len(xs))\n'))?.type, 'Timeout');
});

test('[0] * 10**9 is stopped before it allocates', async () => {
  assert.equal((await run('xs = [0] * 10**9\n', 1_000_000))?.type, 'Timeout');
});

test('huge string building stops with the reference RuntimeError', async () => {
  assert.equal((await run("s = 'x'\nwhile len(s) > 0:\n    s = s + s\n"))?.type, 'RuntimeError');
  assert.equal((await run("s = 'ab' * 10**6\n"))?.type, 'RuntimeError');
});

test('2 ** 10**6 and 1 << 10**6 are refused by the reference limits', async () => {
  assert.equal((await run('x = 2 ** 1000000\n'))?.type, 'RuntimeError');
  assert.equal((await run('x = 1 << 1000000\n'))?.type, 'RuntimeError');
});

const hostile: Record<string, string> = {
  'this': 'function rule(rt, s) { this.x = 1; }',
  'new': 'function rule(rt, s) { s.v_x = new rt.list([]); }',
  'element access': 'function rule(rt, s) { s.v_x = rt["constructor"]; }',
  'other property': 'function rule(rt, s) { s.v_x = rt.list.constructor; }',
  'rt member a rule must not reach': 'function rule(rt, s) { rt.reset({ budget: 1e12 }); }',
  'unknown call-table name': 'function rule(rt, s) { s.v_x = rt.call("constructor", []); }',
  'unknown method': 'function rule(rt, s) { s.v_x = rt.callMethod(s.v_y, "__proto__", []); }',
  'global': 'function rule(rt, s) { s.v_x = process; }',
  'template literal': 'function rule(rt, s) { s.v_x = `a`; }',
  'arrow function': 'function rule(rt, s) { s.v_x = () => 1; }',
  'proto key': 'function rule(rt, s) { rt.call("max", [], { __proto__: null }); }',
  'second function': 'function rule(rt, s) {}\nfunction other() {}',
  'import': 'import fs from "node:fs";\nfunction rule(rt, s) {}',
  'while': 'function rule(rt, s) { while (true) {} }',
};

for (const [what, js] of Object.entries(hostile)) {
  test(`verifier refuses: ${what}`, async () => {
    const issues = verifyRuleJs(await loadTypeScript(), js);
    assert.ok(issues.length > 0, `accepted: ${js}`);
  });
}

test.run();
