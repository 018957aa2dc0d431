/**
 * The process entry of the `adtc` command: runs `main` with the real process.
 * `npm run build` bundles this file (with esbuild) into adtc-main.bundle.cjs,
 * which bin/adtc.js runs with a code cache (cli/bundle-loader.ts), because
 * loading one precompiled file instead of a few hundred modules is most of the
 * cold start that CI jobs pay on every run.
 */
import { main } from './adtc.js';
import { processIo } from './io.js';

// A reader that stops early (`adtc compile --dry-run | head`) closes the pipe: stop quietly, as a command killed by SIGPIPE does, instead of crashing on EPIPE.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    process.exit(process.exitCode ?? 0);
  });
}

const argv = process.argv.slice(2);
// No top-level await: the bundle is a CommonJS script.
void main(argv, processIo).then((code) => {
  process.exitCode = code;
  // A stopped loop may leave a call to a hung server behind (abandoned, never awaited); its socket must not keep
  // the process alive after SIGTERM. Other commands end by themselves, and `lsp` must outlive main.
  if (argv[0] === 'run') process.exit();
});
