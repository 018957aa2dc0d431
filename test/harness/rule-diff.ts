/**
 * Differential harness for compiled rules (spec §5.4): the same rule text on
 * the same inputs through the whole compiler (check → TypeScript → verified
 * JavaScript module → evaluate) and through CPython (oracle.py). Compared:
 * the final value of every name the rule binds or is given (kind and repr),
 * the printed text, and the error type and line.
 */
import { createRuleCompiler, loadRuleModule, ruleEnvironment, type PlainEnvironment, type RuleCompiler } from '../../compiler/src/rule/index.js';
import { canonical, toJson, type PyValue } from '../../runtime/src/rule-lib/index.js';
import { oracle, type OracleResult } from './oracle.js';

export interface DiffCase {
  readonly src: string;
  readonly env: PlainEnvironment;
  /** Inputs by name, as rule-lib values; given to both sides. */
  readonly inputs: Readonly<Record<string, PyValue>>;
  readonly clock?: number;
}

export interface DiffOutcome {
  /** Why the rule was not run (checker error or compiler defect), with the codes. */
  readonly rejected?: string;
  readonly mismatch?: string;
  readonly error?: string | null;
}

let shared: Promise<RuleCompiler> | undefined;
export function compiler(): Promise<RuleCompiler> {
  shared ??= createRuleCompiler();
  return shared;
}

/** Compiles, runs and compares a batch; the compiler checks the batch in one TypeScript program. */
export async function diff(cases: readonly DiffCase[]): Promise<DiffOutcome[]> {
  const c = await compiler();
  const envs = cases.map((k) => ruleEnvironment(k.env));
  const compiled = c.compileAll(cases.map((k, i) => ({ text: k.src, env: envs[i]!, options: { readBack: 'namespace' as const } })));
  const results = await oracle().evaluate(cases.map((k) => ({
    src: k.src,
    inputs: Object.fromEntries(Object.entries({ ...k.inputs, ...constantInputs(k) }).map(([n, v]) => [n, toJson(v)])),
    clock: k.clock ?? 0,
  })));
  const out: DiffOutcome[] = [];
  for (let i = 0; i < cases.length; i++) {
    const r = compiled[i]!;
    if (!r.module) {
      out.push({ rejected: r.problems.map((p) => `${p.code}@${p.start}: ${JSON.stringify(p.args)}`).join('; ') });
      continue;
    }
    const m = await loadRuleModule(r.module);
    const got = m.evaluate(cases[i]!.inputs, { clock: cases[i]!.clock ?? 0, raw: true });
    out.push(compare(got, results[i]!, r.check.scope.variables));
  }
  return out;
}

/** Constants are compiled into the module; the oracle receives them as inputs (§2.2 layer 6). */
function constantInputs(k: DiffCase): Record<string, PyValue> {
  const out: Record<string, PyValue> = {};
  for (const [n, v] of Object.entries(k.env.constants ?? {})) out[n] = constantValue(v);
  return out;
}

function constantValue(v: unknown): PyValue {
  if (v === null || typeof v === 'boolean' || typeof v === 'bigint' || typeof v === 'number' || typeof v === 'string') return v;
  throw new Error('the diff harness passes scalar constants only');
}

function compare(got: { outputs: Record<string, unknown> | null; printed: string; error: { type: string; line: number | null } | null }, py: OracleResult, variables: ReadonlyMap<string, unknown>): DiffOutcome {
  const problems: string[] = [];
  const gotErr = got.error ? [got.error.type, got.error.line] : null;
  if (JSON.stringify(gotErr) !== JSON.stringify(py.err)) problems.push(`error: compiled ${JSON.stringify(gotErr)}, CPython ${JSON.stringify(py.err)}`);
  if (got.printed !== py.out) problems.push(`printed: compiled ${JSON.stringify(got.printed)}, CPython ${JSON.stringify(py.out)}`);
  const outputs = got.outputs ?? {};
  const names = new Set([...Object.keys(outputs), ...Object.keys(py.ns).filter((n) => variables.has(n))]);
  for (const n of [...names].sort()) {
    const mine = n in outputs ? canonical(outputs[n] as PyValue) : '<unbound>';
    const theirs = py.ns[n] ?? '<unbound>';
    if (mine !== theirs) problems.push(`${n}: compiled ${mine}, CPython ${theirs}`);
  }
  return problems.length ? { mismatch: problems.join('\n    '), error: got.error?.type ?? null } : { error: got.error?.type ?? null };
}
