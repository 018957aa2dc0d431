/**
 * Model phase for the topology template (TOSCA 3.9): inputs, node templates,
 * relationship templates, groups, policies and outputs. Templates are read
 * strictly: MiCADO (tosca-parser) rejects unknown keynames in them.
 */
import type { ObjectPath } from '../diagnostics/diagnostic.js';
import { isNull, type YMap, type YNode } from '../read/yaml-tree.js';
import type { CapabilityAssignment, GroupTemplate, NodeTemplate, PolicyTemplate, RelationshipAssignment, RelationshipTemplate, RequirementAssignment, TopologyTemplate } from './entities.js';
import { artifactDefs, interfaceDefs, propertyDefs } from './build-definitions.js';
import { KEYNAMES } from './keynames.js';
import { asFunctionCall } from './functions.js';
import { withCopy } from './copy.js';
import { checkMetadata } from './header.js';
import type { ModelReader } from './model-reader.js';

export function topologyTemplate(r: ModelReader, node: YNode | undefined, path: ObjectPath): TopologyTemplate | undefined {
  const map = r.map(node, path, 'topology_template');
  if (!map) return undefined;
  r.keys(map, path, 'the topology_template', KEYNAMES.topologyTemplate, true);
  const nodeTemplatesNode = r.map(map.get('node_templates'), [...path, 'node_templates'], 'node_templates');
  return {
    node: map,
    path,
    inputs: propertyDefs(r, map.get('inputs'), [...path, 'inputs'], 'inputs', 'parameter', true),
    nodeTemplates: nodeTemplates(r, nodeTemplatesNode, [...path, 'node_templates']),
    nodeTemplatesNode,
    relationshipTemplates: relationshipTemplates(r, map.get('relationship_templates'), [...path, 'relationship_templates']),
    policies: policies(r, map.get('policies'), [...path, 'policies']),
    groups: groups(r, map.get('groups'), [...path, 'groups']),
    outputs: propertyDefs(r, map.get('outputs'), [...path, 'outputs'], 'outputs', 'parameter', true),
  };
}

function nodeTemplates(r: ModelReader, map: YMap | undefined, path: ObjectPath): Map<string, NodeTemplate> {
  const out = new Map<string, NodeTemplate>();
  if (!map) return out;
  for (const { name, key, value } of map.pairs) {
    const p = [...path, name];
    const written = r.map(value, p, `Node template '${name}'`);
    if (!written) {
      if (isNull(value)) r.sink.report('ADT2004', key.span, { entity: `Node template '${name}'`, key: 'type' }, { path: p });
      continue;
    }
    r.keys(written, p, 'a node template', r.tosca13 ? [...KEYNAMES.nodeTemplate, 'occurrences', 'instance_count'] : KEYNAMES.nodeTemplate, true);
    const t = withCopy(r, written, map, p, 'node template');
    // A template whose copy failed was reported there.
    if (!t.has('type') && !written.has('copy')) r.sink.report('ADT2004', key.span, { entity: `Node template '${name}'`, key: 'type' }, { path: p });
    const metadata = r.map(t.get('metadata'), [...p, 'metadata'], 'metadata');
    // quirk: tosca-1.3-instances — MiCADO reads occurrences and instance_count from a node template's metadata.
    checkMetadata(r, metadata, [...p, 'metadata'], false, r.tosca13 ? ['occurrences', 'instance_count'] : []);
    out.set(name, {
      name,
      nameSpan: key.span,
      node: t,
      path: p,
      type: r.ref(t.get('type'), [...p, 'type'], 'The node type'),
      description: r.text(t.get('description')),
      properties: r.map(t.get('properties'), [...p, 'properties'], 'properties'),
      attributes: r.map(t.get('attributes'), [...p, 'attributes'], 'attributes'),
      requirements: requirementAssignments(r, t.get('requirements'), [...p, 'requirements']),
      capabilities: capabilityAssignments(r, t.get('capabilities'), [...p, 'capabilities']),
      interfaces: interfaceDefs(r, t.get('interfaces'), [...p, 'interfaces']),
      artifacts: artifactDefs(r, t.get('artifacts'), [...p, 'artifacts'], true),
      occurrences: r.occurrences(metadata?.get('occurrences') ?? t.get('occurrences'), [...p, 'occurrences']),
      instanceCount: metadata?.get('instance_count') ?? t.get('instance_count'),
    });
  }
  return out;
}

function requirementAssignments(r: ModelReader, node: YNode | undefined, path: ObjectPath): RequirementAssignment[] {
  const out: RequirementAssignment[] = [];
  for (const { name, key, value, index, path: rp } of r.singleKeyItems(node, path, 'requirements', 'requirement')) {
    if (value.kind === 'scalar') {
      out.push({ name, nameSpan: key.span, node: value, path: rp, index, target: r.ref(value, rp, 'A requirement target'), capability: undefined, relationship: undefined, occurrences: undefined });
      continue;
    }
    if (r.tosca13 && asFunctionCall(value)?.name === 'get_input') {
      // quirk: tosca-1.3-instances — micado-parser fills the target in before tosca-parser sees it.
      out.push({ name, nameSpan: key.span, node: value, path: rp, index, target: undefined, capability: undefined, relationship: undefined, occurrences: undefined });
      continue;
    }
    const def = r.map(value, rp, `Requirement '${name}'`);
    if (!def) continue;
    r.keys(def, rp, 'a requirement assignment', KEYNAMES.requirementAssignment, true);
    out.push({
      name,
      nameSpan: key.span,
      node: def,
      path: rp,
      index,
      target: r.ref(def.get('node'), [...rp, 'node'], 'A requirement target'),
      capability: r.ref(def.get('capability'), [...rp, 'capability'], 'A capability'),
      relationship: relationshipAssignment(r, def.get('relationship'), [...rp, 'relationship']),
      occurrences: r.occurrences(def.get('occurrences'), [...rp, 'occurrences']),
    });
  }
  return out;
}

