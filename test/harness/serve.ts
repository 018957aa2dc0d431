/**
 * `adtc serve` for tests: the API-server double (workloads made ready as its controllers would), a kubeconfig
 * reaching it over plain http, the server itself on a free loopback port, and curl as MiCADO's users call it.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { parse, stringify } from 'yaml';
import { serveTools } from '../../compiler/src/cli/serve-tools.js';
import { serveCommand } from '../../runtime/src/commands.js';
import type { ServeOptions } from '../../runtime/src/commands.js';
import type { Credentials } from '../../runtime/src/serve/auth.js';
import { KubeApiServerDouble } from '../doubles/kube-apiserver.js';
import { markReady } from './deploy-targets.js';
import { corpusRoot } from './paths.js';

export const STRESSNG_ADT = join(corpusRoot, 'micado-scale+ansible-micado/demos/stressng/stressng_ec2.yaml');

export interface Served {
  readonly url: string;
  readonly api: KubeApiServerDouble;
  readonly dir: string;
  readonly output: () => string;
  stop(): Promise<number>;
}

export async function until<T>(what: string, probe: () => Promise<T | undefined>, deadlineMs = 60_000): Promise<T> {
  const end = Date.now() + deadlineMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error(`gave up waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** A self-signed certificate for 127.0.0.1, made by Debian's openssl. */
export async function selfSigned(dir: string): Promise<{ cert: string; key: string }> {
  const cert = join(dir, 'cert.pem');
  const key = join(dir, 'key.pem');
  await promisify(execFile)('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1']);
  return { cert, key };
}

/**
 * `autoReady: false` leaves the workloads unready until the test calls `markReady(served.api)`, so it can watch a
 * deploy wait for its rollout; `serve` adds or overrides connection options (Prometheus, Occopus, the worker join).
 */
export async function startServe(options: { credentials?: Credentials; maxUploadBytes?: number; bodyTimeoutMs?: number; tls?: boolean; autoReady?: boolean; serve?: Partial<ServeOptions> } = {}): Promise<Served> {
  const api = await KubeApiServerDouble.start();
  const dir = await mkdtemp(join(tmpdir(), 'adtc-serve-'));
  const kubeconfig = join(dir, 'kubeconfig');
  const plain = parse(await readFile(await api.writeKubeconfig(), 'utf8')) as { clusters: { cluster: Record<string, unknown> }[] };
  for (const c of plain.clusters) delete c.cluster['insecure-skip-tls-verify'];
  await writeFile(kubeconfig, stringify(plain), { mode: 0o600 });
  const controllers = setInterval(() => options.autoReady !== false && markReady(api), 50);
  const tls = options.tls ? await selfSigned(dir) : undefined;
  let out = '';
  const stop = new AbortController();
  const running = serveCommand(
    {
      stateDir: join(dir, 'state'),
      kubeconfig,
      skipNodeSets: true,
      periodS: 1,
      signal: stop.signal,
      listen: '127.0.0.1:0',
      maxUploadBytes: options.maxUploadBytes ?? 1024 * 1024,
      ...(options.bodyTimeoutMs === undefined ? {} : { bodyTimeoutMs: options.bodyTimeoutMs }),
      tools: serveTools,
      ...(options.credentials ? { credentials: options.credentials } : {}),
      ...(tls ? { certFile: tls.cert, keyFile: tls.key } : {}),
      ...options.serve,
    },
    { out: (t) => void (out += t), err: (t) => void (out += t) },
  );
  let ended = false;
  void running.finally(() => (ended = true));
  // A server that ends before it listens has said why in its output.
  const url = await until('adtc serve to listen', async () => /Serving on (\S+)/.exec(out)?.[1] ?? (ended ? Promise.reject(new Error(out)) : undefined));
  return {
    url,
    api,
    dir,
    output: () => out,
    stop: async () => {
      stop.abort();
      const code = await running;
      clearInterval(controllers);
      await api.close();
      await rm(dir, { recursive: true, force: true });
      return code;
    },
  };
}

/** curl with these arguments; its body and HTTP status (appended with -w). */
export async function curl(args: readonly string[]): Promise<{ status: number; body: string; json: Record<string, any> }> {
  const { stdout } = await promisify(execFile)('curl', ['-sS', '-w', '\n%{http_code}', ...args], { maxBuffer: 16 * 1024 * 1024 });
  const cut = stdout.lastIndexOf('\n');
  const body = stdout.slice(0, cut);
  let json: Record<string, any> = {};
  try {
    json = JSON.parse(body) as Record<string, any>;
  } catch {
    // Not JSON: the test looks at body.
  }
  return { status: Number(stdout.slice(cut + 1)), body, json };
}
