/**
 * Hover inside scaling rules: a rule variable's kind and inferred type, a
 * constant's value, a query's PromQL, an alert, MiCADO's m_* inputs and the
 * symbol table's functions, constants and modules.
 */
import type { AnalysedModel } from '../pipeline.js';
import { CONSTANTS } from '../rule/symbols.js';
import type { Ty } from '../rule/types.js';
import { valueText } from './describe.js';
import type { Occurrence } from './occurrences.js';
import { builtinDoc, mInputDoc, mInputs, tyText } from './rule-describe.js';
import { classify, ruleNames } from './rule-names.js';
import { ruleAt, ruleIndex, type RuleInput, type RuleView } from './rules.js';
import type { HoverInfo } from './types.js';

/** Hover for a constant, query, alert or rule variable found in the occurrence index. */
export function ruleOccurrenceHover(model: AnalysedModel, o: Occurrence): HoverInfo {
  const rule = o.rule ?? ruleIndex(model).rules[0];
  const type = rule?.result.scope.variables.get(o.name) ?? rule?.result.scope.inputs.get(o.name);
  switch (o.kind) {
    case 'rule-variable':
      return { span: o.span, contents: `**${o.name}** (rule variable): \`${type ? tyText(type) : 'any'}\`\n\nIts type where the rule ends.` };
    case 'constant':
    case 'query':
    case 'alert':
      return { span: o.span, contents: o.ruleInput ? inputDoc(o.kind, o.ruleInput, type) : `**${o.name}**: no ${o.kind} of this name is declared by a policy.` };
    default:
      return { span: o.span, contents: `**${o.name}**` };
  }
}

function inputDoc(what: 'constant' | 'query' | 'alert', input: RuleInput, type: Ty | undefined): string {
  const where = `Declared in policy \`${input.policy.name}\``;
  switch (what) {
    case 'constant':
      return `**${input.name}** (constant): \`${type ? tyText(type) : 'any'}\`\n\nValue: \`${valueText(input.value)}\`\n\n${where}`;
    case 'query':
      return `**${input.name}** (query): \`${type ? tyText(type) : 'float | None'}\`\n\n\`\`\`promql\n${valueText(input.value)}\n\`\`\`\nNone when Prometheus returns nothing or fails.\n\n${where}`;
    case 'alert': {
      const expr = input.value.kind === 'map' ? input.value.get('expr') : undefined;
      return `**${input.name}** (alert): \`bool\`\n\nTrue if the alert fired since a rule last read it.${expr ? `\n\n\`\`\`promql\n${valueText(expr)}\n\`\`\`` : ''}\n\n${where}`;
    }
  }
}

/** Hover for names the occurrence index does not hold: m_* inputs and the symbol table. */
export function ruleNameHover(model: AnalysedModel, offset: number): HoverInfo | undefined {
  const found = ruleAt(model, offset);
  if (!found) return undefined;
  const { rule, at } = found;
  const n = ruleNames(rule, model.adt.file).find((x) => x.at.start <= at && at <= x.at.end && x.span);
  if (!n?.span) return undefined;
  const contents = describeName(model, rule, n.name);
  return contents ? { span: n.span, contents } : undefined;
}

function describeName(model: AnalysedModel, rule: RuleView, name: string): string | undefined {
  switch (classify(ruleIndex(model), rule, name)) {
    case 'm-input':
      return `**${name}** (MiCADO input, ${rule.kind === 'node' ? 'VM node' : 'container'} policy): \`${tyText(mInputs(rule.kind).get(name)!)}\`\n\n${mInputDoc(name) ?? ''}`;
    case 'function':
      return builtinDoc(name);
    case 'builtin-constant':
      return `**${name}**: \`${tyText(CONSTANTS.get(name)!)}\``;
    case 'module':
      return `**${name}** (module)${name === 'time' ? ': time(), gmtime(), localtime(), mktime(), strptime(), strftime()' : ''}`;
    default:
      return undefined;
  }
}
