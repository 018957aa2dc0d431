/**
 * Cold start of the language server (not a test; `npm run bench`), side by side
 * with yaml-language-server in the same run: a fresh server process per round,
 * spawned over stdio, timed from spawn to the initialize answer and from spawn
 * to the first diagnostics for a 200-line ADT opened right after `initialized`.
 * The two servers alternate, so both see the same machine load.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node.js';
import { adt } from './generated-adt.js';

const root = resolve(fileURLToPath(new URL('../../../', import.meta.url)));
const ROUNDS = 11;

const servers = {
  'adtc lsp': [join(root, 'bin/adtc.js'), 'lsp', '--stdio'],
  'yaml-language-server': [createRequire(import.meta.url).resolve('yaml-language-server/bin/yaml-language-server'), '--stdio'],
} as const;

const dir = mkdtempSync(join(tmpdir(), 'adtc-cold-'));
const file = join(dir, 'app.yaml');
const text = adt(8);
writeFileSync(file, text);
const uri = pathToFileURL(file).href;

interface Round {
  readonly initialize: number;
  readonly diagnostics: number;
}

async function round(args: readonly string[]): Promise<Round> {
  const t0 = performance.now();
  const child = spawn(process.execPath, args, { stdio: ['pipe', 'pipe', 'ignore'] });
  const connection = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  const diagnosed = new Promise<number>((resolve) => {
    connection.onNotification('textDocument/publishDiagnostics', (p: { uri: string }) => {
      if (p.uri === uri) resolve(performance.now() - t0);
    });
  });
  // yaml-language-server asks for its settings; the defaults are what a new user has.
  connection.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => null));
  connection.onRequest('client/registerCapability', () => null);
  connection.listen();
  try {
    await connection.sendRequest('initialize', { processId: process.pid, rootUri: pathToFileURL(dir).href, capabilities: {} });
    const initialize = performance.now() - t0;
    await connection.sendNotification('initialized', {});
    await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text } });
    const diagnostics = await diagnosed;
    // Stopped as editors stop it (adtc writes its code cache at exit; the first round below makes it).
    const exited = new Promise((resolve) => child.once('exit', resolve));
    await connection.sendRequest('shutdown');
    await connection.sendNotification('exit');
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5000))]);
    return { initialize, diagnostics };
  } finally {
    connection.dispose();
    child.kill();
  }
}

const median = (xs: readonly number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const results = new Map<string, Round[]>(Object.keys(servers).map((name) => [name, []]));
// One uncounted round each: adtc's code cache is written, and both servers' files are in the page cache.
for (const args of Object.values(servers)) await round(args);
for (let i = 0; i < ROUNDS; i++) {
  for (const [name, args] of Object.entries(servers)) results.get(name)!.push(await round(args));
}
rmSync(dir, { recursive: true, force: true });

console.log(`cold start over stdio, ${text.split('\n').length}-line ADT, median of ${ROUNDS} fresh processes each`);
for (const [name, rounds] of results) {
  const shown = (xs: number[]) => `${median(xs).toFixed(0).padStart(5)} ms (${Math.min(...xs).toFixed(0)}–${Math.max(...xs).toFixed(0)})`;
  console.log(`  ${name.padEnd(22)} spawn → initialize ${shown(rounds.map((r) => r.initialize))}   spawn → first diagnostics ${shown(rounds.map((r) => r.diagnostics))}`);
}
console.log('  (targets for adtc lsp: initialize ≤ 300 ms, first diagnostics ≤ 600 ms and at least 2× faster than yaml-language-server)');
