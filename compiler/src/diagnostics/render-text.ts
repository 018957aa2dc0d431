/**
 * The human format of `adtc validate`: `file:line:col - severity CODE: message`
 * followed by a code frame, as tsc and eslint print them. Colour only when the
 * caller says the output is a terminal.
 */
import type { SourceFile } from '../source/source-file.js';
import type { Diagnostic } from './diagnostic.js';
import type { Severity } from './entry.js';

export interface TextRenderOptions {
  readonly color: boolean;
  /** How a file's uri is shown (relative to the working directory, usually). */
  readonly displayPath: (uri: string) => string;
  readonly source: (uri: string) => SourceFile | undefined;
}

const ANSI = { red: 31, yellow: 33, cyan: 36, grey: 90, blue: 34, bold: 1 } as const;

export function renderText(diagnostics: readonly Diagnostic[], options: TextRenderOptions): string {
  const paint = (code: keyof typeof ANSI, text: string) => (options.color ? `\u001b[${ANSI[code]}m${text}\u001b[0m` : text);
  const sevColour: Record<Severity, keyof typeof ANSI> = { error: 'red', warning: 'yellow', info: 'blue', hint: 'grey' };
  const out: string[] = [];
  for (const d of diagnostics) {
    const file = options.source(d.span.uri);
    const where = location(d.span.uri, d.span.start, file, options.displayPath);
    out.push(`${paint('cyan', where)} - ${paint(sevColour[d.severity], d.severity)} ${paint('grey', d.code)}: ${d.message}`);
    if (file) out.push('', ...codeFrame(file, d.span.start, d.span.end, (t) => paint(sevColour[d.severity], t)));
    for (const r of d.related) {
      const rf = options.source(r.span.uri);
      out.push(`  ${paint('cyan', location(r.span.uri, r.span.start, rf, options.displayPath))}: ${r.message}`);
    }
    out.push('');
  }
  return out.join('\n');
}

function location(uri: string, offset: number, file: SourceFile | undefined, displayPath: (uri: string) => string): string {
  if (!file) return displayPath(uri);
  const p = file.lines.positionAt(offset);
  return `${displayPath(uri)}:${p.line + 1}:${p.character + 1}`;
}

/** The lines a span covers (at most three shown), each with `~` under the spanned columns. */
export function codeFrame(file: SourceFile, start: number, end: number, mark: (text: string) => string = (t) => t): string[] {
  const lines = file.lines;
  const first = lines.positionAt(start);
  const last = lines.positionAt(Math.max(start, end));
  const shownLast = Math.min(last.line, first.line + 2);
  const gutter = String(shownLast + 1).length;
  const out: string[] = [];
  for (let line = first.line; line <= shownLast; line++) {
    const text = lines.lineText(line).replace(/\t/g, ' ');
    out.push(`${String(line + 1).padStart(gutter)} ${text}`);
    const from = line === first.line ? first.character : text.length - text.trimStart().length;
    const to = line === last.line ? last.character : text.length;
    const width = Math.max(1, to - from);
    out.push(`${' '.repeat(gutter)} ${' '.repeat(from)}${mark('~'.repeat(width))}`);
  }
  if (shownLast < last.line) out.push(`${' '.repeat(gutter)} …`);
  return out;
}

/** The last line of a report; `hiddenWarnings` are warnings --quiet left out, which still count (e.g. for --max-warnings). */
export function summaryLine(counts: { errors: number; warnings: number; files: number; hiddenWarnings?: number }): string {
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  const hidden = counts.hiddenWarnings ? ` (${plural(counts.hiddenWarnings, 'warning')} not shown: --quiet)` : '';
  if (counts.errors === 0 && counts.warnings === 0 && !hidden) return `No problems found in ${plural(counts.files, 'file')}.`;
  if (counts.warnings === 0 && hidden) return `Found ${plural(counts.errors, 'error')} in ${plural(counts.files, 'file')}${hidden}.`;
  return `Found ${plural(counts.errors, 'error')} and ${plural(counts.warnings, 'warning')} in ${plural(counts.files, 'file')}.`;
}
