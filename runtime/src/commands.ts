/**
 * The runtime's command entry for `adtc deploy|update|undeploy|status|run` (simulate: simulate/command.ts): wires the real drivers
 * (Kubernetes through @kubernetes/client-node, Prometheus's HTTP API, Occopus or Terraform for node sets) to
 * the loop and the deploy functions. The CLI parses arguments and loads this module lazily; every function
 * returns an exit code and writes only through the given output functions.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { ClientCluster, loadKubeConfig } from './kubernetes/client-cluster.js';
import type { KubeConfigSource } from './kubernetes/client-cluster.js';
import type { Cluster } from './kubernetes/cluster.js';
import { boundedCluster } from './kubernetes/bounded-cluster.js';
import { OccopusDriver } from './nodesets/occopus.js';
import type { NodeSetDriver } from './nodesets/driver.js';
import { TerraformDriver } from './nodesets/terraform.js';
import { PrometheusClient } from './prometheus/client.js';
import type { NodeSet, Plan } from './plan/plan-types.js';
import type { WorkerJoin } from './nodesets/worker-join.js';
import { withoutToken } from './nodesets/worker-join.js';
import { deploy, undeploy, update } from './deploy/deploy.js';
import type { RuntimeTargets } from './deploy/deploy.js';
import { deployedApps, readRecord } from './deploy/record.js';
import { appStatus } from './deploy/status.js';
import { readPlanDir } from './loop/open-loop.js';
import { RuleRunner, type RuleRun } from './loop/rule-runner.js';
import { terminalText } from './loop/terminal-text.js';
import type { LoopEnvironment } from './loop/environment.js';
import type { LogRecord } from './loop/decision-log.js';
import { DEFAULT_STABILISATION } from './loop/stabilisation.js';
import { AppLoop } from './controller/app-loop.js';
import { Controller } from './controller/controller.js';
import type { ControllerOptions } from './controller/controller.js';
import { HttpEndpoint } from './controller/http-endpoint.js';
import type { HealthSource } from './controller/http-endpoint.js';
import type { LeaseClient } from './controller/lease.js';
import { MetricsRegistry } from './controller/metrics.js';
import { openProblem } from './serve/auth.js';
import type { Credentials } from './serve/auth.js';
import { OperationQueue } from './serve/operations.js';
import { serveRoutes } from './serve/routes.js';
import { LeaderElection, SERVE_LEASE } from './serve/leader-election.js';
import type { ElectionTiming } from './serve/leader-election.js';
import type { AdtTools } from './serve/submitter-api.js';

export { terminalText };

/**
 * `adtc rule eval`: one evaluation of a compiled rule module in the same sandbox `adtc run` uses (a child
 * process with the memory limit and the watchdog), so no rule can take the command down either.
 */
export async function evaluateRuleModule(source: string, inputs: Readonly<Record<string, unknown>>, clock: number): Promise<RuleRun> {
  const runner = new RuleRunner();
  try {
    const bytes = Buffer.from(source, 'utf8');
    return await runner.run({ name: 'the rule', source: bytes, sha256: createHash('sha256').update(bytes).digest('hex') }, inputs, { clock });
  } finally {
    await runner.close();
  }
}

export interface Output {
  out(text: string): void;
  err(text: string): void;
}

export interface ConnectionOptions {
  readonly stateDir: string;
  readonly kubeconfig?: string;
  readonly inCluster?: boolean;
  readonly namespace?: string;
  readonly prometheusUrl?: string;
  readonly prometheusConfigDir?: string;
  readonly occopusUrl?: string;
  /** The command that imports Occopus node definitions (`occopus-import`), split into words. */
  readonly occopusImport?: readonly string[];
  readonly terraformBinary?: string;
  /** The k3s server address new workers join (fills `{{ master_ip }}`). */
  readonly joinAddress?: string;
  /** The join token itself ($ADTC_JOIN_TOKEN or --join-token) … */
  readonly joinToken?: string;
  /** … or where to read it: `<namespace>/<secret>[/<key>]` (key default `token`). */
  readonly joinTokenSecret?: string;
  /** Deploy the Kubernetes part only, provisioning no node set. */
  readonly skipNodeSets?: boolean;
  /** Where the service account's files are found in a pod (a test's stand-in for /). */
  readonly serviceAccountRoot?: string;
}

/** The kubeconfig given; else, in a pod (KUBERNETES_SERVICE_HOST set), the pod's service account; else ~/.kube/config. */
function kubeSource(options: ConnectionOptions): KubeConfigSource {
  const inPod = options.kubeconfig === undefined && process.env['KUBERNETES_SERVICE_HOST'] !== undefined;
  if (options.inCluster || inPod) return { inCluster: true, ...(options.serviceAccountRoot ? { root: options.serviceAccountRoot } : {}) };
  return { kubeconfigPath: options.kubeconfig ?? join(process.env['HOME'] ?? '.', '.kube', 'config') };
}

