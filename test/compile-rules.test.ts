/**
 * The scaling rules `adtc compile` compiles behave as the checked rules
 * (issue 3): a run-time error carries its ADT line (block scalar, a type's
 * default, after a placeholder; an imported type's rule at the policy's
 * `type:`), a YAML float constant stays a float, and a
 * list-form query is a list of strings. Checked through the real compile()
 * and through `adtc rule eval`, which compiles a rule the same way.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { fileSystemHost } from '../compiler/src/host.js';
import { compile, type RuleRequest } from '../compiler/src/plan/compile.js';
import { createRuleCompiler, loadRuleModule, planRuleCompiler, requestEnvironment, type LoadedRule, type RuleCompiler } from '../compiler/src/rule/index.js';
import { fixturesRoot, repoRoot } from './harness/paths.js';

const test = suite('compile: rule fidelity');
const FIXTURE = join(fixturesRoot, 'compile/rules/fidelity.yaml');
const adtLines = readFileSync(FIXTURE, 'utf8').split('\n');
/** The 1-based line of the ADT that holds `text`. */
const lineOf = (text: string): number => adtLines.findIndex((l) => l.includes(text)) + 1;

const requests = new Map<string, RuleRequest>();
const modules = new Map<string, LoadedRule>();
const START = { m_node_count: 1n, m_container_count: 1n, m_nodes: [], m_nodes_todrop: [], m_time_when_node_count_changed: 0n, m_time_since_node_count_changed: 0n, m_userdata: null };

test.before(async () => {
  const compileRule = planRuleCompiler(await createRuleCompiler());
  const result = compile(FIXTURE, fileSystemHost, {
    compileRule: (r) => {
      requests.set(r.name, r);
      return compileRule(r);
    },
  });
  assert.equal(result.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message), []);
  for (const [path, text] of result.output?.files ?? []) {
    const name = /^policies\/(.+)\.js$/.exec(path)?.[1];
    if (name) modules.set(name, await loadRuleModule(text));
  }
});

test('every policy target of the fixture has a compiled module', () => {
  assert.equal([...modules.keys()].sort(), ['api', 'vm', 'web', 'worker']);
});

test('a run-time error in a block scalar rule carries its ADT line, also after a placeholder line', () => {
  const out = modules.get('web')!.evaluate({ ...START, CPU: 72.5 }, { clock: 0 });
  assert.equal(out.error?.type, 'ZeroDivisionError');
  assert.is(out.error?.line, lineOf('x = STEP / (CPU - CPU)'));
});

test("a run-time error in a rule inherited from an inline policy type's default carries its ADT line", () => {
  const out = modules.get('api')!.evaluate(START, { clock: 0 });
  assert.is(out.printed, 'inherited\n');
  assert.equal(out.error?.type, 'ZeroDivisionError');
  assert.is(out.error?.line, lineOf('x = 1 / (y - 2)'));
});

test("a rule from an imported file's type has no ADT line of its own: its errors point at the policy's type", () => {
  const out = modules.get('worker')!.evaluate(START, { clock: 0 });
  assert.equal(out.error?.type, 'ZeroDivisionError');
  assert.is(out.error?.line, lineOf('type: tosca.policies.Scaling.MiCADO.Imported'));
});

test('the request maps every rule line to its ADT line', () => {
  const web = requests.get('web')!;
  assert.equal(web.lines, [lineOf('print(LIMIT, {{LIMIT}})'), lineOf('if CPU is not None'), lineOf('x = STEP / (CPU - CPU)'), lineOf('m_container_count = m_container_count + STEP'), lineOf('m_container_count = m_container_count + STEP') + 1]);
});

test('a YAML float constant stays a float, as a name and as a placeholder', () => {
  const out = modules.get('web')!.evaluate({ ...START, CPU: null }, { clock: 0 });
  assert.is(out.printed, '60.0 60.0\n');
  assert.is(out.error, null);
  assert.equal(out.outputs?.['m_container_count'], 3n);
  assert.is(requests.get('web')!.source.split('\n')[0], 'print(LIMIT, 60.0)');
});

test('a list-form query is typed list[str] | None and receives a list of strings', () => {
  const vm = requests.get('vm')!;
  assert.equal(vm.queries, { DROP: 'list' });
  assert.equal(requests.get('web')!.queries, { CPU: 'number' });
  assert.equal(requestEnvironment(vm).queries.get('DROP'), 'list');
  const out = modules.get('vm')!.evaluate({ ...START, DROP: ['worker-1', 'worker-2'] }, { clock: 0 });
  assert.is(out.error, null);
  assert.is(out.printed, "['worker-1', 'worker-2']\n");
  assert.equal(out.outputs?.['m_nodes_todrop'], ['worker-1', 'worker-2']);
  assert.equal(out.outputs?.['m_node_count'], 2n);
});

