/**
 * Micro-benchmark of typical rule-lib calls (not a test). The whole demo rule
 * must later evaluate in ≤ 5 µs, so the hot paths must stay allocation-free.
 * Run: npx tsc -b && node dist/test/bench/rule-lib-bench.js
 */
import { createRuntime, type PyValue, type Runtime } from '../../runtime/src/rule-lib/index.js';

function bench(name: string, fn: (rt: Runtime) => unknown, iterations = 2_000_000): void {
  const rt = createRuntime({ budget: Number.MAX_SAFE_INTEGER });
  let sink: unknown;
  for (let i = 0; i < iterations / 10; i++) sink = fn(rt); // warm-up
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < iterations; i++) sink = fn(rt);
  const ns = Number(process.hrtime.bigint() - t0) / iterations;
  console.log(`${name.padEnd(44)} ${(ns / 1000).toFixed(4)} µs/call`);
  void sink;
}

const LIST = createRuntime().list([1n, 2n, 3n]);

interface Scope { v_CPU: PyValue; v_m_node_count: PyValue }

/** The spec §6.1 example: if CPU > 70 and m_node_count < 10: m_node_count += 1; print(...) without the print. */
function demoRule(rt: Runtime, s: Scope): void {
  rt.stmt(1);
  let t1: PyValue = rt.gt(s.v_CPU, 70n);
  if (rt.truthy(t1)) t1 = rt.lt(s.v_m_node_count, 10n);
  if (rt.truthy(t1)) {
    rt.stmt(2);
    s.v_m_node_count = rt.add(s.v_m_node_count, 1n);
  }
}

bench('add(bigint, bigint)', (rt) => rt.add(41n, 1n));
bench('add(float, float)', (rt) => rt.add(0.1, 0.2));
bench('add(float, int)', (rt) => rt.add(0.5, 2n));
bench('truediv(int, int)', (rt) => rt.truediv(7n, 2n));
bench('floordiv(-7, 2)', (rt) => rt.floordiv(-7n, 2n));
bench('mod(float, float)', (rt) => rt.mod(-7.5, 2.0));
bench('lt(float, int) + truthy', (rt) => rt.truthy(rt.lt(73.5, 70n)));
bench('pow(float, 0.5)', (rt) => rt.pow(2.0, 0.5), 200_000);
bench('str(float)', (rt) => rt.str(0.30000000000000004));
bench("mod('%.2f', float)", (rt) => rt.mod('%.2f', 2.675), 500_000);
bench("call('round', [2.675, 2])", (rt) => rt.call('round', [2.675, 2n]));
bench("call('max', [a, b])", (rt) => rt.call('max', [3n, 7n]));
bench('getitem(list, -1)', (rt) => rt.getitem(LIST, -1n));
bench('demo rule (spec §6.1) incl. scope', (rt) => demoRule(rt, { v_CPU: 75.5, v_m_node_count: 3n }));
bench('createRuntime()', () => createRuntime(), 200_000);
bench('rt.reset({ clock })', (rt) => rt.reset({ clock: 1_700_000_000 }));
