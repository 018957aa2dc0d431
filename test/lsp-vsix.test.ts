/**
 * The VS Code extension packs into a .vsix offline (vscode-extension/scripts/package.mjs
 * with @vscode/vsce), and the language server inside it runs on its own: it is
 * started from the staged folder and must publish diagnostics for an ADT.
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node.js';
import type { PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { fixturesRoot, repoRoot } from './harness/paths.js';

const dir = mkdtempSync(join(tmpdir(), 'adtc-vsix-'));
const vsix = join(dir, 'micado-adt.vsix');

test.after(() => rmSync(dir, { recursive: true, force: true }));

test('packs the extension, its client library and the bundled server into a .vsix', () => {
  execFileSync(process.execPath, [join(repoRoot, 'vscode-extension/scripts/package.mjs'), vsix], { stdio: 'pipe' });
  const listing = execFileSync('unzip', ['-Z1', vsix], { encoding: 'utf8' }).split('\n');
  for (const entry of [
    'extension/package.json',
    'extension/out/extension.js',
    'extension/syntaxes/scaling-rule.injection.json',
    'extension/out/node_modules/vscode-languageclient/package.json',
    'extension/server/bin/adtc.js',
    'extension/server/dist/lsp/src/main.js',
    'extension/server/dist/profile-cache/micado-main__micado_types.yaml.json',
    'extension/server/docs/diagnostics.md',
    'extension/server/node_modules/vscode-languageserver/package.json',
    'extension/server/compiler/profiles/tosca/normative.yaml',
  ]) {
    assert.ok(listing.includes(entry), `${entry} is in the .vsix`);
  }
  const manifest = JSON.parse(execFileSync('unzip', ['-p', vsix, 'extension/package.json'], { encoding: 'utf8' })) as { contributes: { languages: { id: string }[]; commands: { command: string }[] } };
  assert.equal(manifest.contributes.languages.map((l) => l.id), ['micado-adt']);
  assert.equal(manifest.contributes.commands.map((c) => c.command), ['adt.validateWorkspace', 'adt.showCompiledPlan', 'adt.previewManifests']);
});

test('the staged server runs on its own and publishes diagnostics', async () => {
  const child = spawn(process.execPath, [join(repoRoot, 'dist/vscode-extension/server/bin/adtc.js'), 'lsp', '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const connection = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  const uri = pathToFileURL(join(fixturesRoot, 'lsp/problems.yaml')).href;
  const published = new Promise<PublishDiagnosticsParams>((resolve) => connection.onNotification('textDocument/publishDiagnostics', resolve));
  connection.listen();
  try {
    await connection.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: {} });
    await connection.sendNotification('initialized', {});
    await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'micado-adt', version: 1, text: readFileSync(join(fixturesRoot, 'lsp/problems.yaml'), 'utf8') } });
    const p = await published;
    assert.equal(p.diagnostics.map((d) => d.code), ['ADT3001', 'ADT4002', 'ADT4540']);
    await connection.sendRequest('shutdown');
    const exited = new Promise((resolve) => child.once('exit', resolve));
    await connection.sendNotification('exit');
    await exited;
  } finally {
    connection.dispose();
    child.kill();
  }
});

test('the injection grammar spans a scaling_rule block and stops at the next key', () => {
  const grammar = JSON.parse(readFileSync(join(repoRoot, 'vscode-extension/syntaxes/scaling-rule.injection.json'), 'utf8')) as { repository: { 'scaling-rule': { begin: string; end: string } } };
  const rule = grammar.repository['scaling-rule'];
  const begin = new RegExp(rule.begin).exec('          scaling_rule: |');
  assert.ok(begin, 'the block starts at the key');
  const end = new RegExp(rule.end.replace('\\1', begin![1]!));
  assert.not.ok(end.test('            if CPU > HIGH:'), 'deeper lines are the rule');
  assert.not.ok(end.test(''), 'blank lines stay inside');
  assert.ok(end.test('          queries:'), 'a sibling key ends the block');
  assert.ok(end.test('    - other-policy:'), 'a shallower line ends the block');
});

test.run();
