/**
 * The ES module a compiled rule ships as (issue 3, "Emission"). Its one export
 * is `evaluate(inputs)`; it imports only the rule-lib, under the bare
 * specifier RULE_LIB_SPECIFIER, which whoever loads the module maps to the
 * runtime's rule-lib entry (load-module.ts does it for adtc itself; a runtime
 * may use an import map or a loader hook). The verified rule function is
 * embedded verbatim; the wrapper around it is fixed text plus data tables.
 *
 * evaluate(inputs, options?):
 *   inputs   the rule's inputs by Python name, as rule-lib values (null, boolean,
 *            bigint for int, number for float, string, PyList …); an input not given is
 *            None (False for an alert). Constants are compiled in.
 *   options  { clock?: seconds for time.time(), budget?: steps } (spec §6.3, D14).
 *   returns  { outputs, printed, error }:
 *            outputs  the names the policy kind reads back; counts converted with
 *                     Python int() (bigint), others as the rule left them; null when
 *                     the evaluation is abandoned (timeout, or a count int() cannot convert);
 *                     a name the rule never bound is left out;
 *            printed  exactly what print wrote;
 *            error    null, or { type, message, line } with `line` in ADT coordinates;
 *                     type 'Timeout' when the step budget ran out (results discarded, §3.5).
 */
export const RULE_LIB_SPECIFIER = '@adtc/rule-lib';
export const RULE_MODULE_FORMAT = 1;

export interface RuleModuleParts {
  /** The verified, type-erased rule function. */
  readonly js: string;
  /** Input names with the value used when the caller does not give one. */
  readonly inputs: readonly { readonly name: string; readonly absent: 'none' | 'false' }[];
  /** Names read back after the rule; `count` ones go through int(). */
  readonly outputs: readonly { readonly name: string; readonly count: boolean }[];
  /** Statement id → ADT line (1-based), null for the prologue. */
  readonly lines: readonly (number | null)[];
  readonly tsSha256: string;
  readonly jsSha256: string;
}

export function ruleModuleText(p: RuleModuleParts): string {
  const inputs = JSON.stringify(p.inputs.map((i) => [i.name, i.absent === 'false' ? false : null]));
  const outputs = JSON.stringify(p.outputs.map((o) => [o.name, o.count]));
  return `// adtc scaling-rule module, format ${RULE_MODULE_FORMAT}. Generated: do not edit.
// verified: TypeScript check (noLib) and confinement verifier; rule ts sha256 ${p.tsSha256}; rule js sha256 ${p.jsSha256}
import { createRuntime, PyError, BudgetExhausted } from ${JSON.stringify(RULE_LIB_SPECIFIER)};
const INPUTS = ${inputs};
const OUTPUTS = ${outputs};
const LINES = ${JSON.stringify(p.lines)};
const rt = createRuntime();
${p.js.trimEnd()}
export function evaluate(inputs, options) {
  rt.reset(options);
  const s = Object.create(null);
  for (const [name, absent] of INPUTS) s["v_" + name] = Object.hasOwn(inputs, name) && inputs[name] !== undefined ? inputs[name] : absent;
  let error = null;
  try {
    rule(rt, s);
  } catch (e) {
    const line = LINES[rt.currentStmt()] ?? null;
    if (e instanceof BudgetExhausted) return { outputs: null, printed: rt.printed(), error: { type: "Timeout", message: "the rule used up its execution budget; its results are discarded", line } };
    if (!(e instanceof PyError)) throw e;
    error = { type: e.pyType, message: e.message, line };
  }
  const outputs = {};
  for (const [name, count] of OUTPUTS) {
    const v = s["v_" + name] ?? null;
    if (!count) { if (s["v_" + name] !== undefined) outputs[name] = v; continue; }
    try {
      outputs[name] = rt.toInt(v);
    } catch (e) {
      if (!(e instanceof PyError)) throw e;
      return { outputs: null, printed: rt.printed(), error: error ?? { type: e.pyType, message: "int() of the output " + name + ": " + e.message, line: null } };
    }
  }
  return { outputs, printed: rt.printed(), error };
}
`;
}
