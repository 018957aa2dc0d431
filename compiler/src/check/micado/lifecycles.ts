/**
 * Deployment lifecycles (micado-reference 4.1, 4.6, 5.1; spec 7 items 12, 13,
 * 15, 16, 17, 34). MiCADO deploys a container only through a Kubernetes
 * lifecycle and provisions a VM only through an Occopus or Terraform one; a
 * node without it is skipped silently. adtc looks for the lifecycle through the
 * whole type ancestry (MiCADO looks at the direct type only) and warns:
 * - a container or VM node that nothing deploys, unless it is a sidecar (the
 *   target of another container's requirement; `service` no longer makes one,
 *   item 14) or an init container (derived types count too, item 16);
 * - a sidecar that has its own lifecycle, which MiCADO deploys twice;
 * - Kubernetes operations other than `create`, which MiCADO ignores.
 */
import type { NodeTemplate, RequirementAssignment } from '../../model/entities.js';
import type { CheckContext } from '../check-context.js';
import { INIT, isContainer, isVm, lifecycleOf, nodeType } from './micado-nodes.js';

export function checkLifecycles(ctx: CheckContext): void {
  const topology = ctx.adt.topology;
  if (!topology) return;
  const sidecarOf = sidecars(ctx);
  for (const t of topology.nodeTemplates.values()) {
    const type = nodeType(ctx, t);
    if (!type) continue;
    checkIgnoredOperations(ctx, t);
    if (isContainer(type)) {
      const lifecycle = lifecycleOf(t, type, ['Kubernetes']);
      const owner = sidecarOf.get(t);
      if (owner && lifecycle) {
        ctx.sink.report('ADT4521', lifecycle.templateKey ?? t.nameSpan, { node: t.name, owner: owner.owner.name }, {
          path: t.path,
          related: [{ span: owner.requirement.target!.span, message: `'${owner.owner.name}' takes '${t.name}' into its pod here.` }],
        });
      }
      if (!lifecycle && !owner && !type.derivesFrom(INIT)) {
        ctx.sink.report('ADT4520', t.nameSpan, { what: 'Container', node: t.name, backends: 'Kubernetes', unless: ", and it is no other container's sidecar", deploy: 'deploy', example: 'tosca.nodes.MiCADO.Container.Application.Docker.Deployment' }, { path: t.path });
      }
    } else if (isVm(type) && !lifecycleOf(t, type, ['Occopus', 'Terraform'])) {
      ctx.sink.report('ADT4520', t.nameSpan, { what: 'Virtual machine node set', node: t.name, backends: 'Occopus or Terraform', unless: '', deploy: 'provision', example: 'tosca.nodes.MiCADO.EC2.Compute.Terra' }, { path: t.path });
    }
  }
}

interface SidecarUse {
  readonly owner: NodeTemplate;
  readonly requirement: RequirementAssignment;
}

/** Every container that another container's requirement takes into its pod, with the first such requirement. */
function sidecars(ctx: CheckContext): Map<NodeTemplate, SidecarUse> {
  const topology = ctx.adt.topology!;
  const out = new Map<NodeTemplate, SidecarUse>();
  for (const owner of topology.nodeTemplates.values()) {
    if (!isContainerNode(ctx, owner)) continue;
    for (const requirement of owner.requirements) {
      if (requirement.name === 'service' || !requirement.target) continue;
      const target = topology.nodeTemplates.get(requirement.target.name);
      if (!target || target === owner || out.has(target)) continue;
      if (isContainerNode(ctx, target)) out.set(target, { owner, requirement });
    }
  }
  return out;
}

function isContainerNode(ctx: CheckContext, t: NodeTemplate): boolean {
  const type = nodeType(ctx, t);
  return type !== undefined && isContainer(type);
}

function checkIgnoredOperations(ctx: CheckContext, t: NodeTemplate): void {
  for (const iface of t.interfaces.values()) {
    if (!iface.name.includes('Kubernetes')) continue;
    for (const op of iface.operations.values()) {
      if (op.name !== 'create') ctx.sink.report('ADT4522', op.nameSpan, { interface: iface.name, operation: op.name }, { path: op.path });
    }
  }
}
