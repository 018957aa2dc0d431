/** Quick fixes: the fixes that diagnostics carry, for the diagnostics touching a range. */
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { CodeAction } from './types.js';

export function codeActions(diagnostics: readonly Diagnostic[], uri: string, start: number, end: number): CodeAction[] {
  const out: CodeAction[] = [];
  for (const d of diagnostics) {
    if (d.span.uri !== uri || d.span.end < start || d.span.start > end) continue;
    for (const fix of d.fixes) {
      out.push({ title: fix.title, kind: 'quickfix', edits: fix.edits, diagnostic: d, preferred: d.fixes.length === 1 });
    }
  }
  return out;
}
