/**
 * Broken input never breaks adtc: real ADTs from the corpus, mutated the ways
 * editors and people break YAML, must each get a result from the validation
 * API without an internal error and with well-formed diagnostics; a mutant that validates
 * without errors must also compile (rules included); a billion-laughs file and a 2 MB ADT
 * stay small in memory. How fast is a benchmark (test/bench/robustness-bench.ts), not a
 * test: wall-clock limits fail on a loaded machine. Everything is seeded, so a failure
 * names a mutant that can be rebuilt.
 */
import { existsSync } from 'node:fs';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { isCode } from '../compiler/src/diagnostics/catalogue.js';
import { validate, type ValidationResult } from '../compiler/src/pipeline.js';
import { compile } from '../compiler/src/plan/compile.js';
import { createRuleCompiler } from '../compiler/src/rule/index.js';
import { planRuleCompiler } from '../compiler/src/rule/plan-rules.js';
import { corpusRoot } from './harness/paths.js';
import { MUTANTS_PER_ADT, SAMPLE_SIZE, billionLaughsAdt, mutants, overlay, twoMegabyteAdt } from './harness/robustness-inputs.js';

const test = suite('robustness');

/** Everything wrong with a result, as readable lines. */
function problems(result: ValidationResult, uri: string, text: string): string[] {
  const out: string[] = [];
  for (const d of result.diagnostics) {
    const fileText = d.span.uri === uri ? text : result.files.get(d.span.uri)?.text;
    const where = `${d.code} at ${d.span.start}-${d.span.end}`;
    if (!isCode(d.code)) out.push(`${where}: not a catalogue code`);
    if (d.code === 'ADT9001') out.push(`${where}: ${d.message}`);
    if (fileText === undefined) out.push(`${where}: in ${d.span.uri}, a file the result does not hold`);
    else if (!(d.span.start >= 0 && d.span.start <= d.span.end && d.span.end <= fileText.length)) out.push(`${where}: outside the text (length ${fileText.length})`);
    if (d.message.trim() === '') out.push(`${where}: empty message`);
  }
  return out;
}

test('mutated corpus ADTs get well-formed results, and those that validate clean compile', async () => {
  const compileRule = planRuleCompiler(await createRuleCompiler());
  assert.ok(existsSync(corpusRoot), `the corpus is expected at ${corpusRoot}`);
  const all = mutants();
  assert.is(all.length, SAMPLE_SIZE * MUTANTS_PER_ADT, 'the corpus holds too few ADTs');
  const failures: string[] = [];
  for (const m of all) {
    let result: ValidationResult;
    try {
      result = validate(m.uri, overlay(m.uri, m.text));
    } catch (error) {
      failures.push(`${m.label}: threw ${String(error)}`);
      continue;
    }
    for (const p of problems(result, m.uri, m.text)) failures.push(`${m.label}: ${p}`);
    // What validates clean compiles: the plan and every scaling rule in it, without an internal error.
    if (!result.diagnostics.some((d) => d.severity === 'error')) {
      for (const d of compile(m.uri, overlay(m.uri, m.text), { compileRule }).diagnostics) {
        if (d.code === 'ADT9001') failures.push(`${m.label}: compile failed: ${d.message}`);
      }
    }
  }
  assert.equal(failures.slice(0, 20), [], `${failures.length} failures`);
});

/** Runs one validation and reports how much the heap grew. */
function measure(uri: string, text: string): { result: ValidationResult; heapMb: number } {
  const before = process.memoryUsage().heapUsed;
  const result = validate(uri, overlay(uri, text));
  return { result, heapMb: (process.memoryUsage().heapUsed - before) / 2 ** 20 };
}

test('a billion-laughs file is refused without expanding it', () => {
  const { uri, text } = billionLaughsAdt();
  const { result, heapMb } = measure(uri, text);
  assert.equal(result.diagnostics.map((d) => d.code), ['ADT1005']);
  assert.ok(heapMb < 64, `the heap grew by ${Math.round(heapMb)} MB`);
});

test('a 2 MB ADT is checked in bounded memory', () => {
  const { uri, text } = twoMegabyteAdt();
  const { result, heapMb } = measure(uri, text);
  assert.equal(result.diagnostics.map((d) => `${d.code}: ${d.message}`), []);
  assert.ok(heapMb < 512, `the heap grew by ${Math.round(heapMb)} MB`);
});

test.run();
