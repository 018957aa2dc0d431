/**
 * Sandbox escapes (issue 3, spec §6): each attempt is refused at compile time
 * (by the checker; hand-made JavaScript by the confinement verifier) or
 * stopped at run time by the execution budget or the reference's size limits.
 * Resource attacks (issue 12): every class ends as a bounded rule error the
 * author sees, or as a validate diagnostic, through the compiled module, the
 * `run` loop, `simulate` and `adtc rule eval`; the host process and the other
 * policies go on.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { loadTypeScript } from '../compiler/src/rule/ts-check.js';
import { verifyRuleJs } from '../compiler/src/rule/verify-js.js';
import { createRuleCompiler, loadRuleModule, ruleEnvironment } from '../compiler/src/rule/index.js';
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { openLoop } from '../runtime/src/loop/open-loop.js';
import { RuleRunner } from '../runtime/src/loop/rule-runner.js';
import { ruleModuleOf } from '../runtime/src/loop/rule-module.js';
import { redact, redactText } from '../runtime/src/loop/decision-log.js';
import { simulate } from '../runtime/src/simulate/simulate.js';
import { EnvironmentDouble, planDir } from './doubles/loop-environment.js';
import { repoRoot } from './harness/paths.js';

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

/** Resource attacks: each rule, and what its author sees (error type and message) instead of a dead host. */
const attacks: Record<string, { src: string; type: string; message?: RegExp }> = {
  'format width': { src: "x = '%999999999d' % 1", type: 'RuntimeError', message: /String length exceeded maximum of 262144/ },
  'format() width': { src: "x = '{:999999999}'.format(1)", type: 'RuntimeError' },
  'format precision': { src: "x = '%.999999999f' % 1.5", type: 'RuntimeError' },
  'zfill': { src: "x = '1'.zfill(999999999)", type: 'RuntimeError' },
  'ljust': { src: "x = 'a'.ljust(10**9)", type: 'RuntimeError' },
  'replace growth': { src: "x = 'a' * 200000\ny = x.replace('a', x)", type: 'RuntimeError' },
  'join growth': { src: "x = 'a' * 200000\ny = x.join([x, x, x])", type: 'RuntimeError' },
  'bigint squaring': { src: 'x = 7\nfor i in range(40):\n    x = x * x', type: 'Timeout' },
  'shift in a loop': { src: 'x = 1\nfor i in range(100000):\n    x = x << 1000', type: 'Timeout' },
  'decimal of a huge int': { src: "x = 3 ** 10000\nfor i in range(1000):\n    s = '%d' % x\n    x = x * 3 ** 100", type: 'Timeout' },
  'bin of a huge int': { src: 'x = 1\nfor i in range(300):\n    x = x << 1000\ny = bin(x)', type: 'RuntimeError' },
  'str of deep nesting': { src: 'x = []\nfor i in range(200000):\n    x = [x]\ny = str(x)', type: 'RecursionError' },
  '== of deep nesting': { src: 'x = []\ny = []\nfor i in range(200000):\n    x = [x]\n    y = [y]\nz = x == y', type: 'RecursionError' },
  'dict key of deep nesting': { src: 'x = ()\nfor i in range(200000):\n    x = (x,)\nd = {x: 1}', type: 'RecursionError' },
  'str of shared structure': { src: 'x = [1]\nfor i in range(40):\n    x = [x, x]\ny = str(x)', type: 'RuntimeError' },
  '== of shared structure': { src: 'x = [1]\ny = [1]\nfor i in range(40):\n    x = [x, x]\n    y = [y, y]\nz = x == y', type: 'Timeout' },
};

for (const [what, attack] of Object.entries(attacks)) {
  test(`resource attack ends as a rule error: ${what}`, async () => {
    const r = (await createRuleCompiler()).compile(attack.src + '\n', env);
    assert.ok(r.module, JSON.stringify(r.problems));
    const out = (await loadRuleModule(r.module!)).evaluate({ m_node_count: 1n });
    assert.is(out.error?.type, attack.type, JSON.stringify(out.error));
    if (attack.message) assert.match(out.error!.message, attack.message);
  });
}

