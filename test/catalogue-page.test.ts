/** docs/diagnostics.md is generated from the catalogue; the committed page must match it. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { cataloguePage } from '../compiler/src/diagnostics/catalogue-page.js';
import { repoRoot } from './harness/paths.js';

test('docs/diagnostics.md lists every code of the catalogue as it is now (run npm run docs)', () => {
  assert.fixture(readFileSync(join(repoRoot, 'docs/diagnostics.md'), 'utf8'), cataloguePage());
});

test.run();
