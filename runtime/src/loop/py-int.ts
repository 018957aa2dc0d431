/**
 * Python's int() as the Policy Keeper applies it to a rule's count outputs (rule-language 3.4): floats truncate
 * toward zero, bools give 0/1, decimal strings parse; None, '3.5', nan, inf, lists and dicts raise. Values cross
 * the worker boundary as structured-clone data, so ints arrive as bigint and numpy scalars as `{kind, value}`.
 */
export type IntResult = { readonly ok: true; readonly value: bigint } | { readonly ok: false; readonly message: string };

const DECIMAL = /^[+-]?\d+(?:_\d+)*$/;

export function pyInt(value: unknown): IntResult {
  switch (typeof value) {
    case 'bigint':
      return { ok: true, value };
    case 'boolean':
      return { ok: true, value: value ? 1n : 0n };
    case 'number':
      if (Number.isNaN(value)) return { ok: false, message: 'ValueError: cannot convert float NaN to integer' };
      if (!Number.isFinite(value)) return { ok: false, message: 'OverflowError: cannot convert float infinity to integer' };
      return { ok: true, value: BigInt(Math.trunc(value)) };
    case 'string': {
      const text = value.trim();
      if (DECIMAL.test(text)) return { ok: true, value: BigInt(text.replace(/_/g, '')) };
      return { ok: false, message: `ValueError: invalid literal for int() with base 10: ${pyRepr(value)}` };
    }
    case 'object':
      if (value === null) return { ok: false, message: "TypeError: int() argument must be a string, a bytes-like object or a number, not 'NoneType'" };
      // numpy scalars (float64, int64, bool_) are small tagged records at the boundary.
      if (!Array.isArray(value) && typeof (value as { kind?: unknown }).kind === 'string' && 'value' in value) return pyInt((value as { value: unknown }).value);
      return { ok: false, message: `TypeError: int() argument must be a string, a bytes-like object or a number, not '${Array.isArray(value) ? 'list' : 'dict'}'` };
    default:
      return { ok: false, message: `TypeError: int() argument must be a string, a bytes-like object or a number, not '${typeof value}'` };
  }
}

function pyRepr(text: string): string {
  return `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/** max(min(n, max), min) in exact integers; the result fits a number because the bounds do. */
export function clampCount(n: bigint, min: number, max: number): number {
  const hi = BigInt(Math.max(max, min));
  const lo = BigInt(min);
  return Number(n > hi ? hi : n < lo ? lo : n);
}
