/**
 * The thresholds a policy holds its metrics to, for the chart and for a load that crosses them: the number an
 * alert's expression compares with, and the constants (or literals) a compiled rule compares a query with.
 * Compiled modules write each comparison as `rt.gt(s.v_QUERY, s.v_CONSTANT)` (or a literal such as `4n`);
 * the constants are the module's prologue assignments, so reading them needs no compiler.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Plan } from '../plan/plan-types.js';

export interface Threshold {
  readonly value: number;
  /** The constant's or alert's name; empty for a literal. */
  readonly label: string;
}

export interface AlertRuleText {
  readonly alert: string;
  readonly expr: string;
  readonly for?: string;
}

/** An alert expression's trailing comparison: `lhs > 60`. */
export const ALERT_COMPARISON = /^(.*?)\s*(>=|<=|==|!=|>|<)\s*(-?\d+(?:\.\d+)?)\s*$/s;

export function alertThreshold(rule: AlertRuleText): { readonly lhs: string; readonly op: string; readonly value: number } | undefined {
  const match = ALERT_COMPARISON.exec(rule.expr);
  return match === null ? undefined : { lhs: match[1]!, op: match[2]!, value: Number(match[3]) };
}

const NUMBER = /^-?\d+(?:\.\d+)?(?:e[+-]?\d+)?n?$/;

/** Query name → the thresholds the rules compare it with, in ascending order. */
export async function ruleThresholds(planDir: string, plan: Plan): Promise<Map<string, Threshold[]>> {
  const out = new Map<string, Threshold[]>();
  const queries = new Set(plan.policies.flatMap((p) => Object.keys(p.queries)));
  for (const policy of plan.policies) {
    if (policy.rule.module === undefined) continue;
    let text: string;
    try {
      text = await readFile(join(planDir, policy.rule.module), 'utf8');
    } catch {
      continue;
    }
    const constants = new Map<string, number>();
    for (const [, name, value] of text.matchAll(/^\s*s\.v_(\w+) = (-?[\d.e+]+n?);$/gm)) constants.set(name!, Number(value!.replace(/n$/, '')));
    const operand = (part: string): Threshold | undefined => {
      const constant = /^s\.v_(\w+)$/.exec(part);
      if (constant && constants.has(constant[1]!)) return { value: constants.get(constant[1]!)!, label: constant[1]! };
      return NUMBER.test(part) ? { value: Number(part.replace(/n$/, '')), label: '' } : undefined;
    };
    for (const [, left, right] of text.matchAll(/rt\.(?:gt|ge|lt|le)\(([\w.]+), ([\w.+-]+)\)/g)) {
      for (const [query, other] of [[left!, right!], [right!, left!]] as const) {
        const name = /^s\.v_(\w+)$/.exec(query)?.[1];
        const threshold = operand(other);
        if (name === undefined || !queries.has(name) || threshold === undefined) continue;
        const list = out.get(name) ?? [];
        if (!list.some((t) => t.value === threshold.value)) list.push(threshold);
        out.set(name, list.sort((a, b) => a.value - b.value));
      }
    }
  }
  return out;
}