function relationshipAssignment(r: ModelReader, node: YNode | undefined, path: ObjectPath): RelationshipAssignment | undefined {
  if (node === undefined || isNull(node)) return undefined;
  if (node.kind === 'scalar') return { type: r.ref(node, path, 'A relationship'), properties: undefined, interfaces: new Map(), node, path };
  const map = r.map(node, path, 'A relationship');
  if (!map) return undefined;
  r.keys(map, path, 'a relationship assignment', KEYNAMES.relationshipAssignment, true);
  return {
    type: r.ref(map.get('type'), [...path, 'type'], 'A relationship type'),
    properties: r.map(map.get('properties'), [...path, 'properties'], 'properties'),
    interfaces: interfaceDefs(r, map.get('interfaces'), [...path, 'interfaces']),
    node: map,
    path,
  };
}

function capabilityAssignments(r: ModelReader, node: YNode | undefined, path: ObjectPath): Map<string, CapabilityAssignment> {
  const out = new Map<string, CapabilityAssignment>();
  const map = r.map(node, path, 'capabilities');
  if (!map) return out;
  for (const { name, key, value } of map.pairs) {
    const p = [...path, name];
    const c = r.map(value, p, `Capability '${name}'`);
    if (c) r.keys(c, p, 'a capability assignment', KEYNAMES.capabilityAssignment, true);
    out.set(name, {
      name,
      nameSpan: key.span,
      node: value,
      path: p,
      properties: r.map(c?.get('properties'), [...p, 'properties'], 'properties'),
      attributes: r.map(c?.get('attributes'), [...p, 'attributes'], 'attributes'),
    });
  }
  return out;
}

function relationshipTemplates(r: ModelReader, node: YNode | undefined, path: ObjectPath): Map<string, RelationshipTemplate> {
  const out = new Map<string, RelationshipTemplate>();
  const map = r.map(node, path, 'relationship_templates');
  if (!map) return out;
  for (const { name, key, value } of map.pairs) {
    const p = [...path, name];
    const written = r.map(value, p, `Relationship template '${name}'`);
    if (!written) continue;
    r.keys(written, p, 'a relationship template', KEYNAMES.relationshipTemplate, true);
    const t = withCopy(r, written, map, p, 'relationship template');
    out.set(name, {
      name,
      nameSpan: key.span,
      node: t,
      path: p,
      type: r.ref(t.get('type'), [...p, 'type'], 'The relationship type'),
      properties: r.map(t.get('properties'), [...p, 'properties'], 'properties'),
      interfaces: interfaceDefs(r, t.get('interfaces'), [...p, 'interfaces']),
    });
  }
  return out;
}

/** `policies` is a list of single-key mappings `- name: {type, targets, properties}` (TOSCA 3.9). */
function policies(r: ModelReader, node: YNode | undefined, path: ObjectPath): PolicyTemplate[] {
  const out: PolicyTemplate[] = [];
  for (const { name, key, value, index, path: pp } of r.singleKeyItems(node, path, 'policies', 'policy')) {
    const def = r.map(value, pp, `Policy '${name}'`);
    if (!def) {
      if (isNull(value)) r.sink.report('ADT2004', key.span, { entity: `Policy '${name}'`, key: 'type' }, { path: pp });
      continue;
    }
    r.keys(def, pp, 'a policy', KEYNAMES.policyTemplate, true);
    if (!def.has('type')) r.sink.report('ADT2004', key.span, { entity: `Policy '${name}'`, key: 'type' }, { path: pp });
    out.push({
      name,
      nameSpan: key.span,
      node: def,
      path: pp,
      index,
      type: r.ref(def.get('type'), [...pp, 'type'], 'The policy type'),
      description: r.text(def.get('description')),
      targets: r.refs(def.get('targets'), [...pp, 'targets'], 'A policy target'),
      properties: r.map(def.get('properties'), [...pp, 'properties'], 'properties'),
    });
  }
  return out;
}

function groups(r: ModelReader, node: YNode | undefined, path: ObjectPath): Map<string, GroupTemplate> {
  const out = new Map<string, GroupTemplate>();
  const map = r.map(node, path, 'groups');
  if (!map) return out;
  for (const { name, key, value } of map.pairs) {
    const p = [...path, name];
    const g = r.map(value, p, `Group '${name}'`);
    if (!g) continue;
    r.keys(g, p, 'a group', KEYNAMES.groupTemplate, true);
    out.set(name, {
      name,
      nameSpan: key.span,
      node: g,
      path: p,
      type: r.ref(g.get('type'), [...p, 'type'], 'The group type'),
      members: r.refs(g.get('members'), [...p, 'members'], 'A group member'),
      properties: r.map(g.get('properties'), [...p, 'properties'], 'properties'),
    });
  }
  return out;
}
