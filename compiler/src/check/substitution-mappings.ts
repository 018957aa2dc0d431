/**
 * substitution_mappings (TOSCA 1.3 3.8.13): the topology stands in for a node
 * of `node_type`. Checked: the node type exists; every mapped capability,
 * requirement, property, attribute and interface is one the node type has;
 * a `[node_template, name]` target names a node template of the topology and
 * one of its type's capabilities or requirements; a one-item property mapping
 * names a topology input.
 */
import { didYouMean } from '../diagnostics/did-you-mean.js';
import type { ObjectPath } from '../diagnostics/diagnostic.js';
import { describeKind, scalarText, type YMap, type YNode } from '../read/yaml-tree.js';
import type { ResolvedType } from '../resolve/resolved-type.js';
import type { CheckContext } from './check-context.js';

type Section = 'capabilities' | 'requirements' | 'properties' | 'attributes' | 'interfaces';
const SECTIONS: readonly Section[] = ['capabilities', 'requirements', 'properties', 'attributes', 'interfaces'];
const ITEM: Readonly<Record<Section, string>> = { capabilities: 'capability', requirements: 'requirement', properties: 'property', attributes: 'attribute', interfaces: 'interface' };

export function checkSubstitutionMappings(ctx: CheckContext): void {
  const topology = ctx.adt.topology;
  const node = topology?.node.get('substitution_mappings');
  if (!topology || node?.kind !== 'map') return;
  const path: ObjectPath = [...topology.path, 'substitution_mappings'];
  const typeNode = node.get('node_type');
  const typeName = scalarText(typeNode);
  if (!typeName) {
    ctx.sink.report('ADT4035', node.span, { problem: "has no 'node_type', which names the node type the topology stands in for" }, { path });
    return;
  }
  const found = ctx.types.lookup('node', { name: typeName, span: typeNode!.span }, [...path, 'node_type']);
  if (!found) return;
  for (const section of SECTIONS) {
    const map = node.get(section);
    if (map?.kind === 'map') checkSection(ctx, found, section, map, [...path, section]);
  }
}

function namesOf(type: ResolvedType, section: Section): string[] {
  switch (section) {
    case 'capabilities':
      return [...type.capabilities.keys()];
    case 'requirements':
      return type.requirements.map((r) => r.name);
    case 'properties':
      return [...type.properties.keys()];
    case 'attributes':
      return [...type.attributes.keys(), ...type.properties.keys()];
    case 'interfaces':
      return [...type.interfaces.keys(), 'Standard'];
  }
}

function checkSection(ctx: CheckContext, type: ResolvedType, section: Section, map: YMap, path: ObjectPath): void {
  const own = namesOf(type, section);
  for (const { name, key, value } of map.pairs) {
    const p = [...path, name];
    if (!own.includes(name)) {
      const hint = didYouMean(name, own, own.length ? `It has ${own.join(', ')}.` : `It has no ${section}.`);
      ctx.sink.report('ADT4036', key.span, { type: type.name, item: ITEM[section], name, hint }, { path: p });
      continue;
    }
    checkTarget(ctx, section, name, value, p);
  }
}

/** `[node_template, name]`, or for properties `[input]` or a value; interfaces map operations to workflows (not checked). */
function checkTarget(ctx: CheckContext, section: Section, name: string, value: YNode, path: ObjectPath): void {
  if (section === 'interfaces') return;
  const topology = ctx.adt.topology!;
  if (value.kind !== 'seq') {
    if (section === 'capabilities' || section === 'requirements') {
      ctx.sink.report('ADT4035', value.span, { problem: `maps ${ITEM[section]} '${name}' to ${describeKind(value)}, not to [node_template, ${ITEM[section]}]` }, { path });
    }
    return;
  }
  const [first, second] = value.items;
  const firstName = scalarText(first);
  if (value.items.length === 1 && section === 'properties') {
    if (firstName && !topology.inputs.has(firstName)) {
      const hint = didYouMean(firstName, topology.inputs.keys(), 'Declare it under topology_template.inputs.');
      ctx.sink.report('ADT4018', first!.span, { input: firstName, hint }, { path });
    }
    return;
  }
  if (value.items.length !== 2 || !firstName) {
    ctx.sink.report('ADT4035', value.span, { problem: `maps ${ITEM[section]} '${name}' to a list of ${value.items.length}, not to [node_template, ${ITEM[section]}]` }, { path });
    return;
  }
  const template = topology.nodeTemplates.get(firstName);
  if (!template) {
    const hint = didYouMean(firstName, topology.nodeTemplates.keys(), 'Name a node template defined under node_templates.');
    ctx.sink.report('ADT4008', first!.span, { name: firstName, hint }, { path });
    return;
  }
  const typeDef = template.type ? ctx.types.find('node', template.type.name) : undefined;
  const secondName = scalarText(second);
  if (!typeDef || !secondName) return;
  const targetType = ctx.types.resolve(typeDef);
  const names = namesOf(targetType, section);
  if (names.includes(secondName)) return;
  const hint = didYouMean(secondName, names, names.length ? `It has ${names.join(', ')}.` : `It has no ${section}.`);
  ctx.sink.report('ADT4036', second!.span, { type: targetType.name, item: ITEM[section], name: secondName, hint }, { path });
}
