// Packages the extension into a self-contained .vsix without network access (after `npm run build`):
//   out/extension.js   the client, bundled with vscode-languageclient by esbuild (only `vscode` stays outside);
//   server/            the adtc language server as `npm run build` bundled it: its entry (server/adtc-language-server.js),
//                      the server's bundle with its loader, the profiles and their cache, the diagnostics page.
// The bundles carry every package they load, so the .vsix needs no node_modules: the server runs where VS Code
// unpacks it, far from the checkout's node_modules (test/lsp-vsix.test.ts runs it so).
// Usage: node vscode-extension/scripts/package.mjs [out.vsix]
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const repo = resolve(fileURLToPath(new URL('../../', import.meta.url)));
const ext = join(repo, 'vscode-extension');
const stage = join(repo, 'dist', 'vscode-extension');
const manifest = JSON.parse(readFileSync(join(ext, 'package.json'), 'utf8'));
const out = resolve(process.argv[2] ?? join(repo, 'dist', `${manifest.name}-${manifest.version}.vsix`));

rmSync(stage, { recursive: true, force: true });
mkdirSync(stage, { recursive: true });
for (const f of ['language-configuration.json', 'README.md', 'syntaxes']) cpSync(join(ext, f), join(stage, f), { recursive: true });
// The client library is inside the bundle, so the manifest declares no dependencies for vsce to look for.
// `files` names exactly what is staged, so vsce packs it and nothing else.
const { dependencies: _bundled, ...staged } = manifest;
const files = ['out/', 'server/', 'syntaxes/', 'language-configuration.json', 'README.md'];
writeFileSync(join(stage, 'package.json'), JSON.stringify({ ...staged, files }, null, 2) + '\n');

// tsc emits the client as CommonJS (vscode-extension/package.json has no "type"), into dist/, which the
// repository's package.json makes an ES module folder: this marker tells esbuild (and Node) what the files are.
const clientBuild = join(repo, 'dist', 'vscode-extension-build');
writeFileSync(join(clientBuild, 'package.json'), '{ "type": "commonjs" }\n');

await build({
  entryPoints: [join(clientBuild, 'extension.js')],
  outfile: join(stage, 'out', 'extension.js'),
  bundle: true,
  minify: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  external: ['vscode'],
  logLevel: 'warning',
});

// The server keeps the package's layout, so its modules find the profiles, the cache and the docs as installed.
const server = join(stage, 'server');
const cli = join('dist', 'compiler', 'src', 'cli');
mkdirSync(join(server, 'bin'), { recursive: true });
cpSync(join(ext, 'server', 'adtc-language-server.js'), join(server, 'bin', 'adtc-language-server.js'));
mkdirSync(join(server, cli), { recursive: true });
for (const f of ['lsp-main.bundle.cjs', 'bundle-loader.js']) cpSync(join(repo, cli, f), join(server, cli, f));
cpSync(join(repo, 'dist', 'profile-cache'), join(server, 'dist', 'profile-cache'), { recursive: true });
cpSync(join(repo, 'dist', 'k8s-field-table.json'), join(server, 'dist', 'k8s-field-table.json'));
cpSync(join(repo, 'compiler', 'profiles'), join(server, 'compiler', 'profiles'), { recursive: true });
mkdirSync(join(server, 'docs'), { recursive: true });
cpSync(join(repo, 'docs', 'diagnostics.md'), join(server, 'docs', 'diagnostics.md'));
const root = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8'));
writeFileSync(join(server, 'package.json'), JSON.stringify({ name: 'adtc-server', version: root.version, private: true, type: 'module' }, null, 2) + '\n');

execFileSync(process.execPath, [join(repo, 'node_modules', '@vscode', 'vsce', 'vsce'), 'package', '--no-dependencies', '--allow-missing-repository', '--skip-license', '--out', out], { cwd: stage, stdio: ['ignore', 'inherit', 'inherit'] });
console.log(out);