function clusterOf(options: ConnectionOptions): Cluster {
  return new ClientCluster(loadKubeConfig(kubeSource(options)));
}

function driversOf(options: ConnectionOptions, appId: string): (set: NodeSet) => NodeSetDriver | undefined {
  const cache = new Map<string, NodeSetDriver>();
  return (set) => {
    let driver = cache.get(set.name);
    if (driver !== undefined) return driver;
    if (set.backend === 'occopus' && options.occopusUrl !== undefined) {
      driver = new OccopusDriver({ url: options.occopusUrl, infraId: set.occopus?.infraName ?? `${appId}_worker_infra`, ...(options.occopusImport ? { importCommand: options.occopusImport } : {}), workDir: options.stateDir });
    }
    else if (set.backend === 'terraform' && options.terraformBinary !== undefined) {
      driver = new TerraformDriver({ workingDir: join(options.stateDir, appId, 'terraform', set.name), binary: options.terraformBinary, style: 'keys', variablesFile: 'adtc.tfvars.json' });
    }
    if (driver !== undefined) cache.set(set.name, driver);
    return driver;
  };
}

/** The worker join from the options: the token as given, or read from the Secret named; undefined without an address. */
async function workerJoinOf(options: ConnectionOptions, cluster: Cluster): Promise<WorkerJoin | undefined> {
  if (options.joinAddress === undefined) return undefined;
  if (options.joinToken !== undefined) return { address: options.joinAddress, token: options.joinToken };
  if (options.joinTokenSecret === undefined) return undefined;
  const [namespace, name, key = 'token'] = options.joinTokenSecret.split('/');
  if (!namespace || !name) throw new Error(`--join-token-secret needs <namespace>/<secret>[/<key>], not '${options.joinTokenSecret}'`);
  const secret = await cluster.read({ apiVersion: 'v1', kind: 'Secret', name, namespace });
  const data = (secret?.['data'] as Record<string, string> | undefined)?.[key];
  if (data === undefined) throw new Error(`Secret ${namespace}/${name} has no key '${key}' holding the join token`);
  return { address: options.joinAddress, token: Buffer.from(data, 'base64').toString('utf8').trim() };
}

function targetsOf(options: ConnectionOptions, appId: string, output: Output, workerJoin?: WorkerJoin): RuntimeTargets {
  const prometheus = options.prometheusUrl && options.prometheusConfigDir ? new PrometheusClient({ url: options.prometheusUrl }) : undefined;
  return {
    cluster: boundedCluster(clusterOf(options)),
    ...(workerJoin ? { workerJoin } : {}),
    ...(options.skipNodeSets ? { skipNodeSets: true } : {}),
    ...(prometheus && options.prometheusConfigDir ? { prometheus: { configDir: resolve(options.prometheusConfigDir), reload: () => prometheus.reload() } } : {}),
    nodeSetDriver: driversOf(options, appId),
    stateDir: options.stateDir,
    namespace: options.namespace ?? 'default',
    rolloutTimeoutMs: 10 * 60_000,
    progress: (line) => output.out(`  ${withoutToken(line, workerJoin)}\n`),
  };
}

async function planOf(planDir: string, output: Output) {
  const read = await readPlanDir(planDir);
  if (!read.ok) for (const e of read.errors) output.err(`${e}\n`);
  return read;
}

export async function deployCommand(planDir: string, options: ConnectionOptions, mode: 'deploy' | 'update', output: Output): Promise<number> {
  const read = await planOf(planDir, output);
  if (!read.ok) return 2;
  const workerJoin = await workerJoinOf(options, clusterOf(options));
  const targets = targetsOf(options, read.plan.app.id, output, workerJoin);
  output.out(`${mode === 'deploy' ? 'Deploying' : 'Updating'} ${read.plan.app.id}\n`);
  const result = await (mode === 'deploy' ? deploy : update)(resolve(planDir), read.plan, read.sha256, targets);
  if (!result.ok) {
    for (const e of result.errors) output.err(`adtc ${mode}: ${withoutToken(e, workerJoin)}\n`);
    for (const u of result.undone) output.err(`  undone: ${withoutToken(u, workerJoin)}\n`);
    return 1;
  }
  output.out(`${read.plan.app.id} ${mode === 'deploy' ? 'deployed' : 'updated'}: ${result.record.objects.length} objects${result.pruned.length ? `, ${result.pruned.length} pruned` : ''}. Start scaling with: adtc run ${read.plan.app.id}\n`);
  return 0;
}

