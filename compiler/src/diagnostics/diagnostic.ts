import type { Span } from '../source/span.js';
import type { Code } from './catalogue.js';
import type { Severity } from './entry.js';

export type ObjectPath = readonly (string | number)[];

export interface TextEdit {
  readonly span: Span;
  readonly newText: string;
}

/** An edit that resolves a diagnostic; the language server offers it as a quick fix. */
export interface Fix {
  readonly title: string;
  readonly edits: readonly TextEdit[];
}

export interface RelatedInformation {
  readonly span: Span;
  readonly message: string;
}

/** A problem found in an ADT: plain data, built only by DiagnosticSink.report. */
export interface Diagnostic {
  readonly code: Code;
  readonly severity: Severity;
  readonly message: string;
  readonly span: Span;
  /** Where the problem is in the document's object tree, e.g. topology_template.node_templates.web.properties.image. */
  readonly path: ObjectPath;
  readonly related: readonly RelatedInformation[];
  readonly fixes: readonly Fix[];
  /** The message arguments, kept for code actions and tests. */
  readonly args: Readonly<Record<string, string | number>>;
  /** 'unnecessary' greys out dead text in editors; 'deprecated' strikes it through. */
  readonly tags?: readonly ('unnecessary' | 'deprecated')[];
}

/** 'topology_template.node_templates.web' style rendering of an object path. */
export function formatPath(path: ObjectPath): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}

/** RFC 6901 JSON Pointer rendering of an object path. */
export function jsonPointer(path: ObjectPath): string {
  return path.map((p) => '/' + String(p).replace(/~/g, '~0').replace(/\//g, '~1')).join('');
}

export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  if (a.span.uri !== b.span.uri) return a.span.uri < b.span.uri ? -1 : 1;
  return a.span.start - b.span.start || a.span.end - b.span.end || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);
}
