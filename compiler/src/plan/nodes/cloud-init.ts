/**
 * cloud-init contextualisation of a VM node set (micado-reference 5.4; spec 7
 * items 35, 36): the base template (MiCADO's worker template, or `path`)
 * rendered with `worker_name`, and the ADT's `cloud_config` merged into it by
 * `insert`, `append` or `overwrite`. Both back-ends default to append.
 */
import { parse, stringify } from 'yaml';
import type { CloudInitMode } from './node-set-types.js';

const PLACEHOLDER = 'echo micado runcmd placeholder';

/**
 * MiCADO's worker template as the spec describes it: the k3s agent labelled with
 * the node set, a hostname from the set and the address, and the runcmd
 * placeholder that `insert` splices before. `{{ master_ip }}` and
 * `{{ join_token }}` are left for the runtime, which knows the cluster.
 */
export const WORKER_TEMPLATE = `#cloud-config
write_files:
  - path: /etc/rancher/k3s/config.yaml
    permissions: "0600"
    content: |
      node-label:
        - micado.eu/node_type={{ worker_name }}
runcmd:
  - hostnamectl set-hostname "{{ worker_name }}-$(hostname -I | awk '{print $1}' | tr . -)"
  - curl -sfL https://get.k3s.io | K3S_URL="https://{{ master_ip }}:6443" K3S_TOKEN="{{ join_token }}" sh -s - agent
  - ${PLACEHOLDER}
`;

export function renderTemplate(template: string, workerName: string): string {
  return template.replace(/\{\{\s*worker_name\s*\}\}/g, workerName);
}

/** The values deploy fills in, knowing the cluster the workers join. */
const FILLED_AT_DEPLOY = new Set(['master_ip', 'join_token']);

/** `{{ name }}` placeholders of a rendered cloud-init that neither the compiler nor deploy fills, each once. */
export function unfilledPlaceholders(text: string): string[] {
  return [...new Set([...text.matchAll(/\{\{\s*([^{}]*?)\s*\}\}/g)].map((m) => m[1]!))].filter((name) => !FILLED_AT_DEPLOY.has(name));
}

/** The merged cloud-config text; `config` is the ADT's cloud_config (YAML text) or undefined. */
export function mergeCloudInit(base: string, config: string | undefined, mode: CloudInitMode): string {
  if (config === undefined) return base;
  let user: unknown;
  try {
    user = parse(config);
  } catch {
    return base; // ADT4581 reported it
  }
  if (typeof user !== 'object' || user === null || Array.isArray(user)) return base;
  if (mode === 'overwrite') return `#cloud-config\n${stringify(user, { lineWidth: 0 })}`;
  let merged: Record<string, unknown>;
  try {
    const parsed = parse(base) as unknown;
    merged = typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? { ...(parsed as Record<string, unknown>) } : {};
  } catch {
    merged = {};
  }
  for (const [k, v] of Object.entries(user as Record<string, unknown>)) {
    const before = merged[k];
    if (mode === 'insert') {
      if (Array.isArray(before) && Array.isArray(v)) {
        const at = before.indexOf(PLACEHOLDER);
        merged[k] = at >= 0 ? [...before.slice(0, at), ...v, ...before.slice(at)] : [...v, ...before];
      } else merged[k] = v;
    } else if (Array.isArray(before) && Array.isArray(v)) merged[k] = [...before, ...v];
    else if (typeof before === 'string' && typeof v === 'string') merged[k] = before + v;
    else merged[k] = v; // booleans, maps (where MiCADO raises a TypeError) and new keys
  }
  return `#cloud-config\n${stringify(merged, { lineWidth: 0 })}`;
}
