/**
 * Rule compiler benchmark (not a test; `npm run bench`, or
 * `node dist/test/bench/rule-bench.js`): per demo rule, parse+check time,
 * TypeScript verification cold (first program of the process) and warm
 * (re-check with cached lib files and the previous program; target ≤ 10 ms),
 * and evaluation time per call of the compiled module (target ≤ 5 µs).
 */
import { checkRuleText, createRuleCompiler, loadRuleModule, ruleEnvironment } from '../../compiler/src/rule/index.js';
import { RuleTypeChecker, loadTypeScript } from '../../compiler/src/rule/ts-check.js';
import { emitRule } from '../../compiler/src/rule/emit-ts.js';

const DEMO: Record<string, { src: string; env: Parameters<typeof ruleEnvironment>[0]; inputs: Record<string, unknown> }> = {
  'vm cpu (examples/web-app-on-ec2)': {
    src: 'if NODE_CPU is not None and m_time_since_node_count_changed > 120:\n  if NODE_CPU > NODE_HIGH:\n    m_node_count += 1\n  elif NODE_CPU < NODE_LOW:\n    m_node_count -= 1\n',
    env: { kind: 'node', constants: { NODE_HIGH: 80n, NODE_LOW: 20n }, queries: { NODE_CPU: 'number' } },
    inputs: { NODE_CPU: 85.5, m_node_count: 2n, m_time_since_node_count_changed: 300n },
  },
  'container cpu with print': {
    src: "if WEB_CPU is None:\n  print('no CPU figure for web yet')\nelif WEB_CPU > WEB_HIGH and m_container_count < 5:\n  m_container_count += 1\nelif WEB_CPU < WEB_LOW:\n  m_container_count -= 1\n",
    env: { kind: 'container', constants: { WEB_HIGH: 70.0, WEB_LOW: 25.5 }, queries: { WEB_CPU: 'number' } },
    inputs: { WEB_CPU: 12.5, m_container_count: 3n },
  },
  'queue length, ceil and a loop': {
    src: "q = QUEUE or 0\nwanted = ceil(q / ITEMS_PER_NODE)\nm_node_count = max(MIN, min(MAX, int(wanted)))\nbusy = 0\nfor n in m_nodes:\n    if n['ID'].startswith('w'):\n        busy += 1\nprint('queue %d -> %d nodes (%d busy)' % (q, m_node_count, busy))\n",
    env: { kind: 'node', constants: { ITEMS_PER_NODE: 10n, MIN: 1n, MAX: 8n }, queries: { QUEUE: 'number' } },
    inputs: { QUEUE: 42.0, m_node_count: 2n, m_nodes: [{ ID: 'w1', Addr: '10.0.0.1' }, { ID: 'x2', Addr: '10.0.0.2' }] },
  },
};

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

const t0 = performance.now();
const ts = await loadTypeScript();
const loadMs = performance.now() - t0;
const checker = new RuleTypeChecker(ts);
const compiler = await createRuleCompiler();
console.log(`rule compiler (typescript ${ts.version}); import typescript: ${loadMs.toFixed(0)} ms`);
let first = true;
for (const [name, demo] of Object.entries(DEMO)) {
  const env = ruleEnvironment(demo.env);
  const parse: number[] = [];
  for (let i = 0; i < 200; i++) {
    const t = performance.now();
    checkRuleText(demo.src, env);
    parse.push(performance.now() - t);
  }
  const check = checkRuleText(demo.src, env);
  const emitted = emitRule(check.ast, { inputs: new Set(Object.keys(demo.inputs)), constants: env.constantValues, apiModule: './rule-lib/api.js' });
  let t = performance.now();
  checker.check(new Map([['/bench.ts', emitted.text]]));
  const cold = performance.now() - t;
  const warm: number[] = [];
  for (let i = 0; i < 50; i++) {
    // A changed text each time, as when a user edits the rule: the file is re-parsed and re-checked.
    const text = emitted.text.replace('function rule', `// edit ${i}\nfunction rule`);
    t = performance.now();
    checker.check(new Map([['/bench.ts', text]]));
    warm.push(performance.now() - t);
  }
  const compiled = compiler.compile(demo.src, env);
  const rule = await loadRuleModule(compiled.module!);
  for (let i = 0; i < 20_000; i++) rule.evaluate(demo.inputs);
  const calls = 200_000;
  t = performance.now();
  for (let i = 0; i < calls; i++) rule.evaluate(demo.inputs);
  const perCall = ((performance.now() - t) / calls) * 1000;
  const full: number[] = [];
  for (let i = 0; i < 20; i++) {
    t = performance.now();
    compiler.compile(demo.src + `\nedit = ${i}\n`, env);
    full.push(performance.now() - t);
  }
  console.log(`${name}:
  parse+check       ${median(parse).toFixed(3)} ms (median of 200)
  TypeScript check  cold ${cold.toFixed(1)} ms${first ? ' (first program of the process)' : ''}, warm ${median(warm).toFixed(2)} ms median, ${[...warm].sort((a, b) => a - b)[Math.floor(warm.length * 0.95)]!.toFixed(2)} ms p95 (target ≤ 10 ms)
  whole compile     ${median(full).toFixed(2)} ms median (check, emit, TypeScript, erase, verify, wrap)
  evaluate          ${perCall.toFixed(2)} µs per call (target ≤ 5 µs)`);
  first = false;
}
