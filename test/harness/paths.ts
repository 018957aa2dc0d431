import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';

/** The repository root (tests run from dist/test/..., fixtures stay in test/fixtures). */
export const repoRoot = resolve(fileURLToPath(new URL('../../../', import.meta.url)));
export const fixturesRoot = resolve(repoRoot, 'test/fixtures');
/** The shared corpus of real ADTs; CI has it beside the repository. */
export const corpusRoot = resolve(repoRoot, '../shared/corpus');
export const updating = process.env['UPDATE'] === '1';
