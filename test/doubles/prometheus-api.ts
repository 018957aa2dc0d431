/**
 * TEST DOUBLE of Prometheus's HTTP API, for tests that run the loop in another process: instant queries
 * answer a one-sample vector with the value the test set for the expression (an empty vector otherwise), and
 * no alert fires. It is not a Prometheus: nothing is scraped or evaluated. The loop against a real
 * Prometheus is test/runtime-loop-prometheus.test.ts.
 */
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export class PrometheusApiDouble {
  /** Expression → the value its instant query returns. */
  readonly values = new Map<string, number>();

  private constructor(
    private readonly server: Server,
    readonly url: string,
  ) {}

  static async start(): Promise<PrometheusApiDouble> {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const double = new PrometheusApiDouble(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    server.on('request', (req, res) => {
      const url = new URL(req.url ?? '/', double.url);
      let data: unknown;
      if (url.pathname === '/api/v1/query') {
        const value = double.values.get(url.searchParams.get('query') ?? '');
        data = { resultType: 'vector', result: value === undefined ? [] : [{ metric: {}, value: [Date.now() / 1000, String(value)] }] };
      } else if (url.pathname === '/api/v1/alerts') {
        data = { alerts: [] };
      }
      res.writeHead(data === undefined ? 404 : 200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(data === undefined ? { status: 'error', errorType: 'not_found', error: 'not served by the double' } : { status: 'success', data }));
    });
    return double;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
