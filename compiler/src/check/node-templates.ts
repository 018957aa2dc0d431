/**
 * Node templates against their node types (TOSCA 3.8.3): type, properties,
 * requirements (name, target node, node type, capability, relationship,
 * occurrences, required relationship properties), capabilities, interfaces
 * and artifacts. MiCADO's own checks of the same things (micado-reference 3.4)
 * are made exactly, with MiCADO's wording where it has one.
 */
import { didYouMean, suggest } from '../diagnostics/did-you-mean.js';
import type { ObjectPath } from '../diagnostics/diagnostic.js';
import type { NodeTemplate, Ref, RequirementAssignment, RequirementDef } from '../model/entities.js';
import type { ResolvedType } from '../resolve/resolved-type.js';
import type { CheckContext } from './check-context.js';
import { checkProperties } from './properties.js';
import { asFunctionCall } from '../model/functions.js';

export function checkNodeTemplates(ctx: CheckContext): void {
  const topology = ctx.adt.topology;
  if (!topology) return;
  for (const t of topology.nodeTemplates.values()) {
    if (ctx.token.isCancellationRequested) return;
    if (!t.type) continue;
    const type = ctx.types.lookup('node', t.type, [...t.path, 'type']);
    if (!type) continue;
    const entity = `Node template '${t.name}'`;
    checkProperties(ctx, { entity, kind: 'node', typeName: type.name, anchor: t.nameSpan, templateNode: t.node }, t.properties, type.properties, [...t.path, 'properties']);
    checkRequirements(ctx, t, type);
    checkCapabilities(ctx, t, type);
    checkInterfaces(ctx, t, type);
    checkArtifacts(ctx, t);
  }
}

function checkRequirements(ctx: CheckContext, t: NodeTemplate, type: ResolvedType): void {
  const defs = type.requirements;
  const counts = new Map<string, RequirementAssignment[]>();
  for (const req of t.requirements) {
    const def = defs.find((d) => d.name === req.name);
    if (!def) {
      const hint = didYouMean(req.name, defs.map((d) => d.name), defs.length ? `Its requirements are ${defs.map((d) => d.name).join(', ')}.` : 'The type defines no requirements.');
      ctx.sink.report('ADT4007', req.nameSpan, { requirement: req.name, type: type.name, hint }, { path: req.path });
      continue;
    }
    counts.set(req.name, [...(counts.get(req.name) ?? []), req]);
    checkTarget(ctx, t, req, def);
    checkRelationship(ctx, req, def);
  }
  for (const def of defs) {
    const occ = def.occurrences;
    const given = counts.get(def.name) ?? [];
    // Only explicit occurrences are enforced: tosca-parser 2.9.1, which MiCADO runs, does not apply TOSCA's default [1, 1].
    if (occ && given.length > occ.max) {
      const range = `${occ.min} to ${occ.max === Infinity ? 'UNBOUNDED' : occ.max}`;
      ctx.sink.report('ADT4012', given[occ.max]!.nameSpan, { requirement: def.name, count: given.length, type: type.name, range, hint: 'Remove the extra requirements.' }, { path: given[occ.max]!.path });
    }
  }
}

