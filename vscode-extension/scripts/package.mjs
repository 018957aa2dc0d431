// Packages the extension into a .vsix without network access: stages the
// compiled client, the grammars and a self-contained copy of the adtc language
// server (its build, the bundled profiles and only the node_modules it loads),
// then runs vsce with --no-dependencies on the staged folder.
// Usage: node vscode-extension/scripts/package.mjs [out.vsix]   (after `npm run build`)
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = resolve(fileURLToPath(new URL('../../', import.meta.url)));
const ext = join(repo, 'vscode-extension');
const stage = join(repo, 'dist', 'vscode-extension');
const manifest = JSON.parse(readFileSync(join(ext, 'package.json'), 'utf8'));
const out = resolve(process.argv[2] ?? join(repo, 'dist', `${manifest.name}-${manifest.version}.vsix`));

/** The folder of package `name` as Node would find it from `from`. */
function locate(name, from) {
  for (let dir = from; ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', name);
    if (existsSync(join(candidate, 'package.json'))) return candidate;
    if (dir === repo || dir === dirname(dir)) throw new Error(`cannot find package '${name}' from ${from}`);
  }
}

/** Copies `names` and everything they depend on into `into`/node_modules, keeping the layout npm gave them. */
function copyPackages(names, into) {
  const seen = new Set();
  const visit = (name, from) => {
    const dir = locate(name, from);
    if (seen.has(dir)) return;
    seen.add(dir);
    cpSync(dir, join(into, relative(repo, dir)), { recursive: true });
    const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    for (const dep of Object.keys(pkg.dependencies ?? {})) visit(dep, dir);
  };
  for (const n of names) visit(n, repo);
}

const onlyJs = (src) => !/\.(d\.ts|map|tsbuildinfo)$/.test(src);

rmSync(stage, { recursive: true, force: true });
mkdirSync(stage, { recursive: true });
for (const f of ['package.json', 'language-configuration.json', 'README.md', 'syntaxes']) cpSync(join(ext, f), join(stage, f), { recursive: true });
cpSync(join(repo, 'dist', 'vscode-extension-build'), join(stage, 'out'), { recursive: true, filter: onlyJs });
// vsce --no-dependencies leaves out the top-level node_modules; out/node_modules is where out/extension.js looks first.
copyPackages(Object.keys(manifest.dependencies), join(stage, 'out'));

// The server keeps the repository's layout, so its modules find the profiles and each other as they do in a checkout.
const server = join(stage, 'server');
cpSync(join(repo, 'bin'), join(server, 'bin'), { recursive: true });
for (const part of ['compiler', 'grammar', 'runtime', 'lsp']) cpSync(join(repo, 'dist', part), join(server, 'dist', part), { recursive: true, filter: onlyJs });
cpSync(join(repo, 'dist', 'profile-cache'), join(server, 'dist', 'profile-cache'), { recursive: true });
cpSync(join(repo, 'compiler', 'profiles'), join(server, 'compiler', 'profiles'), { recursive: true });
mkdirSync(join(server, 'docs'), { recursive: true });
cpSync(join(repo, 'docs', 'diagnostics.md'), join(server, 'docs', 'diagnostics.md'));
const root = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8'));
const serverDeps = ['vscode-languageserver', 'vscode-languageserver-textdocument', 'yaml', 'chevrotain', 'tinyglobby'];
writeFileSync(join(server, 'package.json'), JSON.stringify({ name: 'adtc-server', version: root.version, private: true, type: 'module' }, null, 2) + '\n');
copyPackages(serverDeps, server);

execFileSync(process.execPath, [join(repo, 'node_modules', '@vscode', 'vsce', 'vsce'), 'package', '--no-dependencies', '--allow-missing-repository', '--skip-license', '--out', out], { cwd: stage, stdio: ['ignore', 'inherit', 'inherit'] });
console.log(out);
