/**
 * Data-driven ADT checks: every file under test/fixtures/adt is analysed as
 * written and must produce exactly the diagnostics annotated in it (none for
 * *.valid.yaml). UPDATE=1 npm test rewrites the annotations from the results.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { fixtures } from './harness/fixtures.js';
import { analyzeFixture, renderFixture, writeIfUpdating } from './harness/analyze.js';

const adt = suite('adt fixtures');

for (const fixture of fixtures('adt', 'ya?ml')) {
  adt(fixture.name, () => {
    const diagnostics = analyzeFixture(fixture);
    const outside = diagnostics.filter((d) => !d.span.uri.startsWith(fixture.folder ?? fixture.entry));
    assert.equal(outside.map((d) => `${d.span.uri}: ${d.code} ${d.message}`), [], 'diagnostics outside the fixture');
    if (fixture.expectation === 'valid') {
      assert.equal(diagnostics.map((d) => `${d.code}: ${d.message}`), [], `${fixture.name} should produce no diagnostics`);
    } else {
      assert.ok(diagnostics.length > 0, `${fixture.name} is marked invalid but produces no diagnostics`);
    }
    const comparisons = renderFixture(fixture, diagnostics);
    if (writeIfUpdating(comparisons)) return;
    for (const c of comparisons) assert.fixture(c.actual, c.expected, c.path);
  });
}

adt.run();
