/**
 * Shared machinery of the rule-lib differential tests: run a JS call into the
 * runtime and a Python snippet in the oracle, and reduce both to the same
 * canonical outcome ("kind:repr" or "!ErrorType", plus printed text).
 */
import { createRuntime, canonical, fromJson, PyError, type Runtime, type PyValue } from '../../runtime/src/rule-lib/index.js';
import { oracle, type EncodedValue } from './oracle.js';

export interface TrapCase {
  /** Python expression (eval) or statements (exec, when `exec` is set). */
  py: string;
  /** The same computation through the runtime library. */
  js: (rt: Runtime) => PyValue;
  /** The spec's stated result, canonical, when it states one. */
  spec?: string;
  /** exec mode: compare this namespace variable (default: the printed text). */
  exec?: boolean;
  inputs?: Record<string, EncodedValue>;
}

export interface Outcome { value: string; printed: string }

export function runJs(fn: (rt: Runtime) => PyValue, clock = 0): Outcome {
  const rt = createRuntime({ clock });
  try {
    const v = fn(rt);
    return { value: canonical(v), printed: rt.printed() };
  } catch (e) {
    if (e instanceof PyError) return { value: '!' + e.pyType, printed: rt.printed() };
    throw e;
  }
}

/** Evaluate cases in the oracle; exec cases report their `result` variable (or the printed text). */
export async function runPy(cases: readonly TrapCase[], clock = 0): Promise<Outcome[]> {
  const results = await oracle().evaluate(cases.map((c) => ({
    src: c.py, mode: c.exec ? 'exec' as const : 'eval' as const, inputs: c.inputs ?? {}, clock,
  })));
  return results.map((r, i) => {
    if (r.err) return { value: '!' + r.err[0], printed: r.out };
    if (cases[i]!.exec) return { value: r.ns['result'] ?? 'NoneType:None', printed: r.out };
    return { value: r.value!, printed: r.out };
  });
}

/** One unit in the last place of x: the gap from |x| to the next double away from zero (Python's math.ulp). */
export function ulp(x: number): number {
  const bits = new DataView(new ArrayBuffer(8));
  bits.setFloat64(0, Math.abs(x));
  bits.setBigUint64(0, bits.getBigUint64(0) + 1n);
  return bits.getFloat64(0) - Math.abs(x);
}

/** Two canonical outcomes that are floats of the same kind, finite, and at most one ulp of the reference apart. */
export function withinOneUlp(ours: string, reference: string): boolean {
  const m1 = /^(float|float64):(.*)$/.exec(ours), m2 = /^(float|float64):(.*)$/.exec(reference);
  if (!m1 || !m2 || m1[1] !== m2[1]) return false;
  const a = Number(fromJson({ t: 'float', v: m1[2]! })), b = Number(fromJson({ t: 'float', v: m2[2]! }));
  return Number.isFinite(a) && Number.isFinite(b) && Math.abs(a - b) <= ulp(b);
}
