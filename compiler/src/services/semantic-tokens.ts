/**
 * Semantic tokens for scaling-rule blocks: keywords, names by what they
 * stand for (constants, queries, alerts, m_* inputs, rule variables,
 * builtins, modules), methods, numbers, strings, comments and `{{…}}`
 * placeholders, in document offsets, one line each, in document order.
 */
import type * as A from '../../../grammar/src/index.js';
import type { AnalysedModel } from '../pipeline.js';
import { RULE_KEYWORDS } from './rule-describe.js';
import { classify, ruleNames, type RuleNameKind } from './rule-names.js';
import { ruleIndex, type RuleView } from './rules.js';
import type { SemanticToken, SemanticTokenModifier, SemanticTokenType } from './types.js';

const BY_KIND: Readonly<Record<RuleNameKind, readonly [SemanticTokenType, readonly SemanticTokenModifier[]] | undefined>> = {
  constant: ['variable', ['readonly']],
  query: ['parameter', ['readonly']],
  alert: ['event', []],
  'm-input': ['parameter', ['defaultLibrary']],
  variable: ['variable', []],
  function: ['function', ['defaultLibrary']],
  'builtin-constant': ['variable', ['readonly', 'defaultLibrary']],
  module: ['namespace', ['defaultLibrary']],
  unknown: undefined,
};

export function semanticTokens(model: AnalysedModel): SemanticToken[] {
  const index = ruleIndex(model);
  const { file } = model.adt;
  const out: SemanticToken[] = [];
  for (const rule of index.rules) {
    const push = (at: A.Span, type: SemanticTokenType, modifiers: readonly SemanticTokenModifier[] = []) => {
      const r = rule.map.toFile(at.start, at.end);
      if (r.end <= r.start) return;
      // Substituted text stands for the whole `{{ NAME }}`: shown as the constant it names.
      if (file.text.startsWith('{{', r.start)) {
        out.push({ ...r, type: 'variable', modifiers: ['readonly'] });
        return;
      }
      // A token the scalar wrote over several lines (an escaped string) is left to the grammar's colours.
      if (file.text.slice(r.start, r.end).includes('\n')) return;
      out.push({ ...r, type, modifiers });
    };
    for (const n of ruleNames(rule, file)) {
      const style = BY_KIND[classify(index, rule, n.name)];
      if (style) push(n.at, style[0], n.write && style[0] === 'variable' && style[1].length === 0 ? ['declaration'] : style[1]);
    }
    literals(rule.result.ast, push);
    keywordsAndComments(rule, push);
  }
  out.sort((a, b) => a.start - b.start);
  // One token per place: the first (names before literals) wins where two overlap.
  return out.filter((t, i) => i === 0 || t.start >= out[i - 1]!.end);
}

function literals(node: unknown, push: (at: A.Span, type: SemanticTokenType, modifiers?: readonly SemanticTokenModifier[]) => void): void {
  if (node === null || typeof node !== 'object') return;
  if (Array.isArray(node)) {
    for (const n of node) literals(n, push);
    return;
  }
  const n = node as { kind?: string } & Record<string, unknown>;
  switch (n.kind) {
    case 'Int':
    case 'Float':
      push(n as unknown as A.Span, 'number');
      return;
    case 'String':
      for (const part of (n as unknown as A.StringLiteral).parts) push(part, 'string');
      return;
    case 'Attribute': {
      const a = n as unknown as A.Attribute;
      literals(a.value, push);
      push(a.attrSpan, 'method');
      return;
    }
  }
  for (const [k, v] of Object.entries(n)) if (k !== 'kind' && typeof v === 'object') literals(v, push);
}

/** Keywords and comments from the text: the AST keeps neither. Strings are skipped so their words are not keywords. */
function keywordsAndComments(rule: RuleView, push: (at: A.Span, type: SemanticTokenType) => void): void {
  const text = rule.text;
  const token = /#[^\n]*|"""[\s\S]*?(?:"""|$)|'''[\s\S]*?(?:'''|$)|"(?:\\.|[^"\\\n])*"?|'(?:\\.|[^'\\\n])*'?|[A-Za-z_]\w*|\d[\w.]*/g;
  for (const m of text.matchAll(token)) {
    const s = m[0];
    if (s.startsWith('#')) push({ start: m.index, end: m.index + s.length }, 'comment');
    else if (RULE_KEYWORDS.has(s)) push({ start: m.index, end: m.index + s.length }, 'keyword');
  }
}
