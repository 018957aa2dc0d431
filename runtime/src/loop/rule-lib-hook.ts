/**
 * A module-resolution hook for the rule process: compiled rule modules import
 * the rule library under the bare specifier '@adtc/rule-lib' (the compiler's
 * RULE_LIB_SPECIFIER), and this maps it to the runtime's own copy, so a plan
 * directory needs no library of its own and rules always run against the
 * library of the runtime that loads them.
 */
const RULE_LIB_SPECIFIER = '@adtc/rule-lib';
const ruleLib = new URL('../rule-lib/index.js', import.meta.url).href;

interface ResolveResult {
  readonly url: string;
  readonly shortCircuit?: boolean;
}

export async function resolve(specifier: string, context: unknown, nextResolve: (specifier: string, context: unknown) => Promise<ResolveResult>): Promise<ResolveResult> {
  if (specifier === RULE_LIB_SPECIFIER) return { url: ruleLib, shortCircuit: true };
  return nextResolve(specifier, context);
}
