// Bundles the `adtc` command and the language server with esbuild (after `tsc -b`), because loading
// a few files instead of two thousand modules is most of a cold start. Each is one CommonJS script,
// which compiler/src/cli/bundle-loader.ts runs with a V8 code cache (Node 20 caches no compiled ES
// modules); what is loaded with `import()` (each subcommand, the plan emitter with the Kubernetes
// schemas) is wrapped in an initialiser that runs only when used, so V8 compiles it only then.
// The bundles sit in dist/compiler/src/cli, at the depth of the compiler's own modules, and get
// their own URL where modules read import.meta.url, so the URLs those modules compute (profiles,
// profile cache, docs, runtime) hold unchanged.
// Left out: typescript (loaded only to compile rules, and large) and the runtime (loaded by URL:
// its worker thread needs its files on disk); both come from the installed package.
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const dist = fileURLToPath(new URL('../dist/', import.meta.url));
const outdir = join(dist, 'compiler/src/cli');

// Clear the previous build's bundles (and the chunks of earlier split builds) so stale ones never ship.
for (const f of readdirSync(outdir)) if (/(-chunk-|\.bundle\.)/.test(f)) rmSync(join(outdir, f));

// fdir (under tinyglobby) looks for picomatch when it loads, for a glob option tinyglobby never uses (it
// brings its own matcher, bundled). From a bundle that lookup finds whatever picomatch a nearby node_modules
// holds, and loads and compiles a second copy at every start of a command run inside the checkout.
const fdirWithoutOptionalPicomatch = {
  name: 'fdir-without-optional-picomatch',
  setup(build) {
    build.onLoad({ filter: /[\\/]fdir[\\/]dist[\\/]index\.mjs$/ }, (args) => {
      const source = readFileSync(args.path, 'utf8');
      const lookup = /try \{\s*__require\.resolve\("picomatch"\);\s*pm = __require\("picomatch"\);\s*\} catch \{\}/;
      // Another fdir version: bundle it as it is.
      return lookup.test(source) ? { contents: source.replace(lookup, ''), loader: 'js' } : undefined;
    });
  },
};

await build({
  entryPoints: {
    'adtc-main.bundle': join(outdir, 'adtc-main.js'),
    'lsp-main.bundle': join(dist, 'lsp/src/main.js'),
  },
  outdir,
  outExtension: { '.js': '.cjs' },
  bundle: true,
  minify: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  external: ['typescript'],
  // ajv-formats-draft2019 (through kubernetes-models) depends on the punycode package but calls
  // require('punycode'), which Node resolves to its own deprecated module: Node 22 then warns
  // (DEP0040) on stderr of every command run from outside a node_modules folder, as the .vsix's server
  // is. The trailing slash names the package, which is what that library ships with.
  alias: { punycode: 'punycode/' },
  define: {
    // Tells adtc.ts where the bundled server is (the unbundled build imports dist/lsp/src/main.js).
    ADTC_LSP_BUNDLE: JSON.stringify('./lsp-main.bundle.cjs'),
    // Parameters of the loader's wrapper: the bundle's file URL, and the loader's import() (compiler/src/import-module.ts).
    'import.meta.url': '__adtcBundleUrl',
    ADTC_IMPORT: '__adtcImport',
  },
  plugins: [fdirWithoutOptionalPicomatch],
  logLevel: 'warning',
});
