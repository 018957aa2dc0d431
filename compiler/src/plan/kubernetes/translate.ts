/**
 * The Kubernetes translation (micado-reference 4), in MiCADO's order (4.13):
 * per node in ADT order a workload and its Services, a volume's PV and claim,
 * a ConfigMap or a raw resource; then the monitoring DaemonSets, the network
 * security objects and the Secrets.
 */
import { isEdge, isTrue, isVm, policyIs } from '../../check/micado/micado-nodes.js';
import { policyValues } from '../../check/micado/scaling-data.js';
import type { JsonObject } from '../json.js';
import { deepMerge, isObject, str } from '../json.js';
import type { PlanContext, PlanNode } from '../plan-context.js';
import { plainJson } from '../values.js';
import { createInputs, hasKubernetesLifecycle } from './create-inputs.js';
import { defaultLabels, WORKLOAD_KINDS, type Manifest } from './manifest.js';
import { cAdvisor, nodeExporter } from './monitoring.js';
import { networkSecurity, type NetworkPolicyPlan } from './network-security.js';
import { APP_SECRET, inputsSecret, secretManifest } from './secrets.js';
import { configMapManifest, isConfig, isVolume, volumeManifests } from './volumes.js';
import { affinityOf, isContainerNode, translateWorkload, type WorkloadResult } from './workloads.js';

export interface KubernetesResult {
  readonly manifests: Manifest[];
  readonly workloads: ReadonlyMap<PlanNode, WorkloadResult>;
  readonly monitoring: { readonly nodeMetrics: boolean; readonly containerMetrics: boolean };
  readonly networkPolicies: readonly NetworkPolicyPlan[];
}

export function translateKubernetes(pc: PlanContext, normalise: (name: string) => string): KubernetesResult {
  const manifests: Manifest[] = [];
  const workloads = new Map<PlanNode, WorkloadResult>();
  const add = (object: JsonObject, node: PlanNode) => manifests.push({ object, origin: node.t.name, anchor: node.t.nameSpan, path: node.t.path });
  for (const node of pc.nodes.values()) {
    if (!node.type.chain.some((t) => t.name.startsWith('tosca.nodes.MiCADO')) || isVm(node.type) || isEdge(node.type)) continue;
    if (!hasKubernetesLifecycle(node)) continue;
    if (isContainerNode(node)) {
      const w = translateWorkload(pc, node);
      workloads.set(node, w);
      add(w.workload, node);
      for (const s of w.services) add(s, node);
    } else if (isVolume(node)) {
      for (const m of volumeManifests(pc, node)) add(m, node);
    } else if (isConfig(node)) {
      add(configMapManifest(pc, node), node);
    } else {
      add(rawResource(pc, node), node);
    }
  }

  const monitoring = { nodeMetrics: false, containerMetrics: false };
  for (const p of pc.adt.topology?.policies ?? []) {
    if (!policyIs(pc, p, 'tosca.policies.Monitoring')) continue;
    const values = policyValues(pc, p);
    const on = (k: string) => isTrue(values.get(k)?.value);
    const at = { origin: p.name, anchor: p.nameSpan, path: p.path, shared: true };
    if (on('enable_container_metrics') && !monitoring.containerMetrics) manifests.push({ object: cAdvisor(), ...at });
    if (on('enable_node_metrics') && !monitoring.nodeMetrics) manifests.push({ object: nodeExporter(), ...at });
    monitoring.containerMetrics ||= on('enable_container_metrics');
    monitoring.nodeMetrics ||= on('enable_node_metrics');
  }

  const network = networkSecurity(pc, normalise);
  for (const m of network.manifests) manifests.push({ object: m.object, origin: m.policy.name, anchor: m.policy.nameSpan, path: m.policy.path });

  for (const p of pc.adt.topology?.policies ?? []) {
    if (!policyIs(pc, p, 'tosca.policies.Security.MiCADO.Secret')) continue;
    const secrets = policyValues(pc, p).get('text_secrets')?.value;
    if (secrets?.kind !== 'map' || secrets.pairs.length === 0) continue;
    const data: Record<string, string> = {};
    for (const pair of secrets.pairs) {
      const v = plainJson(pair.value);
      data[pair.name] = typeof v === 'string' ? v : JSON.stringify(v);
    }
    manifests.push({ object: secretManifest(pc, APP_SECRET, 'default', data), origin: p.name, anchor: p.nameSpan, path: p.path });
  }
  const inputs = inputsSecret(pc);
  if (inputs) {
    const anchor = pc.adt.root?.pair('topology_template')?.key.span ?? { uri: pc.adt.file.uri, start: 0, end: 0 };
    manifests.push({ object: inputs, origin: 'inputs', anchor, path: ['topology_template', 'inputs'] });
  }
  return { manifests, workloads, monitoring, networkPolicies: network.policies };
}

/** A raw resource (4.10): the create inputs with a default name and labels, affinity for workload kinds, env values as strings. */
function rawResource(pc: PlanContext, node: PlanNode): JsonObject {
  const inputs = createInputs(pc, node);
  const meta = isObject(inputs['metadata']) ? inputs['metadata'] : {};
  const name = str(meta['name']) ?? node.name;
  const labels = { ...defaultLabels(name, pc.appId), ...(isObject(meta['labels']) ? meta['labels'] : {}) };
  const out: JsonObject = { ...inputs, metadata: { ...meta, name, labels } };
  const kind = str(inputs['kind']);
  const affinity = affinityOf(pc, node);
  if (kind && WORKLOAD_KINDS.includes(kind) && kind !== 'Pod' && affinity && isObject(out['spec'])) {
    out['spec'] = deepMerge(out['spec'], { template: { spec: { affinity } } });
  }
  return out;
}
