#!/usr/bin/env node
// Entry point of the `adtc` command; `npm run build` writes the bundle it loads.
import '../dist/compiler/src/cli/adtc-main.bundle.js';
