import type { NodeSetDriver, NodeSetNode } from './driver.js';
import { NodeSetError } from './driver.js';

export interface OccopusOptions {
  /** Occopus REST service, e.g. http://occopus:5000 */
  readonly url: string;
  /** The infrastructure the node sets belong to (MiCADO builds `micado_worker_infra`). */
  readonly infraId: string;
  readonly timeoutMs?: number;
}

/** Per node, what `GET /infrastructures/<id>` reports. */
interface NodeStatus {
  scaling?: { min?: number; max?: number; target?: number };
  instances?: Record<string, { resource_address?: unknown; state?: unknown }>;
}

/**
 * NodeSetDriver over Occopus's REST service: `GET /infrastructures/<id>` for the state,
 * `POST …/scaleto/<node>/<n>` to resize, `POST …/scaledown/<node>/<instance id>` to drop one instance.
 */
export class OccopusDriver implements NodeSetDriver {
  private readonly base: string;
  private readonly timeoutMs: number;

  constructor(private readonly options: OccopusOptions) {
    this.base = `${options.url.replace(/\/+$/, '')}/infrastructures/${encodeURIComponent(options.infraId)}`;
    this.timeoutMs = options.timeoutMs ?? 30_000;
  }

  private async call(method: 'GET' | 'POST', path: string): Promise<unknown> {
    let response: Response;
    try {
      response = await fetch(`${this.base}${path}`, { method, signal: AbortSignal.timeout(this.timeoutMs) });
    } catch (error) {
      throw new NodeSetError(`Occopus ${method} ${path || '/'} failed: ${(error as Error).message}`);
    }
    const text = await response.text();
    if (!response.ok) throw new NodeSetError(`Occopus ${method} ${path || '/'} answered HTTP ${response.status}: ${text.slice(0, 300)}`);
    try {
      return text === '' ? undefined : JSON.parse(text);
    } catch {
      return text;
    }
  }

  private async node(set: string): Promise<NodeStatus> {
    const infrastructure = (await this.call('GET', '')) as Record<string, NodeStatus> | undefined;
    const node = infrastructure?.[set];
    if (node === undefined) throw new NodeSetError(`Occopus infrastructure ${this.options.infraId} has no node ${set}`);
    return node;
  }

  async count(set: string): Promise<number> {
    return (await this.node(set)).scaling?.target ?? 0;
  }

  async listNodes(set: string): Promise<NodeSetNode[]> {
    const instances = (await this.node(set)).instances ?? {};
    return Object.entries(instances).map(([id, instance]) => ({ id, addr: String(instance.resource_address ?? '') }));
  }

  async scale(set: string, count: number): Promise<void> {
    if (!Number.isInteger(count) || count < 0) throw new NodeSetError(`cannot scale ${set} to ${count}`);
    await this.call('POST', `/scaleto/${encodeURIComponent(set)}/${count}`);
  }

  async drop(set: string, nodes: readonly string[]): Promise<void> {
    // A rule may name an address instead of an instance id; Occopus only knows ids.
    const instances = await this.listNodes(set);
    for (const node of nodes) {
      const instance = instances.find((i) => i.id === node || i.addr === node);
      if (instance === undefined) throw new NodeSetError(`node set ${set} has no instance ${node}`);
      await this.call('POST', `/scaledown/${encodeURIComponent(set)}/${encodeURIComponent(instance.id)}`);
    }
  }
}
