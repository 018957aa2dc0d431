/**
 * Topology inputs for one compilation (micado-reference 1.6; spec 7 items 8,
 * 9): each input takes the value given on the command line, parsed as its
 * declared type, else its default; an input with neither is an error, not
 * MiCADO's silent None. A `secret` input's value never leaves the Secret
 * manifest: elsewhere it is a SecretValue.
 */
import { parse } from 'yaml';
import { didYouMean } from '../diagnostics/did-you-mean.js';
import type { CheckContext } from '../check/check-context.js';
import type { PropertyDef } from '../model/entities.js';
import { SecretValue, type Json } from './json.js';
import { plainJson } from './values.js';

export interface ResolvedInput {
  readonly def: PropertyDef;
  readonly type: string;
  readonly from: 'given' | 'default';
  readonly value: Json;
}

export type ResolvedInputs = ReadonlyMap<string, ResolvedInput>;

/** What an input without a value stands for when validation plans an ADT whose inputs come only at deployment. */
const STAND_INS: Readonly<Record<string, Json>> = { integer: 1, float: 1, boolean: false, list: [], map: {} };

/**
 * The inputs' values. With `standIns`, an input that has none takes a neutral value of its type instead of
 * being an error: validate plans the ADT to find what compile would refuse, without knowing the deployment's
 * inputs.
 */
export function resolveInputs(ctx: CheckContext, given: ReadonlyMap<string, string>, standIns = false): ResolvedInputs {
  const out = new Map<string, ResolvedInput>();
  const declared = ctx.adt.topology?.inputs ?? new Map<string, PropertyDef>();
  const anchor = ctx.adt.root?.pair('topology_template')?.key.span ?? { uri: ctx.adt.file.uri, start: 0, end: 0 };
  for (const name of given.keys()) {
    if (declared.has(name)) continue;
    const hint = didYouMean(name, [...declared.keys()], '');
    ctx.sink.report('ADT8003', anchor, { input: name, hint: hint ? ` ${hint}` : '' }, { path: ['topology_template', 'inputs'] });
  }
  for (const def of declared.values()) {
    const type = def.type?.name ?? 'string';
    const text = given.get(def.name);
    let value: Json | undefined;
    let from: 'given' | 'default' = 'given';
    if (text !== undefined) {
      const parsed = parseInput(text, type);
      if (typeof parsed === 'string' && parsed.startsWith('\u0000')) {
        ctx.sink.report('ADT8002', def.nameSpan, { input: def.name, expected: `a valid ${type}`, problem: parsed.slice(1) }, { path: def.path });
        continue;
      }
      value = parsed;
    } else {
      const fallback = def.value ?? def.default;
      const missing = fallback === undefined || (fallback.kind === 'scalar' && fallback.value === null);
      if (missing && !standIns) {
        // An optional input without a value is simply absent; a get_input of it is reported where it is used.
        if (def.required) ctx.sink.report('ADT8001', def.nameSpan, { input: def.name }, { path: def.path });
        continue;
      }
      value = missing ? (STAND_INS[type] ?? def.name) : plainJson(fallback!);
      from = 'default';
    }
    if (type === 'secret') value = new SecretValue(def.name, typeof value === 'string' ? value : JSON.stringify(value));
    out.set(def.name, { def, type, from, value });
  }
  return out;
}

/** A command-line value as the input's type; a string starting with NUL says why it is not one. */
function parseInput(text: string, type: string): Json {
  switch (type) {
    case 'integer':
      return /^[-+]?\d+$/.test(text.trim()) ? Number(text) : `\u0000'${text}' is not a whole number`;
    case 'float':
      return text.trim() !== '' && Number.isFinite(Number(text)) ? Number(text) : `\u0000'${text}' is not a number`;
    case 'boolean': {
      const lower = text.trim().toLowerCase();
      if (lower === 'true' || lower === 'false') return lower === 'true';
      return `\u0000'${text}' is neither true nor false`;
    }
    case 'map':
    case 'list': {
      let value: unknown;
      try {
        value = parse(text);
      } catch (error) {
        return `\u0000${(error as Error).message.split('\n')[0]}`;
      }
      const ok = type === 'map' ? typeof value === 'object' && value !== null && !Array.isArray(value) : Array.isArray(value);
      return ok ? (value as Json) : `\u0000it is not a ${type === 'map' ? 'mapping' : 'list'} in YAML or JSON`;
    }
    default:
      return text;
  }
}
