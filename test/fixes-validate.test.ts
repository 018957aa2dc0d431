/**
 * Every fix adtc offers is valid where it lands: over every fixture ADT and
 * every corpus ADT, each offered fix is applied on its own and the file
 * validated again; the result must have no error the file did not have
 * before (compared by code and message, since positions move). A fix that
 * cannot be applied (edits in another file, overlapping edits) fails too.
 * `adtc validate` (validate() with checkFixes) withdraws the fixes that fail
 * this (checked-fixes.ts); this test holds that over real files, whatever
 * check offers a fix, and that the fixes known to be right are still offered.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { addsError, applyEdits, errorKeys } from '../compiler/src/checked-fixes.js';
import { fileSystemHost, type Host } from '../compiler/src/host.js';
import { validate } from '../compiler/src/pipeline.js';
import { ADT_FILE, corpusFiles, TOSCA_FILE } from './harness/corpus.js';
import { stripAnnotations } from './harness/annotations.js';
import { fixturesRoot } from './harness/paths.js';

function fixtureFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...fixtureFiles(p));
    else if (/\.ya?ml$/.test(e.name) && TOSCA_FILE.test(readFileSync(p, 'utf8'))) out.push(p);
  }
  return out.sort();
}

test('every offered fix validates: applying it adds no error', () => {
  const files = [...fixtureFiles(join(fixturesRoot, 'adt')), ...corpusFiles(ADT_FILE)];
  const problems: string[] = [];
  let fixes = 0;
  for (const uri of files) {
    // A fixture's annotations are comments, but inside a block scalar an edit can make one part of the scalar.
    const text = stripAnnotations(readFileSync(uri, 'utf8'));
    const plain: Host = { readFile: (u) => (u === uri ? text : fileSystemHost.readFile(u)) };
    const result = validate(uri, plain, { checkFixes: true });
    const before = errorKeys(result.diagnostics, uri);
    for (const d of result.diagnostics) {
      if (d.span.uri !== uri) continue;
      for (const fix of d.fixes) {
        fixes++;
        const where = `${uri} ${d.code} '${fix.title}'`;
        const edited = fix.edits.every((e) => e.span.uri === uri) ? applyEdits(text, fix) : undefined;
        if (edited === undefined) {
          problems.push(`${where}: its edits overlap or reach into another file`);
          continue;
        }
        const host: Host = { readFile: (u) => (u === uri ? edited : fileSystemHost.readFile(u)) };
        const after = errorKeys(validate(uri, host).diagnostics, uri);
        if (addsError(before, after)) problems.push(`${where} adds an error: ${after.filter((k) => !before.includes(k)).join(' | ')}`);
      }
    }
  }
  assert.ok(fixes > 100, `fixes were offered (${fixes})`);
  assert.equal(problems, []);
});

const strippedHost: Host = { readFile: (u) => (u.startsWith(fixturesRoot) ? stripAnnotations(readFileSync(u, 'utf8')) : fileSystemHost.readFile(u)) };

test('the fixes that are right are still offered', () => {
  const titles = (file: string) => validate(join(fixturesRoot, 'adt', file), strippedHost, { checkFixes: true }).diagnostics.flatMap((d) => d.fixes.map((f) => `${d.code} ${f.title}`));
  assert.ok(titles('rules/certain-failures.invalid.yaml').includes("ADT6220 Change to 'm_container_count'"));
  assert.ok(titles('rules/certain-failures.invalid.yaml').includes("ADT6320 Rename to 'm_container_count'"));
  assert.ok(titles('micado/scaling-policies/targets-string.invalid.yaml').includes('ADT4602 Write it as [ app ]'));
  assert.ok(titles('model/requirement-glued-colon.invalid.yaml').includes("ADT2003 Write 'host: workers'"));
  assert.ok(titles('model/policy-body-not-indented.invalid.yaml').includes("ADT2008 Indent the body of 'scale-app'"));
  assert.ok(titles('read/tab-in-rule.invalid.yaml').includes('ADT1003 Replace tabs with spaces'));
});

test.run();
