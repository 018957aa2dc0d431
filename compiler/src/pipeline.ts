/**
 * The one function that runs the ADT phases in order. Every phase returns a
 * value even for broken input; an exception escaping a phase is a bug in adtc
 * and becomes ADT9001 on the file, never a stack trace.
 */
import { Cancelled, neverCancelled, type CancellationToken } from './cancellation.js';
import type { Diagnostic } from './diagnostics/diagnostic.js';
import { DiagnosticSink, type SeverityOverrides } from './diagnostics/sink.js';
import type { Host } from './host.js';
import { readYaml } from './read/read-yaml.js';
import { SourceFile } from './source/source-file.js';

export interface ValidateOptions {
  readonly severity?: SeverityOverrides;
}

export interface ValidationResult {
  readonly uri: string;
  readonly diagnostics: readonly Diagnostic[];
  /** Every file read while validating (the ADT and its imports), by uri. */
  readonly files: ReadonlyMap<string, SourceFile>;
  readonly cancelled: boolean;
}

export function validate(uri: string, host: Host, options: ValidateOptions = {}, token: CancellationToken = neverCancelled): ValidationResult {
  const sink = new DiagnosticSink(options.severity);
  const files = new Map<string, SourceFile>();
  const text = host.readFile(uri);
  if (text === undefined) {
    const file = new SourceFile(uri, '');
    files.set(uri, file);
    sink.report('ADT9002', { uri, start: 0, end: 0 }, { detail: 'no such file, or it is not readable' });
    return { uri, diagnostics: sink.diagnostics, files, cancelled: false };
  }
  const file = new SourceFile(uri, text);
  files.set(uri, file);
  try {
    // Phase 1: YAML text to the positioned tree (ADT1xxx).
    readYaml(file, sink);
  } catch (error) {
    if (error instanceof Cancelled) return { uri, diagnostics: [], files, cancelled: true };
    const detail = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    sink.report('ADT9001', { uri, start: 0, end: Math.min(1, text.length) }, { detail });
  }
  void token;
  return { uri, diagnostics: sink.diagnostics, files, cancelled: false };
}
