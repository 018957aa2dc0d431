/**
 * Every name in one ADT that defines or refers to something: types, node
 * templates, inputs, repositories and properties, each with the span written
 * and, when it resolves, the span of its definition (in any file, bundled
 * profiles included). Navigation, hover, rename and highlight all read this
 * one index, so they agree on what a name means.
 */
import type { AnalysedModel } from '../pipeline.js';
import { asFunctionCall } from '../model/functions.js';
import type { NodeTemplate, PropertyDef, Ref, TypeDef, TypeKind } from '../model/entities.js';
import { isMap, isScalar, isSeq, scalarText, type YMap, type YNode } from '../read/yaml-tree.js';
import type { ResolvedType } from '../resolve/resolved-type.js';
import type { Span } from '../source/span.js';
import { ruleOccurrences } from './rule-occurrences.js';
import type { RuleInput, RuleView } from './rules.js';

export type OccurrenceKind = 'type' | 'node' | 'input' | 'repository' | 'property' | 'constant' | 'query' | 'alert' | 'rule-variable';

export interface Occurrence {
  readonly kind: OccurrenceKind;
  readonly name: string;
  readonly span: Span;
  readonly role: 'definition' | 'reference';
  /** Where the name is defined, when it resolves. */
  readonly target: Span | undefined;
  /** Same key, same symbol: across files for types, within the file for the rest. */
  readonly key: string;
  readonly typeKind?: TypeKind;
  readonly typeDef?: TypeDef;
  readonly propertyDef?: PropertyDef;
  readonly propertyOwner?: string;
  readonly nodeTemplate?: NodeTemplate;
  readonly input?: PropertyDef;
  /** For constants, queries and alerts: the definition that wins (the last one, as MiCADO merges them). */
  readonly ruleInput?: RuleInput;
  /** For names written in a rule: that rule. */
  readonly rule?: RuleView;
}

const memo = new WeakMap<AnalysedModel, readonly Occurrence[]>();

/** The occurrences in the entry file of an analysed model, in file order. */
export function occurrences(model: AnalysedModel): readonly Occurrence[] {
  let list = memo.get(model);
  if (!list) memo.set(model, (list = collect(model)));
  return list;
}

export function occurrenceAt(model: AnalysedModel, offset: number): Occurrence | undefined {
  let best: Occurrence | undefined;
  for (const o of occurrences(model)) {
    if (offset >= o.span.start && offset <= o.span.end && (!best || o.span.end - o.span.start < best.span.end - best.span.start)) best = o;
  }
  return best;
}

function spanKey(kind: OccurrenceKind, s: Span): string {
  return `${kind}:${s.uri}:${s.start}`;
}

