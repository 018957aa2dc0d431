/**
 * Incremental analysis gives exactly what a full validation gives: corpus ADTs
 * and a generated ADT of thousands of lines are opened in a workspace (which
 * re-reads only the edited entry where it can, and reuses what it built for
 * unchanged parts) and edited at random a keystroke at a time; after every
 * edit the workspace's tree and diagnostics must equal those of a fresh full
 * validation. Seeded, so a failure names an edit sequence that can be replayed.
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { createWorkspace, validate, type Diagnostic, type Host } from '../compiler/src/index.js';
import type { YNode } from '../compiler/src/read/yaml-tree.js';
import { corpusRoot, repoRoot } from './harness/paths.js';
import { rng } from './harness/random.js';
import { adt as generatedAdt } from './bench/generated-adt.js';

const test = suite('lsp-incremental');

const SEED = 5_2024;
const FILES = 16;
const EDITS_PER_FILE = 40;


function yamlFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...yamlFiles(path));
    else if (/\.ya?ml$/.test(name)) out.push(path);
  }
  return out;
}

/** What people type: characters that keep YAML valid most of the time, and some that break it. */
const TYPED = ['a', 'x', '1', '0', ' ', ' ', '_', '-', ':', '\n', '#', '"', "'", '{', '[', '|', '*', '&', '\t'];

function edit(text: string, next: () => number): string {
  // Edits cluster after a colon or inside a value, where editing happens; anywhere otherwise.
  let at = Math.floor(next() * (text.length + 1));
  if (next() < 0.5) {
    const colon = text.indexOf(': ', at);
    if (colon >= 0) at = colon + 2;
  }
  const r = next();
  if (r < 0.45) return text.slice(0, at) + TYPED[Math.floor(next() * TYPED.length)]! + text.slice(at);
  if (r < 0.8) return text.slice(0, at) + text.slice(at + 1 + Math.floor(next() * 3));
  // Replace a digit or a letter by another: a value changes, the structure stays.
  const word = /[A-Za-z0-9]/.exec(text.slice(at));
  if (!word) return text;
  const i = at + word.index;
  return text.slice(0, i) + (/\d/.test(text[i]!) ? String((Number(text[i]) + 1) % 10) : 'q') + text.slice(i + 1);
}

/** A tree as data: kinds, names, values, spans. */
function shape(n: YNode | undefined): unknown {
  if (!n) return null;
  const span = [n.span.start, n.span.end];
  switch (n.kind) {
    case 'scalar':
      return [span, n.type, n.style, n.value, n.source, n.tag ?? null, n.implicit ?? false];
    case 'seq':
      return [span, n.tag ?? null, n.items.map(shape)];
    case 'map':
      return [span, n.tag ?? null, n.pairs.map((p) => [p.name, shape(p.key), shape(p.value)])];
  }
}

const plain = (ds: readonly Diagnostic[]) => ds.map((d) => `${d.code} ${d.span.uri}:${d.span.start}-${d.span.end} ${d.message} ${JSON.stringify(d.related.map((r) => [r.span.start, r.span.end]))} ${JSON.stringify(d.fixes)}`);

