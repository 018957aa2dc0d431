#!/usr/bin/env node
// Entry point of the `adtc` command: runs the bundle `npm run build` writes, with a code cache
// (dist/compiler/src/cli/bundle-loader.js). The commands people run often keep a cache each, holding
// the code that command compiled; the others share one.
import { loadBundle } from '../dist/compiler/src/cli/bundle-loader.js';

const command = process.argv[2] ?? '';
const cached = ['validate', 'compile', 'lsp', 'rule', 'simulate'].includes(command) ? command : 'other';
loadBundle(new URL('../dist/compiler/src/cli/adtc-main.bundle.cjs', import.meta.url), cached);
