#!/usr/bin/env node
// Entry point of the `adtc` command; the TypeScript build writes dist/.
import { main } from '../dist/compiler/src/cli/adtc.js';
import { processIo } from '../dist/compiler/src/cli/io.js';

process.exitCode = main(process.argv.slice(2), processIo);
