/**
 * A container or pod node to its workload and Services (micado-reference 4.3,
 * 4.6): the main container first, then its sidecars in requirement order,
 * init containers apart; pod labels, node affinity to the VM node sets it is
 * hosted on, the type's presets and the user's `create.inputs`. Fixed (spec 7):
 * `kind: Pod` is a proper Pod that keeps its name (item 18); a `service:`
 * requirement no longer makes a sidecar (item 14); init containers include
 * types derived from Docker.Init (item 16).
 */
import { CONTAINER, isEdge, isVm } from '../../check/micado/micado-nodes.js';
import type { JsonObject } from '../json.js';
import { deepMerge, isObject, str } from '../json.js';
import type { PlanContext, PlanNode } from '../plan-context.js';
import { containerOf } from './containers.js';
import { createInputs } from './create-inputs.js';
import { API_VERSIONS, defaultLabels, versionLabel } from './manifest.js';
import { serviceManifest, splitPorts, type ServiceDraft } from './ports.js';
import { mountsOf } from './volumes.js';

const POD_TYPES = /^tosca\.nodes\.MiCADO\.(Container\.Application\.Pod|Container\.Pod\.Kubernetes)\b/;

export interface WorkloadResult {
  readonly workload: JsonObject;
  readonly services: JsonObject[];
  /** Kind, name and namespace, for scaling policies. */
  readonly ref: { readonly kind: string; readonly name: string; readonly namespace: string };
  /** Node sets the pods are placed on. */
  readonly hosts: readonly string[];
}

export function isPodNode(node: PlanNode): boolean {
  return node.type.chain.some((t) => POD_TYPES.test(t.name));
}

export function isContainerNode(node: PlanNode): boolean {
  return node.type.derivesFrom(CONTAINER) || isPodNode(node);
}

/** Sidecars: container nodes this node requires (except through `service:`), in requirement order. */
function sidecarsOf(pc: PlanContext, node: PlanNode): PlanNode[] {
  const out: PlanNode[] = [];
  for (const r of node.t.requirements) {
    if (r.name === 'service' || !r.target) continue;
    const target = pc.nodes.get(r.target.name);
    if (target && target !== node && isContainerNode(target) && !isPodNode(target) && !out.includes(target)) out.push(target);
  }
  return out;
}

