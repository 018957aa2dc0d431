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

/**
 * The commands that are done when main resolves, which then end the process at once instead of letting the
 * event loop drain. Draining also waits for V8's background work (optimising compiles, concurrent marking) and
 * tears the heap down, about 10 ms of every `adtc validate` spent on nothing. For `run` it is needed: a stopped
 * loop may leave a call to a hung server behind (abandoned, never awaited), whose socket must not keep the
 * process alive after SIGTERM. `lsp` and `serve` outlive main; the runtime's other commands end by themselves.
 */
const ENDS_WITH_MAIN = new Set(['validate', 'compile', 'rule', 'simulate', 'run']);

/** Resolves once what was written to `stream` has been handed to the system (writes to pipes are asynchronous on Windows). */
const flushed = (stream: NodeJS.WriteStream) => new Promise<void>((resolve) => stream.write('', () => resolve()));

const argv = process.argv.slice(2);
// No top-level await: the bundle is a CommonJS script.
void main(argv, processIo).then(async (code) => {
  process.exitCode = code;
  if (!ENDS_WITH_MAIN.has(argv[0] ?? '')) return;
  await Promise.all([flushed(process.stdout), flushed(process.stderr)]);
  process.exit();
});