test('a JavaScript error inside a rule arrives as the Python error it means, never as an exception', async () => {
  // Hand-made module: a rule-lib call that overflows the stack inside the rule.
  const r = (await createRuleCompiler()).compile('x = []\nfor i in range(100000):\n    x = [x]\ny = x == x[0]\n', env);
  const out = (await loadRuleModule(r.module!)).evaluate({});
  assert.is(out.error?.type, 'RecursionError');
  assert.is(out.error?.line, 4);
});

const planSpecs = (attack: string) => [
  { name: 'attack', kind: 'container' as const, rule: 'threshold.js' },
  { name: 'web', kind: 'container' as const, rule: 'threshold.js', queries: { LOAD: 'q' } },
].map((p) => (p.name === 'attack' ? { ...p, attack } : p));

/** A plan whose policy `attack` runs the compiled `src` and whose policy `web` (compiled too) scales up while LOAD > 10. */
async function attackPlan(src: string): Promise<string> {
  const { dir, plan } = await planDir('attack', planSpecs(src));
  const compiler = await createRuleCompiler();
  let text = await readFile(join(dir, 'plan.json'), 'utf8');
  for (const [name, rule, queries] of [['attack', src, {}], ['web', 'if LOAD is not None and LOAD > 10:\n    m_container_count += 1\n', { LOAD: 'number' as const }]] as const) {
    const compiled = compiler.compile(rule, ruleEnvironment({ kind: 'container', queries }));
    assert.ok(compiled.module, JSON.stringify(compiled.problems));
    const policy = plan.policies.find((p) => p.name === name)!;
    await writeFile(join(dir, policy.rule.module!), compiled.module!);
    text = text.replace(policy.rule.sha256!, createHash('sha256').update(compiled.module!).digest('hex'));
  }
  await writeFile(join(dir, 'plan.json'), text);
  return dir;
}

test('run: an attacking policy fails with its rule error each cycle; the other policy scales and the loop goes on', async () => {
  const runner = new RuleRunner({ timeoutMs: 60_000 });
  try {
    const dir = await attackPlan("x = []\nfor i in range(200000):\n    x = [x]\nprint(str(x))\n");
    const env2 = new EnvironmentDouble();
    env2.metrics.values.set('q', 50);
    const opened = await openLoop({ planDir: dir, stateDir: await mkdtemp(join(tmpdir(), 'adtc-state-')), env: env2, runner });
    if (!opened.ok) throw new Error(opened.errors.join());
    for (const expected of ['scale Deployment/web 1 → 2', 'scale Deployment/web 2 → 3']) {
      const report = await opened.loop.cycle();
      const attack = report.outcomes.find((o) => o.policy === 'attack')!;
      const web = report.outcomes.find((o) => o.policy === 'web')!;
      assert.is(web.summary, expected);
      assert.is(attack.summary, 'no change');
    }
    await opened.log.flush();
    const log = await readFile(opened.log.file, 'utf8');
    assert.match(log, /maximum recursion depth exceeded while getting the repr of an object \(ADT line 4\)/);
  } finally {
    await runner.close();
  }
});

test('run: m_userdata round-trips exactly (int and str keys, __proto__, tuples, floats) and its size limit is a rule error', async () => {
  const runner = new RuleRunner({ timeoutMs: 60_000 });
  try {
    const src =
      "if m_userdata is None:\n    m_userdata = {1: 'a', '1': 'b', '__proto__': 3, (1, 2): 2.5, 'xs': [None, True]}\n" +
      "else:\n    print(sorted(m_userdata.keys(), key=str))\n    if 'grow' not in m_userdata:\n        m_userdata['grow'] = []\n    m_userdata['grow'].append('x' * 200000)\n";
    const dir = await attackPlan(src);
    const env2 = new EnvironmentDouble();
    env2.metrics.values.set('q', 7);
    const stateDir = await mkdtemp(join(tmpdir(), 'adtc-state-'));
    const opened = await openLoop({ planDir: dir, stateDir, env: env2, runner });
    if (!opened.ok) throw new Error(opened.errors.join());
    await opened.loop.cycle();
    const second = await opened.loop.cycle();
    assert.is(second.outcomes.find((o) => o.policy === 'attack')!.printed, "[(1, 2), 1, '1', '__proto__', 'xs']\n");
    // Each cycle adds 200,000 characters: the sixth would pass 1 MiB, which the rule author sees as a ValueError.
    for (let i = 0; i < 6; i++) await opened.loop.cycle();
    await opened.log.flush();
    assert.match(await readFile(opened.log.file, 'utf8'), /m_userdata is too large to keep \(over 1048576 characters once saved\)/);
    // Past the limit m_userdata stops growing: so does the state file (the issue saw 73 MB).
    const capped = (await stat(opened.store.file)).size;
    for (let i = 0; i < 2; i++) await opened.loop.cycle();
    const later = (await stat(opened.store.file)).size;
    assert.ok(later <= capped * 1.01 && later < 4 * 2 ** 20, `the state file grew from ${capped} to ${later} bytes`);
  } finally {
    await runner.close();
  }
});

