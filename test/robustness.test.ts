/**
 * Broken input never breaks adtc: real ADTs from the corpus, mutated the ways
 * editors and people break YAML, must each get a result from the validation
 * API quickly, without an internal error, and with well-formed diagnostics;
 * a mutant that validates without errors must also compile (rules included).
 * Everything is seeded, so a failure names a mutant that can be rebuilt.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { isCode } from '../compiler/src/diagnostics/catalogue.js';
import { fileSystemHost, type Host } from '../compiler/src/host.js';
import { validate, type ValidationResult } from '../compiler/src/pipeline.js';
import { compile } from '../compiler/src/plan/compile.js';
import { createRuleCompiler } from '../compiler/src/rule/index.js';
import { planRuleCompiler } from '../compiler/src/rule/plan-rules.js';
import { corpusRoot } from './harness/paths.js';
import { rng } from './harness/random.js';

const test = suite('robustness');

const SEED = 20240611;
const SAMPLE_SIZE = 60;
const MUTANTS_PER_ADT = 6;
/** Generous for CI machines; a mutant normally takes a few milliseconds. */
const MS_PER_MUTANT = 2000;


/** Nine anchors, each a list of nine aliases of the one before: 9^9 nodes if expanded. */
function laughs(prefix: string): string {
  const lines = [`${prefix}l0: &l0 lol`];
  for (let i = 1; i <= 9; i++) lines.push(`${prefix}l${i}: &l${i} [${Array(9).fill(`*l${i - 1}`).join(', ')}]`);
  return lines.join('\n');
}

type Mutation = (text: string, next: () => number) => string;

