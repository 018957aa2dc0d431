/**
 * Go to definition, find references, document highlight and rename, all from
 * the occurrence index. Types are matched across every analysed document by
 * their definition's place; node templates, inputs and repositories are local
 * to the file that declares them.
 */
import type { TextEdit } from '../diagnostics/diagnostic.js';
import type { AnalysedModel } from '../pipeline.js';
import { profilesRoot } from '../profiles/micado-refs.js';
import type { Span } from '../source/span.js';
import { occurrenceAt, occurrences, type Occurrence } from './occurrences.js';
import type { Highlight, RenameResult } from './types.js';

export function definition(model: AnalysedModel, offset: number): Span | undefined {
  return occurrenceAt(model, offset)?.target;
}

/** Every place, in `models` (the document's own model first), naming what the cursor names. */
export function references(model: AnalysedModel, offset: number, models: readonly AnalysedModel[], includeDeclaration: boolean): Span[] {
  const at = occurrenceAt(model, offset);
  if (!at) return [];
  const scope = at.kind === 'type' ? [model, ...models.filter((m) => m !== model)] : [model];
  const seen = new Set<string>();
  const out: Span[] = [];
  const push = (s: Span) => {
    const k = `${s.uri}:${s.start}:${s.end}`;
    if (!seen.has(k)) {
      seen.add(k);
      out.push(s);
    }
  };
  // A declaration in another file (an imported type) is not among any document's occurrences.
  if (includeDeclaration && at.target) push(at.target);
  for (const m of scope) for (const o of occurrences(m)) if (o.key === at.key && (includeDeclaration || o.role === 'reference')) push(o.span);
  return out;
}

export function highlights(model: AnalysedModel, offset: number): Highlight[] {
  const at = occurrenceAt(model, offset);
  if (!at) return [];
  return occurrences(model)
    .filter((o) => o.key === at.key)
    .map((o) => ({ span: o.span, kind: o.role === 'definition' ? 'write' : 'read' }));
}

/** The span a rename would replace, or why the name cannot be renamed. */
export function prepareRename(model: AnalysedModel, offset: number): { span: Span; placeholder: string } | { error: string } | undefined {
  const at = occurrenceAt(model, offset);
  if (!at) return undefined;
  const why = renameBlocker(at);
  return why ? { error: why } : { span: at.span, placeholder: model.adt.file.text.slice(at.span.start, at.span.end) };
}

export function rename(model: AnalysedModel, offset: number, newName: string, models: readonly AnalysedModel[]): RenameResult {
  const at = occurrenceAt(model, offset);
  if (!at) return { error: 'There is no node template, input, repository or type name here.' };
  const why = renameBlocker(at);
  if (why) return { error: why };
  if (RULE_NAMES.has(at.kind)) {
    // Rules name these as Python variables.
    if (!/^[A-Za-z_]\w*$/.test(newName)) return { error: `'${newName}' is not a valid name in a scaling rule: use letters, digits and '_', not starting with a digit.` };
  } else if (!/^[A-Za-z0-9_.:-]+$/.test(newName)) return { error: `'${newName}' is not a valid name: use letters, digits, '_', '-', '.' or ':'.` };
  const edits: TextEdit[] = references(model, offset, models, true).map((span) => ({ span, newText: newName }));
  return { edits };
}

const RULE_NAMES: ReadonlySet<Occurrence['kind']> = new Set(['constant', 'query', 'alert', 'rule-variable']);

function renameBlocker(o: Occurrence): string | undefined {
  if (o.kind === 'property') return 'Properties are defined by their type; rename the property in the type definition and its uses by hand.';
  if (!o.target) return `'${o.name}' is not defined, so there is nothing to rename.`;
  if (o.target.uri.startsWith(profilesRoot)) return `'${o.name}' is defined in a bundled MiCADO profile and cannot be renamed.`;
  return undefined;
}
