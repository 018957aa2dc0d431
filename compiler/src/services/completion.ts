/**
 * Completion from the type system: the keys allowed where the cursor is (the
 * properties of a node's type with their type and whether they are required,
 * requirement names, interfaces and operations, policy properties), and the
 * values that fit (type names of the right kind, node templates that satisfy a
 * requirement or a policy's targets, repositories, inputs in get_input,
 * properties in get_property, constants inside `{{…}}`).
 */
import { KEYNAMES, TOSCA_VERSIONS } from '../model/keynames.js';
import { TYPE_SECTIONS, type NodeTemplate, type PolicyTemplate, type PropertyDef, type TypeKind } from '../model/entities.js';
import type { AnalysedModel } from '../pipeline.js';
import { PRIMITIVE_TYPES } from '../resolve/primitives.js';
import type { ResolvedType } from '../resolve/resolved-type.js';
import { isMap, type YMap } from '../read/yaml-tree.js';
import { cursorContext, type CursorContext } from './cursor-context.js';
import { describeProperty, describeType, typeName, valueText } from './describe.js';
import type { CompletionEntry, CompletionKind, CompletionList } from './types.js';

const SECTION_KIND = new Map<string, TypeKind>(Object.entries(TYPE_SECTIONS).map(([k, v]) => [v, k as TypeKind]));

export function completion(model: AnalysedModel, offset: number): CompletionList {
  const text = model.adt.file.text;
  const ctx = cursorContext(text, offset);
  const replace = { uri: model.adt.file.uri, start: ctx.wordStart, end: ctx.wordEnd };
  return { replace, items: new Completer(model, ctx).items() };
}

/** `path` matches `pattern`, where '*' matches any one element. */
function matches(path: readonly string[], ...pattern: string[]): boolean {
  return path.length === pattern.length && pattern.every((p, i) => p === '*' || p === path[i]);
}

function keys(names: readonly string[], kind: CompletionKind = 'keyword', present: ReadonlySet<string> = new Set()): CompletionEntry[] {
  return names.filter((n) => !present.has(n)).map((n) => ({ label: n, kind, insertText: `${n}: ` }));
}

class Completer {
  constructor(
    private readonly model: AnalysedModel,
    private readonly ctx: CursorContext,
  ) {}

  items(): CompletionEntry[] {
    const { position, valueBefore } = this.ctx;
    if (position === 'block') return [];
    if (position === 'key') return this.keyItems();
    const open = valueBefore.lastIndexOf('{{');
    if (open >= 0 && valueBefore.indexOf('}}', open) < 0) return this.constants();
    const fn = this.functionItems(valueBefore);
    if (fn) return fn;
    return position === 'value' ? this.valueItems(this.ctx.key!) : this.listItems();
  }

  // ---- keys ----

