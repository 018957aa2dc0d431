/**
 * The one place tests call the compiler's validation API for fixtures, so an
 * API change touches a few lines here instead of every test.
 */
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileSystemHost } from '../../compiler/src/host.js';
import { validate, type ValidateOptions } from '../../compiler/src/pipeline.js';
import { readYaml } from '../../compiler/src/read/read-yaml.js';
import type { YNode } from '../../compiler/src/read/yaml-tree.js';
import { DiagnosticSink } from '../../compiler/src/diagnostics/sink.js';
import { SourceFile } from '../../compiler/src/source/source-file.js';
import type { Diagnostic } from '../../compiler/src/diagnostics/diagnostic.js';
import { renderAnnotations, stripAnnotations } from './annotations.js';
import type { Fixture } from './fixtures.js';
import { updating } from './paths.js';

/**
 * Options a fixture asks for in a header comment on its first lines:
 * `# @options pk-latest pin-profiles for-deployment`.
 */
function fixtureOptions(entry: string): ValidateOptions {
  const header = /^#\s*@options\s+(.*)$/m.exec(readFileSync(entry, 'utf8').split('\n').slice(0, 3).join('\n'));
  const names = new Set(header ? header[1]!.trim().split(/\s+/) : []);
  return { pkLatest: names.has('pk-latest'), pinnedProfiles: names.has('pin-profiles'), forDeployment: names.has('for-deployment') };
}

export function analyzeFixture(fixture: Fixture): readonly Diagnostic[] {
  return validate(fixture.entry, fileSystemHost, fixtureOptions(fixture.entry)).diagnostics;
}

/** Lines that lie inside block scalars (where annotations must keep the content's indentation). */
function blockContentLines(file: SourceFile): Set<number> {
  const lines = new Set<number>();
  const root = readYaml(file, new DiagnosticSink()).root;
  const seen = new Set<YNode>();
  const visit = (n: YNode | undefined) => {
    if (!n || seen.has(n)) return;
    seen.add(n);
    if (n.kind === 'scalar') {
      if (n.style === 'literal' || n.style === 'folded') {
        const first = file.lines.positionAt(n.span.start).line + 1;
        const last = file.lines.positionAt(n.span.end).line;
        for (let l = first; l <= last; l++) lines.add(l);
      }
    } else if (n.kind === 'seq') n.items.forEach(visit);
    else for (const p of n.pairs) visit(p.value);
  };
  visit(root);
  return lines;
}

export interface FileComparison {
  readonly path: string;
  readonly expected: string;
  readonly actual: string;
}

/** Renders each file of a fixture with its actual diagnostics as annotations. */
export function renderFixture(fixture: Fixture, diagnostics: readonly Diagnostic[]): FileComparison[] {
  const paths = fixture.folder ? filesBelow(fixture.folder) : [fixture.entry];
  return paths.map((path) => {
    const original = readFileSync(path, 'utf8');
    const clean = stripAnnotations(original);
    const file = new SourceFile(path, clean);
    // Diagnostics were computed on the annotated text; move their offsets onto the clean text.
    const mapped = diagnostics
      .filter((d) => d.span.uri === path)
      .map((d) => ({ severity: d.severity, code: d.code, message: d.message, start: toClean(original, d.span.start), end: toClean(original, d.span.end) }));
    const actual = renderAnnotations(clean, file.lines, mapped, blockContentLines(file));
    return { path, expected: original, actual };
  });
}

/** The fixture files of a multi-file case, subfolders included (relative imports reach into them). */
function filesBelow(folder: string): string[] {
  return readdirSync(folder, { recursive: true, encoding: 'utf8' })
    .filter((n) => /\.(ya?ml|py)$/.test(n))
    .sort()
    .map((n) => join(folder, n));
}

/** Maps an offset in the annotated text to the same place in the text without annotation lines. */
function toClean(annotated: string, offset: number): number {
  let removed = 0;
  let pos = 0;
  for (const line of annotated.split('\n')) {
    const next = pos + line.length + 1;
    if (offset < next) break;
    if (stripAnnotations(line) === '' && line !== '') removed += line.length + 1;
    pos = next;
  }
  return offset - removed;
}

/** UPDATE=1 writes the rendering back; otherwise the caller asserts equality. */
export function writeIfUpdating(comparisons: readonly FileComparison[]): boolean {
  if (!updating) return false;
  for (const c of comparisons) if (c.actual !== c.expected) writeFileSync(c.path, c.actual);
  return true;
}
