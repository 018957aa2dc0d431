/**
 * Completion inside scaling rules: after `.` the methods of the receiver's
 * inferred type (or the functions of `time`); inside `{{` the constants;
 * elsewhere every name in scope with its type: constants, queries, alerts,
 * the m_* inputs of the policy's kind, the rule's variables, the symbol
 * table's functions, constants and modules, and the dialect's keywords.
 */
import type { AnalysedModel } from '../pipeline.js';
import { CONSTANTS, FUNCTIONS, MODULES, STRUCT_TIME_FIELDS, TIME_FUNCTIONS, methodsOf } from '../rule/symbols.js';
import { valueText } from './describe.js';
import { builtinDoc, COMPLETION_KEYWORDS, mInputDoc, mInputs, tyText } from './rule-describe.js';
import { ruleAt, ruleIndex } from './rules.js';
import type { CompletionEntry, CompletionList } from './types.js';

const IDENT = /[A-Za-z0-9_]/;

export function ruleCompletion(model: AnalysedModel, offset: number): CompletionList | undefined {
  const found = ruleAt(model, offset);
  if (!found) return undefined;
  const { rule } = found;
  const { text, uri } = model.adt.file;
  let start = offset;
  while (start > 0 && IDENT.test(text[start - 1]!)) start--;
  let end = offset;
  while (end < text.length && IDENT.test(text[end]!)) end++;
  const replace = { uri, start, end };
  const index = ruleIndex(model);
  const lineBefore = text.slice(text.lastIndexOf('\n', start - 1) + 1, start);

  const open = lineBefore.lastIndexOf('{{');
  if (open >= 0 && lineBefore.indexOf('}}', open) < 0) {
    return { replace, items: [...index.inputs.constants.values()].map((c) => ({ label: c.name, kind: 'constant', detail: valueText(c.value) })) };
  }
  const receiver = /([A-Za-z_]\w*)\s*\.\s*$/.exec(lineBefore);
  if (receiver) {
    const name = receiver[1]!;
    const type = rule.result.scope.variables.get(name);
    if (!type && name === 'time') return { replace, items: [...TIME_FUNCTIONS.keys()].map((f) => ({ label: f, kind: 'function', detail: 'time', ...docOf(`time.${f}`) })) };
    const items = new Map<string, CompletionEntry>();
    for (const atom of type ?? []) {
      if (atom.k === 'struct_time') for (const f of STRUCT_TIME_FIELDS) items.set(f, { label: f, kind: 'property', detail: 'int' });
      for (const m of Object.keys(methodsOf(atom) ?? {})) items.set(m, { label: m, kind: 'method', detail: `${tyText([atom])} method` });
    }
    return { replace, items: [...items.values()] };
  }

  const items = new Map<string, CompletionEntry>();
  const put = (e: CompletionEntry) => {
    if (!items.has(e.label)) items.set(e.label, e);
  };
  const typeOf = (name: string) => {
    const t = rule.result.scope.variables.get(name) ?? rule.result.scope.inputs.get(name);
    return t ? tyText(t) : 'any';
  };
  // Most specific first; the sort text keeps the rule's own names above the symbol table.
  for (const c of index.inputs.constants.values()) put({ label: c.name, kind: 'constant', detail: `constant: ${typeOf(c.name)} = ${valueText(c.value)}`, sortText: `0${c.name}` });
  for (const a of index.inputs.alerts.values()) put({ label: a.name, kind: 'variable', detail: 'alert: bool', sortText: `0${a.name}` });
  for (const q of index.inputs.queries.values()) put({ label: q.name, kind: 'variable', detail: `query: ${typeOf(q.name)}`, documentation: `\`\`\`promql\n${valueText(q.value)}\n\`\`\``, sortText: `0${q.name}` });
  for (const [name, ty] of mInputs(rule.kind)) put({ label: name, kind: 'variable', detail: `MiCADO input: ${tyText(ty)}`, documentation: mInputDoc(name) ?? '', sortText: `1${name}` });
  if (rule.kind === 'node') put({ label: 'm_opt_advice', kind: 'function', detail: 'm_opt_advice() -> dict', documentation: mInputDoc('m_opt_advice') ?? '', sortText: '1m_opt_advice' });
  for (const [name, ty] of rule.result.scope.variables) put({ label: name, kind: 'variable', detail: `rule variable: ${tyText(ty)}`, sortText: `0${name}` });
  for (const name of FUNCTIONS.keys()) put({ label: name, kind: 'function', detail: `${FUNCTIONS.get(name)!.origin} function`, ...docOf(name), sortText: `2${name}` });
  for (const [name, ty] of CONSTANTS) put({ label: name, kind: 'value', detail: tyText(ty), sortText: `2${name}` });
  for (const name of MODULES.keys()) put({ label: name, kind: 'module', detail: 'module', sortText: `2${name}` });
  for (const k of COMPLETION_KEYWORDS) put({ label: k, kind: 'keyword', sortText: `3${k}` });
  return { replace, items: [...items.values()] };
}

function docOf(callee: string): { documentation?: string } {
  const doc = builtinDoc(callee);
  return doc ? { documentation: doc } : {};
}