  private keyItems(): CompletionEntry[] {
    const p = this.ctx.path;
    const present = this.presentKeys();
    if (p.length === 0) return keys(KEYNAMES.serviceTemplate, 'keyword', present);
    if (matches(p, 'topology_template')) return keys(KEYNAMES.topologyTemplate, 'keyword', present);
    if (matches(p, 'topology_template', 'node_templates', '*')) return keys(KEYNAMES.nodeTemplate, 'keyword', present);
    if (matches(p, 'topology_template', 'relationship_templates', '*')) return keys(KEYNAMES.relationshipTemplate, 'keyword', present);
    if (matches(p, 'topology_template', 'groups', '*')) return keys(KEYNAMES.groupTemplate, 'keyword', present);
    if (matches(p, 'topology_template', 'policies', '-', '*')) return keys(KEYNAMES.policyTemplate, 'keyword', present);
    if (matches(p, 'topology_template', 'inputs', '*') || matches(p, 'topology_template', 'outputs', '*')) return keys(KEYNAMES.parameterDef, 'keyword', present);
    if (matches(p, 'repositories', '*')) return keys(KEYNAMES.repository, 'keyword', present);
    if (matches(p, 'imports', '-')) return keys(KEYNAMES.import, 'keyword', present);

    if (p[0] === 'topology_template' && p[1] === 'node_templates' && p.length >= 4) {
      const template = this.nodeTemplate(p[2]!);
      const type = this.resolve('node', template?.type?.name);
      const rest = p.slice(3);
      if (matches(rest, 'properties')) return type ? this.propertyKeys(type, type.properties, present) : [];
      if (matches(rest, 'attributes')) return type ? this.propertyKeys(type, type.attributes, present) : [];
      if (matches(rest, 'requirements', '-')) return type ? this.requirementKeys(type) : [];
      if (matches(rest, 'requirements', '-', '*')) return keys(KEYNAMES.requirementAssignment, 'keyword', present);
      if (matches(rest, 'capabilities')) return type ? keys([...type.capabilities.keys()], 'property', present) : [];
      if (matches(rest, 'capabilities', '*')) return keys(KEYNAMES.capabilityAssignment, 'keyword', present);
      if (matches(rest, 'interfaces')) {
        return type ? [...type.interfaces.values()].filter((i) => !present.has(i.name)).map((i) => ({ label: i.name, kind: 'interface', ...(i.type ? { detail: i.type } : {}), insertText: `${i.name}:` })) : [];
      }
      if (matches(rest, 'interfaces', '*')) return this.operationKeys(type, rest[1]!, present);
      if (matches(rest, 'artifacts', '*')) return keys(KEYNAMES.artifact, 'keyword', present);
      return [];
    }
    if (p[0] === 'topology_template' && p[1] === 'policies' && p.length === 5 && p[4] === 'properties') {
      const policy = this.policy(p[3]!);
      const type = this.resolve('policy', policy?.type?.name);
      return type ? this.propertyKeys(type, type.properties, present) : [];
    }
    const kind = SECTION_KIND.get(p[0] ?? '');
    if (kind && p.length >= 2) {
      const rest = p.slice(2);
      if (rest.length === 0) return keys(KEYNAMES[`${kind}Type`], 'keyword', present);
      if (matches(rest, 'properties', '*') || matches(rest, 'attributes', '*')) return keys(KEYNAMES.propertyDef, 'keyword', present);
      if (matches(rest, 'requirements', '-', '*')) return keys(KEYNAMES.requirementDef, 'keyword', present);
      if (matches(rest, 'capabilities', '*')) return keys(KEYNAMES.capabilityDef, 'keyword', present);
      if (matches(rest, 'interfaces', '*')) return keys(KEYNAMES.interfaceDef, 'keyword', present);
      if (matches(rest, 'operations', '*') || matches(rest, 'interfaces', '*', '*')) return keys(KEYNAMES.operation, 'keyword', present);
    }
    return [];
  }

  private propertyKeys(type: ResolvedType, defs: ReadonlyMap<string, PropertyDef>, present: ReadonlySet<string>): CompletionEntry[] {
    return [...defs.values()]
      .filter((d) => !present.has(d.name))
      .map((d) => ({
        label: d.name,
        kind: 'property' as const,
        detail: `${typeName(d)}${d.required && !d.default ? ' (required)' : ''}`,
        documentation: describeProperty(d, type.chain.find((t) => t.def.properties.has(d.name) || t.def.attributes.has(d.name))?.name),
        insertText: `${d.name}: `,
        // Required properties without a default first: those are the ones the user must write.
        sortText: `${d.required && !d.default ? '0' : '1'}${d.name}`,
      }));
  }

  private requirementKeys(type: ResolvedType): CompletionEntry[] {
    return type.requirements.map((r) => ({
      label: r.name,
      kind: 'requirement' as const,
      detail: [r.nodeType ? `node ${r.nodeType.name}` : '', r.capability ? `capability ${r.capability.name}` : ''].filter(Boolean).join(', '),
      insertText: `${r.name}: `,
    }));
  }

  private operationKeys(type: ResolvedType | undefined, name: string, present: ReadonlySet<string>): CompletionEntry[] {
    const inherited = type?.interfaces.get(name);
    const ops = new Map(inherited?.operations ?? []);
    const interfaceType = this.resolve('interface', inherited?.type ?? name);
    for (const [k, v] of interfaceType?.operations ?? []) if (!ops.has(k)) ops.set(k, v);
    return [...ops.keys()].filter((k) => !present.has(k)).map((k) => ({ label: k, kind: 'operation', insertText: `${k}:` }));
  }

  /** The keys already written in the mapping that holds the cursor, so they are not offered twice. */
  private presentKeys(): ReadonlySet<string> {
    let n = this.model.adt.root as YMap | undefined;
    for (const k of this.ctx.path) {
      if (!n) break;
      if (k === '-') return new Set();
      const next = n.get(k);
      n = isMap(next) ? next : undefined;
    }
    const typed = this.model.adt.file.text.slice(this.ctx.wordStart, this.ctx.wordEnd);
    return new Set((n?.pairs ?? []).map((p) => p.name).filter((k) => k !== typed));
  }

