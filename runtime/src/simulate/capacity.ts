/**
 * How many pods of a workload fit on one node: the node's CPU and memory divided by the pod's requests,
 * where the ADT gives both (CloudSigma's num_cpus/mem_size, or a well-known instance type name); otherwise
 * the `--pods-per-node` option. Each scaled workload is placed on its own, as the scheduler would place it
 * on nodes that hold nothing else of the app's scaled workloads.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'yaml';
import type { NodeSet, Plan } from '../plan/plan-types.js';

interface Capacity {
  /** Millicores. */
  readonly cpu: number;
  /** Bytes. */
  readonly memory: number;
}

const GIB = 1024 ** 3;
/** Kubernetes' default `maxPods` per node. */
const KUBELET_MAX_PODS = 110;

/** vCPUs and GiB of instance types the demos name, across the clouds MiCADO supports. */
const INSTANCE_TYPES: Readonly<Record<string, readonly [number, number]>> = {
  't2.nano': [1, 0.5], 't2.micro': [1, 1], 't2.small': [1, 2], 't2.medium': [2, 4], 't2.large': [2, 8], 't2.xlarge': [4, 16],
  't3.micro': [2, 1], 't3.small': [2, 2], 't3.medium': [2, 4], 't3.large': [2, 8], 'm5.large': [2, 8], 'm5.xlarge': [4, 16],
  'c5.large': [2, 4], 'c5.xlarge': [4, 8],
  'm1.tiny': [1, 0.5], 'm1.small': [1, 2], 'm1.medium': [2, 4], 'm1.large': [4, 8], 'm1.xlarge': [8, 16],
  'n1-standard-1': [1, 3.75], 'n1-standard-2': [2, 7.5], 'n1-standard-4': [4, 15], 'e2-small': [2, 2], 'e2-medium': [2, 4], 'e2-standard-2': [2, 8],
  Standard_B1s: [1, 1], Standard_B1ms: [1, 2], Standard_B2s: [2, 4], Standard_B2ms: [2, 8], Standard_D2s_v3: [2, 8],
  'VM.Standard.E2.1': [1, 8], 'VM.Standard.E2.2': [2, 16], 'VM.Standard2.1': [1, 15],
};

/** The node set's capacity where its properties say it, else undefined. */
export function nodeCapacity(set: NodeSet): Capacity | undefined {
  const p = set.properties;
  // CloudSigma gives CPU in MHz (about 2000 MHz to a core) and memory in bytes.
  if (typeof p['num_cpus'] === 'number' && typeof p['mem_size'] === 'number') return { cpu: Math.max(1000, (p['num_cpus'] / 2000) * 1000), memory: p['mem_size'] };
  for (const key of ['instance_type', 'flavor_name', 'machine_type', 'size', 'shape']) {
    const known = typeof p[key] === 'string' ? INSTANCE_TYPES[p[key]] : undefined;
    if (known) return { cpu: known[0] * 1000, memory: known[1] * GIB };
  }
  return undefined;
}

/** Kubernetes quantities: 200m, 1, 0.5 CPU; 512Mi, 1G, 1e9 bytes. */
export function quantity(text: unknown, cpu: boolean): number | undefined {
  const match = /^(\d+(?:\.\d+)?(?:e\d+)?)(m|k|M|G|T|Ki|Mi|Gi|Ti)?$/.exec(String(text ?? '').trim());
  if (match === null) return undefined;
  const n = Number(match[1]);
  const unit = match[2] ?? '';
  if (cpu) return unit === 'm' ? n : unit === '' ? n * 1000 : undefined;
  const factor: Record<string, number> = { '': 1, k: 1e3, M: 1e6, G: 1e9, T: 1e12, Ki: 1024, Mi: 1024 ** 2, Gi: GIB, Ti: 1024 ** 4 };
  return factor[unit] === undefined ? undefined : n * factor[unit]!;
}

/** The sum of a workload's container requests, from its manifest in the plan. */
async function podRequests(planDir: string, plan: Plan, workload: string): Promise<{ cpu?: number; memory?: number }> {
  const object = plan.kubernetes.objects.find((o) => o.name === workload && o.kind !== 'Service');
  if (object === undefined) return {};
  let doc: { spec?: { template?: { spec?: { containers?: { resources?: { requests?: Record<string, unknown> } }[] } } } };
  try {
    doc = parse(await readFile(join(planDir, object.file), 'utf8')) as typeof doc;
  } catch {
    return {};
  }
  let cpu: number | undefined;
  let memory: number | undefined;
  for (const c of doc.spec?.template?.spec?.containers ?? []) {
    const r = c.resources?.requests ?? {};
    const cpuPart = quantity(r['cpu'], true);
    const memPart = quantity(r['memory'], false);
    if (cpuPart !== undefined) cpu = (cpu ?? 0) + cpuPart;
    if (memPart !== undefined) memory = (memory ?? 0) + memPart;
  }
  return { ...(cpu !== undefined ? { cpu } : {}), ...(memory !== undefined ? { memory } : {}) };
}

export interface Placement {
  readonly podsPerNode: number;
  /** How the number was found, for the run's notes. */
  readonly why: string;
}

/**
 * Pods per node for each scaled workload. `given` is the option's value when the user gave it (it wins);
 * `fallback` applies where the ADT does not say enough.
 */
export async function placements(planDir: string, plan: Plan, given: number | undefined, fallback: number): Promise<Map<string, Placement>> {
  const out = new Map<string, Placement>();
  for (const policy of plan.policies) {
    const name = policy.workload?.name;
    if (name === undefined) continue;
    if (given !== undefined) {
      out.set(name, { podsPerNode: given, why: '--pods-per-node' });
      continue;
    }
    const hosts = plan.nodeSets.filter((s) => policy.hosts.length === 0 || policy.hosts.includes(s.node) || policy.hosts.includes(s.name));
    const capacities = hosts.map(nodeCapacity);
    const requests = await podRequests(planDir, plan, name);
    if (requests.cpu === undefined && requests.memory === undefined) {
      // The scheduler places pods that request nothing anywhere, up to the kubelet's pod limit.
      out.set(name, { podsPerNode: KUBELET_MAX_PODS, why: `${name} requests no CPU or memory, so only the kubelet's limit of ${KUBELET_MAX_PODS} pods applies` });
      continue;
    }
    const capacity = capacities.every((c) => c !== undefined) && capacities.length > 0 ? capacities.reduce((a, b) => (a!.cpu < b!.cpu ? a : b)) : undefined;
    if (capacity === undefined) {
      out.set(name, { podsPerNode: fallback, why: `--pods-per-node default; the size of ${hosts.map((h) => h.name).join(', ') || 'the nodes'} is not given` });
      continue;
    }
    const fits = Math.min(
      requests.cpu ? Math.floor(capacity.cpu / requests.cpu) : Infinity,
      requests.memory ? Math.floor(capacity.memory / requests.memory) : Infinity,
    );
    out.set(name, { podsPerNode: fits, why: `requests ${requests.cpu ?? 0}m CPU${requests.memory ? `, ${Math.round(requests.memory / 1024 ** 2)}Mi` : ''} on nodes of ${capacity.cpu / 1000} CPU, ${Math.round((capacity.memory / GIB) * 10) / 10} GiB` });
  }
  return out;
}
