/**
 * The controller's HTTP endpoint: `/healthz` (the process serves requests), `/readyz` (every app's loop has
 * completed a cycle recently: within three periods plus the cycle limit), `/metrics` (Prometheus text format)
 * and `/apps` (each loop's state as JSON). Read-only and unauthenticated, as kubelet probes and Prometheus
 * scrapes expect; it shows counts and policy names, never inputs, outputs or credentials. `adtc serve` is meant
 * to mount its own routes beside these through `extraRoutes`.
 */
import { createServer } from 'node:http';
import type { IncomingMessage, RequestListener, Server, ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { MetricsRegistry } from './metrics.js';

export interface LoopHealth {
  readonly app: string;
  /** starting: opened, no cycle yet; running; stopped: ended (undeployed, or refused to start). */
  readonly phase: 'starting' | 'running' | 'stopped';
  readonly cycles: number;
  /** Epoch ms of the last completed (not abandoned) cycle. */
  readonly lastSuccessAt?: number;
  readonly startedAt: number;
  /** How long after the last success the loop counts as stalled. */
  readonly staleAfterMs: number;
  readonly message?: string;
}

export interface HealthSource {
  loops(): readonly LoopHealth[];
  /** Why this process stands by (another replica leads), or undefined: a standby is alive but not ready. */
  standby?(): string | undefined;
}

export type Route = (request: IncomingMessage, response: ServerResponse) => boolean | Promise<boolean>;

export interface EndpointOptions {
  readonly host?: string;
  /** 0 picks a free port. */
  readonly port: number;
  readonly registry: MetricsRegistry;
  readonly health: HealthSource;
  readonly now?: () => number;
  /** Tried before the built-in routes; return true when handled. */
  readonly extraRoutes?: readonly Route[];
  /** PEM certificate and key: serve HTTPS instead of HTTP. */
  readonly tls?: { readonly cert: Buffer; readonly key: Buffer };
}

/** Why each loop is not ready; empty when all are. A loop that stopped for good is not counted against readiness. */
export function notReady(loops: readonly LoopHealth[], now: number): string[] {
  const problems: string[] = [];
  for (const loop of loops) {
    if (loop.phase === 'stopped') continue;
    const since = loop.lastSuccessAt ?? loop.startedAt;
    if (now - since > loop.staleAfterMs) {
      const seconds = Math.round((now - since) / 1000);
      const what = loop.lastSuccessAt === undefined ? `no completed cycle in the ${seconds} s since it started` : `last completed cycle ${seconds} s ago`;
      problems.push(`${loop.app}: ${what}${loop.message ? ` (${loop.message})` : ''}`);
    }
  }
  return problems;
}

export class HttpEndpoint {
  private constructor(
    private readonly server: Server,
    readonly url: string,
  ) {}

  static async start(options: EndpointOptions): Promise<HttpEndpoint> {
    const now = options.now ?? Date.now;
    const handler: RequestListener = (request, response) => {
      void (async () => {
        for (const route of options.extraRoutes ?? []) if (await route(request, response)) return;
        const path = new URL(request.url ?? '/', 'http://localhost').pathname;
        if (request.method !== 'GET' && request.method !== 'HEAD') return send(response, 405, 'text/plain', 'only GET\n');
        switch (path) {
          case '/healthz':
            return send(response, 200, 'text/plain', 'ok\n');
          case '/readyz': {
            const standby = options.health.standby?.();
            const problems = standby === undefined ? notReady(options.health.loops(), now()) : [`standby: ${standby}`];
            return send(response, problems.length === 0 ? 200 : 503, 'text/plain', problems.length === 0 ? 'ok\n' : `${problems.join('\n')}\n`);
          }
          case '/metrics':
            return send(response, 200, 'text/plain; version=0.0.4; charset=utf-8', options.registry.render());
          case '/apps':
            return send(response, 200, 'application/json', `${JSON.stringify(options.health.loops(), null, 1)}\n`);
          default:
            return send(response, 404, 'text/plain', 'not found: try /healthz, /readyz, /metrics or /apps\n');
        }
      })().catch(() => send(response, 500, 'text/plain', 'internal error\n'));
    };
    const server: Server = options.tls ? createTlsServer({ cert: options.tls.cert, key: options.tls.key }, handler) : createServer(handler);
    const host = options.host ?? '127.0.0.1';
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port, host, () => resolve());
    });
    const { port } = server.address() as AddressInfo;
    return new HttpEndpoint(server, `${options.tls ? 'https' : 'http'}://${host.includes(':') ? `[${host}]` : host}:${port}`);
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

function send(response: ServerResponse, status: number, type: string, body: string): void {
  if (response.headersSent) return;
  response.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
  response.end(body);
}
