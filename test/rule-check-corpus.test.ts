/**
 * Every ADT of the shared corpus that reads without YAML errors is validated
 * with the rule checks on: a rule written for Python 2 gets only the Python 2
 * codes (MiCADO runs none of it, so nothing else matters yet), and no other
 * rule gets an error from the rule checks (ADT6xxx), except the cases below,
 * where MiCADO fails as well.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { globSync } from 'tinyglobby';
import { fileSystemHost } from '../compiler/src/host.js';
import { validate } from '../compiler/src/pipeline.js';
import { corpusRoot } from './harness/paths.js';

/** Rule-check errors that are right, by file name and code, with the reason. */
const KNOWN_ERRORS: Readonly<Record<string, { code: string; why: string }>> = {
  '14-competitor-alerts.yaml': { code: 'ADT6201', why: "the rule reads 'service_working', which no constant, query or alert of the ADT defines: NameError in MiCADO too" },
};

const PYTHON2_CODES = new Set(['ADT5110', 'ADT5111', 'ADT5112', 'ADT5306', 'ADT6308']);
const corpus = suite('rule check corpus');

const files = globSync(['**/*.yaml', '**/*.yml'], { cwd: corpusRoot, absolute: true }).sort();
const results = files.map((f) => ({ file: f, result: validate(f, fileSystemHost) })).filter((r) => !r.result.diagnostics.some((d) => d.code.startsWith('ADT1')));
const ruleDiagnostics = results.flatMap((r) => r.result.diagnostics.filter((d) => /^ADT[56]/.test(d.code)).map((d) => ({ file: r.file, d })));
const byRule = new Map<string, typeof ruleDiagnostics>();
for (const x of ruleDiagnostics) {
  const key = `${x.file}#${x.d.path.join('.')}`;
  byRule.set(key, [...(byRule.get(key) ?? []), x]);
}
const python2Rules = [...byRule.values()].filter((list) => list.some((x) => ['ADT5110', 'ADT5111', 'ADT5112'].includes(x.d.code)));
const where = (x: (typeof ruleDiagnostics)[number]) => {
  const f = x.file.slice(corpusRoot.length + 1);
  const text = validateText(x.file, x.d.span.uri, x.d.span.start, x.d.span.end);
  return `${f}: ${x.d.code} at '${text}': ${x.d.message}`;
};

function validateText(entry: string, uri: string, start: number, end: number): string {
  const files = results.find((r) => r.file === entry)!.result.files;
  return files.get(uri)?.text.slice(start, end).slice(0, 60) ?? '';
}

corpus(`${results.length} corpus ADTs: ${python2Rules.length} Python 2 rules get only the Python 2 codes`, () => {
  assert.ok(results.length > 100, `only ${results.length} ADTs read without YAML errors`);
  const extra = python2Rules.flatMap((list) => list.filter((x) => !PYTHON2_CODES.has(x.d.code)).map(where));
  assert.equal(extra, []);
});

corpus('no rule of the corpus gets a rule-check error except the known ones', () => {
  const errors = ruleDiagnostics.filter((x) => x.d.code.startsWith('ADT6') && x.d.severity === 'error');
  const unexpected = errors.filter((x) => KNOWN_ERRORS[x.file.split('/').pop()!]?.code !== x.d.code).map(where);
  assert.equal(unexpected, []);
  for (const [name, known] of Object.entries(KNOWN_ERRORS)) {
    assert.ok(errors.some((x) => x.file.endsWith(`/${name}`) && x.d.code === known.code), `${name} should get ${known.code}: ${known.why}`);
  }
});

corpus('every rule-check warning of the corpus maps into the file it came from', () => {
  for (const x of ruleDiagnostics) {
    const text = results.find((r) => r.file === x.file)!.result.files.get(x.d.span.uri)?.text ?? '';
    assert.ok(x.d.span.end <= text.length && x.d.span.start <= x.d.span.end, where(x));
  }
});

corpus.run();
