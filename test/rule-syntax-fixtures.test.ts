/**
 * Data-driven rule syntax checks: every file under test/fixtures/rule/syntax
 * is a rule text parsed as written (annotations are Python comments) and must
 * produce exactly the problems annotated in it (none for *.valid.py), with the
 * catalogue's messages. UPDATE=1 npm test rewrites the annotations.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { parseRule, type SyntaxProblem } from '../grammar/src/index.js';
import { catalogue, formatMessage, isCode } from '../compiler/src/diagnostics/catalogue.js';
import { LineIndex } from '../compiler/src/source/line-index.js';
import { isAnnotationLine, renderAnnotations, stripAnnotations, type Annotated } from './harness/annotations.js';
import { fixtures } from './harness/fixtures.js';
import { updating } from './harness/paths.js';

/** A problem as the compiler will show it: ADT5 + the RL number, the catalogue's severity and message. */
export function annotated(problem: SyntaxProblem): Annotated {
  const code = `ADT5${problem.code.slice(2)}`;
  if (!isCode(code)) throw new Error(`${problem.code} has no catalogue entry ${code}`);
  const entry = catalogue[code];
  return { severity: entry.severity, code, message: formatMessage(entry.message, problem.args), start: problem.start, end: problem.end };
}

/** Offsets in the annotated text to offsets in the text without annotation lines. */
function toClean(annotatedText: string): (offset: number) => number {
  const removedBefore: [lineStart: number, removed: number][] = [];
  let pos = 0;
  let removed = 0;
  for (const line of annotatedText.split('\n')) {
    if (isAnnotationLine(line)) removed += line.length + 1;
    pos += line.length + 1;
    removedBefore.push([pos, removed]);
  }
  return (offset) => {
    let r = 0;
    for (const [end, total] of removedBefore) {
      if (offset < end) break;
      r = total;
    }
    return offset - r;
  };
}

const syntax = suite('rule syntax fixtures');

for (const fixture of fixtures('rule/syntax', 'py')) {
  syntax(fixture.name, () => {
    const original = readFileSync(fixture.entry, 'utf8');
    const parsed = parseRule(original);
    const clean = stripAnnotations(original);
    const map = toClean(original);
    const problems = parsed.problems.map((p) => ({ ...annotated(p), start: map(p.start), end: map(p.end) }));
    if (fixture.expectation === 'valid') {
      assert.equal(problems.map((p) => `${p.code}: ${p.message}`), [], `${fixture.name} should produce no problems`);
    } else {
      assert.ok(problems.length > 0, `${fixture.name} is marked invalid but produces no problems`);
    }
    const actual = renderAnnotations(clean, new LineIndex(clean), problems, new Set());
    if (updating) {
      if (actual !== original) writeFileSync(fixture.entry, actual);
      return;
    }
    assert.fixture(actual, original, fixture.name);
  });
}

syntax.run();
