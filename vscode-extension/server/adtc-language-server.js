// The .vsix's server entry (staged as server/bin/adtc-language-server.js by scripts/package.mjs, so the
// imports below are relative to that place): starts the bundled language server on the transport its
// arguments name (the client passes --node-ipc). The .vsix carries only the server's bundle, not the
// `adtc` command's, so bin/adtc.js, which dispatches every command, is not part of it.
import { loadBundle } from '../dist/compiler/src/cli/bundle-loader.js';

loadBundle(new URL('../dist/compiler/src/cli/lsp-main.bundle.cjs', import.meta.url), 'lsp').start();
