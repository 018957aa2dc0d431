/**
 * Compile time against rule length (not a test; `npm run bench`, or `node dist/test/bench/rule-size-bench.js`):
 * rules of 1,000, 10,000 and 40,000 statements of the kinds real rules use (assignments, arithmetic on
 * queries, if/elif/else, a loop, prints), each checked (what validate does) and compiled to a verified module.
 * The target is time linear in length: the figure per 1,000 statements should stay about flat.
 */
import { checkRuleText, createRuleCompiler, ruleEnvironment } from '../../compiler/src/rule/index.js';

/** A rule of `n` statements; block statements count with the statements inside them. */
export function longRule(n: number): string {
  const lines: string[] = ['total = 0', 'count = 0'];
  let statements = 2;
  for (let i = 0; statements < n; i++) {
    switch (i % 5) {
      case 0: lines.push(`a${i % 50} = (CPU or 0) * ${i % 7 + 1} + ${i}`); statements += 1; break;
      case 1: lines.push(`if a${(i - 1) % 50} > ${i % 100}:`, `    total = total + a${(i - 1) % 50}`, 'else:', '    count = count + 1'); statements += 3; break;
      case 2: lines.push(`for n in m_nodes:`, `    count = count + len(n)`); statements += 2; break;
      case 3: lines.push(`ratio = total / (count + 1)`); statements += 1; break;
      default: lines.push(`print('step ${i}: %.2f' % ratio)`); statements += 1;
    }
  }
  lines.push('if total > count:', '    m_node_count = m_node_count + 1');
  return lines.join('\n') + '\n';
}

const env = ruleEnvironment({ kind: 'node', queries: { CPU: 'number' } });
const compiler = await createRuleCompiler();
compiler.compile(longRule(200), env); // load TypeScript and warm the JIT
console.log('rule compile time by rule length (one process, warm)');
for (const n of [1_000, 10_000, 40_000]) {
  const text = longRule(n);
  const t0 = performance.now();
  const checked = checkRuleText(text, env);
  const t1 = performance.now();
  const compiled = compiler.compile(text, env);
  const t2 = performance.now();
  if (!compiled.module) throw new Error(`the ${n}-statement rule did not compile: ${JSON.stringify(compiled.problems.slice(0, 3))}`);
  const heap = process.memoryUsage().heapUsed / 2 ** 20;
  console.log(
    `  ${String(n).padStart(6)} statements (${(text.length / 1024).toFixed(0)} KiB): validate ${(t1 - t0).toFixed(0)} ms, compile ${(t2 - t1).toFixed(0)} ms` +
      ` (${((t2 - t1) / (n / 1000)).toFixed(0)} ms per 1,000), ${checked.problems.length} problems, heap ${heap.toFixed(0)} MB`,
  );
}
