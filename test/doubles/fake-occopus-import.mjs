#!/usr/bin/env node
// TEST DOUBLE of `occopus-import <file>`: appends the node definitions of <file> (YAML, `node_def:<name>: [...]`)
// to the store $FAKE_OCCOPUS_DEFINITIONS (a JSON file standing for Occopus's Redis), which the Occopus REST
// double reads when it builds an infrastructure. Fails on a file that is not such a mapping, as Occopus does.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { parse } from 'yaml';

const file = process.argv[2];
const store = process.env.FAKE_OCCOPUS_DEFINITIONS;
if (!file || !store) {
  process.stderr.write('usage: FAKE_OCCOPUS_DEFINITIONS=<store> fake-occopus-import <file>\n');
  process.exit(2);
}
const definitions = parse(readFileSync(file, 'utf8'));
if (typeof definitions !== 'object' || definitions === null || Object.keys(definitions).some((k) => !k.startsWith('node_def:'))) {
  process.stderr.write(`Error: ${file} holds no node definitions\n`);
  process.exit(1);
}
const known = existsSync(store) ? JSON.parse(readFileSync(store, 'utf8')) : {};
writeFileSync(store, JSON.stringify({ ...known, ...definitions }, null, 2));
process.stdout.write(`imported ${Object.keys(definitions).join(', ')}\n`);
