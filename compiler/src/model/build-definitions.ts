/**
 * Model phase for type definitions (TOSCA 3.6 and 3.7): properties,
 * requirements, capabilities, interfaces, artifacts and the types themselves.
 * Type definitions are read leniently: unknown keynames are warnings, because
 * MiCADO ignores them.
 */
import type { ObjectPath } from '../diagnostics/diagnostic.js';
import { isNull, type YMap, type YNode } from '../read/yaml-tree.js';
import type { ArtifactDef, CapabilityDef, InterfaceDef, OperationDef, PropertyDef, RequirementDef, TypeDef, TypeKind } from './entities.js';
import { KEYNAMES } from './keynames.js';
import type { ModelReader } from './model-reader.js';
import { checkMetadata } from './header.js';

const STATUSES = ['supported', 'unsupported', 'experimental', 'deprecated'];

/** A map of property (or attribute, or parameter) definitions. */
export function propertyDefs(r: ModelReader, node: YNode | undefined, path: ObjectPath, what: string, kind: 'property' | 'parameter', strict = false): Map<string, PropertyDef> {
  const out = new Map<string, PropertyDef>();
  const map = r.map(node, path, what);
  if (!map) return out;
  for (const pair of map.pairs) {
    const def = propertyDef(r, pair.name, pair.key.span, pair.value, [...path, pair.name], kind, strict);
    if (def) out.set(pair.name, def);
  }
  return out;
}

function propertyDef(r: ModelReader, name: string, nameSpan: PropertyDef['nameSpan'], node: YNode, path: ObjectPath, kind: 'property' | 'parameter', strict: boolean): PropertyDef | undefined {
  const map = r.map(node, path, `The definition of '${name}'`);
  const empty = isNull(node);
  if (!map && !empty) return undefined;
  if (map) r.keys(map, path, kind === 'property' ? 'a property definition' : 'a parameter definition', kind === 'property' ? KEYNAMES.propertyDef : KEYNAMES.parameterDef, strict);
  const status = r.text(map?.get('status'));
  if (status !== undefined && !STATUSES.includes(status)) r.sink.report('ADT2013', map!.get('status')!.span, { value: status }, { path: [...path, 'status'] });
  const requiredNode = map?.get('required');
  return {
    name,
    nameSpan,
    node,
    path,
    type: r.ref(map?.get('type'), [...path, 'type'], 'A property type'),
    description: r.text(map?.get('description')),
    required: r.boolean(requiredNode, [...path, 'required'], "'required'") ?? true,
    requiredNode,
    default: map?.get('default'),
    value: map?.get('value'),
    status,
    constraints: r.constraints(map?.get('constraints'), [...path, 'constraints']),
    entrySchema: r.schema(map?.get('entry_schema'), [...path, 'entry_schema'], strict),
    keySchema: r.schema(map?.get('key_schema'), [...path, 'key_schema'], strict),
    file: r.file,
  };
}

/** A list of single-key requirement definitions (TOSCA 3.7.3); the short form names a capability type. */
function requirementDefs(r: ModelReader, node: YNode | undefined, path: ObjectPath): RequirementDef[] {
  const out: RequirementDef[] = [];
  for (const { name, key, value, path: rp } of r.singleKeyItems(node, path, 'requirements', 'requirement definition')) {
    if (value.kind === 'scalar') {
      out.push({ name, nameSpan: key.span, node: value, path: rp, capability: r.ref(value, rp, 'A capability type'), nodeType: undefined, relationship: undefined, occurrences: undefined });
      continue;
    }
    const def = r.map(value, rp, `Requirement '${name}'`);
    if (!def) continue;
    r.keys(def, rp, 'a requirement definition', KEYNAMES.requirementDef, false);
    const rel = def.get('relationship');
    const relType = rel?.kind === 'map' ? rel.get('type') : rel;
    out.push({
      name,
      nameSpan: key.span,
      node: def,
      path: rp,
      capability: r.ref(def.get('capability'), [...rp, 'capability'], 'A capability type'),
      nodeType: r.ref(def.get('node'), [...rp, 'node'], 'A node type'),
      relationship: r.ref(relType, [...rp, 'relationship'], 'A relationship type'),
      occurrences: r.occurrences(def.get('occurrences'), [...rp, 'occurrences']),
    });
  }
  return out;
}