const pick = <T>(items: readonly T[], next: () => number): T => items[Math.floor(next() * items.length)]!;
const lineList = (text: string) => text.split('\n');
/** Indexes of `key: scalar` lines, where value swaps make sense. */
const scalarLines = (lines: readonly string[]) => lines.flatMap((l, i) => (/^\s*-?\s*[\w.-]+:\s+[^\s{[&*|>#]/.test(l) ? [i] : []));

const MUTATIONS: Readonly<Record<string, Mutation>> = {
  'delete a line': (text, next) => {
    const lines = lineList(text);
    lines.splice(Math.floor(next() * lines.length), 1);
    return lines.join('\n');
  },
  'shift a line': (text, next) => {
    const lines = lineList(text);
    const i = Math.floor(next() * lines.length);
    const by = 1 + Math.floor(next() * 4);
    lines[i] = next() < 0.5 ? ' '.repeat(by) + lines[i] : lines[i]!.replace(new RegExp(`^ {0,${by}}`), '');
    return lines.join('\n');
  },
  'insert a stray character': (text, next) => {
    const at = Math.floor(next() * (text.length + 1));
    return text.slice(0, at) + pick([':', '-', '{', '[', '"', '\t', '\u0000', '🚀'], next) + text.slice(at);
  },
  'truncate': (text, next) => text.slice(0, Math.floor(next() * text.length)),
  'swap a value': (text, next) => {
    const lines = lineList(text);
    const candidates = scalarLines(lines);
    if (candidates.length === 0) return text;
    const i = pick(candidates, next);
    lines[i] = lines[i]!.replace(/:\s+.*$/, `: ${pick(['[1, 2]', '{a: 1}', 'null', '42', '[]', '{}'], next)}`);
    return lines.join('\n');
  },
  'duplicate a key': (text, next) => {
    const lines = lineList(text);
    const keys = lines.flatMap((l, i) => (/^\s*[\w.-]+:/.test(l) ? [i] : []));
    if (keys.length === 0) return text;
    const i = pick(keys, next);
    lines.splice(i + 1, 0, lines[i]!);
    return lines.join('\n');
  },
  'alias a billion laughs': (text, next) => {
    const lines = lineList(text);
    const candidates = scalarLines(lines);
    if (candidates.length === 0) return text;
    const i = pick(candidates, next);
    lines[i] = lines[i]!.replace(/:\s+.*$/, ': *l9');
    return `dsl_definitions:\n${laughs('  ')}\n${lines.join('\n')}`;
  },
};

function corpusAdts(): string[] {
  const out: string[] = [];
  for (const f of readdirSync(corpusRoot, { recursive: true, encoding: 'utf8' }).sort()) {
    if (!/\.ya?ml$/.test(f)) continue;
    const path = join(corpusRoot, f);
    if (/^topology_template\s*:/m.test(readFileSync(path, 'utf8'))) out.push(path);
  }
  return out;
}

/** The ADT's own text comes from memory; its imports come from the disk beside it. */
function overlay(uri: string, text: string): Host {
  return { readFile: (u) => (u === uri ? text : fileSystemHost.readFile(u)) };
}

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

test('mutated corpus ADTs get well-formed results in bounded time', async () => {
  const compileRule = planRuleCompiler(await createRuleCompiler());
  assert.ok(existsSync(corpusRoot), `the corpus is expected at ${corpusRoot}`);
  const next = rng(SEED);
  const all = corpusAdts();
  // A seeded Fisher–Yates shuffle picks the sample.
  for (let i = all.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [all[i], all[j]] = [all[j]!, all[i]!];
  }
  const sample = all.slice(0, SAMPLE_SIZE);
  assert.is(sample.length, SAMPLE_SIZE, 'the corpus holds too few ADTs');
  const kinds = Object.keys(MUTATIONS);
  const failures: string[] = [];
  let mutants = 0;
  for (const uri of sample) {
    const original = readFileSync(uri, 'utf8');
    for (let m = 0; m < MUTANTS_PER_ADT; m++) {
      const kind = kinds[(mutants + m) % kinds.length]!;
      const text = MUTATIONS[kind]!(original, next);
      const started = performance.now();
      let result: ValidationResult;
      try {
        result = validate(uri, overlay(uri, text));
      } catch (error) {
        failures.push(`${uri} (${kind}, mutant ${mutants}): threw ${String(error)}`);
        continue;
      } finally {
        mutants++;
      }
      const ms = performance.now() - started;
      if (ms > MS_PER_MUTANT) failures.push(`${uri} (${kind}, mutant ${mutants - 1}): took ${Math.round(ms)} ms`);
      for (const p of problems(result, uri, text)) failures.push(`${uri} (${kind}, mutant ${mutants - 1}): ${p}`);
      // What validates clean compiles: the plan and every scaling rule in it, without an internal error.
      if (!result.diagnostics.some((d) => d.severity === 'error')) {
        for (const d of compile(uri, overlay(uri, text), { compileRule }).diagnostics) {
          if (d.code === 'ADT9001') failures.push(`${uri} (${kind}, mutant ${mutants - 1}): compile failed: ${d.message}`);
        }
      }
    }
  }
  assert.is(mutants, SAMPLE_SIZE * MUTANTS_PER_ADT);
  assert.equal(failures.slice(0, 20), [], `${failures.length} failures`);
});

/** Runs one validation and reports its time and how much the heap grew. */
function measure(uri: string, text: string): { result: ValidationResult; ms: number; heapMb: number } {
  const before = process.memoryUsage().heapUsed;
  const started = performance.now();
  const result = validate(uri, overlay(uri, text));
  const ms = performance.now() - started;
  return { result, ms, heapMb: (process.memoryUsage().heapUsed - before) / 2 ** 20 };
}

test('a billion-laughs file is refused quickly in little memory', () => {
  const uri = join(corpusRoot, 'billion-laughs.yaml');
  const text = `tosca_definitions_version: tosca_simple_yaml_1_2\ndsl_definitions:\n${laughs('  ')}\ntopology_template:\n  node_templates:\n    web:\n      type: tosca.nodes.Root\n      metadata:\n        payload: *l9\n`;
  const { result, ms, heapMb } = measure(uri, text);
  assert.equal(result.diagnostics.map((d) => d.code), ['ADT1005']);
  assert.ok(ms < MS_PER_MUTANT, `took ${Math.round(ms)} ms`);
  assert.ok(heapMb < 64, `the heap grew by ${Math.round(heapMb)} MB`);
});

test('a 2 MB ADT is checked in seconds', () => {
  const uri = join(corpusRoot, 'generated-2mb.yaml');
  const parts = ['tosca_definitions_version: tosca_simple_yaml_1_2', 'topology_template:', '  node_templates:'];
  let size = 0;
  for (let i = 0; size < 2 * 2 ** 20; i++) {
    const node = `    node-${i}:\n      type: tosca.nodes.Compute\n      requirements:\n        - dependency: node-${Math.max(0, i - 1)}\n      metadata:\n        note: "node ${i} of a generated ADT, with some text to make it longer"`;
    parts.push(node);
    size += node.length + 1;
  }
  const { result, ms, heapMb } = measure(uri, parts.join('\n') + '\n');
  assert.equal(result.diagnostics.map((d) => `${d.code}: ${d.message}`), []);
  assert.ok(ms < 10_000, `took ${Math.round(ms)} ms`);
  assert.ok(heapMb < 512, `the heap grew by ${Math.round(heapMb)} MB`);
});

test.run();