export function translateWorkload(pc: PlanContext, node: PlanNode): WorkloadResult {
  const inputs = createInputs(pc, node);
  const members = [...(isPodNode(node) ? [] : [node]), ...sidecarsOf(pc, node)];
  const parts = members.map((m) => ({ node: m, part: containerOf(pc, m), mounts: mountsOf(pc, m) }));
  const main = parts.find((p) => !p.part.init);

  const kind = str(inputs['kind']) ?? 'Deployment';
  const apiVersion = str(inputs['apiVersion']) ?? API_VERSIONS[kind] ?? 'apps/v1';
  const userMeta = isObject(inputs['metadata']) ? inputs['metadata'] : {};
  const name = str(userMeta['name']) ?? node.name;
  const namespace = str(userMeta['namespace']);
  const version = versionLabel(main?.part.image);

  const podLabels: Record<string, string> = { ...defaultLabels(node.name, pc.appId, version) };
  for (const p of parts) if (!p.part.init) for (const [k, v] of Object.entries(p.part.labels)) if (!(k in podLabels)) podLabels[k] = v;
  const selector = Object.fromEntries(Object.entries(podLabels).filter(([k]) => k !== 'app.kubernetes.io/version'));

  const podSpec: JsonObject = {};
  const containers: JsonObject[] = [];
  const initContainers: JsonObject[] = [];
  const volumes: JsonObject[] = [];
  const services: ServiceDraft[] = [];
  for (const p of parts) {
    const c = { ...p.part.container };
    if (p.mounts.mounts.length > 0) c['volumeMounts'] = [...(Array.isArray(c['volumeMounts']) ? c['volumeMounts'] : []), ...p.mounts.mounts];
    for (const v of p.mounts.volumes) if (!volumes.some((x) => x['name'] === v['name'])) volumes.push(v);
    if (p.part.init) {
      initContainers.push(c);
      continue;
    }
    const split = splitPorts(node.name, p.part.ports, services);
    if (split.containerPorts.length > 0) c['ports'] = [...(Array.isArray(c['ports']) ? c['ports'] : []), ...split.containerPorts];
    containers.push(c);
    for (const [k, v] of Object.entries(p.part.pod)) {
      if (k === 'dnsConfig' && isObject(podSpec[k]) && isObject(v)) podSpec[k] = mergeDns(podSpec[k], v);
      else if (!(k in podSpec)) podSpec[k] = v;
    }
  }
  podSpec['containers'] = containers;
  if (initContainers.length > 0) podSpec['initContainers'] = initContainers;
  if (volumes.length > 0) podSpec['volumes'] = volumes;
  const hosts = hostsOf(pc, node);
  const affinity = affinityOf(pc, node);
  if (affinity) podSpec['affinity'] = affinity;

  const labels = { ...defaultLabels(name, pc.appId, version), ...(isObject(userMeta['labels']) ? (userMeta['labels'] as Record<string, string>) : {}) };
  const metadata: JsonObject = { ...userMeta, name, labels };
  const userSpec = isObject(inputs['spec']) ? inputs['spec'] : {};
  let workload: JsonObject;
  if (kind === 'Pod') {
    const template = isObject(userSpec['template']) ? userSpec['template'] : {};
    const spec = deepMerge(podSpec, isObject(template['spec']) ? template['spec'] : {});
    workload = { apiVersion, kind, metadata: { ...metadata, labels: { ...labels, ...podLabels } }, spec };
  } else {
    const generated: JsonObject = { metadata: { labels: podLabels }, spec: podSpec };
    const template = deepMerge(generated, isObject(userSpec['template']) ? userSpec['template'] : {});
    const spec: JsonObject = { ...userSpec, template };
    if (kind !== 'Job' && !isObject(userSpec['selector'])) spec['selector'] = { matchLabels: selector };
    const { apiVersion: _a, kind: _k, metadata: _m, spec: _s, ...rest } = inputs;
    void [_a, _k, _m, _s];
    workload = { apiVersion, kind, metadata, ...rest, spec };
  }
  const serviceLabels = Object.fromEntries(Object.entries(labels).filter(([k]) => k !== 'app.kubernetes.io/version'));
  return {
    workload,
    services: services.map((s) => serviceManifest(s, namespace, serviceLabels, selector)),
    ref: { kind, name, namespace: namespace ?? 'default' },
    hosts,
  };
}

function mergeDns(a: JsonObject, b: JsonObject): JsonObject {
  const out: JsonObject = { ...a };
  for (const k of ['nameservers', 'searches']) {
    const x = Array.isArray(a[k]) ? a[k] : [];
    const y = Array.isArray(b[k]) ? b[k] : [];
    if (x.length + y.length > 0) out[k] = [...x, ...y];
  }
  return out;
}

/** VM node sets (by normalised name) this node's `host` requirements name. */
export function hostsOf(pc: PlanContext, node: PlanNode): string[] {
  const out: string[] = [];
  for (const r of node.t.requirements) {
    const target = r.name === 'host' && r.target ? pc.nodes.get(r.target.name) : undefined;
    if (target && isVm(target.type) && !out.includes(target.name)) out.push(target.name);
  }
  return out;
}

/** Node affinity to the hosts (4.3): one term per label key, ORed. */
export function affinityOf(pc: PlanContext, node: PlanNode): JsonObject | undefined {
  const byKey = new Map<string, string[]>();
  for (const r of node.t.requirements) {
    const target = r.name === 'host' && r.target ? pc.nodes.get(r.target.name) : undefined;
    if (!target || !(isVm(target.type) || isEdge(target.type))) continue;
    const edge = isEdge(target.type);
    const key = edge ? 'kubernetes.io/hostname' : 'micado.eu/node_type';
    const values = byKey.get(key) ?? [];
    if (!values.includes(target.name.toLowerCase())) values.push(target.name.toLowerCase());
    byKey.set(key, values);
  }
  if (byKey.size === 0) return undefined;
  const terms = [...byKey].map(([key, values]) => ({ matchExpressions: [{ key, operator: 'In', values }] }));
  return { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: terms } } };
}
