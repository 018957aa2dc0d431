/**
 * Workload kinds (micado-reference 3.5, 4.3, 4.10; spec 7 item 28): the
 * `kind` in the create inputs of a container's Kubernetes lifecycle (the
 * template's, else its type preset's) must be one MiCADO's translation supports;
 * a raw Kubernetes resource must name its kind; a StatefulSet needs
 * `spec.serviceName`, which MiCADO does not generate.
 */
import { closest } from '../../diagnostics/did-you-mean.js';
import type { NodeTemplate } from '../../model/entities.js';
import type { Span } from '../../source/span.js';
import type { CheckContext } from '../check-context.js';
import { CONFIG, VOLUME, at, isContainer, lastValue, lifecycleOf, nodeType, stringOf, type Lifecycle } from './micado-nodes.js';

/** The kinds MiCADO fills an apiVersion for; any other kind of a container workload fails (4.3). */
const WORKLOAD_KINDS = ['Deployment', 'DaemonSet', 'StatefulSet', 'ReplicaSet', 'Job', 'Pod', 'Service', 'PersistentVolume', 'PersistentVolumeClaim', 'ConfigMap', 'Namespace', 'Ingress'];

export function checkWorkloads(ctx: CheckContext): void {
  const topology = ctx.adt.topology;
  if (!topology) return;
  for (const t of topology.nodeTemplates.values()) {
    const type = nodeType(ctx, t);
    // Only MiCADO's node types (by derivation, spec 7 item 12) reach the Kubernetes translation (4.1).
    if (!type || !type.chain.some((a) => a.name.startsWith('tosca.nodes.MiCADO'))) continue;
    const lifecycle = lifecycleOf(t, type, ['Kubernetes']);
    if (!lifecycle) continue;
    const container = isContainer(type);
    // Configs and volumes get their kinds from MiCADO (4.8, 4.9); everything else is a raw resource (4.10).
    if (!container && (type.derivesFrom(CONFIG) || type.derivesFrom(VOLUME))) continue;
    const kindNode = lastValue(lifecycle.inputs, 'kind');
    const anchor = kindNode && inTemplate(t, kindNode.span) ? kindNode.span : lifecycle.templateKey ?? t.nameSpan;
    if (kindNode === undefined) {
      if (!container) ctx.sink.report('ADT4525', lifecycle.templateKey ?? t.nameSpan, { node: t.name }, { path: t.path });
      continue;
    }
    const kind = stringOf(kindNode);
    if (kind === undefined) continue;
    if (container && !WORKLOAD_KINDS.includes(kind)) {
      const suggestion = closest(kind, WORKLOAD_KINDS);
      const hint = suggestion ? `Did you mean '${suggestion}'?` : 'Use a raw tosca.nodes.MiCADO.Kubernetes node for other kinds.';
      const fixes = suggestion && anchor === kindNode.span ? [{ title: `Change to '${suggestion}'`, edits: [{ span: kindNode.span, newText: suggestion }] }] : [];
      ctx.sink.report('ADT4523', anchor, { node: t.name, kind, allowed: WORKLOAD_KINDS.join(', '), hint }, { path: t.path, fixes });
    }
    if (kind === 'StatefulSet' && !hasServiceName(lifecycle)) ctx.sink.report('ADT4524', anchor, { node: t.name }, { path: t.path });
  }
}

function hasServiceName(lifecycle: Lifecycle): boolean {
  return lifecycle.inputs.some((inputs) => at(inputs, 'spec', 'serviceName') !== undefined);
}

/** Whether a value lies in the template itself rather than in a type preset (only there can it be pointed at and fixed). */
function inTemplate(t: NodeTemplate, span: Span): boolean {
  return span.uri === t.node.span.uri && span.start >= t.node.span.start && span.end <= t.node.span.end;
}
