/**
 * The rule compiler at the plan's seam (plan/emit.ts `CompileRule`): a
 * RuleRequest (one policy target's rule, filled placeholders, the global
 * constants as JSON) becomes a verified module. The plan compiler runs after
 * validation passed, so a rule that does not compile here is an adtc defect:
 * it is thrown and reported as ADT9001 by the plan phase.
 * Known limits of the request: constants arrive as JSON, so a YAML float with
 * an integral value (60.0) is compiled as an int, and queries arrive by name
 * only, so each is taken in number form (float or None).
 */
import type { CompileRule, RuleRequest } from '../plan/emit.js';
import type { Json } from '../plan/json.js';
import type { RuleCompiler, RuleCompileEnvironment } from './compile-rule.js';
import type { ConstantValue } from './emit-ts.js';
import { ruleEnvironment } from './index.js';

export function requestEnvironment(r: RuleRequest): RuleCompileEnvironment {
  return ruleEnvironment({
    kind: r.kind === 'vm' ? 'node' : 'container',
    constants: Object.fromEntries(Object.entries(r.constants).map(([k, v]) => [k, constantOf(v)])),
    queries: Object.fromEntries(r.queries.map((q) => [q, 'number' as const])),
    alerts: r.alerts,
  });
}

export function planRuleCompiler(compiler: RuleCompiler): CompileRule {
  return (r) => {
    const out = compiler.compile(r.source, requestEnvironment(r));
    if (out.module) return out.module;
    const why = out.problems.filter((p) => /^(RL[12]|RL5|RL9|TYPE|OUTPUT|ENDLESS|EMIT|VERIFY)/.test(p.code)).map((p) => `${p.code} ${JSON.stringify(p.args)}`).join('; ');
    throw new Error(`the scaling rule of policy '${r.name}' passed validation but did not compile: ${why}`);
  };
}

function constantOf(v: Json): ConstantValue {
  if (typeof v === 'number') return Number.isInteger(v) ? BigInt(v) : v;
  if (Array.isArray(v)) return v.map(constantOf);
  if (v !== null && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, constantOf(x as Json)]));
  return v as ConstantValue;
}
