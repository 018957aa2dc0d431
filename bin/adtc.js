#!/usr/bin/env node
// Entry point of the `adtc` command: runs the bundle `npm run build` writes, with a code cache
// (dist/compiler/src/cli/bundle-loader.js). The commands people run often keep a cache each, holding
// the code that command compiled; the others share one. An editor starting the language server gets
// the server's bundle at once, without the command's.
import { loadBundle } from '../dist/compiler/src/cli/bundle-loader.js';
import { startsLanguageServer } from '../dist/compiler/src/cli/lsp-transport.js';

const [command = '', ...rest] = process.argv.slice(2);
const bundle = (name) => new URL(`../dist/compiler/src/cli/${name}`, import.meta.url);
if (command === 'lsp' && startsLanguageServer(rest)) loadBundle(bundle('lsp-main.bundle.cjs'), 'lsp').start();
else loadBundle(bundle('adtc-main.bundle.cjs'), ['validate', 'compile', 'lsp', 'rule', 'simulate'].includes(command) ? command : 'other');
