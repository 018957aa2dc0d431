/**
 * The npm package as users get it: `npm pack` (which builds first) makes a
 * tarball holding what runs and nothing else; installed with `npm install -g`
 * into a temporary prefix outside the checkout, its `adtc` validates,
 * compiles, evaluates a rule, simulates and serves LSP from another folder, and
 * installed as a project's dev-dependency it runs through `npx adtc`. Every
 * command runs on Node 20 and on Node 22 (.ci/install-node22.sh), with `node`
 * on PATH being that release, as it is for a user who has it: the installed
 * `adtc` script starts with `#!/usr/bin/env node`.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { nodeRuntimes, nodeWarnings, type NodeRuntime } from './harness/node-runtimes.js';
import { corpusRoot, fixturesRoot, repoRoot } from './harness/paths.js';
import { startStdioServer } from './harness/stdio-server.js';

const dir = mkdtempSync(join(tmpdir(), 'adtc-npm-'));
const prefix = join(dir, 'prefix');
const work = join(dir, 'work');
const adtc = join(prefix, 'bin', 'adtc');
const { version } = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { version: string };
// npm may use its cache (the checkout's install filled it); the registry is only asked for what is missing.
const npmEnv = { ...process.env, npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false', npm_config_prefer_offline: 'true' };
let tarball = '';

test.after(() => rmSync(dir, { recursive: true, force: true }));

// Plain output. uvu sets FORCE_COLOR for its own output, and Node 22 warns when both are set.
const run = (node: NodeRuntime, args: readonly string[], cwd = work) => spawnSync(adtc, args, { cwd, encoding: 'utf8', env: { ...node.env(), NO_COLOR: '1', FORCE_COLOR: undefined } });

test('npm pack builds and packs what runs: the bundles, the runtime, the profiles and their cache, bin/', () => {
  const packed = JSON.parse(execFileSync('npm', ['pack', '--json', '--pack-destination', dir], { cwd: repoRoot, encoding: 'utf8', env: npmEnv, stdio: ['ignore', 'pipe', 'pipe'] })) as { filename: string; files: { path: string }[] }[];
  tarball = join(dir, packed[0]!.filename);
  const files = packed[0]!.files.map((f) => f.path);
  for (const f of ['package.json', 'README.md', 'bin/adtc.js', 'dist/compiler/src/cli/adtc-main.bundle.cjs', 'dist/compiler/src/cli/lsp-main.bundle.cjs', 'dist/compiler/src/cli/bundle-loader.js', 'dist/compiler/src/cli/lsp-transport.js', 'dist/runtime/src/commands.js', 'dist/runtime/src/rule-lib/api.d.ts', 'dist/profile-cache/micado-main__micado_types.yaml.json', 'dist/k8s-field-table.json', 'compiler/profiles/tosca/normative.yaml', 'docs/diagnostics.md']) {
    assert.ok(files.includes(f), `${f} is in the package`);
  }
  const stray = files.filter((f) => /^(test|grammar|lsp|vscode-extension|examples|scripts)\//.test(f) || /\.(ts|map|tsbuildinfo|mjs)$/.test(f.replace(/\.d\.ts$/, '')) || /^dist\/(test|compiler\/src\/(?!cli\/))/.test(f) || f === 'c.mjs');
  assert.equal(stray, [], 'no tests, fixtures, sources or unbundled compiler modules');
  assert.ok(files.length < 300, `${files.length} files`);
});

test('npm install -g of the tarball puts adtc into a prefix outside the checkout', () => {
  execFileSync('npm', ['install', '-g', '--prefix', prefix, tarball], { cwd: dir, env: npmEnv, stdio: 'pipe' });
  mkdirSync(work);
  copyFileSync(join(corpusRoot, 'micado-scale+ansible-micado/demos/stressng/stressng_ec2.yaml'), join(work, 'app.yaml'));
  copyFileSync(join(fixturesRoot, 'lsp/problems.yaml'), join(work, 'broken.yaml'));
  assert.is(realpathSync(adtc), join(realpathSync(prefix), 'lib/node_modules/adtc/bin/adtc.js'));
});

for (const node of nodeRuntimes) {
  test(`${node.name}: the installed adtc validates and compiles in another folder`, () => {
    const onPath = spawnSync('node', ['-p', 'process.execPath'], { encoding: 'utf8', env: node.env() });
    assert.is(realpathSync(onPath.stdout.trim()), realpathSync(node.executable()), `adtc runs on ${node.name}`);

    const shown = run(node, ['--version']);
    assert.is(shown.stdout.trim(), version, shown.stderr);
    const ok = run(node, ['validate', 'app.yaml']);
    assert.is(ok.status, 0, ok.stderr + ok.stdout);
    assert.equal(nodeWarnings(ok.stderr), [], 'Node prints no warning');
    const bad = run(node, ['validate', 'broken.yaml']);
    assert.is(bad.status, 1, bad.stderr);
    assert.match(bad.stdout + bad.stderr, /broken\.yaml:\d+:\d+.*ADT3001/);

    const out = `plan-${node.name.replace(' ', '')}`;
    const compiled = run(node, ['compile', 'app.yaml', '-o', out]);
    assert.is(compiled.status, 0, compiled.stderr + compiled.stdout);
    assert.equal(nodeWarnings(compiled.stderr), [], 'Node prints no warning');
    const plan = JSON.parse(readFileSync(join(work, out, 'plan.json'), 'utf8')) as { app: { compiler: { version: string } } };
    assert.is(plan.app.compiler.version, version);
  });

  test(`${node.name}: the installed adtc evaluates a rule, simulates, and prints the help of every command`, () => {
    const evaluated = run(node, ['rule', 'eval', 'app.yaml', '--policy', 'stressng', '--set', 'service_overloaded=True', '--set', 'm_node_count=1']);
    assert.is(evaluated.status, 0, evaluated.stderr + evaluated.stdout);
    assert.match(evaluated.stdout, /outputs:\n  m_container_count = 1/);

    // PNG, so the rasteriser's native binary and the font are loaded from the installed package.
    const chart = `chart-${node.name.replace(' ', '')}.png`;
    const simulated = run(node, ['simulate', 'app.yaml', '--load', 'ramp', '--duration', '600', '-o', chart, '--state-dir', join(dir, `state-${node.name}`)]);
    assert.is(simulated.status, 0, simulated.stderr + simulated.stdout);
    assert.match(simulated.stdout, /cycles of \d+ s simulated/);
    assert.equal(nodeWarnings(simulated.stderr), [], 'Node prints no warning');
    assert.is(readFileSync(join(work, chart)).subarray(1, 4).toString('latin1'), 'PNG', 'the chart is a PNG');

    for (const command of ['validate', 'compile', 'rule eval', 'simulate', 'lsp', 'deploy', 'update', 'undeploy', 'status', 'run']) {
      const help = run(node, [...command.split(' '), '--help']);
      assert.is(help.status, 0, `${command} --help: ${help.stderr}`);
      assert.match(help.stdout, new RegExp(`Usage: adtc ${command}`));
    }
    const noTransport = run(node, ['lsp']);
    assert.is(noTransport.status, 2);
    assert.match(noTransport.stderr, /name the transport/);
  });

  test(`${node.name}: the installed adtc lsp serves diagnostics over stdio`, async () => {
    const server = startStdioServer(adtc, ['lsp', '--stdio'], work, node.env());
    const { connection } = server;
    const uri = pathToFileURL(join(work, 'broken.yaml')).href;
    try {
      await connection.sendRequest('initialize', { processId: process.pid, rootUri: pathToFileURL(work).href, capabilities: {} });
      await connection.sendNotification('initialized', {});
      await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text: readFileSync(join(work, 'broken.yaml'), 'utf8') } });
      assert.equal((await server.firstDiagnostics).diagnostics.map((d) => d.code), ['ADT3001', 'ADT4002', 'ADT4540']);
    } finally {
      await server.stop();
    }
    assert.equal(nodeWarnings(server.output()), [], 'Node prints no warning');
  });
}

test('installed as a dev-dependency, npx adtc validates the project on each Node', () => {
  const project = join(dir, 'project');
  mkdirSync(project);
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'an-app', version: '1.0.0', private: true }));
  copyFileSync(join(work, 'app.yaml'), join(project, 'app.yaml'));
  execFileSync('npm', ['install', '--save-dev', tarball], { cwd: project, env: npmEnv, stdio: 'pipe' });
  for (const node of nodeRuntimes) {
    // npx itself, a `#!/usr/bin/env node` script, then runs on this Node too.
    const env = { ...npmEnv, PATH: node.env()['PATH'] };
    const r = spawnSync('npx', ['--no-install', 'adtc', 'validate', 'app.yaml'], { cwd: project, encoding: 'utf8', env });
    assert.is(r.status, 0, `${node.name}: ${r.stderr}${r.stdout}`);
    const lint = spawnSync('npx', ['--no-install', 'adtc', 'validate', '--format', 'json', 'app.yaml'], { cwd: project, encoding: 'utf8', env });
    assert.is((JSON.parse(lint.stdout) as { tool: { version: string } }).tool.version, version, `${node.name}: ${lint.stderr}`);
  }
});

test.run();
