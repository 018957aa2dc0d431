/**
 * The catalogue's own rules (ARCHITECTURE.md, "Invariants"): unique codes and
 * names, codes reported from the folder of their band, messages that read as
 * sentences with `{name}` placeholders, and every code both reported by the
 * compiler and shown by a fixture.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { catalogue, type Code } from '../compiler/src/diagnostics/catalogue.js';
import type { CatalogueEntry } from '../compiler/src/diagnostics/entry.js';
import { validate } from '../compiler/src/pipeline.js';
import { fixturesRoot, repoRoot } from './harness/paths.js';

const test = suite('catalogue');

const entries = Object.entries(catalogue) as [Code, CatalogueEntry][];
const sourceRoot = join(repoRoot, 'compiler/src');
const codesFolder = join(sourceRoot, 'diagnostics/codes');

function filesBelow(dir: string, pattern: RegExp): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => pattern.test(f))
    .map((f) => join(dir, f));
}

/** Source files (outside the catalogue itself) that mention each code as a string literal. */
const reporters = new Map<string, string[]>();
for (const file of filesBelow(sourceRoot, /\.ts$/)) {
  if (file.startsWith(codesFolder + sep)) continue;
  const text = readFileSync(file, 'utf8');
  // A comparison such as `d.code !== 'ADT1002'` filters codes; it does not report one.
  for (const m of text.matchAll(/(?<![!=]==\s*)['"`](ADT\d{4})['"`]/g)) {
    const list = reporters.get(m[1]!) ?? [];
    if (!list.includes(file)) list.push(file);
    reporters.set(m[1]!, list);
  }
}

/** The folder below compiler/src of each band's phase; band 9 (internal) is reported at the pipeline edge. */
const BAND_FOLDERS: Readonly<Record<number, string>> = { 1: 'read/', 2: 'model/', 3: 'resolve/', 4: 'check/' };

/** Codes of bands 1–4 and 9 that no fixture can produce, with the reason. */
const NOT_IN_FIXTURES: Readonly<Partial<Record<Code, string>>> = {
  ADT9001: 'an exception inside adtc; a fixture that produced it would be a bug to fix, not an expectation to keep',
  ADT9002: 'a fixture is a file that exists; the test "ADT9002 ..." below produces it through the API',
  ADT1020: 'a binary file cannot carry annotations; test/cli-bad-input.test.ts validates one',
};

/** Every inline annotation under test/fixtures: its code and its message. */
function annotations(): { code: string; message: string }[] {
  const out: { code: string; message: string }[] = [];
  const pattern = /#\s*(?:\^+(?: \(\+\d+ lines?\))?|@expect(?:-file)?) (?:error|warning|info|hint) (ADT\d{4})(?: at '.*?'(?: \(\+\d+ lines?\))?)?: (.*)$/gm;
  for (const file of filesBelow(fixturesRoot, /\.(ya?ml|py)$/)) {
    for (const m of readFileSync(file, 'utf8').matchAll(pattern)) out.push({ code: m[1]!, message: m[2]!.trimEnd() });
  }
  return out;
}

test('codes and names are unique and well formed', () => {
  const names = entries.map(([, e]) => e.name);
  assert.equal(names.filter((n, i) => names.indexOf(n) !== i), [], 'duplicate names');
  for (const [code, entry] of entries) {
    assert.match(code, /^ADT[1-9]\d{3}$/, `${code} is not ADT followed by four digits`);
    assert.match(entry.name, /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/, `${code}'s name '${entry.name}' is not kebab-case`);
  }
  // Codes are object keys, so a repeated one would silently replace the first: count them in the band files instead.
  const declared = filesBelow(codesFolder, /\.ts$/).flatMap((f) => [...readFileSync(f, 'utf8').matchAll(/^\s*(ADT\d{4}):/gm)].map((m) => m[1]!));
  assert.equal(declared.filter((c, i) => declared.indexOf(c) !== i), [], 'codes declared twice');
  assert.is(declared.length, entries.length);
});

/** Placeholders whose values are whole sentences ("Did you mean 'x'?"), so a message may end with one. */
const SENTENCE_PLACEHOLDERS = /\{(?:hint|note|advice)\}$/;

test('messages end with a period or a question mark', () => {
  const bad = entries.filter(([, e]) => !/[.?]$/.test(e.message) && !SENTENCE_PLACEHOLDERS.test(e.message)).map(([c, e]) => `${c}: ${e.message}`);
  assert.equal(bad, []);
});

test('messages as fixtures show them end with a period or a question mark', () => {
  const bad = annotations().filter((a) => !/[.?]$/.test(a.message)).map((a) => `${a.code}: ${a.message}`);
  assert.equal(bad, []);
});

test('every placeholder is a {name}', () => {
  const bad: string[] = [];
  for (const [code, entry] of entries) {
    const withoutPlaceholders = entry.message.replace(/\{[a-z][A-Za-z]*\}/g, '');
    if (/[{}]|%[sd]|\$\{/.test(withoutPlaceholders)) bad.push(`${code}: ${entry.message}`);
  }
  assert.equal(bad, []);
});

test('each code is reported from the folder of its band', () => {
  const misplaced: string[] = [];
  for (const [code] of entries) {
    const band = Number(code[3]);
    const folder = BAND_FOLDERS[band];
    for (const file of reporters.get(code) ?? []) {
      const rel = relative(sourceRoot, file).split(sep).join('/');
      // Band 9 is reported where phases are run and files read: the top of compiler/src, and the plan pipeline's edge.
      const ok = folder !== undefined ? rel.startsWith(folder) : band === 9 ? !rel.includes('/') || rel === 'plan/compile.ts' : !Object.values(BAND_FOLDERS).some((f) => rel.startsWith(f));
      if (!ok) misplaced.push(`${code} (band ${band}) is reported in ${rel}`);
    }
  }
  assert.equal(misplaced, []);
});

/** The RL codes the rule grammar and checker report (as string literals); their catalogue entries name them in `spec`. */
const ruleCodes = new Set<string>();
for (const dir of [join(repoRoot, 'grammar/src'), sourceRoot]) {
  for (const file of filesBelow(dir, /\.ts$/)) for (const m of readFileSync(file, 'utf8').matchAll(/['"`](RL\d{3})['"`]/g)) ruleCodes.add(m[1]!);
}

test('every code in use is reported somewhere in compiler/src (or, for rule codes, under its RL code)', () => {
  const spec = (e: { spec?: string }) => e.spec;
  const unreported = entries.filter(([code, e]) => !e.retired && !reporters.has(code) && !(spec(e) !== undefined && ruleCodes.has(spec(e)!))).map(([c]) => c);
  assert.equal(unreported, []);
});

test('retired codes are reported nowhere', () => {
  const reported = entries.filter(([code, e]) => e.retired && reporters.has(code)).map(([c]) => c);
  assert.equal(reported, []);
});

test('every code of bands 1-4 and 9 is shown by a fixture annotation', () => {
  const annotated = new Set(annotations().map((a) => a.code));
  const missing = entries
    .filter(([code, e]) => !e.retired && [1, 2, 3, 4, 9].includes(Number(code[3])) && !annotated.has(code) && NOT_IN_FIXTURES[code] === undefined)
    .map(([c]) => c);
  assert.equal(missing, []);
  const needless = Object.keys(NOT_IN_FIXTURES).filter((c) => annotated.has(c));
  assert.equal(needless, [], 'codes listed as exceptions that a fixture does show');
});

test('ADT9002 for a file that cannot be read', () => {
  const uri = join(fixturesRoot, 'no-such-file.yaml');
  const result = validate(uri, { readFile: () => undefined });
  assert.equal(result.diagnostics.map((d) => d.code), ['ADT9002']);
  assert.is(result.diagnostics[0]!.span.uri, uri);
});

test.run();
