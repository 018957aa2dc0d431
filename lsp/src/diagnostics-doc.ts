/**
 * lsp/diagnostics.md, the page each diagnostic's codeDescription links to:
 * one section per catalogue code (its anchor is the code in lower case), so an
 * editor can open the explanation of a problem from the problem itself.
 * test/lsp-diagnostics-doc.test.ts keeps the page in step with the catalogue.
 */
import { catalogue } from '../../compiler/src/index.js';

export function renderDiagnosticsDoc(): string {
  const lines = ['# adtc diagnostics', '', 'Every problem adtc reports, by code. Generated from the catalogue (`compiler/src/diagnostics/catalogue.ts`); `UPDATE=1 npm test` refreshes it.', ''];
  for (const [code, entry] of Object.entries(catalogue)) {
    lines.push(`## ${code}`, '', `\`${entry.name}\`, ${entry.severity}${'retired' in entry ? ' (retired: no longer reported)' : ''}`, '', entry.message.replace(/\{(\w+)\}/g, '‹$1›'), '');
  }
  return lines.join('\n');
}