export async function undeployCommand(appId: string, options: ConnectionOptions, output: Output): Promise<number> {
  const record = await readRecord(options.stateDir, appId);
  const read = record ? await readPlanDir(record.planDir) : undefined;
  // Each removal is printed as it happens (the targets' progress).
  const report = await undeploy(appId, targetsOf(options, appId, output), read?.ok ? read.plan : undefined);
  for (const p of report.problems) output.err(`adtc undeploy: ${p}\n`);
  if (report.removed.length === 0 && report.problems.length === 0) output.out(`nothing of ${appId} found\n`);
  return report.problems.length === 0 ? 0 : 1;
}

export async function statusCommand(appId: string | undefined, options: ConnectionOptions, output: Output): Promise<number> {
  const apps = appId === undefined ? await deployedApps(options.stateDir) : [appId];
  if (apps.length === 0) output.out(`no apps deployed (state directory ${options.stateDir})\n`);
  let unknown = 0;
  for (const id of apps) {
    const record = await readRecord(options.stateDir, id);
    const read = record ? await readPlanDir(record.planDir) : undefined;
    let cluster: Cluster | undefined;
    try {
      cluster = clusterOf(options);
    } catch (error) {
      output.err(`Kubernetes: ${(error as Error).message}\n`);
    }
    const status = await appStatus(id, options.stateDir, {
      ...(cluster ? { cluster } : {}),
      ...(read?.ok ? { plan: read.plan } : {}),
      nodeSetDriver: driversOf(options, id),
      ...(options.prometheusUrl ? { metrics: new PrometheusClient({ url: options.prometheusUrl }) } : {}),
    });
    if (!status.known) {
      output.err(`adtc status: ${status.lines.join('\n')}\n`);
      unknown++;
      continue;
    }
    output.out(`${status.lines.join('\n')}\n`);
  }
  return unknown > 0 ? 1 : 0;
}

export interface RunOptions extends ConnectionOptions {
  readonly periodS: number;
  readonly once: boolean;
  readonly signal?: AbortSignal;
  /** Every app deployed from the state directory, instead of one target ('serve': and serve the submitter API). */
  readonly all?: boolean | 'serve';
  /** `host:port` (or a port) for /healthz, /readyz, /metrics and /apps. */
  readonly listen?: string;
  /** Log lines as JSON records instead of text. */
  readonly logFormat?: 'text' | 'json';
  /** Scale-down window for rules that do not keep their own time (default 300 s). */
  readonly scaleDownWindowS?: number;
}

/**
 * The loop's environment for one app: the shared cluster and Prometheus, the app's own node-set drivers. The
 * cluster connection is made when the first app's plan has been read, so a bad target is reported first.
 */
function loopEnvironment(options: ConnectionOptions, cluster: () => Cluster, metrics: PrometheusClient): (plan: Plan) => LoopEnvironment {
  return (plan) => {
    const shared = cluster();
    return {
      metrics,
      nodes: { workerNodes: (set) => shared.workerNodes(set) },
      workloads: shared,
      events: shared,
      nodeSetDriver: driversOf(options, plan.app.id),
      now: Date.now,
    };
  };
}

/** How `adtc run` prints log records: a line of text per decision and problem, or every record as JSON. */
function printer(format: 'text' | 'json', output: Output, all: boolean): (appId: string, r: LogRecord & { readonly ts: string }) => void {
  if (format === 'json') return (appId, r) => output.out(`${JSON.stringify({ app: appId, ...r })}\n`);
  return (appId, r) => {
    const app = all ? `[${appId}] ` : '';
    // Rules print what they like: control characters are shown escaped, never sent to the terminal.
    if (r.type === 'decision') output.out(terminalText(`${r.ts} ${app}${String(r['policy'])}: ${String(r['action'])}${r['error'] ? ` [rule error: ${String(r['error'])}]` : ''}\n${r['printed'] ? String(r['printed']).replace(/^(?=.)/gm, '    | ') : ''}`));
    else if (r['message']) output.err(terminalText(`${r.ts} ${app}${String(r['event'])}: ${String(r['message'])}\n`));
  };
}

function listenAddress(text: string): { host: string; port: number } | undefined {
  const match = /^(?:(.*):)?(\d{1,5})$/.exec(text);
  const port = match ? Number(match[2]) : NaN;
  if (!match || port > 65535) return undefined;
  return { host: (match[1] ?? '127.0.0.1').replace(/^\[(.*)\]$/, '$1') || '0.0.0.0', port };
}

