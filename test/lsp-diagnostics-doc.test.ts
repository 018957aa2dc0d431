/** lsp/diagnostics.md, which diagnostics link to, lists exactly the catalogue's codes. */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { renderDiagnosticsDoc } from '../lsp/src/diagnostics-doc.js';
import { repoRoot, updating } from './harness/paths.js';

test('lsp/diagnostics.md is up to date with the catalogue', () => {
  const file = join(repoRoot, 'lsp/diagnostics.md');
  const expected = renderDiagnosticsDoc();
  if (updating) writeFileSync(file, expected);
  assert.fixture(readFileSync(file, 'utf8'), expected);
});

test.run();
