/**
 * The rule compiler at the plan's seam (plan/emit.ts `CompileRule`): a
 * RuleRequest (one policy target's rule as the checker saw it, the global
 * constants as YAML nodes, the form of each query, the ADT line of each rule
 * line) becomes a verified module that behaves as the checked rule and reports
 * run-time errors at their ADT line. The plan compiler runs after validation
 * passed, so a rule that does not compile here is an adtc defect: it is thrown
 * and reported as ADT9001 by the plan phase.
 */
import type { CompileRule, RuleRequest } from '../plan/emit.js';
import { ruleLines, type RuleCompiler, type RuleCompileEnvironment, type RuleCompileOptions } from './compile-rule.js';
import { constantType, constantValue, isRuleName } from './scope.js';

export function requestEnvironment(r: RuleRequest): RuleCompileEnvironment {
  // Names no rule can write stay out, as validation left them out (ADT6700).
  const constants = [...r.constants].filter(([name]) => isRuleName(name));
  return {
    kind: r.kind === 'vm' ? 'node' : 'container',
    // The checker's typing (check-rules.ts), so the module's constants have the types the rule was checked with.
    constants: new Map(constants.map(([name, node]) => [name, constantType(name, node)])),
    constantValues: new Map(constants.map(([name, node]) => [name, constantValue(node)])),
    queries: new Map(Object.entries(r.queries).filter(([name]) => isRuleName(name))),
    alerts: new Set(r.alerts),
  };
}

/** Options that put the request's ADT lines into the module's run-time errors. */
export function requestOptions(r: RuleRequest): RuleCompileOptions {
  const lineOf = ruleLines(r.source);
  return {
    lineOf: (offset) => {
      const line = lineOf(offset);
      return r.lines[line - 1] ?? line;
    },
  };
}

export function planRuleCompiler(compiler: RuleCompiler): CompileRule {
  return (r) => {
    const out = compiler.compile(r.source, requestEnvironment(r), requestOptions(r));
    if (out.module) return out.module;
    const why = out.problems.filter((p) => /^(RL[12]|RL5|RL9|TYPE|OUTPUT|ENDLESS|EMIT|VERIFY)/.test(p.code)).map((p) => `${p.code} ${JSON.stringify(p.args)}`).join('; ');
    throw new Error(`the scaling rule of policy '${r.name}' passed validation but did not compile: ${why}`);
  };
}