  // ---- values ----

  private valueItems(key: string): CompletionEntry[] {
    const p = this.ctx.path;
    if (p.length === 0 && key === 'tosca_definitions_version') return TOSCA_VERSIONS.map((v) => ({ label: v, kind: 'value' }));
    if (key === 'type') return this.typeNames(this.typeKindAt(p));
    if (key === 'derived_from') {
      const kind = SECTION_KIND.get(p[0] ?? '');
      return kind ? this.typeNames([kind]) : [];
    }
    if (key === 'repository') return [...this.model.adt.repositories.values()].map((r) => ({ label: r.name, kind: 'repository', ...(r.url ? { detail: String(r.url.value) } : {}) }));
    if (key === 'targets' && p[1] === 'policies') return this.policyTargets(p[3]);
    if (key === 'members') return this.nodeNames(() => true);
    const inTemplate = p[0] === 'topology_template' && p[1] === 'node_templates';
    if (inTemplate && matches(p.slice(3), 'requirements', '-')) return this.requirementTargets(p[2]!, key);
    if (inTemplate && matches(p.slice(3), 'requirements', '-', '*') && key === 'node') return this.requirementTargets(p[2]!, p[5]!);
    const kind = SECTION_KIND.get(p[0] ?? '');
    if (kind && p[2] === 'requirements') {
      if (key === 'node') return this.typeNames(['node']);
      if (key === 'capability') return this.typeNames(['capability']);
      if (key === 'relationship') return this.typeNames(['relationship']);
    }
    if (key === 'required') return ['true', 'false'].map((v) => ({ label: v, kind: 'value' }));
    if (inTemplate && matches(p.slice(3), 'properties')) {
      const type = this.resolve('node', this.nodeTemplate(p[2]!)?.type?.name);
      return this.propertyValues(type?.properties.get(key));
    }
    if (p[1] === 'policies' && matches(p.slice(4), 'properties')) {
      const type = this.resolve('policy', this.policy(p[3]!)?.type?.name);
      return this.propertyValues(type?.properties.get(key));
    }
    return [];
  }

  private listItems(): CompletionEntry[] {
    const p = this.ctx.path;
    const last = p[p.length - 1];
    if (last === 'targets' && p[1] === 'policies') return this.policyTargets(p[3]);
    if (last === 'members') return this.nodeNames(() => true);
    return [];
  }

  /** Values a property definition allows: its valid_values, or true/false for booleans. */
  private propertyValues(def: PropertyDef | undefined): CompletionEntry[] {
    if (!def) return [];
    const valid = def.constraints.find((c) => c.operator === 'valid_values');
    if (valid && valid.argument.kind === 'seq') return valid.argument.items.map((i) => ({ label: valueText(i), kind: 'value' }));
    if (def.type?.name === 'boolean') return ['true', 'false'].map((v) => ({ label: v, kind: 'value' }));
    return [];
  }

  /** The kinds of type a `type:` key at `path` names. */
  private typeKindAt(p: readonly string[]): TypeKind[] {
    if (p[0] === 'topology_template') {
      if (matches(p, '*', 'node_templates', '*')) return ['node'];
      if (matches(p, '*', 'relationship_templates', '*') || p.includes('relationship')) return ['relationship'];
      if (matches(p, '*', 'policies', '-', '*')) return ['policy'];
      if (matches(p, '*', 'groups', '*')) return ['group'];
      if (p[3] === 'artifacts') return ['artifact'];
      if (p[3] === 'interfaces') return ['interface'];
      return ['data'];
    }
    const section = p[2];
    if (section === 'capabilities') return ['capability'];
    if (section === 'interfaces') return ['interface'];
    if (section === 'artifacts') return ['artifact'];
    return ['data'];
  }

  private typeNames(kinds: readonly TypeKind[]): CompletionEntry[] {
    const out: CompletionEntry[] = [];
    if (kinds.includes('data')) for (const t of PRIMITIVE_TYPES) out.push({ label: t, kind: 'type', detail: 'primitive type', sortText: `0${t}` });
    for (const kind of kinds) {
      for (const def of this.model.types.all(kind)) {
        out.push({ label: def.name, kind: 'type', detail: `${kind} type`, documentation: describeType(def, this.model.types), sortText: `1${def.name}` });
      }
    }
    return out;
  }

