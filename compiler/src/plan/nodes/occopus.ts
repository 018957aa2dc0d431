/**
 * Occopus node definitions and the infrastructure descriptor (micado-reference
 * 5.2): the node data `{resource, contextualisation, health_check}` with the
 * cloud's resource section, the merged cloud-config as the context template.
 */
import { stringify } from 'yaml';
import type { JsonObject } from '../json.js';
import { isObject } from '../json.js';
import type { NodeSetDraft } from './node-set-types.js';

/** The infrastructure of an app's Occopus node sets: one per app (MiCADO's single `micado_worker_infra` would be shared by every app). */
export function occopusInfraId(appId: string): string {
  return `${appId}_worker_infra`;
}
const ENDPOINT_KEYS = ['endpoint', 'endpoint_cloud', 'interface_cloud'];
const NODE_DATA_KEYS = ['resource', 'contextualisation', 'health_check', 'context'];

export function occopusNodeDefinition(set: NodeSetDraft): string {
  const p: JsonObject = { ...set.properties };
  const endpoint = ENDPOINT_KEYS.map((k) => p[k]).find((v) => v !== undefined && v !== null);
  const userResource = isObject(p['resource']) ? p['resource'] : {};
  for (const k of [...ENDPOINT_KEYS, ...NODE_DATA_KEYS]) delete p[k];
  const resource: JsonObject = { type: set.cloud, endpoint: endpoint ?? null, ...resourceOf(set, p), ...userResource };
  const data = {
    resource,
    contextualisation: { type: 'cloudinit', context_template: set.cloudInit },
    health_check: { ping: false },
  };
  return stringify(JSON.parse(JSON.stringify({ [`node_def:${set.name}`]: [data] })), { lineWidth: 0 });
}

function resourceOf(set: NodeSetDraft, p: JsonObject): JsonObject {
  switch (set.cloud) {
    case 'ec2': {
      const { region_name, ...rest } = p;
      return { regionname: region_name ?? null, ...rest };
    }
    case 'cloudsigma': {
      const { libdrive_id, num_cpus, mem_size, public_key_id, ...rest } = p;
      return { libdrive_id: libdrive_id ?? null, description: { cpu: num_cpus ?? null, mem: mem_size ?? null, pubkeys: [public_key_id ?? null], ...rest } };
    }
    case 'cloudbroker': {
      const { dynamic_domain_name_id, dynamic_domain_name, ...rest } = p;
      return {
        description: {
          ...rest,
          ...(dynamic_domain_name_id !== undefined ? { dynamic_domain_name_ids: { dynamic_domain_name_id } } : {}),
          ...(dynamic_domain_name !== undefined ? { dynamic_domain_names: { dynamic_domain_name } } : {}),
        },
      };
    }
    default:
      return p;
  }
}

export function occopusInfrastructure(appId: string, sets: readonly NodeSetDraft[]): string {
  return stringify(
    {
      infra_name: occopusInfraId(appId),
      user_id: 'micado',
      nodes: sets.map((s) => ({ name: s.name, type: s.name, scaling: { min: s.count.min, max: s.count.max } })),
    },
    { lineWidth: 0 },
  );
}
