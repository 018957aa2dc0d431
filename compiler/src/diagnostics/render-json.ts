/** Machine formats of `adtc validate`: JSON, SARIF 2.1.0 and GitHub workflow commands. */
import type { SourceFile } from '../source/source-file.js';
import { catalogue } from './catalogue.js';
import { formatPath, jsonPointer, type Diagnostic } from './diagnostic.js';
import type { Severity } from './entry.js';

export interface MachineRenderOptions {
  readonly displayPath: (uri: string) => string;
  readonly source: (uri: string) => SourceFile | undefined;
  readonly toolVersion: string;
}

interface LineCol {
  readonly line: number;
  readonly column: number;
}

/** 1-based line and column (UTF-16 units), as editors and CI systems count. */
function lineCol(source: SourceFile | undefined, offset: number): LineCol {
  if (!source) return { line: 1, column: 1 };
  const p = source.lines.positionAt(offset);
  return { line: p.line + 1, column: p.character + 1 };
}

export function renderJson(files: readonly string[], diagnostics: readonly Diagnostic[], options: MachineRenderOptions): string {
  const byFile = new Map<string, Diagnostic[]>(files.map((f) => [f, []]));
  for (const d of diagnostics) {
    if (!byFile.has(d.span.uri)) byFile.set(d.span.uri, []);
    byFile.get(d.span.uri)!.push(d);
  }
  const range = (uri: string, start: number, end: number) => {
    const src = options.source(uri);
    return { start: lineCol(src, start), end: lineCol(src, end), offset: { start, end } };
  };
  const doc = {
    version: 1,
    tool: { name: 'adtc', version: options.toolVersion },
    summary: {
      files: files.length,
      errors: diagnostics.filter((d) => d.severity === 'error').length,
      warnings: diagnostics.filter((d) => d.severity === 'warning').length,
    },
    files: [...byFile].map(([uri, list]) => ({
      path: options.displayPath(uri),
      diagnostics: list.map((d) => ({
        code: d.code,
        name: catalogue[d.code].name,
        severity: d.severity,
        message: d.message,
        range: range(d.span.uri, d.span.start, d.span.end),
        objectPath: formatPath(d.path),
        pointer: jsonPointer(d.path),
        related: d.related.map((r) => ({ path: options.displayPath(r.span.uri), message: r.message, range: range(r.span.uri, r.span.start, r.span.end) })),
        fixes: d.fixes.map((f) => ({
          title: f.title,
          edits: f.edits.map((e) => ({ path: options.displayPath(e.span.uri), range: range(e.span.uri, e.span.start, e.span.end), newText: e.newText })),
        })),
      })),
    })),
  };
  return JSON.stringify(doc, null, 2);
}

const SARIF_LEVEL: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'note', hint: 'note' };

export function renderSarif(diagnostics: readonly Diagnostic[], options: MachineRenderOptions): string {
  const codes = Object.keys(catalogue) as (keyof typeof catalogue)[];
  const ruleIndex = new Map(codes.map((c, i) => [c, i]));
  const region = (uri: string, start: number, end: number) => {
    const src = options.source(uri);
    const s = lineCol(src, start);
    const e = lineCol(src, end);
    return { startLine: s.line, startColumn: s.column, endLine: e.line, endColumn: e.column };
  };
  const location = (uri: string, start: number, end: number) => ({
    physicalLocation: { artifactLocation: { uri: options.displayPath(uri).split('\\').join('/'), uriBaseId: '%SRCROOT%' }, region: region(uri, start, end) },
  });
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'adtc',
            version: options.toolVersion,
            rules: codes.map((c) => ({
              id: c,
              name: catalogue[c].name,
              shortDescription: { text: catalogue[c].name.replace(/-/g, ' ') },
              fullDescription: { text: describeCode(catalogue[c].message) },
              defaultConfiguration: { level: SARIF_LEVEL[catalogue[c].severity] },
            })),
          },
        },
        columnKind: 'utf16CodeUnits',
        results: diagnostics.map((d) => ({
          ruleId: d.code,
          ruleIndex: ruleIndex.get(d.code),
          level: SARIF_LEVEL[d.severity],
          message: { text: d.message },
          locations: [location(d.span.uri, d.span.start, d.span.end)],
          ...(d.related.length
            ? { relatedLocations: d.related.map((r, i) => ({ id: i, message: { text: r.message }, ...location(r.span.uri, r.span.start, r.span.end) })) }
            : {}),
          ...(d.path.length ? { properties: { objectPath: formatPath(d.path) } } : {}),
        })),
      },
    ],
  };
  return JSON.stringify(sarif, null, 2);
}

const GITHUB_COMMAND: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'notice', hint: 'notice' };

/** GitHub Actions workflow commands, one line per diagnostic, shown as annotations on the pull request. */
export function renderGithub(diagnostics: readonly Diagnostic[], options: MachineRenderOptions): string {
  const escapeData = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
  const escapeProp = (s: string) => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
  return diagnostics
    .map((d) => {
      const src = options.source(d.span.uri);
      const s = lineCol(src, d.span.start);
      const e = lineCol(src, d.span.end);
      const props = [`file=${escapeProp(options.displayPath(d.span.uri))}`, `line=${s.line}`, `col=${s.column}`, `endLine=${e.line}`];
      if (e.line === s.line) props.push(`endColumn=${e.column}`);
      props.push(`title=${escapeProp(`${d.code} ${catalogue[d.code].name}`)}`);
      return `::${GITHUB_COMMAND[d.severity]} ${props.join(',')}::${escapeData(d.message)}`;
    })
    .join('\n');
}

/**
 * A catalogue message as a rule description, which has no arguments to fill:
 * sentences that are only a placeholder (`{hint}`) go, and every other
 * placeholder reads as an ellipsis.
 */
export function describeCode(message: string): string {
  return message
    .replace(/(^|\s)\{\w+\}(?=\s|$)/g, '')
    .replace(/\{\w+\}/g, '…')
    .trim();
}
