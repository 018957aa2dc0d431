/**
 * Policies against their policy types (TOSCA 3.8.6): the type, the targets
 * (node templates or groups that exist, of a type the policy type allows), and
 * the properties, with defaults from the whole type hierarchy, inline
 * `policy_types` included (the demo ADTs keep scaling_rule and alerts there).
 */
import { suggest } from '../diagnostics/did-you-mean.js';
import type { CheckContext } from './check-context.js';
import { checkProperties } from './properties.js';

export function checkPolicies(ctx: CheckContext): void {
  const topology = ctx.adt.topology;
  if (!topology) return;
  for (const policy of topology.policies) {
    if (ctx.token.isCancellationRequested) return;
    for (const target of policy.targets) {
      if (topology.nodeTemplates.has(target.name) || topology.groups.has(target.name)) continue;
      const names = [...topology.nodeTemplates.keys(), ...topology.groups.keys()];
      const { hint, fixes } = suggest(target.name, names, target.span, 'Name a node template or a group of this ADT.');
      ctx.sink.report('ADT4008', target.span, { name: target.name, hint }, { path: [...policy.path, 'targets'], fixes });
    }
    if (!policy.type) continue;
    const type = ctx.types.lookup('policy', policy.type, [...policy.path, 'type']);
    if (!type) continue;
    const allowed = type.chain.find((t) => t.def.targets.length > 0)?.def.targets ?? [];
    if (allowed.length > 0) {
      for (const target of policy.targets) {
        const node = topology.nodeTemplates.get(target.name);
        const nodeType = node?.type ? ctx.types.find('node', node.type.name) : undefined;
        if (!nodeType) continue;
        const resolved = ctx.types.resolve(nodeType);
        const fits = allowed.some((a) => resolved.derivesFrom(ctx.types.find('node', a.name)?.name ?? a.name) || ctx.types.find('group', a.name) !== undefined);
        if (!fits) {
          ctx.sink.report('ADT4017', target.span, { type: type.name, target: target.name, actual: resolved.name, allowed: allowed.map((a) => `'${a.name}'`).join(' or ') }, { path: [...policy.path, 'targets'] });
        }
      }
    }
    checkProperties(ctx, { entity: `Policy '${policy.name}'`, kind: 'policy', typeName: type.name, anchor: policy.nameSpan, templateNode: policy.node }, policy.properties, type.properties, [...policy.path, 'properties']);
  }
}