function capabilityDefs(r: ModelReader, node: YNode | undefined, path: ObjectPath): Map<string, CapabilityDef> {
  const out = new Map<string, CapabilityDef>();
  const map = r.map(node, path, 'capabilities');
  if (!map) return out;
  for (const { name, key, value } of map.pairs) {
    const p = [...path, name];
    if (value.kind === 'scalar') {
      out.set(name, { name, nameSpan: key.span, node: value, path: p, type: r.ref(value, p, 'A capability type'), properties: new Map(), validSourceTypes: [], occurrences: undefined });
      continue;
    }
    const def = r.map(value, p, `Capability '${name}'`);
    if (!def) continue;
    r.keys(def, p, 'a capability definition', KEYNAMES.capabilityDef, false);
    out.set(name, {
      name,
      nameSpan: key.span,
      node: def,
      path: p,
      type: r.ref(def.get('type'), [...p, 'type'], 'A capability type'),
      properties: propertyDefs(r, def.get('properties'), [...p, 'properties'], 'properties', 'property'),
      validSourceTypes: r.refs(def.get('valid_source_types'), [...p, 'valid_source_types'], 'A node type'),
      occurrences: r.occurrences(def.get('occurrences'), [...p, 'occurrences']),
    });
  }
  return out;
}

const INTERFACE_KEYS: ReadonlySet<string> = new Set(['type', 'inputs', 'operations', 'notifications', 'description']);
const INTERFACE_TYPE_KEYS: ReadonlySet<string> = new Set([...INTERFACE_KEYS, 'derived_from', 'version', 'metadata']);

/** Interface definitions or assignments: operations are the keys besides type/inputs (or under `operations`, TOSCA 1.3). */
export function interfaceDefs(r: ModelReader, node: YNode | undefined, path: ObjectPath): Map<string, InterfaceDef> {
  const out = new Map<string, InterfaceDef>();
  const map = r.map(node, path, 'interfaces');
  if (!map) return out;
  for (const { name, key, value } of map.pairs) {
    const p = [...path, name];
    const def = isNull(value) ? undefined : r.map(value, p, `Interface '${name}'`);
    if (!def && !isNull(value)) continue;
    out.set(name, {
      name,
      nameSpan: key.span,
      node: value,
      path: p,
      type: r.ref(def?.get('type'), [...p, 'type'], 'An interface type'),
      inputs: r.map(def?.get('inputs'), [...p, 'inputs'], 'inputs'),
      operations: def ? operations(r, def, p, INTERFACE_KEYS) : new Map(),
      notifications: def ? notifications(r, def, p) : new Map(),
    });
  }
  return out;
}

function operations(r: ModelReader, def: YMap, path: ObjectPath, notOperations: ReadonlySet<string>): Map<string, OperationDef> {
  const out = new Map<string, OperationDef>();
  const add = (map: YMap, p: ObjectPath, skipKeys: boolean) => {
    for (const { name, key, value } of map.pairs) {
      if (skipKeys && notOperations.has(name)) continue;
      const op = [...p, name];
      if (value.kind === 'map') {
        r.keys(value, op, 'an operation', KEYNAMES.operation, false);
        out.set(name, { name, nameSpan: key.span, node: value, path: op, inputs: r.map(value.get('inputs'), [...op, 'inputs'], 'inputs'), implementation: value.get('implementation') });
      } else {
        out.set(name, { name, nameSpan: key.span, node: value, path: op, inputs: undefined, implementation: isNull(value) ? undefined : value });
      }
    }
  };
  add(def, path, true);
  const nested = r.map(def.get('operations'), [...path, 'operations'], 'operations');
  if (nested) add(nested, [...path, 'operations'], false);
  return out;
}

/** `notifications` of an interface (TOSCA 1.3 3.6.18): named like operations, with description, implementation and outputs. */
function notifications(r: ModelReader, def: YMap, path: ObjectPath): Map<string, OperationDef> {
  const out = new Map<string, OperationDef>();
  const map = r.map(def.get('notifications'), [...path, 'notifications'], 'notifications');
  for (const { name, key, value } of map?.pairs ?? []) {
    const p = [...path, 'notifications', name];
    if (value.kind === 'map') r.keys(value, p, 'a notification', KEYNAMES.notification, false);
    const implementation = value.kind === 'map' ? value.get('implementation') : isNull(value) ? undefined : value;
    out.set(name, { name, nameSpan: key.span, node: value, path: p, inputs: undefined, implementation });
  }
  return out;
}