export interface ServeOptions extends RunOptions {
  readonly listen: string;
  readonly credentials?: Credentials;
  /** PEM files: serve HTTPS. */
  readonly certFile?: string;
  readonly keyFile?: string;
  readonly maxUploadBytes: number;
  /** How long a request body may take to arrive (default 60 s). */
  readonly bodyTimeoutMs?: number;
  readonly tools: AdtTools;
  /** The serve-level leader election's timing (default client-go's), or false for a single server without one. */
  readonly election?: ElectionTiming | false;
  /** Who this server is as the Lease's holder (default host/pid; a test names another machine). */
  readonly leaseHolder?: string;
}

/** `adtc serve`: the loops of every deployed app (as `adtc run --all`) and the submitter API beside health and metrics. */
export async function serveCommand(options: Omit<ServeOptions, 'all' | 'once'>, output: Output): Promise<number> {
  return runCommand(undefined, { ...options, all: 'serve', once: false }, output);
}

/** Captures what a command prints, line by line, for the submitter's progress reports. */
function lineOutput(log: (line: string) => void): Output {
  const lines = (text: string) => text.split('\n').map((l) => l.trim()).filter((l) => l !== '').forEach(log);
  return { out: lines, err: lines };
}

/** Where `adtc serve`'s own Lease lives: the namespace of its kubeconfig context (a pod's own), else --namespace. */
function homeNamespace(options: ConnectionOptions): string {
  const config = loadKubeConfig(kubeSource(options));
  return config.getContextObject(config.getCurrentContext())?.namespace ?? options.namespace ?? 'default';
}

async function serveWith(newController: () => Controller, registry: MetricsRegistry, lease: LeaseClient, options: ServeOptions, output: Output): Promise<number> {
  const listen = listenAddress(options.listen)!;
  const open = openProblem(listen.host, options.credentials);
  if (open !== undefined) {
    output.err(`adtc serve: ${open}\n`);
    return 2;
  }
  if ((options.certFile === undefined) !== (options.keyFile === undefined)) {
    output.err('adtc serve: TLS needs both --cert and --key\n');
    return 2;
  }
  let tls: { cert: Buffer; key: Buffer } | undefined;
  try {
    if (options.certFile !== undefined && options.keyFile !== undefined) tls = { cert: await readFile(options.certFile), key: await readFile(options.keyFile) };
  } catch (error) {
    output.err(`adtc serve: cannot read the certificate or key: ${(error as Error).message}\n`);
    return 2;
  }
  let election: LeaderElection | undefined;
  if (options.election !== false) {
    let namespace: string;
    try {
      namespace = homeNamespace(options);
    } catch (error) {
      output.err(`adtc serve: the leader election needs the cluster: ${(error as Error).message}; or run a single server with --no-leader-election\n`);
      return 2;
    }
    election = new LeaderElection(
      lease,
      namespace,
      options.election,
      (standing) => (standing.leading ? output.out(`adtc serve: leading (Lease ${namespace}/${SERVE_LEASE.name}): running the loops and accepting launches\n`) : output.err(`adtc serve: standing by: ${standing.why}\n`)),
      options.leaseHolder,
    );
  }
  // Taken before listening, so a lone server is ready for launches as soon as it answers.
  const first = await election?.attempt();
  const queue = new OperationQueue();
  const standby = () => {
    const standing = election?.now();
    return standing === undefined || standing.leading ? undefined : standing.why;
  };
  const routes = serveRoutes(options.credentials, {
    stateDir: options.stateDir,
    tools: options.tools,
    queue,
    maxUploadBytes: options.maxUploadBytes,
    ...(options.bodyTimeoutMs === undefined ? {} : { bodyTimeoutMs: options.bodyTimeoutMs }),
    actions: {
      deploy: async (planDir, mode, log) => (await deployCommand(planDir, options, mode, lineOutput(log))) === 0,
      undeploy: async (appId, log) => (await undeployCommand(appId, options, lineOutput(log))) === 0,
      status: async (appId) => {
        const lines: string[] = [];
        const known = (await statusCommand(appId, options, lineOutput((l) => lines.push(l)))) === 0;
        return { known, lines };
      },
      deployed: () => deployedApps(options.stateDir),
    },
  }, standby);
  // One Controller per term as leader; between terms no loop runs.
  let controller: Controller | undefined;
  const health: HealthSource = { loops: () => controller?.loops() ?? [], standby };
  const lead = async (term: AbortSignal) => {
    controller = newController();
    await controller.run(term);
  };
  let endpoint: HttpEndpoint;
  try {
    endpoint = await HttpEndpoint.start({ ...listen, registry, health, extraRoutes: routes, ...(tls ? { tls } : {}) });
  } catch (error) {
    await first?.release();
    output.err(`adtc serve: cannot listen on ${options.listen}: ${(error as Error).message}\n`);
    return 1;
  }
  output.out(`Serving on ${endpoint.url} (dashboard at /, submitter API under /toscasubmitter/v1.0/ and /toscasubmitter/v2.0/, /openapi.json, /healthz, /readyz, /metrics, /apps)${options.credentials ? '' : ' without credentials (loopback only)'}\n`);
  const stop = options.signal ?? new AbortController().signal;
  try {
    await (election ? election.run(stop, lead, first) : lead(stop));
    await queue.idle();
    return 0;
  } finally {
    await endpoint.close();
  }
}