function checkTarget(ctx: CheckContext, t: NodeTemplate, req: RequirementAssignment, def: RequirementDef): void {
  const topology = ctx.adt.topology!;
  if (!req.target) {
    // TOSCA lets the orchestrator find the target of a requirement without one; MiCADO does not.
    if (req.node.kind === 'map' && !def.nodeType && !asFunctionCall(req.node)) ctx.sink.report(ctx.micado === false ? 'ADT4032' : 'ADT4023', req.nameSpan, { requirement: req.name }, { path: req.path });
    return;
  }
  const target = topology.nodeTemplates.get(req.target.name);
  if (!target) {
    // TOSCA allows an abstract requirement on a node type instead of a template.
    if (ctx.types.find('node', req.target.name)) return;
    const names = [...topology.nodeTemplates.keys()].filter((n) => n !== t.name);
    const { hint, fixes } = suggest(req.target.name, names, req.target.span, 'Name a node template defined under node_templates.');
    ctx.sink.report('ADT4008', req.target.span, { name: req.target.name, hint }, { path: req.path, fixes });
    return;
  }
  const targetTypeDef = target.type ? ctx.types.find('node', target.type.name) : undefined;
  if (!targetTypeDef) return;
  const targetType = ctx.types.resolve(targetTypeDef);
  if (def.nodeType && ctx.types.find('node', def.nodeType.name) && !targetType.derivesFrom(ctx.types.find('node', def.nodeType.name)!.name) && !micadoTargetIdiom(req.name, targetType)) {
    ctx.sink.report('ADT4009', req.target.span, { requirement: req.name, expected: def.nodeType.name, target: target.name, actual: targetType.name }, {
      path: req.path,
      related: [{ span: def.nodeType.span, message: `Requirement '${req.name}' is defined here.` }],
    });
    return;
  }
  const capDef = def.capability ? ctx.types.find('capability', def.capability.name) : undefined;
  if (capDef && !micadoTargetIdiom(req.name, targetType)) {
    const offered = [...targetType.capabilities.values()].some((c) => {
      const ct = c.type ? ctx.types.find('capability', c.type.name) : undefined;
      return ct !== undefined && ctx.types.resolve(ct).derivesFrom(capDef.name);
    });
    if (!offered) {
      ctx.sink.report('ADT4010', req.target.span, { requirement: req.name, capability: capDef.name, target: target.name, actual: targetType.name }, {
        path: req.path,
        related: [{ span: def.capability!.span, message: `Requirement '${req.name}' is defined here.` }],
      });
    }
  }
}

/** quirk: micado-requirement-targets */
function micadoTargetIdiom(requirement: string, target: ResolvedType): boolean {
  return (requirement === 'host' && target.derivesFrom('tosca.nodes.MiCADO.Edge')) || (requirement === 'volume' && target.derivesFrom('tosca.nodes.MiCADO.Container.Config'));
}

function checkRelationship(ctx: CheckContext, req: RequirementAssignment, def: RequirementDef): void {
  const rel = req.relationship;
  const relRef = rel?.type;
  let relType: ResolvedType | undefined;
  if (relRef) {
    const template = ctx.adt.topology?.relationshipTemplates.get(relRef.name);
    const typeName = template?.type?.name ?? relRef.name;
    const found = ctx.types.find('relationship', typeName);
    if (!found) {
      if (!template) {
        const names = [...ctx.types.all('relationship')].map((d) => d.name);
        const hint = didYouMean(relRef.name, names, 'Use a relationship type such as tosca.relationships.HostedOn, or define a relationship template.');
        ctx.sink.report('ADT4025', relRef.span, { relationship: relRef.name, hint }, { path: [...req.path, 'relationship'] });
      }
      return;
    }
    relType = ctx.types.resolve(found);
    const expected = def.relationship ? ctx.types.find('relationship', def.relationship.name) : undefined;
    // MiCADO: "[NODE: …] Relationship <…> not supported!" — checked exactly, not as MiCADO's substring test.
    if (expected && !relType.derivesFrom(expected.name)) {
      ctx.sink.report('ADT4011', relRef.span, { relationship: relRef.name, requirement: req.name, expected: expected.name }, { path: [...req.path, 'relationship'] });
    }
    // A relationship template carries its own property values, checked with the template.
    if (template) return;
  } else if (def.relationship) {
    const found = ctx.types.find('relationship', def.relationship.name);
    relType = found ? ctx.types.resolve(found) : undefined;
  }
  if (!relType || !rel) return;
  const entity = `The relationship of requirement '${req.name}'`;
  checkProperties(ctx, { entity, kind: 'relationship', typeName: relType.name, anchor: relRef?.span ?? req.nameSpan, templateNode: rel.node }, rel.properties, relType.properties, [...rel.path, 'properties']);
}

