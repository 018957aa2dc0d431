/**
 * Plain JSON data as the plan phase builds it, and what it needs to write it:
 * a deep merge with MiCADO's semantics, key sorting for plan.json, and the
 * marker that keeps a secret input's value out of every file but a Secret.
 */

export type Json = null | boolean | number | string | SecretValue | Json[] | JsonObject;
export interface JsonObject {
  [key: string]: Json;
}

/**
 * The value of a `secret` input where a template uses it. It serialises as a
 * placeholder, so a value can reach a file only where a renderer asks for it
 * on purpose (the Secret manifest of the inputs).
 */
export class SecretValue {
  constructor(
    readonly input: string,
    readonly value: string,
  ) {}

  toJSON(): string {
    return `\${secret:${this.input}}`;
  }
}

export function isObject(v: Json | undefined): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof SecretValue);
}

/** Recursive merge, `over` winning; lists and scalars replace (MiCADO's pod-template merge, micado-reference 4.3). */
export function deepMerge(base: Json, over: Json): Json {
  if (!isObject(base) || !isObject(over)) return over;
  const out: JsonObject = { ...base };
  for (const [k, v] of Object.entries(over)) out[k] = k in out ? deepMerge(out[k]!, v) : v;
  return out;
}

/** Keys sorted at every level, for output whose order must not depend on how it was built. */
export function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (typeof v !== 'object' || v === null || v instanceof SecretValue) return v;
  // Null prototype: a '__proto__' key (a query's name, say) is kept as data.
  const out = Object.create(null) as Record<string, unknown>;
  for (const k of Object.keys(v).sort()) {
    const value = (v as Record<string, unknown>)[k];
    if (value !== undefined) out[k] = sortKeys(value);
  }
  return out;
}

export function stableJson(v: unknown): string {
  return `${JSON.stringify(sortKeys(v), null, 2)}\n`;
}

/** Python truthiness, which MiCADO's translation uses to drop container keys. */
export function truthy(v: Json | undefined): boolean {
  if (v === undefined || v === null || v === false || v === 0 || v === '') return false;
  if (Array.isArray(v)) return v.length > 0;
  if (isObject(v)) return Object.keys(v).length > 0;
  return true;
}

export function str(v: Json | undefined): string | undefined {
  return typeof v === 'string' ? v : undefined;
}
