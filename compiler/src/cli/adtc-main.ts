/**
 * The process entry of the `adtc` command: runs `main` with the real process.
 * `npm run build` bundles this file (with esbuild) into adtc-main.bundle.js,
 * because loading one file instead of a few hundred modules halves the cold
 * start that CI jobs pay on every run.
 */
import { main } from './adtc.js';
import { processIo } from './io.js';

process.exitCode = await main(process.argv.slice(2), processIo);