test('run: the bytes hashed are the bytes evaluated; a module swapped on disk after the check does not run', async () => {
  const dir = await attackPlan("print('verified')\n");
  const plan = JSON.parse(await readFile(join(dir, 'plan.json'), 'utf8')) as { policies: { name: string; rule: { module: string } }[] };
  const policy = plan.policies.find((p) => p.name === 'attack')! as unknown as Parameters<typeof ruleModuleOf>[1];
  const checked = await ruleModuleOf(dir, policy);
  assert.ok(checked.ok);
  if (!checked.ok) return;
  const swapped = (await createRuleCompiler()).compile("print('swapped')\n", ruleEnvironment({ kind: 'container', queries: {} }));
  await writeFile(checked.path, swapped.module!);
  const runner = new RuleRunner({ timeoutMs: 60_000 });
  try {
    const run = await runner.run(checked.rule, { m_container_count: 1n });
    assert.ok(run.ok);
    if (run.ok) assert.is(run.printed, 'verified\n');
    // Bytes that do not match their hash are refused by the rule process too.
    const forged = await runner.run({ ...checked.rule, source: Buffer.from(swapped.module!) }, { m_container_count: 1n });
    assert.equal(forged.ok, false);
  } finally {
    await runner.close();
  }
});

test('the decision log redacts in linear time and without recursion', () => {
  const letters = 'a'.repeat(1_000_000);
  const started = Date.now();
  assert.is(redactText(letters), letters);
  assert.ok(Date.now() - started < 30_000, 'a million letters are one linear scan');
  assert.is(redactText('see https://user:pw@host/x and ftp://a@b, not a://'), 'see https://***@host/x and ftp://***@b, not a://');
  let deep: unknown = { password: 'p' };
  for (let i = 0; i < 200_000; i++) deep = { next: deep };
  let out = redact(deep) as { next?: unknown; password?: unknown };
  for (let i = 0; i < 200_000; i++) out = out.next as typeof out;
  assert.is(out.password, '***');
  const proto = redact(JSON.parse('{"__proto__": {"token": "t"}}')) as Record<string, unknown>;
  assert.equal(Object.keys(proto), ['__proto__']);
});

/** A two-policy ADT: `attack` runs `rule`, `web` grows by one replica a cycle up to 3. */
function twoPolicyAdt(rule: string): string {
  const policy = (target: string, text: string) =>
    `    - ${target}-scaling:\n        type: tosca.policies.Scaling.MiCADO\n        targets: [ ${target} ]\n        properties:\n          min_instances: 1\n          max_instances: 3\n          scaling_rule: |\n${text.split('\n').filter(Boolean).map((l) => `            ${l}\n`).join('')}`;
  const app = (name: string) => `    ${name}:\n      type: tosca.nodes.MiCADO.Container.Application.Docker.Deployment\n      properties:\n        image: nginx:1.25\n`;
  return 'tosca_definitions_version: tosca_simple_yaml_1_2\nimports:\n  - https://raw.githubusercontent.com/micado-scale/tosca/v0.12.0/micado_types.yaml\ntopology_template:\n  node_templates:\n' +
    app('attack') + app('web') + '  policies:\n' + policy('attack', rule) + policy('web', 'if m_container_count < 3:\n  m_container_count += 1\n');
}

const execAdtc = promisify(execFile);
/** `adtc …` as a user runs it; its output whatever the exit code. */
const adtc = (args: string[]): Promise<{ stdout: string; stderr: string }> =>
  execAdtc(process.execPath, [join(repoRoot, 'bin/adtc.js'), ...args], { maxBuffer: 1 << 24 }).catch((e: { stdout: string; stderr: string }) => e);

