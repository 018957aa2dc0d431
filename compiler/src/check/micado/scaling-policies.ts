/**
 * Scaling policies (micado-reference 1.7, 5.5, 6.1, 6.5; spec 7 items 45, 54):
 * - min_instances ≤ max_instances, after `{{CONST}}` substitution;
 * - for container targets both must be whole numbers (the Policy Keeper fails on
 *   anything else at every evaluation, RL208);
 * - every target must be something the Policy Keeper scales: a VM node set or a
 *   container workload;
 * - TOSCA 1.3 occurrences of a target replace the policy's bounds (noted);
 * - a source without a port is ignored by the Policy Keeper.
 */
import type { PolicyTemplate } from '../../model/entities.js';
import type { YNode } from '../../read/yaml-tree.js';
import type { CheckContext } from '../check-context.js';
import { describeValue } from '../describe-value.js';
import { CONFIG, VOLUME, isContainer, isPkNode, nodeType } from './micado-nodes.js';
import { constantValues, policyValues, scalingPolicies, substitute, type PolicyValue } from './scaling-data.js';

/** A bound as the Policy Keeper reads it: a number, 'invalid', or 'unknown' (a function, or a placeholder reported elsewhere). */
type Bound = number | 'invalid' | 'unknown';

export function checkScalingPolicies(ctx: CheckContext): void {
  const constants = constantValues(ctx);
  const tosca13 = ctx.adt.version?.name === 'tosca_simple_yaml_1_3';
  for (const p of scalingPolicies(ctx)) {
    const values = policyValues(ctx, p);
    const services = checkTargets(ctx, p, tosca13, values);
    const min = values.get('min_instances');
    const max = values.get('max_instances');
    const minBound = min ? bound(min.value, constants) : 'unknown';
    const maxBound = max ? bound(max.value, constants) : 'unknown';
    if (services) {
      if (min && minBound === 'invalid') reportNotInteger(ctx, p, 'min_instances', min, constants);
      if (max && maxBound === 'invalid') reportNotInteger(ctx, p, 'max_instances', max, constants);
    }
    if (min && max && typeof minBound === 'number' && typeof maxBound === 'number' && minBound > maxBound) {
      ctx.sink.report('ADT4540', anchor(ctx, p, min), { min: minBound, max: maxBound }, {
        path: [...p.path, 'properties', 'min_instances'],
        related: [{ span: max.value.span, message: `max_instances is ${maxBound} here.` }],
      });
    }
    const sources = values.get('sources');
    if (sources?.value.kind === 'seq' && sources.value.span.uri === ctx.adt.file.uri) checkSources(ctx, p, sources.value.items, constants);
  }
}

/** Checks the targets; true when some target is a service (not a VM node set). */
function checkTargets(ctx: CheckContext, p: PolicyTemplate, tosca13: boolean, values: ReadonlyMap<string, PolicyValue>): boolean {
  const topology = ctx.adt.topology!;
  const written = p.node.kind === 'map' ? p.node.get('targets') : undefined;
  if (written?.kind === 'scalar' && typeof written.value === 'string' && written.value !== '') {
    const name = written.value;
    const fixes = /^[\w.-]+$/.test(name) ? [{ title: `Write it as [ ${name} ]`, edits: [{ span: written.span, newText: `[ ${name} ]` }] }] : [];
    ctx.sink.report('ADT4602', written.span, { name }, { path: [...p.path, 'targets'], fixes });
  }
  let services = false;
  for (const ref of p.targets) {
    const t = topology.nodeTemplates.get(ref.name);
    const type = t ? nodeType(ctx, t) : undefined;
    if (!t || !type) continue;
    // The Policy Keeper's own test (6.1): "compute" in a type name makes a node, anything else a service.
    if (!isPkNode(type)) services = true;
    const storage = type.derivesFrom(VOLUME) ? 'a volume' : type.derivesFrom(CONFIG) ? 'a configuration' : undefined;
    if (storage) {
      ctx.sink.report('ADT4600', ref.span, { policy: p.name, target: t.name, type: type.name, what: storage }, { path: [...p.path, 'targets'] });
    } else if (!isPkNode(type) && !isContainer(type)) {
      ctx.sink.report('ADT4542', ref.span, { policy: p.name, target: t.name, type: type.name }, { path: [...p.path, 'targets'] });
    }
    if (tosca13 && t.occurrences && t.instanceCount === undefined) {
      const occ = t.occurrences;
      const range = `${occ.min} to ${occ.max === Infinity ? 'UNBOUNDED' : occ.max}`;
      const at = values.get('min_instances')?.own ? p.properties!.pair('min_instances')!.key.span : ref.span;
      ctx.sink.report('ADT4543', at, { target: t.name, range }, { path: [...p.path, 'targets'], related: [{ span: occ.span, message: `The occurrences of '${t.name}'.` }] });
    }
  }
  return services;
}

function bound(n: YNode, constants: ReadonlyMap<string, YNode>): Bound {
  if (n.kind !== 'scalar') return 'unknown';
  if (typeof n.value === 'number') return Number.isInteger(n.value) ? n.value : 'invalid';
  if (typeof n.value !== 'string') return n.value === null ? 'unknown' : 'invalid';
  const text = substitute(n.value, constants);
  if (text === undefined) return 'unknown';
  // Python's int() of a string: optional sign and surrounding whitespace, digits only.
  return /^\s*[+-]?\d+\s*$/.test(text) ? Number.parseInt(text, 10) : 'invalid';
}

function reportNotInteger(ctx: CheckContext, p: PolicyTemplate, property: string, v: PolicyValue, constants: ReadonlyMap<string, YNode>): void {
  const raw = v.value.kind === 'scalar' && typeof v.value.value === 'string' ? v.value.value : undefined;
  const substituted = raw === undefined ? undefined : substitute(raw, constants);
  const value = describeValue(v.value) + (substituted !== undefined && substituted !== raw ? `, which becomes '${substituted}'` : '');
  ctx.sink.report('ADT4541', anchor(ctx, p, v), { property, value }, { path: [...p.path, 'properties', property] });
}

/** The value when this ADT writes it, else the policy's name (a default from an imported type). */
function anchor(ctx: CheckContext, p: PolicyTemplate, v: PolicyValue) {
  return v.value.span.uri === ctx.adt.file.uri ? v.value.span : p.nameSpan;
}

function checkSources(ctx: CheckContext, p: PolicyTemplate, items: readonly YNode[], constants: ReadonlyMap<string, YNode>): void {
  items.forEach((item, i) => {
    if (item.kind !== 'scalar' || typeof item.value !== 'string') return;
    const text = substitute(item.value, constants);
    if (text === undefined || text.includes(':')) return;
    ctx.sink.report('ADT4544', item.span, { source: item.value }, { path: [...p.path, 'properties', 'sources', i] });
  });
}
