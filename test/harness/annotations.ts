/**
 * Inline expectations. An annotation is a comment line under the line it
 * points at:
 *
 *     targets: [ fronted ]
 *     #          ^^^^^^^ error ADT4001: 'fronted' is not a node template. Did you mean 'frontend'?
 *
 * Carets mark the span's columns on the nearest line above that is not an
 * annotation; a span running onto later lines says `(+N lines)`. When no `#`
 * fits in front of the span (column 0, or the first column of a block scalar's
 * content), the form `# @expect error ADT2001 at 'text': message` names the
 * span's text instead, and `# @expect-file ...` on the first line marks a
 * problem with no text to point at.
 *
 * Comparison renders the file with the actual diagnostics as annotations and
 * compares the text with the file, so a failure is a readable line diff, and
 * UPDATE=1 writes the rendering back.
 */
import type { LineIndex } from '../../compiler/src/source/line-index.js';

export interface Annotated {
  readonly severity: string;
  readonly code: string;
  readonly message: string;
  readonly start: number;
  readonly end: number;
}

const CARET = /^\s*#\s*\^+(?: \(\+\d+ lines?\))? (?:error|warning|info|hint) [A-Z]+\d+: /;
const EXPECT = /^\s*# @expect(?:-file)? (?:error|warning|info|hint) [A-Z]+\d+/;

export function isAnnotationLine(line: string): boolean {
  return CARET.test(line) || EXPECT.test(line);
}

/** The file's text without its annotation lines. */
export function stripAnnotations(text: string): string {
  return text
    .split('\n')
    .filter((l) => !isAnnotationLine(l))
    .join('\n');
}

/**
 * Renders `diagnostics` into `text` (which must hold no annotations).
 * `blockContentLines` are the lines inside block scalars, where a comment must
 * not be indented less than the line it annotates.
 */
export function renderAnnotations(text: string, lines: LineIndex, diagnostics: readonly Annotated[], blockContentLines: ReadonlySet<number>): string {
  const below = new Map<number, string[]>();
  const fileLevel: string[] = [];
  for (const d of diagnostics) {
    const start = lines.positionAt(d.start);
    const end = lines.positionAt(d.end);
    const lineText = lines.lineText(start.line);
    const head = `${d.severity} ${d.code}`;
    if (d.end <= d.start || lineText.length === 0) {
      fileLevel.push(`# @expect-file ${head}: ${d.message}`);
      continue;
    }
    const indent = lineText.length - lineText.trimStart().length;
    const lastCol = end.line === start.line ? end.character : lineText.length;
    const extra = end.line > start.line && !(end.line === start.line + 1 && end.character === 0) ? ` (+${end.line - start.line} line${end.line - start.line === 1 ? '' : 's'})` : '';
    const width = Math.max(1, lastCol - start.character);
    const inBlock = blockContentLines.has(start.line);
    const hashCol = inBlock ? (start.character > indent ? indent : -1) : start.character >= 1 ? Math.min(indent, start.character - 1 - (start.character >= 2 ? 1 : 0)) : -1;
    let line: string;
    if (hashCol < 0) {
      const col = inBlock ? indent : 0;
      const quoted = lineText.slice(start.character, start.character + width);
      line = `${' '.repeat(col)}# @expect ${head} at '${quoted}'${extra}: ${d.message}`;
    } else {
      const gap = start.character - hashCol - 1;
      line = `${' '.repeat(hashCol)}#${' '.repeat(gap)}${'^'.repeat(width)}${extra} ${head}: ${d.message}`;
    }
    const list = below.get(start.line) ?? [];
    list.push(line);
    below.set(start.line, list);
  }
  const src = text.split('\n');
  const out: string[] = [];
  src.forEach((l, i) => {
    out.push(l);
    if (i === 0 && fileLevel.length) out.push(...fileLevel);
    const anns = below.get(i);
    if (anns) out.push(...anns);
  });
  if (src.length === 0 && fileLevel.length) out.push(...fileLevel);
  return out.join('\n');
}
