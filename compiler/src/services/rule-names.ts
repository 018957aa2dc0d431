/**
 * What a name in a scaling rule stands for, and every name of a rule with
 * where it is written in the document. Completion, hover, highlighting and
 * the occurrence index all classify names here, so they agree.
 */
import type * as A from '../../../grammar/src/index.js';
import { CONSTANTS, FUNCTIONS, MODULES } from '../rule/symbols.js';
import type { Span } from '../source/span.js';
import { mInputs } from './rule-describe.js';
import type { RuleIndex, RuleView } from './rules.js';

export type RuleNameKind = 'constant' | 'query' | 'alert' | 'm-input' | 'variable' | 'function' | 'builtin-constant' | 'module' | 'unknown';

/** Later layers win, as in the Policy Keeper: m_*, queries, alerts, constants; then what the rule assigns; then the symbol table. */
export function classify(index: RuleIndex, rule: RuleView, name: string): RuleNameKind {
  if (index.inputs.constants.has(name)) return 'constant';
  if (index.inputs.alerts.has(name)) return 'alert';
  if (index.inputs.queries.has(name)) return 'query';
  if (mInputs(rule.kind).has(name)) return 'm-input';
  if (rule.result.scope.variables.has(name)) return 'variable';
  if (FUNCTIONS.has(name)) return 'function';
  if (CONSTANTS.has(name)) return 'builtin-constant';
  if (MODULES.has(name)) return 'module';
  return 'unknown';
}

export interface RuleName {
  readonly name: string;
  /** In the rule text. */
  readonly at: A.Span;
  /** In the document; undefined where the name is not written there as is (it came from a placeholder). */
  readonly span: Span | undefined;
  readonly write: boolean;
}

const memo = new WeakMap<RuleView, readonly RuleName[]>();

/** Every Name node of the rule in text order, assignment targets marked as writes. */
export function ruleNames(rule: RuleView, file: { readonly uri: string; readonly text: string }): readonly RuleName[] {
  let list = memo.get(rule);
  if (list) return list;
  const out: RuleName[] = [];
  const visit = (node: unknown, write: boolean): void => {
    if (node === null || typeof node !== 'object') return;
    if (Array.isArray(node)) {
      for (const n of node) visit(n, write);
      return;
    }
    const n = node as { kind?: string } & Record<string, unknown>;
    switch (n.kind) {
      case 'Name': {
        const name = n as unknown as A.Name;
        const r = rule.map.toFile(name.start, name.end);
        const span = file.text.slice(r.start, r.end) === name.id ? { uri: file.uri, ...r } : undefined;
        out.push({ name: name.id, at: { start: name.start, end: name.end }, span, write });
        return;
      }
      case 'Assign': {
        const a = n as unknown as A.Assign;
        visit(a.targets, true);
        visit(a.value, false);
        return;
      }
      case 'AugAssign':
      case 'IncDec':
        visit((n as unknown as A.AugAssign).target, true);
        visit((n as { value?: unknown }).value, false);
        return;
      case 'For': {
        const f = n as unknown as A.For;
        visit(f.target, true);
        visit(f.iter, false);
        visit(f.body, false);
        visit(f.orelse, false);
        return;
      }
      case 'Attribute':
        visit((n as unknown as A.Attribute).value, write);
        return;
      case 'Subscript': {
        // `x[i] = v` changes x but does not bind it: x is read.
        const s = n as unknown as A.Subscript;
        visit(s.value, false);
        visit(s.index, false);
        return;
      }
    }
    for (const [k, v] of Object.entries(n)) if (k !== 'kind' && typeof v === 'object') visit(v, write);
  };
  visit(rule.result.ast.body, false);
  out.sort((a, b) => a.at.start - b.at.start);
  memo.set(rule, (list = out));
  return list;
}
