/**
 * The runtime's public declaration surface (dist/runtime/src/rule-lib/api.d.ts
 * and the values.d.ts it imports) must type-check under `noLib` with the tiny
 * ambient lib of spec §6.1, so that generated rules can be checked against it
 * without any host global in scope. Also checks that the overloads give Python's
 * static result types and reject JS-only mixes such as `bigint + number`.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import ts from 'typescript';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

const LIB_DIR = join(fileURLToPath(new URL('.', import.meta.url)), '../runtime/src/rule-lib');

const TINY_LIB = `
interface Array<T> { length: number; [n: number]: T; }
interface Boolean {} interface CallableFunction {} interface Function {} interface IArguments {}
interface NewableFunction {} interface Number {} interface Object {} interface RegExp {} interface String {}
`;

function check(rule: string): string[] {
  const files: Record<string, string> = { '/lib.tiny.d.ts': TINY_LIB, '/rule.ts': rule };
  const options: ts.CompilerOptions = {
    noLib: true, strict: true, noEmit: true, types: [], target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, skipLibCheck: false,
  };
  const host = ts.createCompilerHost(options);
  const read = host.readFile.bind(host);
  host.readFile = (f) => files[f] ?? read(f);
  host.fileExists = (f) => f in files || ts.sys.fileExists(f);
  host.getSourceFile = (f, lang) => {
    const text = files[f] ?? ts.sys.readFile(f);
    return text === undefined ? undefined : ts.createSourceFile(f, text, lang);
  };
  const program = ts.createProgram(['/lib.tiny.d.ts', '/rule.ts'], options, host);
  return ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
}

const header = `import type { Rt, PyValue } from '${LIB_DIR}/api.js';
interface Scope { v_CPU: PyValue; v_m_node_count: PyValue; v_n: bigint; v_x: number; v_s: string }
`;

const test = suite('rule-lib api surface');

test('a generated rule checks under noLib with the tiny lib', () => {
  const diags = check(header + `
export function rule(rt: Rt, s: Scope): void {
  rt.stmt(1);
  let t1: PyValue = rt.gt(s.v_CPU, 70n);
  if (rt.truthy(t1)) { t1 = rt.lt(s.v_m_node_count, 10n); }
  if (rt.truthy(t1)) { rt.stmt(2); s.v_m_node_count = rt.add(s.v_m_node_count, 1n); }
  const n: bigint = rt.add(s.v_n, 1n);
  const f: number = rt.truediv(s.v_n, 2n);
  const g: number = rt.mul(s.v_x, s.v_n);
  const t: string = rt.add(s.v_s, 'x');
  const k: bigint = rt.call('len', [s.v_s]);
  const w: string = rt.call('format', [s.v_x, '.2f']);
  const it = rt.iter(rt.call('range', [n, k]));
  rt.print([w], null, null);
  for (;;) { const v = rt.next(it); if (v === undefined) break; rt.tick(); rt.print([v, f, g, t], null, null); }
}`);
  assert.equal(diags, []);
});

test('host globals and bigint/number mixes are type errors', () => {
  const diags = check(header + `
export function rule(rt: Rt, s: Scope): void {
  const a: bigint = rt.add(s.v_n, 1.5);
  const p = process;
  const b = s.v_n + s.v_x;
  void a; void p; void b;
}`);
  assert.ok(diags.some((d) => d.includes("'number' is not assignable to type 'bigint'")), diags.join('\n'));
  assert.ok(diags.some((d) => d.includes("Cannot find name 'process'")), diags.join('\n'));
  assert.ok(diags.some((d) => d.includes("Operator '+' cannot be applied")), diags.join('\n'));
});

test.run();
