/**
 * A real Prometheus for the runtime's tests: Debian's `prometheus` binary on a free loopback port, with a
 * temporary config (1 s scrape and evaluation), `--web.enable-lifecycle` for /-/reload, a file_sd job
 * `micado` reading `<dir>/targets/*.json` and rule files `<dir>/rules/*.rules`. Plus a tiny exporter whose
 * metric values the test sets. A missing binary is an error, never a skip: CI installs it.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { access, constants, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const PROMETHEUS_BIN = process.env['PROMETHEUS_BIN'] ?? '/usr/bin/prometheus';

export interface PrometheusHarness {
  readonly url: string;
  /** Where the runtime writes rule files (`*.rules`, loaded on reload). */
  readonly rulesDir: string;
  /** Where the runtime writes file_sd target files (`*.json`, picked up without reload). */
  readonly targetsDir: string;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/**
 * Ready, and the Prometheus answering is the one started with `configFile`: between probing a free port and
 * binding it, another job on the machine may take the port, possibly with a Prometheus of its own.
 */
async function readyAndOurs(url: string, configFile: string): Promise<boolean> {
  const get = (path: string) => fetch(`${url}${path}`, { signal: AbortSignal.timeout(2_000) });
  if (!(await get('/-/ready').then((r) => r.ok, () => false))) return false;
  const flags = await get('/api/v1/status/flags').then((r) => r.json() as Promise<{ data?: Record<string, string> }>, () => undefined);
  return flags?.data?.['config.file'] === configFile;
}

function exited(child: ChildProcess): Promise<void> {
  return child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve()
    : new Promise((resolve) => child.once('exit', () => resolve()));
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited(child);
  clearTimeout(killer);
}

export async function startPrometheus(readyTimeoutMs = 60_000): Promise<PrometheusHarness> {
  try {
    await access(PROMETHEUS_BIN, constants.X_OK);
  } catch {
    throw new Error(
      `Prometheus binary not found at ${PROMETHEUS_BIN}: install Debian's "prometheus" package (apt-get install prometheus) ` +
        'or set PROMETHEUS_BIN. The runtime tests need a real Prometheus and do not skip.',
    );
  }
  const dir = await mkdtemp(join(tmpdir(), 'adtc-prometheus-'));
  const rulesDir = join(dir, 'rules');
  const targetsDir = join(dir, 'targets');
  await mkdir(rulesDir);
  await mkdir(targetsDir);
  const config = [
    'global:',
    '  scrape_interval: 1s',
    '  evaluation_interval: 1s',
    'rule_files:',
    `  - ${JSON.stringify(join(rulesDir, '*.rules'))}`,
    'scrape_configs:',
    '  - job_name: micado',
    '    file_sd_configs:',
    `      - files: [${JSON.stringify(join(targetsDir, '*.json'))}]`,
    '        refresh_interval: 1s',
    '',
  ].join('\n');
  const configFile = join(dir, 'prometheus.yml');
  await writeFile(configFile, config);

  // The free port can be taken between probing and binding; try a few ports before giving up.
  let lastError = '';
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const child = spawn(
      PROMETHEUS_BIN,
      [
        `--config.file=${configFile}`,
        `--storage.tsdb.path=${join(dir, 'data')}`,
        `--web.listen-address=127.0.0.1:${port}`,
        '--web.enable-lifecycle',
        '--log.level=warn',
      ],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString()).slice(-4000);
    });
    const deadline = Date.now() + readyTimeoutMs;
    let ready = false;
    while (!ready && child.exitCode === null && Date.now() < deadline) {
      ready = await readyAndOurs(url, configFile);
      if (!ready) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    if (ready) {
      return {
        url,
        rulesDir,
        targetsDir,
        stop: async () => {
          await stopChild(child);
          await rm(dir, { recursive: true, force: true });
        },
      };
    }
    await stopChild(child);
    lastError = child.exitCode === null ? `not ready after ${readyTimeoutMs} ms` : `exited with code ${child.exitCode}`;
    lastError += stderr === '' ? '' : `; stderr:\n${stderr}`;
    if (!stderr.includes('address already in use')) break;
  }
  await rm(dir, { recursive: true, force: true });
  throw new Error(`Prometheus did not start: ${lastError}`);
}

/** A metrics endpoint in the Prometheus text format whose series the test sets. */
export class TestExporter {
  private readonly series = new Map<string, number>();

  private constructor(
    private readonly server: Server,
    /** `host:port`, as a scrape target. */
    readonly target: string,
  ) {}

  static async start(): Promise<TestExporter> {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const exporter = new TestExporter(server, `127.0.0.1:${(server.address() as AddressInfo).port}`);
    server.on('request', (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4' });
      res.end(exporter.render());
    });
    return exporter;
  }

  set(name: string, value: number, labels: Readonly<Record<string, string>> = {}): void {
    const escaped = Object.entries(labels).map(([k, v]) => `${k}="${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`);
    this.series.set(escaped.length === 0 ? name : `${name}{${escaped.join(',')}}`, value);
  }

  private render(): string {
    const format = (v: number): string => (Number.isNaN(v) ? 'NaN' : v === Infinity ? '+Inf' : v === -Infinity ? '-Inf' : String(v));
    return [...this.series].map(([series, value]) => `${series} ${format(value)}\n`).join('');
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
