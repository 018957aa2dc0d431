/**
 * `ports` entries to container ports and Services (micado-reference 4.7), with
 * MiCADO's grouping: entries share the Service named by their
 * `metadata.name`, else the node's; an entry whose type differs from that
 * Service's goes to `<node>-<type>`. Fixed (spec 7): a later entry of the
 * same odd type joins that Service instead of replacing it (item 20); the
 * Services live in the workload's namespace (item 19); the ServiceSpec fields
 * of ports_type pass through (item 21); selectors leave out the version label
 * (item 22).
 */
import type { Json, JsonObject } from '../json.js';
import { isObject, str, truthy } from '../json.js';

/** ServiceSpec fields ports_type declares, which MiCADO since v0.9.1 ignores. */
const SERVICE_SPEC_FIELDS = [
  'externalIPs', 'externalName', 'externalTrafficPolicy', 'healthCheckNodePort', 'loadBalancerIP', 'loadBalancerSourceRanges',
  'publishNotReadyAddresses', 'sessionAffinity', 'sessionAffinityConfig',
];

export interface ServiceDraft {
  readonly name: string;
  readonly type: string;
  readonly spec: JsonObject;
  readonly ports: JsonObject[];
  /** The first `ports` entry that made the Service, for diagnostics. */
  readonly entry: JsonObject;
}

export interface PortSplit {
  readonly containerPorts: JsonObject[];
  readonly services: ServiceDraft[];
}

export function splitPorts(nodeName: string, entries: readonly Json[], services: ServiceDraft[] = []): PortSplit {
  const containerPorts: JsonObject[] = [];
  for (const e of entries) {
    if (!isObject(e)) continue;
    if (truthy(e['containerPort'])) {
      containerPorts.push(e);
      continue;
    }
    const port = e['port'] ?? e['published'] ?? e['targetPort'] ?? e['target'];
    if (port === undefined || port === null) continue; // ADT4550 reported it already
    const protocol = str(e['protocol']);
    const sp: JsonObject = {
      name: str(e['name']) ?? `${String(e['port'] ?? e['targetPort'] ?? e['target'])}-${(protocol ?? 'tcp').toLowerCase()}`,
      port,
    };
    const target = e['targetPort'] ?? e['target'];
    if (target !== undefined && target !== null) sp['targetPort'] = target;
    if (protocol) sp['protocol'] = protocol.toUpperCase();
    if (e['nodePort'] !== undefined && e['nodePort'] !== null) sp['nodePort'] = e['nodePort'];
    if (e['mode'] === 'host') {
      // Compose `mode: host` publishes on the node: a hostPort, not a Service (spec 7 item 21).
      containerPorts.push({ containerPort: target ?? port, hostPort: e['published'] ?? port, ...(protocol ? { protocol: protocol.toUpperCase() } : {}) });
      continue;
    }
    const type = str(e['type']) ?? (sp['nodePort'] !== undefined ? 'NodePort' : 'ClusterIP');
    const meta = e['metadata'];
    let name = (isObject(meta) ? str(meta['name']) : undefined) ?? nodeName.toLowerCase();
    let svc = services.find((s) => s.name === name);
    if (svc && svc.type !== type) {
      name = `${nodeName}-${type}`.toLowerCase();
      svc = services.find((s) => s.name === name);
    }
    if (!svc) {
      svc = { name, type, spec: {}, ports: [], entry: e };
      services.push(svc);
    }
    if (e['clusterIP'] !== undefined && svc.spec['clusterIP'] === undefined) svc.spec['clusterIP'] = e['clusterIP'];
    for (const f of SERVICE_SPEC_FIELDS) if (e[f] !== undefined && svc.spec[f] === undefined) svc.spec[f] = e[f];
    svc.ports.push(sp);
  }
  return { containerPorts, services };
}

export function serviceManifest(s: ServiceDraft, namespace: string | undefined, labels: Record<string, string>, selector: Record<string, string>): JsonObject {
  const metadata: JsonObject = { name: s.name, ...(namespace ? { namespace } : {}), labels: { ...labels, 'app.kubernetes.io/name': s.name } };
  const spec: JsonObject = { ...(s.type !== 'ClusterIP' ? { type: s.type } : {}), ...s.spec, ports: s.ports, selector };
  return { apiVersion: 'v1', kind: 'Service', metadata, spec };
}
