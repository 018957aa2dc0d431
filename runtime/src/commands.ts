/**
 * The runtime's command entry for `adtc deploy|update|undeploy|status|run|simulate`: wires the real drivers
 * (Kubernetes through @kubernetes/client-node, Prometheus's HTTP API, Occopus or Terraform for node sets) to
 * the loop and the deploy functions. The CLI parses arguments and loads this module lazily; every function
 * returns an exit code and writes only through the given output functions.
 */
import { writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { ClientCluster, loadKubeConfig } from './kubernetes/client-cluster.js';
import type { Cluster } from './kubernetes/cluster.js';
import { OccopusDriver } from './nodesets/occopus.js';
import type { NodeSetDriver } from './nodesets/driver.js';
import { TerraformDriver } from './nodesets/terraform.js';
import { PrometheusClient } from './prometheus/client.js';
import type { NodeSet } from './plan/plan-types.js';
import type { WorkerJoin } from './nodesets/worker-join.js';
import { withoutToken } from './nodesets/worker-join.js';
import { deploy, undeploy, update } from './deploy/deploy.js';
import type { RuntimeTargets } from './deploy/deploy.js';
import { deployedApps, readRecord } from './deploy/record.js';
import { appStatus } from './deploy/status.js';
import { openLoop, readPlanDir } from './loop/open-loop.js';
import { RuleRunner } from './loop/rule-runner.js';
import { runLoop } from './loop/run-loop.js';
import type { LoopEnvironment } from './loop/environment.js';
import { LOAD_PROFILES, parseTrace, profileLoad } from './simulate/load.js';
import type { LoadProfileName, LoadSource } from './simulate/load.js';
import { simulate } from './simulate/simulate.js';

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
}

function clusterOf(options: ConnectionOptions): Cluster {
  return new ClientCluster(loadKubeConfig(options.inCluster ? { inCluster: true } : { kubeconfigPath: options.kubeconfig ?? join(process.env['HOME'] ?? '.', '.kube', 'config') }));
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
    cluster: clusterOf(options),
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
  const report = await undeploy(appId, targetsOf(options, appId, output), read?.ok ? read.plan : undefined);
  for (const r of report.removed) output.out(`removed ${r}\n`);
  for (const p of report.problems) output.err(`adtc undeploy: ${p}\n`);
  if (report.removed.length === 0 && report.problems.length === 0) output.out(`nothing of ${appId} found\n`);
  return report.problems.length === 0 ? 0 : 1;
}

export async function statusCommand(appId: string | undefined, options: ConnectionOptions, output: Output): Promise<number> {
  const apps = appId === undefined ? await deployedApps(options.stateDir) : [appId];
  if (apps.length === 0) output.out(`no apps deployed (state directory ${options.stateDir})\n`);
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
    output.out(`${status.lines.join('\n')}\n`);
  }
  return 0;
}

export interface RunOptions extends ConnectionOptions {
  readonly periodS: number;
  readonly once: boolean;
  readonly signal?: AbortSignal;
}

export async function runCommand(target: string, options: RunOptions, output: Output): Promise<number> {
  const record = await readRecord(options.stateDir, target);
  const planDir = record?.planDir ?? target;
  const read = await planOf(planDir, output);
  if (!read.ok) return 2;
  if (!options.prometheusUrl) output.err('adtc run: no --prometheus-url; every query and alert counts as unavailable and no decision will be made\n');
  const cluster = clusterOf(options);
  const env: LoopEnvironment = {
    metrics: new PrometheusClient({ url: options.prometheusUrl ?? 'http://127.0.0.1:9' }),
    nodes: { workerNodes: (set) => cluster.workerNodes(set) },
    workloads: cluster,
    nodeSetDriver: driversOf(options, read.plan.app.id),
    now: Date.now,
  };
  const runner = new RuleRunner();
  try {
    const opened = await openLoop({
      planDir,
      stateDir: options.stateDir,
      env,
      runner,
      read,
      echo: (r) => {
        if (r.type === 'decision') output.out(`${r.ts} ${String(r['policy'])}: ${String(r['action'])}${r['error'] ? ` [rule error: ${String(r['error'])}]` : ''}\n${r['printed'] ? String(r['printed']).replace(/^(?=.)/gm, '    | ') : ''}`);
        else if (r['message']) output.err(`${r.ts} ${String(r['event'])}: ${String(r['message'])}\n`);
      },
    });
    if (!opened.ok) {
      for (const e of opened.errors) output.err(`adtc run: ${e}\n`);
      return 1;
    }
    output.out(`Scaling ${read.plan.app.id} every ${options.periodS} s (log: ${opened.log.file})\n`);
    await runLoop(opened.loop, { periodMs: options.periodS * 1000, once: options.once, ...(options.signal ? { signal: options.signal } : {}) });
    await opened.log.flush();
    return 0;
  } finally {
    await runner.close();
  }
}

