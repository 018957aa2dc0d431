/**
 * What the submitter sends the Policy Keeper (micado-reference 6.1, 6.2): the
 * scaling policies (whose type is or derives from one named tosca.policies.Scaling*), each
 * property with its materialised default, the global constants, and the
 * two-pass `{{ }}` substitution of a text.
 */
import type { PolicyTemplate } from '../../model/entities.js';
import type { YNode, YScalar } from '../../read/yaml-tree.js';
import type { CheckContext } from '../check-context.js';
import { policyIs, policyType } from './micado-nodes.js';

export interface PolicyValue {
  readonly value: YNode;
  /** The key the value is written under: in the template, or in the type that gives the default. */
  readonly key: YScalar | undefined;
  /** True when the value comes from the template itself. */
  readonly own: boolean;
}

/** The scaling policies, in order; several checks ask for them, so they are picked once per model and type registry. */
export function scalingPolicies(ctx: CheckContext): readonly PolicyTemplate[] {
  const known = pickedPolicies.get(ctx.adt);
  if (known?.types === ctx.types) return known.policies;
  const policies = (ctx.adt.topology?.policies ?? []).filter((p) => policyIs(ctx, p, 'tosca.policies.Scaling'));
  pickedPolicies.set(ctx.adt, { types: ctx.types, policies });
  return policies;
}

const pickedPolicies = new WeakMap<CheckContext['adt'], { readonly types: CheckContext['types']; readonly policies: readonly PolicyTemplate[] }>();

/**
 * Every property of a policy as the Policy Keeper receives it: the template's, else the most derived default.
 * Several checks ask for it per policy on every keystroke: it is built once per policy and type registry.
 */
export function policyValues(ctx: CheckContext, p: PolicyTemplate): ReadonlyMap<string, PolicyValue> {
  const known = builtValues.get(p);
  if (known?.types === ctx.types) return known.values;
  const values = buildPolicyValues(ctx, p);
  builtValues.set(p, { types: ctx.types, values });
  return values;
}

const builtValues = new WeakMap<PolicyTemplate, { readonly types: CheckContext['types']; readonly values: ReadonlyMap<string, PolicyValue> }>();

function buildPolicyValues(ctx: CheckContext, p: PolicyTemplate): Map<string, PolicyValue> {
  const out = new Map<string, PolicyValue>();
  for (const [name, def] of policyType(ctx, p)?.properties ?? []) {
    if (def.default !== undefined) out.set(name, { value: def.default, key: keyOf(def.node, 'default'), own: false });
  }
  for (const pair of p.properties?.pairs ?? []) out.set(pair.name, { value: pair.value, key: pair.key, own: true });
  return out;
}

function keyOf(n: YNode, key: string): YScalar | undefined {
  return n.kind === 'map' ? n.pair(key)?.key : undefined;
}

/** A constant's definition: the key in its `constants` map, and its value. */
export interface ConstantDef {
  readonly policy: PolicyTemplate;
  readonly key: YScalar;
  readonly value: YNode;
}

/** Constants and queries of every scaling policy, in policy order; the same name may appear more than once. */
export function dataDefinitions(ctx: CheckContext, section: 'constants' | 'queries'): ConstantDef[] {
  const out: ConstantDef[] = [];
  for (const p of scalingPolicies(ctx)) {
    const map = policyValues(ctx, p).get(section)?.value;
    if (map?.kind !== 'map') continue;
    for (const pair of map.pairs) out.push({ policy: p, key: pair.key, value: pair.value });
  }
  return out;
}

/** Constant name → value as the Policy Keeper sees it (constants are global; the last definition wins). */
export function constantValues(ctx: CheckContext): Map<string, YNode> {
  return new Map(dataDefinitions(ctx, 'constants').map((d) => [d.key.value === null ? '' : String(d.key.value), d.value]));
}

/** `{{ … }}` and `{% … %}` in a text, with the trimmed inside of each. */
export const JINJA = /\{\{([\s\S]*?)\}\}|\{%([\s\S]*?)%\}/g;
export const BARE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * A text after the Policy Keeper's substitution, or undefined when a placeholder
 * is not a defined constant with a scalar value (which the placeholder check reports).
 * Values are inserted as Python's str() would write them.
 */
export function substitute(text: string, constants: ReadonlyMap<string, YNode>): string | undefined {
  let failed = false;
  const out = text.replace(JINJA, (whole, expr: string | undefined) => {
    const name = expr?.trim() ?? '';
    const value = constants.get(name);
    if (!BARE_NAME.test(name) || value?.kind !== 'scalar' || value.value === null) {
      failed = true;
      return whole;
    }
    return typeof value.value === 'boolean' ? (value.value ? 'True' : 'False') : String(value.value);
  });
  return failed ? undefined : out;
}
