/**
 * The ES module a compiled rule ships as (issue 3, "Emission"). Its one export
 * is `evaluate(inputs)`; it imports only the rule-lib, under the bare
 * specifier RULE_LIB_SPECIFIER, which whoever loads the module maps to the
 * runtime's rule-lib entry (load-module.ts does it for adtc itself; a runtime
 * may use an import map or a loader hook). The verified rule function is
 * embedded verbatim; the wrapper around it is fixed text plus data tables.
 *
 * evaluate(inputs, options?):
 *   inputs   the rule's inputs by Python name as structured-clone data, as the
 *            runtime's worker passes them: null, boolean, bigint (int), number
 *            (float; an integral number for an int input such as m_node_count is
 *            taken as int), string, arrays (lists), plain objects (dicts with str
 *            keys), numpy scalars as { kind, value }; rule-lib values pass as they
 *            are. An input not given is None (False for an alert). Constants are
 *            compiled in.
 *   options  { clock?: seconds for time.time(), budget?: steps (spec §6.3, D14),
 *            raw?: return outputs as rule-lib values instead of plain data,
 *            userdata?: m_userdata exactly as a previous evaluation returned it }.
 *   returns  { outputs, printed, error, userdata? }:
 *            outputs  the names the policy kind reads back; counts converted with
 *                     Python int() (bigint), others as plain data (lists and tuples as
 *                     arrays, dicts as objects with str keys, numpy scalars as
 *                     { kind, value }); null when the evaluation is abandoned (timeout,
 *                     or a count int() cannot convert); a name never bound is left out;
 *            printed  exactly what print wrote;
 *            error    null, or { type, message, line } with `line` in ADT coordinates;
 *                     type 'Timeout' when the step budget ran out (results discarded, §3.5);
 *                     a JavaScript error inside the rule arrives as the Python error it means
 *                     (RecursionError, MemoryError, RuntimeError), never as an exception;
 *            userdata m_userdata as exact text (every key type kept) when the rule left it
 *                     bound and it fits the limit; a ValueError in `error` otherwise.
 */
export const RULE_LIB_SPECIFIER = '@adtc/rule-lib';
export const RULE_MODULE_FORMAT = 2;

export interface RuleModuleParts {
  /** The verified, type-erased rule function. */
  readonly js: string;
  /** Input names with the value used when the caller does not give one. */
  readonly inputs: readonly { readonly name: string; readonly absent: 'none' | 'false'; readonly int?: boolean }[];
  /** Names read back after the rule; `count` ones go through int(). */
  readonly outputs: readonly { readonly name: string; readonly count: boolean }[];
  /** Statement id → ADT line (1-based), null for the prologue. */
  readonly lines: readonly (number | null)[];
  readonly tsSha256: string;
  readonly jsSha256: string;
}

export function ruleModuleText(p: RuleModuleParts): string {
  const inputs = JSON.stringify(p.inputs.map((i) => [i.name, i.absent === 'false' ? false : null, i.int === true]));
  const outputs = JSON.stringify(p.outputs.map((o) => [o.name, o.count]));
  return `// adtc scaling-rule module, format ${RULE_MODULE_FORMAT}. Generated: do not edit.
// verified: TypeScript check (noLib) and confinement verifier; rule ts sha256 ${p.tsSha256}; rule js sha256 ${p.jsSha256}
import { createRuntime, BudgetExhausted, asPyError, inputValue, outputValue, encodeUserdata, decodeUserdata } from ${JSON.stringify(RULE_LIB_SPECIFIER)};
const INPUTS = ${inputs};
const OUTPUTS = ${outputs};
const LINES = ${JSON.stringify(p.lines)};
const rt = createRuntime();
${p.js.trimEnd()}
function pyError(e, line) {
  const p = asPyError(e);
  return { type: p.pyType, message: p.message, line };
}
export function evaluate(inputs, options = {}) {
  rt.reset(options);
  const s = Object.create(null);
  try {
    for (const [name, absent, int] of INPUTS) {
      const v = name === "m_userdata" && typeof options.userdata === "string" ? decodeUserdata(options.userdata)
        : Object.hasOwn(inputs, name) && inputs[name] !== undefined ? inputValue(inputs[name]) : absent;
      s["v_" + name] = int && typeof v === "number" && Number.isInteger(v) ? BigInt(v) : v;
    }
  } catch (e) {
    return { outputs: null, printed: "", error: pyError(e, null) };
  }
  let error = null;
  try {
    rt.run(() => rule(rt, s));
  } catch (e) {
    const line = LINES[rt.currentStmt()] ?? null;
    if (e instanceof BudgetExhausted) return { outputs: null, printed: rt.printed(), error: { type: "Timeout", message: "the rule used up its execution budget; its results are discarded", line } };
    error = pyError(e, line);
  }
  const outputs = {};
  let userdata;
  for (const [name, count] of OUTPUTS) {
    const v = s["v_" + name];
    try {
      if (count) outputs[name] = rt.toInt(v ?? null);
      else if (v !== undefined) {
        if (name === "m_userdata") userdata = encodeUserdata(v);
        outputs[name] = options.raw ? v : outputValue(v, name);
      }
    } catch (e) {
      const failed = pyError(e, null);
      if (count) return { outputs: null, printed: rt.printed(), error: error ?? { ...failed, message: "int() of the output " + name + ": " + failed.message } };
      error ??= failed;
    }
  }
  return userdata === undefined ? { outputs, printed: rt.printed(), error } : { outputs, printed: rt.printed(), error, userdata };
}
`;
}
