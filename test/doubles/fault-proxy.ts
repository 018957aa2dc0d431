/**
 * TEST DOUBLE: an HTTP proxy that puts faults between the runtime and a server (the API-server double, the
 * Occopus double, a real Prometheus). Each injected fault applies to the next matching requests: hang (never
 * forwarded, never answered), delay (forwarded late), fail (answered with a status, not forwarded),
 * apply-then-fail and apply-then-hang (forwarded and carried out, but the answer is replaced or never comes:
 * a response lost on the way back). Every request is recorded with what was done to it.
 */
import { createServer, request as httpRequest } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Fault =
  | { readonly kind: 'hang' }
  | { readonly kind: 'delay'; readonly ms: number }
  | { readonly kind: 'fail'; readonly status: number }
  | { readonly kind: 'apply-then-fail'; readonly status: number }
  | { readonly kind: 'apply-then-hang' };

export interface ProxiedRequest {
  readonly method: string;
  readonly path: string;
  /** The fault applied, if any. */
  readonly fault?: Fault['kind'];
  /** Whether the upstream server received the request. */
  forwarded: boolean;
  /** The status the upstream answered (0 when not forwarded or not yet answered). */
  upstreamStatus: number;
}

export type RequestMatch = (method: string, path: string) => boolean;

export class FaultProxy {
  readonly requests: ProxiedRequest[] = [];
  private readonly faults: { fault: Fault; remaining: number; match: RequestMatch }[] = [];
  private readonly held = new Set<ServerResponse>();

  private constructor(
    private readonly server: Server,
    private readonly upstream: URL,
    readonly url: string,
  ) {}

  static async start(upstream: string): Promise<FaultProxy> {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const proxy = new FaultProxy(server, new URL(upstream), `http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    server.on('request', (req, res) => void proxy.handle(req, res));
    return proxy;
  }

  /** The next `count` requests matching `match` (default: all) suffer `fault`; Infinity for all of them. */
  inject(fault: Fault, count = 1, match: RequestMatch = () => true): void {
    this.faults.push({ fault, remaining: count, match });
  }

  /** Removes every pending fault (held requests stay held). */
  heal(): void {
    this.faults.length = 0;
  }

  /** Requests matching `match` that the upstream carried out (answered 2xx), whatever the client saw. */
  applied(match: RequestMatch): ProxiedRequest[] {
    return this.requests.filter((r) => r.forwarded && r.upstreamStatus >= 200 && r.upstreamStatus < 300 && match(r.method, r.path));
  }

  async close(): Promise<void> {
    for (const res of this.held) res.destroy();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    const method = req.method ?? 'GET';
    const path = req.url ?? '/';
    const pathname = new URL(path, this.url).pathname;
    const entry = this.faults.find((f) => f.remaining > 0 && f.match(method, pathname));
    if (entry) entry.remaining--;
    const fault = entry?.fault;
    const record: ProxiedRequest = { method, path: pathname, ...(fault ? { fault: fault.kind } : {}), forwarded: false, upstreamStatus: 0 };
    this.requests.push(record);
    switch (fault?.kind) {
      case 'hang':
        this.held.add(res);
        return;
      case 'fail':
        res.writeHead(fault.status, { 'content-type': 'application/json', ...(fault.status === 429 ? { 'retry-after': '1' } : {}) });
        res.end(JSON.stringify({ kind: 'Status', apiVersion: 'v1', status: 'Failure', code: fault.status, message: `injected fault ${fault.status}` }));
        return;
      case 'delay':
        await new Promise((resolve) => setTimeout(resolve, fault.ms));
        break;
      default:
        break;
    }
    let answer: { status: number; headers: Record<string, string | string[] | undefined>; body: Buffer };
    try {
      answer = await this.forward(method, path, req.headers, body, record);
    } catch (error) {
      res.writeHead(502, { 'content-type': 'text/plain' });
      res.end(`proxy: upstream failed: ${(error as Error).message}`);
      return;
    }
    if (fault?.kind === 'apply-then-hang') {
      this.held.add(res);
      return;
    }
    if (fault?.kind === 'apply-then-fail') {
      res.writeHead(fault.status, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ kind: 'Status', apiVersion: 'v1', status: 'Failure', code: fault.status, message: `injected fault ${fault.status} after the request was carried out` }));
      return;
    }
    res.writeHead(answer.status, answer.headers);
    res.end(answer.body);
  }

  private forward(method: string, path: string, headers: IncomingMessage['headers'], body: Buffer, record: ProxiedRequest) {
    return new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }>((resolve, reject) => {
      const upstream = httpRequest(
        { host: this.upstream.hostname, port: this.upstream.port, method, path, headers: { ...headers, host: this.upstream.host } },
        (response) => {
          const parts: Buffer[] = [];
          response.on('data', (chunk: Buffer) => parts.push(chunk));
          response.on('end', () => {
            record.upstreamStatus = response.statusCode ?? 0;
            const { connection: _c, 'transfer-encoding': _t, ...kept } = response.headers;
            resolve({ status: response.statusCode ?? 502, headers: kept, body: Buffer.concat(parts) });
          });
          response.on('error', reject);
        },
      );
      record.forwarded = true;
      upstream.on('error', reject);
      upstream.end(body);
    });
  }
}
