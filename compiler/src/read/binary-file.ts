/**
 * Recognises a file that is not text before it is read as YAML: a binary file
 * would otherwise give a cascade of syntax errors and a code frame that dumps
 * it whole. A NUL character never occurs in YAML text, and bytes that are not
 * UTF-8 decode to U+FFFD.
 */
import type { DiagnosticSink } from '../diagnostics/sink.js';

/** Reports ADT1020 and returns true when `text` (as decoded from the file) is not text. */
export function reportBinary(uri: string, text: string, sink: DiagnosticSink): boolean {
  const why = text.includes('\u0000') ? 'it holds NUL bytes' : invalidUtf8(text) ? 'its bytes are not UTF-8' : undefined;
  if (!why) return false;
  sink.report('ADT1020', { uri, start: 0, end: 0 }, { why });
  return true;
}

/** Several replacement characters in the first few kilobytes: the decoder met bytes that are not UTF-8. */
function invalidUtf8(text: string): boolean {
  const head = text.slice(0, 8192);
  let count = 0;
  for (const ch of head) if (ch === '\uFFFD' && ++count >= 3) return true;
  return false;
}
