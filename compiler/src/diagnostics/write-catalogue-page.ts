/** Writes docs/diagnostics.md from the catalogue (run by `npm run docs`). */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { cataloguePage } from './catalogue-page.js';

writeFileSync(fileURLToPath(new URL('../../../../docs/diagnostics.md', import.meta.url)), cataloguePage());
