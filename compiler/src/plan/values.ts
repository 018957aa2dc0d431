/**
 * ADT values to JSON as MiCADO's submitter sees them after micado-parser
 * (micado-reference 1.6, 4.1): `{get_input: x}` and the inline
 * `{{ get_input: x }}` replaced by the input's value inside node templates,
 * `{get_property: [SELF, p]}` replaced by the node's property p. Every object
 * and list converted is noted in Origins, so problems found later point back
 * at the ADT.
 */
import { asFunctionCall } from '../model/functions.js';
import type { YNode } from '../read/yaml-tree.js';
import type { Json, JsonObject } from './json.js';
import { SecretValue } from './json.js';
import type { PlanContext, PlanNode } from './plan-context.js';

const INLINE_INPUT = /\{\{\s*get_input\s*:\s*['"]?([\w.-]+)['"]?\s*\}\}/g;

/** A YAML node as plain JSON, with no substitution (policies, input defaults). */
export function plainJson(n: YNode): Json {
  switch (n.kind) {
    case 'scalar':
      return n.value;
    case 'seq':
      return n.items.map(plainJson);
    case 'map': {
      // Null prototype: a key named '__proto__' is data (a query or constant may be called that).
      const out: JsonObject = Object.create(null) as JsonObject;
      for (const p of n.pairs) out[p.name] = plainJson(p.value);
      return out;
    }
  }
}

/** A value inside a node template, with inputs and SELF properties substituted. */
export function nodeValue(pc: PlanContext, n: YNode, self?: PlanNode, depth = 0): Json {
  if (depth > 64) return null;
  const call = asFunctionCall(n);
  if (call?.name === 'get_input') return inputValue(pc, call.args);
  if (call?.name === 'get_property' && self && call.args.kind === 'seq') {
    const [entity, prop] = call.args.items;
    const name = prop?.kind === 'scalar' ? String(prop.value) : undefined;
    if (entity?.kind === 'scalar' && entity.value === 'SELF' && name !== undefined) {
      const v = self.t.properties?.get(name) ?? self.type.properties.get(name)?.default;
      return v ? nodeValue(pc, v, self, depth + 1) : null;
    }
  }
  switch (n.kind) {
    case 'scalar':
      return typeof n.value === 'string' ? inlineInputs(pc, n.value) : n.value;
    case 'seq': {
      const out = n.items.map((i) => nodeValue(pc, i, self, depth + 1));
      pc.origins.note(out, n);
      return out;
    }
    case 'map': {
      const out: JsonObject = {};
      for (const p of n.pairs) out[p.name] = nodeValue(pc, p.value, self, depth + 1);
      pc.origins.note(out, n);
      return out;
    }
  }
}

function inputValue(pc: PlanContext, args: YNode): Json {
  // `get_input: [list_input, INDEX]` picks one element (micado-reference 1.7).
  if (args.kind === 'seq') {
    const [name, index] = args.items;
    const v = name?.kind === 'scalar' ? pc.inputs.get(String(name.value))?.value : undefined;
    const i = index?.kind === 'scalar' ? Number(index.value) : NaN;
    return Array.isArray(v) && Number.isInteger(i) ? (v[i] ?? null) : null;
  }
  return args.kind === 'scalar' ? (pc.inputs.get(String(args.value))?.value ?? null) : null;
}

function inlineInputs(pc: PlanContext, text: string): Json {
  if (!text.includes('get_input')) return text;
  const whole = /^\{\{\s*get_input\s*:\s*['"]?([\w.-]+)['"]?\s*\}\}$/.exec(text.trim());
  if (whole) {
    const v = pc.inputs.get(whole[1]!)?.value;
    // A whole-string reference keeps a secret a secret.
    if (v instanceof SecretValue) return v;
  }
  return text.replace(INLINE_INPUT, (_m, name: string) => {
    const v = pc.inputs.get(name)?.value;
    if (v === undefined || v === null) return '';
    if (v instanceof SecretValue) return v.toJSON();
    return typeof v === 'string' ? v : JSON.stringify(v);
  });
}

/**
 * A count as written (min_instances, max_instances): an integer, a `{{CONSTANT}}` text that `fill` resolves,
 * or a get_input of either. `text` says what it was when it is not a whole number; both are absent for no value.
 */
export function countValue(pc: PlanContext, n: YNode | undefined, fill: (text: string) => string): { value?: number; text?: string } {
  if (n === undefined) return {};
  const v = nodeValue(pc, n);
  if (v === null || v instanceof SecretValue || typeof v === 'object') return v === null ? {} : { text: JSON.stringify(v) };
  const text = typeof v === 'string' ? fill(v).trim() : String(v);
  return /^\d+$/.test(text) ? { value: Number(text) } : { text };
}

/** A node's property as MiCADO sees it (template value, else type default), converted. */
export function propertyValue(pc: PlanContext, node: PlanNode, name: string): Json | undefined {
  const v = node.t.properties?.get(name) ?? node.type.properties.get(name)?.default;
  return v === undefined ? undefined : nodeValue(pc, v, node);
}

/** All properties with their materialised defaults, in type order then template order. */
export function allProperties(pc: PlanContext, node: PlanNode): JsonObject {
  const out: JsonObject = {};
  for (const [name, def] of node.type.properties) if (def.default !== undefined) out[name] = nodeValue(pc, def.default, node);
  for (const p of node.t.properties?.pairs ?? []) out[p.name] = nodeValue(pc, p.value, node);
  return out;
}