function checkCapabilities(ctx: CheckContext, t: NodeTemplate, type: ResolvedType): void {
  const defs = type.capabilities;
  for (const cap of t.capabilities.values()) {
    const def = defs.get(cap.name);
    if (!def) {
      const hint = didYouMean(cap.name, defs.keys(), defs.size ? `Its capabilities are ${[...defs.keys()].join(', ')}.` : 'The type defines no capabilities.');
      ctx.sink.report('ADT4013', cap.nameSpan, { capability: cap.name, type: type.name, hint }, { path: cap.path });
      continue;
    }
    const capTypeDef = def.type ? ctx.types.find('capability', def.type.name) : undefined;
    const inherited = capTypeDef ? ctx.types.resolve(capTypeDef).properties : new Map();
    const merged = new Map([...inherited, ...def.properties]);
    const entity = `Capability '${cap.name}' of node template '${t.name}'`;
    checkProperties(ctx, { entity, kind: 'capability', typeName: capTypeDef?.name ?? cap.name, anchor: cap.nameSpan, templateNode: cap.node }, cap.properties, merged, [...cap.path, 'properties']);
  }
}

/** Normative interface names tosca-parser accepts on any node (TOSCA 5.8.4, 5.8.5 short names). */
const NORMATIVE_INTERFACES = ['Standard', 'tosca.interfaces.node.lifecycle.Standard', 'Configure', 'tosca.interfaces.relationship.Configure'];

function checkInterfaces(ctx: CheckContext, t: NodeTemplate, type: ResolvedType): void {
  const defs = type.interfaces;
  for (const iface of t.interfaces.values()) {
    const def = defs.get(iface.name);
    if (!def) {
      if (NORMATIVE_INTERFACES.includes(iface.name)) continue;
      const hint = didYouMean(iface.name, defs.keys(), defs.size ? `Its interfaces are ${[...defs.keys()].join(', ')}.` : 'The type defines no interfaces.');
      ctx.sink.report('ADT4014', iface.nameSpan, { interface: iface.name, kind: 'node', type: type.name, hint }, { path: iface.path });
      continue;
    }
    const ifaceTypeDef = def.type ? ctx.types.find('interface', def.type) : undefined;
    const notifications = new Map([...(ifaceTypeDef ? ctx.types.resolve(ifaceTypeDef).notifications : []), ...def.notifications]);
    for (const n of iface.notifications.values()) {
      if (notifications.has(n.name)) continue;
      const hint = didYouMean(n.name, notifications.keys(), notifications.size ? `Its notifications are ${[...notifications.keys()].join(', ')}.` : 'Its interface type defines no notifications.');
      ctx.sink.report('ADT4043', n.nameSpan, { notification: n.name, interface: iface.name, hint }, { path: n.path });
    }
    const known = new Map([...(ifaceTypeDef ? ctx.types.resolve(ifaceTypeDef).operations : []), ...def.operations]);
    if (known.size === 0) continue;
    for (const op of iface.operations.values()) {
      if (known.has(op.name)) continue;
      const hint = didYouMean(op.name, known.keys(), `Its operations are ${[...known.keys()].join(', ')}.`);
      ctx.sink.report('ADT4015', op.nameSpan, { operation: op.name, interface: iface.name, hint }, { path: op.path });
    }
  }
}

function checkArtifacts(ctx: CheckContext, t: NodeTemplate): void {
  for (const a of t.artifacts.values()) {
    if (a.type) ctx.types.lookup('artifact', a.type, [...a.path, 'type']);
  }
}

/**
 * An import names a repository of the ADT's `repositories` section. (Inside node
 * templates, MiCADO's own check covers every `repository` key: check/micado/repositories.ts.)
 */
export function checkRepository(ctx: CheckContext, ref: Ref, path: ObjectPath): void {
  const repositories = ctx.adt.repositories;
  if (repositories.has(ref.name)) return;
  const { hint, fixes } = suggest(ref.name, repositories.keys(), ref.span, repositories.size ? `The ADT defines ${[...repositories.keys()].join(', ')}.` : 'Define it under repositories, with its url.');
  ctx.sink.report('ADT4016', ref.span, { repository: ref.name, hint }, { path, fixes });
}
