/** Writes docs/diagnostics.md from the catalogue (run by `npm run docs`). */
import { writeFileSync } from 'node:fs';
import { cataloguePage, cataloguePagePath } from './catalogue-page.js';

writeFileSync(cataloguePagePath, cataloguePage());
