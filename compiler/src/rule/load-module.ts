/**
 * Loads a compiled rule module in this process (for `adtc rule eval` and the
 * tests): the rule-lib specifier is mapped to the runtime built next to the
 * compiler and the text is imported as a data: URL. Isolation for deployed
 * rules is the runtime's job (a worker with resource limits, spec §6.4).
 */
import { RULE_LIB_SPECIFIER } from './rule-module.js';
import { importModule } from '../import-module.js';

export interface RuleEvaluation {
  readonly outputs: Record<string, unknown> | null;
  readonly printed: string;
  readonly error: { readonly type: string; readonly message: string; readonly line: number | null } | null;
}

export interface LoadedRule {
  evaluate(inputs: Readonly<Record<string, unknown>>, options?: { readonly clock?: number; readonly budget?: number; readonly raw?: boolean }): RuleEvaluation;
}

/** The rule-lib entry as built next to the compiler (dist/runtime/src/rule-lib/index.js). */
export const ruleLibUrl = new URL('../../../runtime/src/rule-lib/index.js', import.meta.url).href;

export async function loadRuleModule(text: string): Promise<LoadedRule> {
  const linked = text.replace(`from ${JSON.stringify(RULE_LIB_SPECIFIER)};`, `from ${JSON.stringify(ruleLibUrl)};`);
  return (await importModule(`data:text/javascript;base64,${Buffer.from(linked, 'utf8').toString('base64')}`)) as LoadedRule;
}
