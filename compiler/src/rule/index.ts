/**
 * The rule compiler's library API (issue 3, "Interfaces"), for the language
 * server, the plan compiler and tools: parse, check and compile one rule from
 * its text and environment. Offsets are UTF-16 offsets into the rule text.
 *
 *   parseRule(text)                      → AST and syntax problems (no TypeScript)
 *   checkRuleText(text, env)             → problems, AST, scope (no TypeScript)
 *   ruleEnvironment({ kind, constants, queries, alerts }) → a compile environment from plain values
 *   await createRuleCompiler()           → RuleCompiler (loads TypeScript once)
 *   compiler.compile(text, env, options) → { problems, module?, typescript?, javascript?, record? }
 *   compiler.compileAll([{ text, env, options }]) → the same for several rules in one TypeScript program
 *   await loadRuleModule(module)         → { evaluate(inputs, { clock, budget }) }
 */
import type { ConstantValue } from './emit-ts.js';
import type { RuleCompileEnvironment } from './compile-rule.js';
import type { PolicyKind } from './scope.js';
import { BOOL, FLOAT, INT, NONE, STR, dict, join, list, type Ty } from './types.js';

export { parseRule, type ParsedRule } from '../../../grammar/src/index.js';
export { checkRuleText, type RuleCheckResult } from './check-rule-text.js';
export { RuleCompiler, createRuleCompiler, isError, type CompiledRule, type RuleCompileEnvironment, type RuleCompileRequest, type RuleCompileOptions, type VerificationRecord } from './compile-rule.js';
export { loadRuleModule, type LoadedRule, type RuleEvaluation } from './load-module.js';
export { RULE_LIB_SPECIFIER, RULE_MODULE_FORMAT } from './rule-module.js';
export { planRuleCompiler, requestEnvironment, requestOptions } from './plan-rules.js';
export { catalogueCode, type RuleProblem } from './problem.js';
export { OUTPUTS, type PolicyKind, type RuleEnvironment } from './scope.js';
export type { ConstantValue } from './emit-ts.js';

export interface PlainEnvironment {
  readonly kind: PolicyKind;
  readonly constants?: Readonly<Record<string, ConstantValue>>;
  /** Query names with their form (number: float or None; list: list of str or None). */
  readonly queries?: Readonly<Record<string, 'number' | 'list'>>;
  readonly alerts?: readonly string[];
}

export function ruleEnvironment(plain: PlainEnvironment): RuleCompileEnvironment {
  const values = new Map(Object.entries(plain.constants ?? {}));
  return {
    kind: plain.kind,
    constants: new Map([...values].map(([name, v]) => [name, constantTy(name, v)])),
    constantValues: values,
    queries: new Map(Object.entries(plain.queries ?? {})),
    alerts: new Set(plain.alerts ?? []),
  };
}

/** A constant's static type from its value, as constantType in scope.ts gives it from YAML. */
function constantTy(name: string, v: ConstantValue): Ty {
  if (v === null) return NONE;
  switch (typeof v) {
    case 'boolean':
      return BOOL;
    case 'bigint':
      return INT;
    case 'number':
      return FLOAT;
    case 'string':
      return [{ k: 'str', constant: name, literal: v }];
  }
  if (Array.isArray(v)) return list((v as readonly ConstantValue[]).reduce<Ty>((acc, x) => join(acc, constantTy(name, x)), []));
  return dict(STR, Object.values(v as Record<string, ConstantValue>).reduce<Ty>((acc, x) => join(acc, constantTy(name, x)), []));
}
