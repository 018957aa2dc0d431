/**
 * The dependency rules between the packages of the repository, read from each
 * source file's imports with the TypeScript API:
 *
 *   grammar/   imports only chevrotain and itself;
 *   runtime/   never imports typescript, grammar/ or compiler/;
 *   compiler/  imports nothing from lsp/ or vscode-* packages, and only
 *              compiler/src/cli/ touches `process`;
 *   lsp/       reaches the compiler only through its public entry, compiler/src/index.ts.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import ts from 'typescript';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { repoRoot } from './harness/paths.js';

const test = suite('layering');

const PACKAGES = ['grammar', 'runtime', 'compiler', 'lsp'] as const;
const PUBLIC_ENTRY = 'compiler/src/index';

/** A repository-relative path with forward slashes. */
function repoPath(absolute: string): string {
  return relative(repoRoot, absolute).split(sep).join('/');
}

function sourceFiles(): string[] {
  const out: string[] = [];
  for (const pkg of PACKAGES) {
    const dir = join(repoRoot, pkg);
    if (!existsSync(dir)) continue;
    for (const f of readdirSync(dir, { recursive: true, encoding: 'utf8' })) {
      if (/\.(?:c|m)?tsx?$/.test(f) && !f.endsWith('.d.ts') && !f.split(sep).includes('node_modules')) out.push(`${pkg}/${f.split(sep).join('/')}`);
    }
  }
  return out;
}

interface Import {
  readonly specifier: string;
  /** For a relative import, the repository-relative path it resolves to, without extension. */
  readonly target: string | undefined;
}

function importsOf(file: string, text: string): Import[] {
  const info = ts.preProcessFile(text, true, true);
  return info.importedFiles.map(({ fileName }) => ({
    specifier: fileName,
    target: fileName.startsWith('.') ? repoPath(resolve(repoRoot, dirname(file), fileName)).replace(/\.(?:c|m)?[jt]sx?$/, '') : undefined,
  }));
}

/** A bare specifier's package name (`@scope/name` or `name`); node: built-ins keep their prefix. */
function packageName(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
}

/** Where the code uses the global `process` (or imports it), as line numbers. */
function processUses(file: string, text: string): number[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true);
  const lines: number[] = [];
  const visit = (node: ts.Node) => {
    const isProcess = ts.isIdentifier(node) && node.text === 'process' && !(ts.isPropertyAccessExpression(node.parent) && node.parent.name === node) && !ts.isPropertyAssignment(node.parent);
    const importsProcess = ts.isStringLiteral(node) && (node.text === 'process' || node.text === 'node:process') && ts.isImportDeclaration(node.parent);
    if (isProcess || importsProcess) lines.push(source.getLineAndCharacterOfPosition(node.getStart()).line + 1);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return lines;
}

/** Every rule a file breaks, as readable lines. `file` is repository-relative. */
function violations(file: string, text: string): string[] {
  const out: string[] = [];
  const pkg = file.split('/')[0];
  for (const imp of importsOf(file, text)) {
    const where = imp.target ?? packageName(imp.specifier);
    const into = (folder: string) => imp.target !== undefined && (imp.target === folder || imp.target.startsWith(`${folder}/`));
    switch (pkg) {
      case 'grammar':
        if (imp.target === undefined ? where !== 'chevrotain' : !into('grammar')) out.push(`${file} imports '${imp.specifier}'; grammar/ may import only chevrotain and itself`);
        break;
      case 'runtime':
        if (where === 'typescript' || into('grammar') || into('compiler')) out.push(`${file} imports '${imp.specifier}'; runtime/ must not import typescript, grammar/ or compiler/`);
        break;
      case 'compiler':
        if (into('lsp') || /^vscode-/.test(where)) out.push(`${file} imports '${imp.specifier}'; compiler/ must not import lsp/ or vscode-*`);
        break;
      case 'lsp':
        if (into('compiler') && imp.target !== PUBLIC_ENTRY) out.push(`${file} imports '${imp.specifier}'; lsp/ may use the compiler only through ${PUBLIC_ENTRY}.ts`);
        break;
    }
  }
  if (pkg === 'compiler' && !file.startsWith('compiler/src/cli/')) {
    for (const line of processUses(file, text)) out.push(`${file}:${line} uses process; only compiler/src/cli/ may`);
  }
  return out;
}

test('the repository keeps the layering rules', () => {
  const files = sourceFiles();
  assert.ok(files.some((f) => f.startsWith('compiler/src/cli/')), 'the compiler sources were not found');
  assert.equal(files.flatMap((f) => violations(f, readFileSync(join(repoRoot, f), 'utf8'))), []);
});

test('each rule catches what it forbids', () => {
  const cases: [string, string][] = [
    ['grammar/lexer.ts', "import { readFileSync } from 'node:fs';"],
    ['grammar/parser.ts', "import { catalogue } from '../compiler/src/diagnostics/catalogue.js';"],
    ['runtime/run.ts', "import ts from 'typescript';"],
    ['runtime/run.ts', "import { parse } from '../grammar/parser.js';"],
    ['runtime/run.ts', "const c = await import('../compiler/src/pipeline.js');"],
    ['compiler/src/check/x.ts', "import type { Server } from '../../../lsp/server.js';"],
    ['compiler/src/check/x.ts', "import { TextDocument } from 'vscode-languageserver-textdocument';"],
    ['compiler/src/check/x.ts', 'const cwd = process.cwd();'],
    ['compiler/src/host.ts', "import { env } from 'node:process';"],
    ['lsp/server.ts', "import { validate } from '../compiler/src/pipeline.js';"],
  ];
  for (const [file, text] of cases) assert.is(violations(file, text).length, 1, `${file}: ${text}`);
});

test('what the rules allow passes', () => {
  const cases: [string, string][] = [
    ['grammar/parser.ts', "import { CstParser } from 'chevrotain';\nimport { tokens } from './tokens.js';"],
    ['runtime/run.ts', "import { readFileSync } from 'node:fs';\nimport type { Plan } from './plan.js';"],
    ['compiler/src/cli/io.ts', 'export const cwd = process.cwd();'],
    ['compiler/src/check/x.ts', '// Bundled files never change while the process runs.\nconst step = { process: 1 };\nstep.process;'],
    ['lsp/server.ts', "import { validate } from '../compiler/src/index.js';\nimport { createConnection } from 'vscode-languageserver/node.js';"],
  ];
  for (const [file, text] of cases) assert.equal(violations(file, text), [], `${file}: ${text}`);
});

test.run();
