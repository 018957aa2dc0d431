/**
 * TEST DOUBLE of Occopus's REST service (Occopus-rest-service), covering the calls MiCADO makes: build an
 * infrastructure from a descriptor (`POST /infrastructures/`), read it (`GET /infrastructures/<id>`),
 * `scaleto`, `scaleup` and `scaledown` of a node, and `DELETE`. Instances appear and vanish at once (no
 * clouds here); targets are kept within the node's scaling min/max as Occopus does. Every call is recorded.
 * Given a definitions store (what fake-occopus-import.mjs writes), building refuses a node whose type has no
 * imported definition, as Occopus does.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parse } from 'yaml';

export interface RecordedCall {
  readonly method: string;
  readonly path: string;
}

interface Node {
  min: number;
  max: number;
  instances: Map<string, string>;
}

export class OccopusServerDouble {
  readonly calls: RecordedCall[] = [];
  private readonly infrastructures = new Map<string, Map<string, Node>>();
  private nextInstance = 1;

  /** Every infrastructure descriptor POSTed, as sent. */
  readonly descriptors: string[] = [];

  private constructor(
    private readonly server: Server,
    readonly url: string,
    private readonly definitions: string | undefined,
  ) {}

  static async start(options: { readonly definitions?: string } = {}): Promise<OccopusServerDouble> {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const double = new OccopusServerDouble(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}`, options.definitions);
    server.on('request', async (req, res) => {
      let body = '';
      for await (const chunk of req) body += String(chunk);
      const path = new URL(req.url ?? '/', double.url).pathname;
      double.calls.push({ method: req.method ?? 'GET', path });
      const [status, payload] = double.route(req.method ?? 'GET', path, body);
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(payload));
    });
    return double;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** Builds an infrastructure as `POST /infrastructures/` would, with a chosen id; each node starts at min. */
  build(infraId: string, nodes: readonly { name: string; min: number; max: number }[]): void {
    const infrastructure = new Map<string, Node>();
    for (const { name, min, max } of nodes) {
      const node: Node = { min, max, instances: new Map() };
      infrastructure.set(name, node);
      this.resize(node, min);
    }
    this.infrastructures.set(infraId, infrastructure);
  }

  private resize(node: Node, target: number): void {
    const clamped = Math.min(Math.max(target, node.min), node.max);
    while (node.instances.size > clamped) node.instances.delete([...node.instances.keys()].at(-1)!);
    while (node.instances.size < clamped) {
      const n = this.nextInstance++;
      node.instances.set(`a1b2c3d4-0000-4000-8000-${String(n).padStart(12, '0')}`, `10.20.0.${n}`);
    }
  }

  private route(method: string, path: string, body: string): [number, unknown] {
    const parts = path.split('/').filter((p) => p !== '');
    if (parts[0] !== 'infrastructures') return [404, { message: 'not found' }];
    if (parts.length === 1 && method === 'POST') {
      this.descriptors.push(body);
      const descriptor = parse(body) as { infra_name?: string; nodes?: { name: string; type?: string; scaling?: { min?: number; max?: number } }[] };
      const id = descriptor.infra_name ?? `infra-${this.infrastructures.size + 1}`;
      if (this.infrastructures.has(id)) return [400, { message: `infrastructure ${id} exists` }];
      if (this.definitions !== undefined) {
        const known = existsSync(this.definitions) ? (JSON.parse(readFileSync(this.definitions, 'utf8')) as Record<string, unknown>) : {};
        const missing = (descriptor.nodes ?? []).find((n) => known[`node_def:${n.type ?? n.name}`] === undefined);
        if (missing) return [400, { message: `node definition node_def:${missing.type ?? missing.name} not found; import it first` }];
      }
      this.build(id, (descriptor.nodes ?? []).map((n) => ({ name: n.name, min: n.scaling?.min ?? 1, max: n.scaling?.max ?? n.scaling?.min ?? 1 })));
      return [200, { infraid: id }];
    }
    const infrastructure = this.infrastructures.get(parts[1] ?? '');
    if (infrastructure === undefined) return [404, { message: `infrastructure ${parts[1]} not found` }];
    if (parts.length === 2 && method === 'GET') {
      return [200, Object.fromEntries([...infrastructure].map(([name, node]) => [name, {
        scaling: { min: node.min, max: node.max, target: node.instances.size, actual: node.instances.size },
        instances: Object.fromEntries([...node.instances].map(([id, addr]) => [id, { resource_address: addr, state: 'ready', node_id: id }])),
      }]))];
    }
    if (parts.length === 2 && method === 'DELETE') {
      this.infrastructures.delete(parts[1]!);
      return [200, { infraid: parts[1] }];
    }
    const [, , action, nodeName, argument] = parts;
    const node = infrastructure.get(nodeName ?? '');
    if (method !== 'POST' || node === undefined) return [404, { message: `node ${nodeName} not found` }];
    switch (action) {
      case 'scaleto':
        this.resize(node, Number(argument));
        break;
      case 'scaleup':
        this.resize(node, node.instances.size + Number(argument ?? 1));
        break;
      case 'scaledown':
        // scaledown/<node>/<instance id> removes that instance (never below min); scaledown/<node>[/<n>] removes n.
        if (argument === undefined || /^\d+$/.test(argument)) {
          this.resize(node, node.instances.size - Number(argument ?? 1));
        } else if (node.instances.has(argument)) {
          if (node.instances.size > node.min) node.instances.delete(argument);
        } else {
          return [404, { message: `instance ${argument} of node ${nodeName} not found` }];
        }
        break;
      default:
        return [404, { message: `unknown action ${action}` }];
    }
    return [200, { infraid: parts[1], nodename: nodeName, count: node.instances.size }];
  }
}
