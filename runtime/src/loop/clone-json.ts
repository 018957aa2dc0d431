/**
 * m_userdata is whatever structured-clone data a rule left (bigint ints, Maps for dicts, NaN floats…); JSON
 * alone would lose it. Tagged objects keep those values across a restart; a plain object that happens to use
 * a tag key is itself wrapped, so decoding is exact.
 */
type Encoded = null | boolean | number | string | Encoded[] | { [key: string]: Encoded };

const TAG = '$adtc';

export function encodeClone(value: unknown): Encoded {
  switch (typeof value) {
    case 'bigint':
      return { [TAG]: 'bigint', v: value.toString() };
    case 'number':
      return Number.isFinite(value) ? value : { [TAG]: 'number', v: String(value) };
    case 'boolean':
    case 'string':
      return value;
    case 'undefined':
      return { [TAG]: 'undefined' };
    case 'object': {
      if (value === null) return null;
      if (Array.isArray(value)) return value.map(encodeClone);
      if (value instanceof Map) return { [TAG]: 'map', v: [...value].map(([k, v]) => [encodeClone(k), encodeClone(v)]) };
      if (value instanceof Set) return { [TAG]: 'set', v: [...value].map(encodeClone) };
      const entries = Object.entries(value).map(([k, v]) => [k, encodeClone(v)] as const);
      const record = Object.fromEntries(entries) as Record<string, Encoded>;
      return TAG in record ? { [TAG]: 'object', v: record } : record;
    }
    default:
      // Functions and symbols cannot cross the worker boundary, so they never reach here; keep the slot empty.
      return null;
  }
}

export function decodeClone(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(decodeClone);
  if (typeof value !== 'object' || value === null) return value;
  const record = value as Record<string, unknown>;
  switch (record[TAG]) {
    case 'bigint':
      return BigInt(String(record['v']));
    case 'number':
      return Number(record['v']);
    case 'undefined':
      return undefined;
    case 'map':
      return new Map((record['v'] as [unknown, unknown][]).map(([k, v]) => [decodeClone(k), decodeClone(v)]));
    case 'set':
      return new Set((record['v'] as unknown[]).map(decodeClone));
    case 'object':
      return Object.fromEntries(Object.entries(record['v'] as object).map(([k, v]) => [k, decodeClone(v)]));
    default:
      return Object.fromEntries(Object.entries(record).map(([k, v]) => [k, decodeClone(v)]));
  }
}

/** For logs and status: bigint as a number when exact, Maps as objects; never throws. */
export function toLoggable(value: unknown): unknown {
  if (typeof value === 'bigint') return Number.isSafeInteger(Number(value)) ? Number(value) : value.toString();
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
  if (Array.isArray(value)) return value.map(toLoggable);
  if (value instanceof Map) return Object.fromEntries([...value].map(([k, v]) => [String(toLoggable(k)), toLoggable(v)]));
  if (value instanceof Set) return [...value].map(toLoggable);
  if (typeof value === 'object' && value !== null) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toLoggable(v)]));
  return value ?? null;
}