export interface SimulateCommandOptions {
  readonly stateDir: string;
  readonly trace?: string;
  readonly load?: string;
  readonly durationS?: number;
  readonly peak?: number;
  readonly periodS: number;
  readonly bootDelayS: number;
  readonly podsPerNode: number;
  readonly svg: string;
}

export async function simulateCommand(planDir: string, options: SimulateCommandOptions, output: Output): Promise<number> {
  let load: LoadSource;
  let durationS = options.durationS ?? 3600;
  if (options.trace !== undefined) {
    const { readFile } = await import('node:fs/promises');
    let text: string;
    try {
      text = await readFile(options.trace, 'utf8');
    } catch (error) {
      output.err(`adtc simulate: cannot read ${options.trace}: ${(error as Error).message}\n`);
      return 2;
    }
    const trace = parseTrace(text, options.trace.endsWith('.json'));
    if (!trace.ok) {
      output.err(`adtc simulate: ${options.trace}: ${trace.message}\n`);
      return 2;
    }
    load = trace.load;
    durationS = options.durationS ?? trace.durationS;
  } else {
    const name = options.load ?? 'ramp';
    if (!(LOAD_PROFILES as readonly string[]).includes(name)) {
      output.err(`adtc simulate: unknown load profile '${name}'; choose ${LOAD_PROFILES.join(', ')}\n`);
      return 2;
    }
    load = profileLoad(name as LoadProfileName, durationS, options.peak ?? 250);
  }
  const result = await simulate({ planDir, stateDir: options.stateDir, load, durationS, periodS: options.periodS, bootDelayS: options.bootDelayS, podsPerNode: options.podsPerNode });
  if (!result.ok) {
    for (const e of result.errors) output.err(`adtc simulate: ${e}\n`);
    return 2;
  }
  for (const note of result.notes) output.err(`note: ${note}\n`);
  const sets = result.plan.nodeSets.map((s) => s.name);
  const workloads = result.plan.policies.flatMap((p) => (p.workload ? [p.workload.name] : []));
  output.out(`${'t (s)'.padStart(7)}  ${'demand'.padStart(7)}  ${[...sets.map((s) => `nodes ${s}`), ...workloads.map((w) => `pods ${w}`)].join('  ')}  actions\n`);
  for (const row of result.rows) {
    const actions = row.outcomes.filter((o) => o.summary.startsWith('scale') || o.summary.startsWith('drop') || o.summary.startsWith('error')).map((o) => o.summary);
    const changed = actions.length > 0 || row === result.rows[0] || row === result.rows.at(-1);
    if (!changed) continue;
    const cells = [...sets.map((s) => `${row.nodes[s]!.ready}/${row.nodes[s]!.all}`.padStart(6 + s.length)), ...workloads.map((w) => `${row.replicas[w]!.ready}/${row.replicas[w]!.desired}`.padStart(5 + w.length))];
    output.out(`${String(row.t).padStart(7)}  ${String(row.demand).padStart(7)}  ${cells.join('  ')}  ${actions.join('; ')}\n`);
  }
  await writeFile(options.svg, result.svg);
  output.out(`${result.rows.length} cycles simulated; chart written to ${options.svg} (nodes ready/all, pods ready/desired)\n`);
  return 0;
}
