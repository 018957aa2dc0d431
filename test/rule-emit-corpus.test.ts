/**
 * Every scaling rule of the shared corpus that reaches the plan (its ADT
 * validates; Python 2 rules stop at their dedicated diagnostics, which
 * rule-check-corpus checks) compiles through the plan's seam to a verified
 * module, and runs on sample inputs (queries None, 0, mid and high; alerts off
 * and on) without a JavaScript exception or a timeout. Python errors a rule
 * raises on some inputs are fine: they are the rule's.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { globSync } from 'tinyglobby';
import { compile } from '../compiler/src/plan/compile.js';
import type { RuleRequest } from '../compiler/src/plan/emit.js';
import { fileSystemHost } from '../compiler/src/host.js';
import { createRuleCompiler, loadRuleModule, requestEnvironment, requestOptions } from '../compiler/src/rule/index.js';
import { corpusRoot } from './harness/paths.js';

const test = suite('rule emission: corpus');

test('every corpus rule that reaches the plan compiles and runs on sample inputs', async () => {
  const files = globSync(['**/*.yaml', '**/*.yml'], { cwd: corpusRoot, absolute: true }).sort();
  const requests: { file: string; r: RuleRequest }[] = [];
  for (const file of files) {
    compile(file, fileSystemHost, { compileRule: (r) => void requests.push({ file, r }) });
  }
  assert.ok(requests.length > 200, `only ${requests.length} rules reached the plan`);
  const compiler = await createRuleCompiler();
  const compiled = compiler.compileAll(requests.map(({ r }) => ({ text: r.source, env: requestEnvironment(r), options: requestOptions(r) })));
  const failures: string[] = [];
  let runs = 0;
  let raised = 0;
  for (let i = 0; i < requests.length; i++) {
    const { file, r } = requests[i]!;
    const c = compiled[i]!;
    if (!c.module) {
      failures.push(`${file.slice(corpusRoot.length + 1)} ${r.name}: ${c.problems.map((p) => `${p.code} ${JSON.stringify(p.args)}`).join('; ')}`);
      continue;
    }
    const rule = await loadRuleModule(c.module);
    for (const [q, alert] of [[null, false], [0.0, false], [55.5, true], [97.25, false]] as const) {
      const inputs: Record<string, unknown> = {
        m_node_count: 2n, m_container_count: 2n, m_nodes: [{ ID: 'worker-1', Addr: '10.0.0.1' }, { ID: 'worker-2', Addr: '10.0.0.2' }],
        m_nodes_todrop: [], m_time_since_node_count_changed: 300n, m_time_when_node_count_changed: 1_700_000_000n, m_userdata: null,
      };
      // A list-form query (`NAME: [expr, label]`) gives its labels as strings.
      for (const [name, form] of Object.entries(r.queries)) inputs[name] = form === 'list' && q !== null ? [String(q)] : q;
      for (const name of r.alerts) inputs[name] = alert;
      try {
        const out = rule.evaluate(inputs, { clock: 1_700_000_300 });
        runs++;
        if (out.error?.type === 'Timeout') failures.push(`${r.name}: timeout on ${q}`);
        else if (out.error) raised++;
      } catch (e) {
        failures.push(`${file.slice(corpusRoot.length + 1)} ${r.name}: JavaScript exception on CPU=${q}: ${(e as Error).stack}`);
      }
    }
  }
  assert.equal(failures.slice(0, 5), [], `${failures.length} failures`);
  if (process.env['RULE_LIB_STATS']) console.log(`rule corpus: ${requests.length} rules compiled, ${runs} runs (${raised} raised a Python error), no JavaScript exception`);
});

test.run();