export async function runCommand(target: string | undefined, options: RunOptions, output: Output): Promise<number> {
  const listen = options.listen === undefined ? undefined : listenAddress(options.listen);
  if (options.listen !== undefined && listen === undefined) {
    output.err(`adtc run: --listen needs [host:]port, e.g. 127.0.0.1:9464 or 9464, not '${options.listen}'\n`);
    return 2;
  }
  if (!options.prometheusUrl) output.err(`adtc ${options.all === 'serve' ? 'serve' : 'run'}: no --prometheus-url; every query and alert counts as unavailable and no decision will be made\n`);
  let shared: Cluster | undefined;
  const cluster = () => (shared ??= clusterOf(options));
  const envFor = loopEnvironment(options, cluster, new PrometheusClient({ url: options.prometheusUrl ?? 'http://127.0.0.1:9' }));
  const lease: LeaseClient = {
    readLease: (...a) => cluster().readLease(...a),
    writeLease: (...a) => cluster().writeLease(...a),
    releaseLease: (...a) => cluster().releaseLease(...a),
  };
  const registry = new MetricsRegistry();
  const print = printer(options.logFormat ?? 'text', output, options.all === true);
  const tuning = options.scaleDownWindowS === undefined ? {} : { stabilisation: { ...DEFAULT_STABILISATION, windowS: options.scaleDownWindowS } };
  const stop = options.signal ?? new AbortController().signal;
  let health: HealthSource;
  let work: () => Promise<number>;
  if (options.all) {
    const controllerOptions: ControllerOptions = {
      stateDir: options.stateDir,
      envFor,
      lease,
      periodMs: options.periodS * 1000,
      registry,
      tuning,
      echo: print,
      onEnd: (appId, end) => {
        if (!end.ok) for (const e of end.errors) output.err(`adtc ${options.all === 'serve' ? 'serve' : 'run'}: ${appId}: ${e}\n`);
      },
    };
    if (options.all === 'serve') return serveWith(() => new Controller(controllerOptions), registry, lease, options as ServeOptions, output);
    const controller = new Controller(controllerOptions);
    health = controller;
    work = async () => {
      output.out(`Scaling every app deployed from ${options.stateDir} every ${options.periodS} s\n`);
      await controller.run(stop);
      return 0;
    };
  } else {
    const runner = new RuleRunner();
    let appId = target!;
    const loop = new AppLoop({
      target: target!,
      stateDir: options.stateDir,
      envFor,
      lease,
      runner,
      periodMs: options.periodS * 1000,
      once: options.once,
      registry,
      tuning,
      echo: (r) => print(appId, r),
      onOpen: (opened) => {
        appId = opened.plan.app.id;
        output.out(`Scaling ${appId} every ${options.periodS} s (log: ${opened.log.file})\n`);
      },
    });
    health = { loops: () => [loop.health()] };
    work = async () => {
      try {
        const end = await loop.run(stop);
        if (!end.ok) for (const e of end.errors) output.err(`adtc run: ${e}\n`);
        else if (end.reason === 'undeployed') output.out(`${appId} was undeployed; the loop stopped\n`);
        return end.ok ? 0 : end.code;
      } finally {
        await runner.close();
      }
    };
  }
  let endpoint: HttpEndpoint | undefined;
  if (listen !== undefined) {
    try {
      endpoint = await HttpEndpoint.start({ ...listen, registry, health });
    } catch (error) {
      output.err(`adtc run: cannot listen on ${options.listen}: ${(error as Error).message}\n`);
      return 1;
    }
    output.out(`Health and metrics on ${endpoint.url} (/healthz, /readyz, /metrics, /apps)\n`);
  }
  try {
    return await work();
  } finally {
    await endpoint?.close();
  }
}

export { serveManifestText } from './serve/manifest.js';
export { newPlanFolder } from './deploy/plan-folders.js';
