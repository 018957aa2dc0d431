/**
 * The environment the Policy Keeper gives a rule (spec §2.2, §3.1-3.3):
 * constants (global, YAML 1.1 typed), queries (`float|None` or
 * `list[str]|None`), alerts (`bool`), the m_* inputs of the policy kind; and
 * which outputs it reads back. The symbol table below the inputs is in
 * symbols.ts.
 */
import type { YNode } from '../read/yaml-tree.js';
import type { ConstantValue } from './emit-ts.js';
import { BOOL, FLOAT, INT, STR, UNKNOWN, NONE, dict, join, list, type Ty } from './types.js';

/** A VM node policy (target derived from a Compute type) or a container policy (spec §3.2, §3.3). */
export type PolicyKind = 'node' | 'container';

export interface RuleEnvironment {
  readonly kind: PolicyKind;
  /** The merged constants of all scaling policies, by name. */
  readonly constants: ReadonlyMap<string, Ty>;
  readonly queries: ReadonlyMap<string, 'number' | 'list'>;
  /** Number-form queries that can never come back empty (query-sample.ts): never None. */
  readonly alwaysSampled?: ReadonlySet<string>;
  readonly alerts: ReadonlySet<string>;
  /** True when `{{stack}}` appeared outside a string literal (already reported): `stack` is then a known str. */
  readonly stack?: boolean;
  /** Also target the Policy Keeper images built since mid-2024 (Python 3.9), whose evaluator breaks subscripts (RL401). */
  readonly pkLatest?: boolean;
}

const M_NODES = list(dict(STR, STR));

const KIND_INPUTS: Readonly<Record<PolicyKind, ReadonlyMap<string, Ty>>> = {
  node: new Map([
    ['m_nodes', M_NODES],
    ['m_node_count', INT],
    ['m_nodes_todrop', list(STR)],
    ['m_time_when_node_count_changed', INT],
    ['m_time_since_node_count_changed', INT],
    ['m_userdata', UNKNOWN],
  ]),
  container: new Map([
    ['m_nodes', M_NODES],
    ['m_node_count', INT],
    ['m_container_count', INT],
    ['m_userdata', UNKNOWN],
  ]),
};

/** Outputs read back after the rule (spec §3.2, §3.3). */
export const OUTPUTS: Readonly<Record<PolicyKind, readonly string[]>> = {
  node: ['m_node_count', 'm_nodes_todrop', 'm_userdata'],
  container: ['m_container_count', 'm_userdata'],
};

/** m_* names that exist only for the other kind of policy. */
export const OTHER_KIND_NAMES: Readonly<Record<PolicyKind, readonly string[]>> = {
  node: ['m_container_count'],
  container: ['m_nodes_todrop', 'm_time_when_node_count_changed', 'm_time_since_node_count_changed', 'm_opt_advice'],
};

export function kindInputs(kind: PolicyKind): ReadonlyMap<string, Ty> {
  return KIND_INPUTS[kind];
}

/** The inputs of a rule by name, looked up rather than copied, so checking a rule costs nothing per policy of the ADT. */
export interface RuleInputs {
  get(name: string): Ty | undefined;
  has(name: string): boolean;
  /** Every input name (for did-you-mean suggestions, off the common path). */
  names(): Iterable<string>;
}

/**
 * Every input name with its type, later layers winning (§2.2 layer 6): m_*,
 * queries, alerts, then constants, which override all of them (RL314).
 */
export function inputTypes(env: RuleEnvironment): RuleInputs {
  const get = (name: string): Ty | undefined => {
    const constant = env.constants.get(name);
    if (constant) return constant;
    if (env.alerts.has(name)) return BOOL;
    const form = env.queries.get(name);
    if (form === 'number') return env.alwaysSampled?.has(name) ? FLOAT : join(FLOAT, [{ k: 'none', query: name }]);
    if (form === 'list') return join(list(STR), [{ k: 'none', query: name }]);
    return KIND_INPUTS[env.kind].get(name);
  };
  return {
    get,
    has: (name) => get(name) !== undefined,
    names: () => new Set([...KIND_INPUTS[env.kind].keys(), ...env.queries.keys(), ...env.alerts, ...env.constants.keys()]),
  };
}

/** A constant's type as PyYAML gives it (the read phase typed plain scalars with YAML 1.1 rules). */
export function constantType(name: string, node: YNode): Ty {
  switch (node.kind) {
    case 'seq':
      return list(node.items.reduce<Ty>((acc, n) => join(acc, constantType(name, n)), []));
    case 'map':
      return dict(STR, node.pairs.reduce<Ty>((acc, p) => join(acc, constantType(name, p.value)), []));
    case 'scalar':
      switch (node.type) {
        case 'null':
          return NONE;
        case 'bool':
          return BOOL;
        case 'int':
          return INT;
        case 'float':
          return FLOAT;
        case 'timestamp':
          return UNKNOWN;
        case 'str':
          return [{ k: 'str', constant: name, literal: String(node.value) }];
      }
  }
}

/** A constant's value as PyYAML loads it, typed as constantType types it (a YAML `60.0` stays a float). */
export function constantValue(node: YNode): ConstantValue {
  switch (node.kind) {
    case 'seq':
      return node.items.map(constantValue);
    case 'map':
      return Object.fromEntries(node.pairs.map((p) => [p.name, constantValue(p.value)]));
    case 'scalar':
      switch (node.type) {
        case 'int':
          return BigInt(node.value as number);
        case 'float':
          return Number(node.value);
        default:
          // A timestamp is an error (ADT6214) before any rule is compiled; its text stands in for it.
          return node.value;
      }
  }
}

/**
 * Whether a constant's or query's name is one a rule can write (a Python identifier). MiCADO defines the others
 * too, but no rule can refer to them, so adtc leaves them out of the rule's environment and warns (ADT6700).
 */
export function isRuleName(name: string): boolean {
  return /^[\p{L}\p{Nl}_][\p{L}\p{Nl}\p{Mn}\p{Mc}\p{Nd}\p{Pc}]*$/u.test(name);
}
