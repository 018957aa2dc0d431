/**
 * The occurrence index's rule part: constants (their keys, their `{{…}}`
 * uses in any policy string, and their names in rules), queries and alerts
 * (their declarations and their names in rules), and each rule's own
 * variables (assignments and reads, local to that rule).
 */
import type { AnalysedModel } from '../pipeline.js';
import { isMap, isScalar, isSeq, type YNode } from '../read/yaml-tree.js';
import type { Span } from '../source/span.js';
import type { Occurrence } from './occurrences.js';
import { classify, ruleNames } from './rule-names.js';
import { ruleIndex, type RuleInput } from './rules.js';

const PLACEHOLDER = /\{\{\s*([A-Za-z_]\w*)\s*\}\}/g;

export function ruleOccurrences(model: AnalysedModel): Occurrence[] {
  const index = ruleIndex(model);
  const { file } = model.adt;
  const out: Occurrence[] = [];
  const kindOf = { constant: 'constant', query: 'query', alert: 'alert' } as const;
  const winner = (what: 'constant' | 'query' | 'alert', name: string): RuleInput | undefined =>
    (what === 'constant' ? index.inputs.constants : what === 'query' ? index.inputs.queries : index.inputs.alerts).get(name);

  for (const input of index.inputs.all) {
    if (input.key.span.uri !== file.uri) continue;
    const w = winner(input.what, input.name);
    out.push({ kind: kindOf[input.what], name: input.name, span: input.key.span, role: 'definition', target: w?.key.span, key: `${input.what}:${input.name}`, ...(w ? { ruleInput: w } : {}) });
  }

  // `{{ NAME }}` in every string under a policy (alert expressions, queries, rules, other constants).
  const placeholders = (n: YNode | undefined): void => {
    if (!n) return;
    if (isSeq(n)) return n.items.forEach(placeholders);
    if (isMap(n)) return n.pairs.forEach((p) => placeholders(p.value));
    if (!isScalar(n) || typeof n.value !== 'string' || n.span.uri !== file.uri) return;
    const source = file.text.slice(n.span.start, n.span.end);
    for (const m of source.matchAll(PLACEHOLDER)) {
      const name = m[1]!;
      const start = n.span.start + m.index + m[0].indexOf(name);
      const c = index.inputs.constants.get(name);
      out.push({ kind: 'constant', name, span: { uri: file.uri, start, end: start + name.length }, role: 'reference', target: c?.key.span, key: `constant:${name}`, ...(c ? { ruleInput: c } : {}) });
    }
  };
  for (const p of model.adt.topology?.policies ?? []) placeholders(p.properties);

  index.rules.forEach((rule, i) => {
    const firstWrite = new Map<string, Span>();
    for (const n of ruleNames(rule, file)) if (n.write && n.span && !firstWrite.has(n.name)) firstWrite.set(n.name, n.span);
    for (const n of ruleNames(rule, file)) {
      if (!n.span) continue;
      const kind = classify(index, rule, n.name);
      const role = n.write ? 'definition' : 'reference';
      if (kind === 'constant' || kind === 'query' || kind === 'alert') {
        const w = winner(kind, n.name);
        out.push({ kind, name: n.name, span: n.span, role: 'reference', target: w?.key.span, key: `${kind}:${n.name}`, ...(w ? { ruleInput: w } : {}), rule });
      } else if (kind === 'variable') {
        out.push({ kind: 'rule-variable', name: n.name, span: n.span, role, target: firstWrite.get(n.name), key: `rule-variable:${i}:${n.name}`, rule });
      }
    }
  });
  return out;
}