test('incremental and full validation agree over random edits of corpus ADTs', () => {
  if (!existsSync(corpusRoot)) return;
  const next = rng(SEED);
  const adts = yamlFiles(corpusRoot).filter((f) => /^tosca_definitions_version\s*:/m.test(readFileSync(f, 'utf8')));
  const picked = Array.from({ length: FILES }, () => adts[Math.floor(next() * adts.length)]!);
  let spliced = 0;
  for (const [fileIndex, path] of picked.entries()) {
    let text = readFileSync(path, 'utf8');
    const uri = `${path}#incremental${fileIndex}`;
    const overlay: Host = { readFile: (u) => (u === uri ? text : safeRead(u)) };
    const ws = createWorkspace(overlay);
    ws.setFile(uri, text, 0);
    let previous = ws.analyse(uri)?.model?.adt.root;
    let broken: string | undefined;
    for (let i = 1; i <= EDITS_PER_FILE; i++) {
      // A file stays broken after a YAML error only briefly: the author fixes it, here by undoing the edit that broke it.
      const before = text;
      text = broken !== undefined && next() < 0.7 ? broken : edit(text, next);
      ws.setFile(uri, text, i);
      const incremental = ws.analyse(uri);
      const root = incremental?.model?.adt.root;
      // A splice reuses the entries before the edit; a full read builds all of them anew.
      if (root?.kind === 'map' && previous?.kind === 'map' && root !== previous && root.pairs[0]?.value === previous.pairs[0]?.value) spliced++;
      previous = root;
      const full = validate(uri, overlay);
      const where = `${path}, edit ${i}`;
      assert.equal(shape(root), shape(full.model?.adt.root), `tree after ${where}`);
      assert.equal(plain(incremental?.diagnostics ?? []), plain(full.diagnostics), `diagnostics after ${where}`);
      const yamlError = full.diagnostics.some((d) => d.code.startsWith('ADT1'));
      broken = yamlError ? (broken ?? before) : undefined;
    }
    ws.removeFile(uri);
  }
  // Most edits stay inside one entry; if none were spliced the test would prove nothing.
  assert.ok(spliced > (FILES * EDITS_PER_FILE) / 4, `only ${spliced} edits were read incrementally`);
});

/** Edits the language-server benchmark makes, and what typing in a policy does: a number flipped, a rule or query typed into. */
function policyEdit(text: string, next: () => number): string {
  const targets = [...text.matchAll(/max_instances: |HIGH: |if CPU > |m_container_count \+= |targets: \[ |\{pod=~"/g)];
  const m = targets[Math.floor(next() * targets.length)]!;
  const at = m.index + m[0].length;
  const r = next();
  // Same length (a digit for another), longer, shorter: a same-length edit leaves every node after it where it was.
  if (r < 0.4) return text.slice(0, at) + (/\d/.test(text[at]!) ? String((Number(text[at]) + 1) % 10) : 'x') + text.slice(at + 1);
  if (r < 0.7) return text.slice(0, at) + TYPED[Math.floor(next() * TYPED.length)]! + text.slice(at);
  return text.slice(0, at) + text.slice(at + 1);
}

test('incremental and full validation agree over random edits of a generated 3,600-line ADT', () => {
  const next = rng(SEED + 1);
  const uri = join(repoRoot, 'examples', 'generated-incremental.yaml');
  let text = generatedAdt(150);
  const overlay: Host = { readFile: (u) => (u === uri ? text : safeRead(u)) };
  const ws = createWorkspace(overlay);
  ws.setFile(uri, text, 0);
  ws.analyse(uri);
  const original = text;
  let readable = text;
  let placed = 0;
  for (let i = 1; i <= 60; i++) {
    // Now and then the author undoes everything, so edits do not pile up into a file that no longer resembles an ADT;
    // an edit that breaks the YAML is undone by the next one.
    text = i % 20 === 0 ? original : next() < 0.6 ? policyEdit(readable, next) : edit(readable, next);
    ws.setFile(uri, text, i);
    const incremental = ws.analyse(uri);
    const full = validate(uri, overlay);
    assert.equal(shape(incremental?.model?.adt.root), shape(full.model?.adt.root), `tree after edit ${i}`);
    assert.equal(plain(incremental?.diagnostics ?? []), plain(full.diagnostics), `diagnostics after edit ${i}`);
    // Both analyses share the caches of decoded and checked rules; where a rule's problem lands is checked on its own:
    // each "may be None" warning underlines the name it is about, in whichever of the 150 copies of the rule.
    // (A YAML error leaves only read errors; most edits keep the file readable.)
    const maybeNone = full.diagnostics.filter((d) => d.code === 'ADT6301');
    if (maybeNone.length > 100) placed++;
    if (!full.diagnostics.some((d) => d.code.startsWith('ADT1'))) readable = text;
    for (const d of maybeNone) assert.is(text.slice(d.span.start, d.span.end), String(d.args['name']), `ADT6301 at ${d.span.start} after edit ${i}`);
  }
  ws.removeFile(uri);
  assert.ok(placed > 30, `the rules' warnings were placed after only ${placed} of 60 edits`);
});

function safeRead(u: string): string | undefined {
  try {
    return readFileSync(u, 'utf8');
  } catch {
    return undefined;
  }
}

test.run();