test('simulate: the attacking policy reports its error every cycle while the other scales', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'adtc-attack-'));
  await writeFile(join(dir, 'app.yaml'), twoPolicyAdt("x = 7\nfor i in range(40):\n  x = x * x\n"));
  const compiled = await adtc(['compile', join(dir, 'app.yaml'), '-o', join(dir, 'plan')]);
  assert.match(compiled.stdout, /Wrote/, compiled.stderr);
  const result = await simulate({ planDir: join(dir, 'plan'), stateDir: await mkdtemp(join(tmpdir(), 'adtc-sim-')), load: { profile: 'step', peak: 60, base: 10 }, durationS: 60, ruleTimeoutMs: 60_000 });
  if (!result.ok) throw new Error(result.errors.join('\n'));
  assert.is(Math.max(...result.rows.map((r) => r.replicas['web']!.desired)), 3);
  assert.ok(result.rows.every((r) => r.replicas['attack']!.desired === 1));
  assert.ok(result.rows.every((r) => r.outcomes.some((o) => o.policy === 'attack' && /no change|error/.test(o.summary))));
});

test('rule eval: the rule runs in the sandbox; its error is shown, and printed control characters are escaped', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'adtc-attack-'));
  await writeFile(join(dir, 'app.yaml'), twoPolicyAdt("print('\\x1b]0;owned\\x07done')\nx = '1'.zfill(999999999)\n"));
  const out = await adtc(['rule', 'eval', join(dir, 'app.yaml'), '--policy', 'attack']);
  assert.ok(!out.stdout.includes('\x1b') && !out.stdout.includes('\x07'), out.stdout);
  assert.match(out.stdout, /\\x1b\]0;owned\\x07done/);
  assert.match(out.stdout, /error: RuntimeError: String length exceeded maximum of 262144 \(ADT line \d+\)/);
});

test('validate refuses what compile could not build, at its place', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'adtc-attack-'));
  const cases: Record<string, [string, RegExp]> = {
    parens: [`x = ${'('.repeat(79)}1${')'.repeat(79)}\n`, /error ADT5130: This rule nests brackets more than 40 levels deep/],
    sum: [`x = ${Array(500).fill('1').join('+')}\n`, /error ADT5130: This rule nests operators, calls and subscripts more than 150 levels deep/],
    prefix: [`x = ${'- '.repeat(3000)}1\n`, /error ADT5130: This rule nests prefix operators/],
    power: [`x = ${'2**'.repeat(3000)}1\n`, /error ADT5130/],
    callvar: ['f = len\ny = f([1])\n', /error ADT6701: 'f' is a variable/],
  };
  for (const [name, [rule, expected]] of Object.entries(cases)) {
    await writeFile(join(dir, `${name}.yaml`), twoPolicyAdt(rule));
    const out = await adtc(['validate', join(dir, `${name}.yaml`)]);
    assert.match(out.stdout + out.stderr, expected, name);
    assert.not.match(out.stdout + out.stderr, /ADT9001/, name);
  }
});

test("names no rule can write are warned about and compile; a query named '__proto__' is an input like any other", async () => {
  const dir = await mkdtemp(join(tmpdir(), 'adtc-attack-'));
  const adt = twoPolicyAdt('x = __proto__\nprint(x)\n').replace(
    '          max_instances: 3\n          scaling_rule: |\n            x = __proto__',
    "          max_instances: 3\n          constants:\n            'MY-CONST': 3\n            'x); process.exit(1); (': 4\n          queries:\n            __proto__: 'up'\n          scaling_rule: |\n            x = __proto__",
  );
  await writeFile(join(dir, 'app.yaml'), adt);
  const out = await adtc(['compile', join(dir, 'app.yaml'), '-o', join(dir, 'plan')]);
  assert.match(out.stdout + out.stderr, /warning ADT6700: The constant name 'MY-CONST' is not a Python name/);
  assert.match(out.stdout + out.stderr, /Wrote/);
  const plan = JSON.parse(await readFile(join(dir, 'plan', 'plan.json'), 'utf8')) as { policies: { name: string; queries: Record<string, unknown> }[] };
  assert.equal(Object.keys(plan.policies.find((p) => p.name === 'attack')!.queries), ['__proto__']);
});

test.run();
