// Bundles the `adtc` command and the language server with esbuild (after `tsc -b`), because loading
// a few files instead of two thousand modules is most of a cold start. Both entries go into one
// build, so the modules they share become shared chunks, and a module imported only with `import()`
// (the plan emitter with the Kubernetes schemas, each subcommand) becomes a chunk loaded when used.
// The bundles sit in dist/compiler/src/cli, at the depth of the compiler's own modules, so the URLs
// those modules compute from import.meta.url (profiles, profile cache, docs, runtime) hold unchanged.
// Left out: typescript (loaded only to compile rules, and large) and the runtime (loaded by URL:
// its worker thread needs its files on disk); both come from the installed package.
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const dist = fileURLToPath(new URL('../dist/', import.meta.url));
const outdir = join(dist, 'compiler/src/cli');

// Chunk names carry a hash: clear the previous build's so stale ones never ship.
for (const f of readdirSync(outdir)) if (/(-chunk-|\.bundle\.)/.test(f)) rmSync(join(outdir, f));

await build({
  entryPoints: {
    'adtc-main.bundle': join(outdir, 'adtc-main.js'),
    'lsp-main.bundle': join(dist, 'lsp/src/main.js'),
  },
  outdir,
  bundle: true,
  minify: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  chunkNames: '[name]-chunk-[hash]',
  external: ['typescript'],
  // ajv-formats-draft2019 (through kubernetes-models) depends on the punycode package but calls
  // require('punycode'), which Node resolves to its own deprecated module: Node 22 then warns
  // (DEP0040) on stderr of every command run from outside a node_modules folder, as the .vsix's server
  // is. The trailing slash names the package, which is what that library ships with.
  alias: { punycode: 'punycode/' },
  // Tells adtc.ts where the bundled server is (the unbundled build imports dist/lsp/src/main.js).
  define: { ADTC_LSP_BUNDLE: JSON.stringify('./lsp-main.bundle.js') },
  // CommonJS packages inside an ES module bundle call require() for Node's built-ins.
  banner: { js: "import { createRequire as __adtcCreateRequire } from 'node:module'; const require = __adtcCreateRequire(import.meta.url);" },
  logLevel: 'warning',
});
