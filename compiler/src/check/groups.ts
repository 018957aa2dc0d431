/** Groups (TOSCA 3.8.5): the type and that every member is a node template. */
import { didYouMean } from '../diagnostics/did-you-mean.js';
import type { CheckContext } from './check-context.js';
import { checkProperties } from './properties.js';

export function checkGroups(ctx: CheckContext): void {
  const topology = ctx.adt.topology;
  if (!topology) return;
  for (const group of topology.groups.values()) {
    for (const m of group.members) {
      if (topology.nodeTemplates.has(m.name)) continue;
      const hint = didYouMean(m.name, topology.nodeTemplates.keys(), 'Name a node template of this ADT.');
      ctx.sink.report('ADT4021', m.span, { member: m.name, group: group.name, hint }, { path: [...group.path, 'members'] });
    }
    if (!group.type) continue;
    const type = ctx.types.lookup('group', group.type, [...group.path, 'type']);
    if (type) checkProperties(ctx, { entity: `Group '${group.name}'`, kind: 'group', typeName: type.name, anchor: group.nameSpan, templateNode: group.node }, group.properties, type.properties, [...group.path, 'properties']);
  }
}