export function artifactDefs(r: ModelReader, node: YNode | undefined, path: ObjectPath, strict: boolean): Map<string, ArtifactDef> {
  const out = new Map<string, ArtifactDef>();
  const map = r.map(node, path, 'artifacts');
  if (!map) return out;
  for (const { name, key, value } of map.pairs) {
    const p = [...path, name];
    if (value.kind === 'scalar') {
      out.set(name, { name, nameSpan: key.span, node: value, path: p, type: undefined, file: value, repository: undefined });
      continue;
    }
    const def = r.map(value, p, `Artifact '${name}'`);
    if (!def) continue;
    r.keys(def, p, 'an artifact definition', KEYNAMES.artifact, strict);
    out.set(name, {
      name,
      nameSpan: key.span,
      node: def,
      path: p,
      type: r.ref(def.get('type'), [...p, 'type'], 'An artifact type'),
      file: def.get('file'),
      repository: r.ref(def.get('repository'), [...p, 'repository'], 'A repository name'),
    });
  }
  return out;
}

const TYPE_KEYNAMES: Record<TypeKind, readonly string[]> = {
  node: KEYNAMES.nodeType,
  capability: KEYNAMES.capabilityType,
  relationship: KEYNAMES.relationshipType,
  interface: KEYNAMES.interfaceType,
  data: KEYNAMES.dataType,
  artifact: KEYNAMES.artifactType,
  policy: KEYNAMES.policyType,
  group: KEYNAMES.groupType,
};

export function typeDef(r: ModelReader, kind: TypeKind, name: string, nameSpan: TypeDef['nameSpan'], node: YNode, path: ObjectPath): TypeDef | undefined {
  const map = isNull(node) ? undefined : r.map(node, path, `Type '${name}'`);
  if (!map && !isNull(node)) return undefined;
  // Interface types list their operations as keys of their own (TOSCA 1.0–1.2), so any key may appear there.
  if (map && kind !== 'interface') r.keys(map, path, `${kind === 'artifact' ? 'an' : 'a'} ${kind} type`, TYPE_KEYNAMES[kind], false);
  const get = (key: string) => map?.get(key);
  checkMetadata(r, get('metadata'), [...path, 'metadata']);
  return {
    kind,
    name,
    nameSpan,
    node,
    path,
    file: r.file,
    derivedFrom: r.ref(get('derived_from'), [...path, 'derived_from'], "'derived_from'"),
    description: r.text(get('description')),
    properties: propertyDefs(r, get('properties'), [...path, 'properties'], 'properties', 'property'),
    attributes: propertyDefs(r, get('attributes'), [...path, 'attributes'], 'attributes', 'property'),
    requirements: requirementDefs(r, get('requirements'), [...path, 'requirements']),
    capabilities: capabilityDefs(r, get('capabilities'), [...path, 'capabilities']),
    interfaces: interfaceDefs(r, get('interfaces'), [...path, 'interfaces']),
    artifacts: artifactDefs(r, get('artifacts'), [...path, 'artifacts'], false),
    operations: kind === 'interface' && map ? operations(r, map, path, INTERFACE_TYPE_KEYS) : new Map(),
    notifications: kind === 'interface' && map ? notifications(r, map, path) : new Map(),
    inputs: kind === 'interface' ? r.map(get('inputs'), [...path, 'inputs'], 'inputs') : undefined,
    validSourceTypes: r.refs(get('valid_source_types'), [...path, 'valid_source_types'], 'A node type'),
    validTargetTypes: r.refs(get('valid_target_types'), [...path, 'valid_target_types'], 'A capability type'),
    targets: r.refs(get('targets'), [...path, 'targets'], 'A target type'),
    members: r.refs(get('members'), [...path, 'members'], 'A member type'),
    constraints: r.constraints(get('constraints'), [...path, 'constraints']),
    entrySchema: r.schema(get('entry_schema'), [...path, 'entry_schema'], false),
  };
}
