/**
 * The broken and oversized inputs of the robustness test (test/robustness.test.ts) and its benchmark
 * (test/bench/robustness-bench.ts): seeded mutants of corpus ADTs, a billion-laughs file and a 2 MB ADT.
 * Everything is seeded, so a failure names a mutant that can be rebuilt.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileSystemHost, type Host } from '../../compiler/src/host.js';
import { corpusRoot } from './paths.js';
import { rng } from './random.js';

const SEED = 20240611;
export const SAMPLE_SIZE = 60;
export const MUTANTS_PER_ADT = 6;

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

export function corpusAdts(): string[] {
  const out: string[] = [];
  for (const f of readdirSync(corpusRoot, { recursive: true, encoding: 'utf8' }).sort()) {
    if (!/\.ya?ml$/.test(f)) continue;
    const path = join(corpusRoot, f);
    if (/^topology_template\s*:/m.test(readFileSync(path, 'utf8'))) out.push(path);
  }
  return out;
}

/** The ADT's own text comes from memory; its imports come from the disk beside it. */
export function overlay(uri: string, text: string): Host {
  return { readFile: (u) => (u === uri ? text : fileSystemHost.readFile(u)) };
}

export interface Mutant {
  readonly uri: string;
  readonly kind: string;
  /** Names the mutant in a failure: its ADT, its kind and its number in the seeded sequence. */
  readonly label: string;
  readonly text: string;
}

/** MUTANTS_PER_ADT mutants of each of SAMPLE_SIZE corpus ADTs picked by a seeded Fisher–Yates shuffle. */
export function mutants(): Mutant[] {
  const next = rng(SEED);
  const all = corpusAdts();
  for (let i = all.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [all[i], all[j]] = [all[j]!, all[i]!];
  }
  const kinds = Object.keys(MUTATIONS);
  const out: Mutant[] = [];
  for (const uri of all.slice(0, SAMPLE_SIZE)) {
    const original = readFileSync(uri, 'utf8');
    for (let m = 0; m < MUTANTS_PER_ADT; m++) {
      const kind = kinds[out.length % kinds.length]!;
      out.push({ uri, kind, label: `${uri} (${kind}, mutant ${out.length})`, text: MUTATIONS[kind]!(original, next) });
    }
  }
  return out;
}

/** A file whose one alias would expand to 9^9 nodes. */
export function billionLaughsAdt(): { uri: string; text: string } {
  return {
    uri: join(corpusRoot, 'billion-laughs.yaml'),
    text: `tosca_definitions_version: tosca_simple_yaml_1_2\ndsl_definitions:\n${laughs('  ')}\ntopology_template:\n  node_templates:\n    web:\n      type: tosca.nodes.Root\n      metadata:\n        payload: *l9\n`,
  };
}

/** A valid ADT of 2 MB: a chain of Compute nodes, each depending on the one before. */
export function twoMegabyteAdt(): { uri: string; text: string } {
  const parts = ['tosca_definitions_version: tosca_simple_yaml_1_2', 'topology_template:', '  node_templates:'];
  let size = 0;
  for (let i = 0; size < 2 * 2 ** 20; i++) {
    const node = `    node-${i}:\n      type: tosca.nodes.Compute\n      requirements:\n        - dependency: node-${Math.max(0, i - 1)}\n      metadata:\n        note: "node ${i} of a generated ADT, with some text to make it longer"`;
    parts.push(node);
    size += node.length + 1;
  }
  return { uri: join(corpusRoot, 'generated-2mb.yaml'), text: parts.join('\n') + '\n' };
}