function collect(model: AnalysedModel): Occurrence[] {
  const { adt, types } = model;
  const uri = adt.file.uri;
  const out: Occurrence[] = [];
  const add = (o: Occurrence) => {
    if (o.span.uri === uri) out.push(o);
  };

  const typeRef = (kinds: readonly TypeKind[], ref: Ref | undefined) => {
    if (!ref) return;
    for (const kind of kinds) {
      const def = types.find(kind, ref.name);
      if (def) {
        add({ kind: 'type', name: def.name, span: ref.span, role: 'reference', target: def.nameSpan, key: spanKey('type', def.nameSpan), typeKind: kind, typeDef: def });
        return;
      }
    }
    add({ kind: 'type', name: ref.name, span: ref.span, role: 'reference', target: undefined, key: `type:?:${ref.name}`, typeKind: kinds[0]! });
  };
  const propertyDefs = (defs: ReadonlyMap<string, PropertyDef>, owner: string) => {
    for (const p of defs.values()) {
      add({ kind: 'property', name: p.name, span: p.nameSpan, role: 'definition', target: p.nameSpan, key: spanKey('property', p.nameSpan), propertyDef: p, propertyOwner: owner });
      typeRef(['data'], p.type);
      typeRef(['data'], p.entrySchema?.type);
    }
  };

  // Type definitions and every type they name.
  for (const [kind, defs] of adt.types) {
    for (const def of defs.values()) {
      add({ kind: 'type', name: def.name, span: def.nameSpan, role: 'definition', target: def.nameSpan, key: spanKey('type', def.nameSpan), typeKind: kind, typeDef: def });
      typeRef([kind], def.derivedFrom);
      propertyDefs(def.properties, def.name);
      propertyDefs(def.attributes, def.name);
      for (const r of def.requirements) {
        typeRef(['capability'], r.capability);
        typeRef(['node'], r.nodeType);
        typeRef(['relationship'], r.relationship);
      }
      for (const c of def.capabilities.values()) {
        typeRef(['capability'], c.type);
        propertyDefs(c.properties, def.name);
        for (const v of c.validSourceTypes) typeRef(['node'], v);
      }
      for (const i of def.interfaces.values()) typeRef(['interface'], i.type);
      for (const a of def.artifacts.values()) typeRef(['artifact'], a.type);
      for (const v of def.validSourceTypes) typeRef(['node'], v);
      for (const v of def.validTargetTypes) typeRef(['capability'], v);
      for (const t of def.targets) typeRef(['node', 'group'], t);
      for (const m of def.members) typeRef(['node'], m);
    }
  }

  // Repositories and imports.
  for (const r of adt.repositories.values()) add({ kind: 'repository', name: r.name, span: r.nameSpan, role: 'definition', target: r.nameSpan, key: `repository:${r.name}` });
  const repoRef = (ref: Ref | undefined) => {
    if (!ref) return;
    const def = adt.repositories.get(ref.name);
    add({ kind: 'repository', name: ref.name, span: ref.span, role: 'reference', target: def?.nameSpan, key: `repository:${ref.name}` });
  };
  for (const i of adt.imports) repoRef(i.repository);

  const topo = adt.topology;
  if (!topo) return sortByStart(out);
  out.push(...ruleOccurrences(model));
  const nodeKey = (name: string) => `node:${name}`;
  const inputKey = (name: string) => `input:${name}`;
  const nodeRef = (ref: Ref | undefined): boolean => {
    if (!ref) return false;
    const t = topo.nodeTemplates.get(ref.name);
    if (!t) return false;
    add({ kind: 'node', name: ref.name, span: ref.span, role: 'reference', target: t.nameSpan, key: nodeKey(ref.name), nodeTemplate: t });
    return true;
  };

  for (const input of topo.inputs.values()) {
    add({ kind: 'input', name: input.name, span: input.nameSpan, role: 'definition', target: input.nameSpan, key: inputKey(input.name), input });
    typeRef(['data'], input.type);
  }
  for (const output of topo.outputs.values()) walkFunctions(output.value, undefined);

  const assignedProperties = (map: YMap | undefined, type: ResolvedType | undefined) => {
    if (!map || !type) return;
    for (const pair of map.pairs) {
      const def = type.properties.get(pair.name);
      if (def) add({ kind: 'property', name: pair.name, span: pair.key.span, role: 'reference', target: def.nameSpan, key: spanKey('property', def.nameSpan), propertyDef: def, propertyOwner: ownerOf(type, pair.name) });
    }
  };
  const resolveType = (kind: TypeKind, ref: Ref | undefined): ResolvedType | undefined => {
    const def = ref ? types.find(kind, ref.name) : undefined;
    return def ? types.resolve(def) : undefined;
  };

  for (const t of topo.nodeTemplates.values()) {
    add({ kind: 'node', name: t.name, span: t.nameSpan, role: 'definition', target: t.nameSpan, key: nodeKey(t.name), nodeTemplate: t });
    typeRef(['node'], t.type);
    const type = resolveType('node', t.type);
    assignedProperties(t.properties, type);
    for (const r of t.requirements) {
      if (!nodeRef(r.target)) typeRef(['node'], r.target);
      if (r.relationship && !topo.relationshipTemplates.has(r.relationship.type?.name ?? '')) typeRef(['relationship'], r.relationship.type);
    }
    for (const a of t.artifacts.values()) {
      typeRef(['artifact'], a.type);
      repoRef(a.repository);
    }
    walkFunctions(t.node, t);
  }
  for (const r of topo.relationshipTemplates.values()) typeRef(['relationship'], r.type);
  for (const p of topo.policies) {
    typeRef(['policy'], p.type);
    for (const target of p.targets) nodeRef(target);
    assignedProperties(p.properties, resolveType('policy', p.type));
    walkFunctions(p.properties, undefined);
  }
  for (const g of topo.groups.values()) {
    typeRef(['group'], g.type);
    for (const m of g.members) nodeRef(m);
  }
  return sortByStart(out);

  /** get_input, get_property and get_attribute arguments inside a value. */
  function walkFunctions(n: YNode | undefined, self: NodeTemplate | undefined): void {
    if (!n || !topo) return;
    if (isSeq(n)) {
      for (const item of n.items) walkFunctions(item, self);
      return;
    }
    if (!isMap(n)) return;
    const call = asFunctionCall(n);
    if (call?.name === 'get_input' && isScalar(call.args)) {
      const name = scalarText(call.args);
      if (name !== undefined) {
        const def = topo.inputs.get(name);
        add({ kind: 'input', name, span: call.args.span, role: 'reference', target: def?.nameSpan, key: inputKey(name), ...(def ? { input: def } : {}) });
      }
      return;
    }
    if ((call?.name === 'get_property' || call?.name === 'get_attribute') && isSeq(call.args)) {
      const [entity, prop] = call.args.items;
      const entityName = scalarText(entity);
      let owner: NodeTemplate | undefined = entityName === 'SELF' ? self : undefined;
      if (entity && entityName && topo.nodeTemplates.has(entityName)) {
        owner = topo.nodeTemplates.get(entityName);
        nodeRef({ name: entityName, span: entity.span });
      }
      const propName = scalarText(prop);
      const type = owner ? resolveType('node', owner.type) : undefined;
      const def = propName && call.name === 'get_property' ? type?.properties.get(propName) : undefined;
      if (prop && propName && def && type) add({ kind: 'property', name: propName, span: prop.span, role: 'reference', target: def.nameSpan, key: spanKey('property', def.nameSpan), propertyDef: def, propertyOwner: ownerOf(type, propName) });
      return;
    }
    for (const pair of n.pairs) walkFunctions(pair.value, self);
  }
}

/** The name of the most derived type in the chain that declares the property. */
export function ownerOf(type: ResolvedType, property: string): string {
  return type.chain.find((t) => t.def.properties.has(property) || t.def.attributes.has(property))?.name ?? type.name;
}

function sortByStart(list: Occurrence[]): Occurrence[] {
  return list.sort((a, b) => a.span.start - b.span.start);
}
