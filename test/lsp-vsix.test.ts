/**
 * The VS Code extension packs into a .vsix offline (vscode-extension/scripts/package.mjs
 * with @vscode/vsce), and the language server inside it runs on its own: the .vsix is
 * unpacked into a folder outside the checkout (where no node_modules can help it) and
 * its server must publish diagnostics and compile a plan preview, on Node 20 and on Node 22
 * (.ci/install-node22.sh): VS Code runs it on the `node` it finds, whatever release the user has.
 * test/vscode-e2e.test.ts installs the same .vsix into a real VS Code.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { nodeRuntimes, nodeWarnings } from './harness/node-runtimes.js';
import { corpusRoot, fixturesRoot, repoRoot } from './harness/paths.js';
import { startStdioServer } from './harness/stdio-server.js';

const dir = mkdtempSync(join(tmpdir(), 'adtc-vsix-'));
const vsix = join(dir, 'micado-adt.vsix');
const unpacked = join(dir, 'unpacked');
const { version } = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { version: string };

test.after(() => rmSync(dir, { recursive: true, force: true }));

test('packs the extension, its bundled client and the bundled server, and nothing else, into a small .vsix', () => {
  execFileSync(process.execPath, [join(repoRoot, 'vscode-extension/scripts/package.mjs'), vsix], { stdio: 'pipe' });
  const listing = execFileSync('unzip', ['-Z1', vsix], { encoding: 'utf8' }).split('\n').filter(Boolean);
  for (const entry of [
    'extension/package.json',
    'extension/out/extension.js',
    'extension/syntaxes/scaling-rule.injection.json',
    'extension/server/bin/adtc-language-server.js',
    'extension/server/dist/compiler/src/cli/lsp-main.bundle.cjs',
    'extension/server/dist/compiler/src/cli/bundle-loader.js',
    'extension/server/dist/profile-cache/micado-main__micado_types.yaml.json',
    'extension/server/dist/k8s-field-table.json',
    'extension/server/docs/diagnostics.md',
    'extension/server/compiler/profiles/tosca/normative.yaml',
  ]) {
    assert.ok(listing.includes(entry), `${entry} is in the .vsix`);
  }
  assert.equal(listing.filter((e) => e.includes('node_modules/')), [], 'the bundles carry their packages');
  assert.equal(listing.filter((e) => e.startsWith('extension/server/dist/compiler/src/cli/')).sort(), ['extension/server/dist/compiler/src/cli/bundle-loader.js', 'extension/server/dist/compiler/src/cli/lsp-main.bundle.cjs'], "only the server's bundle, not the command's");
  assert.equal(listing.filter((e) => /\.(ts|map)$/.test(e)), [], 'no sources or source maps');
  assert.ok(statSync(vsix).size < 2 * 1024 * 1024, `the .vsix is ${(statSync(vsix).size / 1024 / 1024).toFixed(1)} MB`);
  const manifest = JSON.parse(execFileSync('unzip', ['-p', vsix, 'extension/package.json'], { encoding: 'utf8' })) as { contributes: { languages: { id: string }[]; commands: { command: string }[] } };
  assert.equal(manifest.contributes.languages.map((l) => l.id), ['micado-adt']);
  assert.equal(manifest.contributes.commands.map((c) => c.command), ['adt.validateWorkspace', 'adt.showCompiledPlan', 'adt.previewManifests']);
});

test('the .vsix unpacks into a folder outside the checkout', () => {
  execFileSync('unzip', ['-q', vsix, '-d', unpacked]);
  assert.ok(statSync(join(unpacked, 'extension/server/bin/adtc-language-server.js')).isFile());
});

for (const node of nodeRuntimes) {
  test(`${node.name}: the server of the unpacked .vsix runs outside the checkout: diagnostics, then a compiled plan`, async () => {
    const server = startStdioServer(node.executable(), [join(unpacked, 'extension/server/bin/adtc-language-server.js'), '--stdio'], unpacked);
    const { connection } = server;
    const uri = pathToFileURL(join(fixturesRoot, 'lsp/problems.yaml')).href;
    try {
      const init = await connection.sendRequest<{ serverInfo?: { version?: string } }>('initialize', { processId: process.pid, rootUri: null, capabilities: {} });
      assert.is(init.serverInfo?.version, version);
      await connection.sendNotification('initialized', {});
      await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'micado-adt', version: 1, text: readFileSync(join(fixturesRoot, 'lsp/problems.yaml'), 'utf8') } });
      const p = await server.firstDiagnostics;
      assert.equal(p.diagnostics.map((d) => d.code), ['ADT3001', 'ADT4002', 'ADT4540']);
      const demo = join(corpusRoot, 'micado-scale+ansible-micado/demos/stressng/stressng_ec2.yaml');
      const demoUri = pathToFileURL(demo).href;
      await connection.sendNotification('textDocument/didOpen', { textDocument: { uri: demoUri, languageId: 'micado-adt', version: 1, text: readFileSync(demo, 'utf8') } });
      const preview = await connection.sendRequest<{ plan?: string; manifests?: string }>('adt/compilePreview', { uri: demoUri });
      const plan = JSON.parse(preview.plan ?? 'null') as { app: { compiler: { version: string } } } | null;
      assert.ok(plan, 'the plan compiles inside the unpacked server');
      assert.is(plan!.app.compiler.version, version, 'the plan names the real adtc version');
      assert.match(preview.manifests ?? '', /kind: Deployment/);
    } finally {
      await server.stop();
    }
    assert.equal(nodeWarnings(server.output()), [], "Node prints no warning into the extension's output");
  });
}

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