function adtc(args: readonly string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [join(repoRoot, 'bin/adtc.js'), ...args], { cwd: repoRoot, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

test('adtc rule eval prints what the rule printed, the error with its ADT line, and the outputs, and exits 1 when the rule raised', () => {
  const r = adtc(['rule', 'eval', FIXTURE, '--policy', 'web', '--set', 'CPU=72.5', '--clock', '0']);
  assert.is(r.status, 1, r.stderr);
  assert.is(r.stdout, `printed:\n  60.0 60.0\nerror: ZeroDivisionError: float division by zero (ADT line ${lineOf('x = STEP / (CPU - CPU)')})\noutputs:\n  m_container_count = 1\n  m_userdata = None\n`);
});

test('adtc rule eval runs an inherited rule and a list query given with --set', () => {
  const api = adtc(['rule', 'eval', FIXTURE, '--policy', 'api']);
  assert.is(api.status, 1, api.stderr);
  assert.match(api.stdout, `error: ZeroDivisionError: division by zero (ADT line ${lineOf('x = 1 / (y - 2)')})`);
  const vm = adtc(['rule', 'eval', FIXTURE, '--policy', 'vm', '--set', "DROP=['a', 'b']", '--set', 'm_node_count=3']);
  assert.is(vm.status, 0, vm.stderr);
  assert.is(vm.stdout, `printed:\n  ['a', 'b']\noutputs:\n  m_node_count = 2\n  m_nodes_todrop = ['a', 'b']\n  m_userdata = None\n`);
});

test('adtc rule eval refuses bad arguments with exit 2', () => {
  const cases: [readonly string[], RegExp][] = [
    [['rule', 'eval', FIXTURE], /name one ADT and --policy/],
    [['rule', 'eval', '--policy', 'web'], /name one ADT and --policy/],
    [['rule', 'eval', FIXTURE, '--policy', 'web', '--set', 'CPU'], /--set needs NAME=VALUE/],
    [['rule', 'eval', FIXTURE, '--policy', 'web', '--set', 'CPU=max(1, 2)'], /--set needs NAME=VALUE/],
    [['rule', 'eval', FIXTURE, '--policy', 'web', '--clock', 'soon'], /--clock needs seconds/],
    [['rule', 'eval', FIXTURE, '--policy', 'web', '--set', 'CPUU=90'], /--set CPUU: the rule of 'web' has no input 'CPUU'\. Did you mean 'CPU'\?/],
    [['rule', 'eval', FIXTURE, '--policy', 'nope'], /no scaling policy targets 'nope'\. Targets: vm, web, api, worker\./],
    [['rule', 'eval', FIXTURE, '--policy', 'web', '--bogus'], /Unknown option/],
    [['rule', 'frobnicate'], /unknown subcommand 'frobnicate'/],
  ];
  for (const [args, message] of cases) {
    const r = adtc(args);
    assert.is(r.status, 2, args.join(' '));
    assert.match(r.stderr, message, args.join(' '));
  }
});

test.run();

const advice = suite('compile: m_opt_advice');
const OPT_FIXTURE = join(fixturesRoot, 'compile/rules/optimiser.yaml');
const envOf = (kind: 'node' | 'container') => ({ kind, constants: new Map(), queries: new Map(), alerts: new Set<string>(), constantValues: new Map() });
let compiler: RuleCompiler;
let workers: LoadedRule;
let workersModule: string;
/** The advice the runtime's loop passes as input m_opt_advice (ints as bigint). */
const ADVICE = { valid: true, phase: 'production', vm_number: 4n, reliability: 80n, error_msg: '' };

advice.before(async () => {
  compiler = await createRuleCompiler();
  const result = compile(OPT_FIXTURE, fileSystemHost, { compileRule: planRuleCompiler(compiler) });
  assert.equal(result.diagnostics.map((d) => d.message), []);
  workersModule = result.output!.files.get('policies/workers.js')!;
  workers = await loadRuleModule(workersModule);
});

advice('a VM rule calling m_opt_advice() compiles; its module takes the advice as input m_opt_advice, None when absent', () => {
  assert.match(workersModule, /const INPUTS = .*\["m_opt_advice",null,false\]/);
  const plain = compiler.compile('m_node_count = 2\n', envOf('node'));
  assert.ok(plain.module);
  // The runtime runs the optimiser for exactly the modules that name m_opt_advice.
  assert.not.match(plain.module!, /m_opt_advice/);
});

advice('the rule scales to reliable, valid advice; each call is a fresh copy the rule may change', () => {
  const out = workers.evaluate({ ...START, m_node_count: 2n, m_opt_target_query_CPU: 50, m_opt_advice: ADVICE }, { clock: 0 });
  assert.is(out.error, null);
  assert.is(out.printed, 'advice production True 4 80\n');
  assert.is(out.outputs?.['m_node_count'], 4n);
});

advice('unreliable or invalid advice leaves the thresholds in charge', () => {
  const low = workers.evaluate({ ...START, m_node_count: 2n, m_opt_target_query_CPU: 90, m_opt_advice: { ...ADVICE, reliability: 30n } }, { clock: 0 });
  assert.is(low.outputs?.['m_node_count'], 3n);
  const training = workers.evaluate({ ...START, m_node_count: 2n, m_opt_target_query_CPU: 10, m_opt_advice: { ...ADVICE, valid: false, phase: 'training' } }, { clock: 0 });
  assert.is(training.printed, 'advice training False 4 80\n');
  assert.is(training.outputs?.['m_node_count'], 1n);
});

advice('the checker types m_opt_advice() as dict[str, bool | str | int] and refuses arguments with a TypeError', () => {
  const typed = compiler.compile("x = m_opt_advice()['vm_number'] + 1\nm_node_count = x\n", envOf('node'));
  assert.equal(typed.problems, []);
  const withArgs = compiler.compile('x = m_opt_advice(1)\n', envOf('node'));
  assert.equal(withArgs.problems.map((p) => [p.code, p.args['error'], p.args['detail']]), [['TYPE', 'TypeError', 'm_opt_advice() takes no arguments']]);
  assert.is(withArgs.module, undefined);
});

advice('a container rule using m_opt_advice still gets RL211: the optimiser serves VM node policies only', () => {
  const r = compiler.compile('advice = m_opt_advice()\nm_container_count = 1\n', envOf('container'));
  assert.equal(r.problems.map((p) => p.code), ['RL211']);
  assert.is(r.module, undefined);
});

advice.run();