  // ---- node templates ----

  private nodeNames(fits: (t: NodeTemplate, type: ResolvedType | undefined) => boolean, except?: string): CompletionEntry[] {
    const out: CompletionEntry[] = [];
    for (const t of this.model.adt.topology?.nodeTemplates.values() ?? []) {
      if (t.name === except) continue;
      const type = this.resolve('node', t.type?.name);
      if (fits(t, type)) out.push({ label: t.name, kind: 'node', ...(t.type ? { detail: t.type.name } : {}) });
    }
    return out;
  }

  /** Node templates a requirement may target: of the required node type, or offering the required capability. */
  private requirementTargets(templateName: string, requirement: string): CompletionEntry[] {
    const type = this.resolve('node', this.nodeTemplate(templateName)?.type?.name);
    const def = type?.requirements.find((r) => r.name === requirement);
    const nodeType = def?.nodeType ? this.model.types.find('node', def.nodeType.name)?.name : undefined;
    const capType = def?.capability ? this.model.types.find('capability', def.capability.name)?.name : undefined;
    return this.nodeNames((_, t) => {
      if (!def) return true;
      if (!t) return false;
      if (nodeType && !t.derivesFrom(nodeType)) return false;
      if (capType && ![...t.capabilities.values()].some((c) => c.type && this.resolve('capability', c.type.name)?.derivesFrom(capType))) return false;
      return true;
    }, templateName);
  }

  /** Node templates a policy may target: those whose type derives from one of its type's targets. */
  private policyTargets(policyName: string | undefined): CompletionEntry[] {
    const type = this.resolve('policy', policyName ? this.policy(policyName)?.type?.name : undefined);
    const targets = type?.chain.find((t) => t.def.targets.length > 0)?.def.targets ?? [];
    const names = targets.map((r) => this.model.types.find('node', r.name)?.name).filter((n): n is string => n !== undefined);
    return this.nodeNames((_, t) => names.length === 0 || (t !== undefined && names.some((n) => t.derivesFrom(n))));
  }

  // ---- functions and constants ----

  private functionItems(before: string): CompletionEntry[] | undefined {
    if (/\{\s*get_input\s*:\s*\[?\s*[\w.-]*$/.test(before)) {
      return [...(this.model.adt.topology?.inputs.values() ?? [])].map((i) => ({ label: i.name, kind: 'input', detail: typeName(i), documentation: describeProperty(i, undefined, 'input') }));
    }
    if (/\{\s*get_(property|attribute)\s*:\s*\[\s*[\w.-]*$/.test(before)) {
      return [...['SELF', 'SOURCE', 'TARGET', 'HOST'].map((k) => ({ label: k, kind: 'keyword' as const })), ...this.nodeNames(() => true)];
    }
    const prop = /\{\s*get_(property|attribute)\s*:\s*\[\s*([\w.-]+)\s*,\s*[\w.-]*$/.exec(before);
    if (prop) {
      const entity = prop[2]!;
      const name = entity === 'SELF' ? this.ctx.path[2] : entity;
      const type = this.resolve('node', name ? this.nodeTemplate(name)?.type?.name : undefined);
      if (!type) return [];
      return this.propertyKeys(type, prop[1] === 'property' ? type.properties : new Map([...type.properties, ...type.attributes]), new Set()).map((e) => ({ ...e, insertText: e.label }));
    }
    return undefined;
  }

  /** Inside `{{…}}` in a policy: the policy's constants. */
  private constants(): CompletionEntry[] {
    const p = this.ctx.path;
    const policy = p[1] === 'policies' ? this.policy(p[3]!) : undefined;
    const constants = policy?.properties?.get('constants');
    if (!isMap(constants)) return [];
    return constants.pairs.map((c) => ({ label: c.name, kind: 'constant', detail: valueText(c.value) }));
  }

  // ---- lookups ----

  private resolve(kind: TypeKind, name: string | undefined): ResolvedType | undefined {
    const def = name ? this.model.types.find(kind, name) : undefined;
    return def ? this.model.types.resolve(def) : undefined;
  }

  private nodeTemplate(name: string): NodeTemplate | undefined {
    return this.model.adt.topology?.nodeTemplates.get(name);
  }

  private policy(name: string): PolicyTemplate | undefined {
    return this.model.adt.topology?.policies.find((p) => p.name === name);
  }
}
