/**
 * `adtc deploy | update | undeploy | status | run | simulate`: argument parsing here, the work in the
 * runtime, loaded at run time (not bundled) so `adtc validate` never loads the Kubernetes client and the
 * loop's worker thread finds its module beside it. Given an ADT instead of a plan directory, deploy,
 * update and simulate compile it first into the state directory.
 */
import { existsSync, mkdirSync, mkdtempSync, statSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { CliIo } from './io.js';
import { runCompile } from './compile-command.js';

type Output = { out(text: string): void; err(text: string): void };
type Connection = Record<string, unknown> & { stateDir: string };
interface RuntimeEntry {
  deployCommand(planDir: string, options: Connection, mode: 'deploy' | 'update', output: Output): Promise<number>;
  undeployCommand(appId: string, options: Connection, output: Output): Promise<number>;
  statusCommand(appId: string | undefined, options: Connection, output: Output): Promise<number>;
  runCommand(target: string, options: Connection & { periodS: number; once: boolean; signal?: AbortSignal }, output: Output): Promise<number>;
  simulateCommand(planDir: string, options: Record<string, unknown> & { stateDir: string; periodS: number; bootDelayS: number; podsPerNode: number; svg: string }, output: Output): Promise<number>;
}

const runtime = async (): Promise<RuntimeEntry> => (await import(new URL('../../../runtime/src/commands.js', import.meta.url).href)) as RuntimeEntry;

const CONNECTION = `Connection options:
  --state-dir <dir>           where deployments, loop state and decision logs live
                              (default: $ADTC_STATE_DIR or ~/.local/state/adtc)
  --kubeconfig <file>         kubeconfig (default: ~/.kube/config); --in-cluster to use the pod's account
  --namespace <ns>            namespace for objects that name none (default: default)
  --prometheus-url <url>      Prometheus HTTP API, e.g. http://prometheus:9090
  --prometheus-config-dir <d> directory the Prometheus server reads rules/, targets/ and scrape/ from
  --occopus-url <url>         Occopus REST service for Occopus node sets
  --terraform <binary>        terraform or tofu, for Terraform node sets
`;

export const runtimeUsage = {
  deploy: `Usage: adtc deploy <adt|plan-dir> [--app-id ID] [options]\n\nApplies a plan (compiling the ADT first): node sets, Kubernetes objects, Prometheus files;\nwaits for rollouts and undoes everything if a step fails.\n\n${CONNECTION}`,
  update: `Usage: adtc update <adt|plan-dir> [--app-id ID] [options]\n\nApplies the difference, prunes objects that left the plan, keeps the counts the loop owns.\n\n${CONNECTION}`,
  undeploy: `Usage: adtc undeploy <app-id> [options]\n\nRemoves everything the app created and reports what was removed.\n\n${CONNECTION}`,
  status: `Usage: adtc status [<app-id>] [options]\n\nNode sets, workloads, each policy's last result and firing alerts.\n\n${CONNECTION}`,
  run: `Usage: adtc run <app-id|plan-dir> [--period S] [--once] [options]\n\nRuns the scaling loop in the foreground (period 15 s by default); decisions go to\n<state-dir>/<app-id>/decisions.jsonl.\n\n${CONNECTION}`,
  simulate: `Usage: adtc simulate <adt|plan-dir> (--trace <metrics.csv|json> | --load <ramp|spike|sine|step>) [options]

Runs the real loop and compiled rules against a simulated cluster; prints a timeline and writes an SVG chart.

Options:
  --duration <s>        simulated seconds (default: 3600, or the trace's length)
  --peak <n>            the profile's peak demand: CPU percent or requests/s in total (default: 250)
  --period <s>          loop period (default: 15)
  --boot-delay <s>      seconds until a new VM joins (default: 120)
  --pods-per-node <n>   pods that fit on one node (default: 2)
  --svg <file>          chart file (default: ./<app-id>.simulation.svg)
  --state-dir <dir>     keep the simulation's state and decision log here (default: a temporary directory)
`,
} as const;

type Name = keyof typeof runtimeUsage;

export async function runRuntimeCommand(name: Name, argv: readonly string[], io: CliIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        'state-dir': { type: 'string' },
        kubeconfig: { type: 'string' },
        'in-cluster': { type: 'boolean', default: false },
        namespace: { type: 'string' },
        'app-id': { type: 'string' },
        'prometheus-url': { type: 'string' },
        'prometheus-config-dir': { type: 'string' },
        'occopus-url': { type: 'string' },
        terraform: { type: 'string' },
        period: { type: 'string' },
        once: { type: 'boolean', default: false },
        trace: { type: 'string' },
        load: { type: 'string' },
        duration: { type: 'string' },
        peak: { type: 'string' },
        'boot-delay': { type: 'string' },
        'pods-per-node': { type: 'string' },
        svg: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    io.stderr(`adtc ${name}: ${(error as Error).message}\n\n${runtimeUsage[name]}`);
    return 2;
  }
  const { values: v, positionals } = parsed;
  if (v.help) {
    io.stdout(runtimeUsage[name]);
    return 0;
  }
  const wanted = name === 'status' ? positionals.length <= 1 : positionals.length === 1;
  if (!wanted) {
    io.stderr(`adtc ${name}: ${name === 'status' ? 'name at most one app' : 'name exactly one target'}.\n\n${runtimeUsage[name]}`);
    return 2;
  }
  const numbers: Record<string, number> = {};
  for (const key of ['period', 'duration', 'peak', 'boot-delay', 'pods-per-node'] as const) {
    const text = v[key];
    if (text === undefined) continue;
    const n = Number(text);
    if (!Number.isFinite(n) || n <= 0) {
      io.stderr(`adtc ${name}: --${key} needs a positive number, not '${text}'.\n`);
      return 2;
    }
    numbers[key] = n;
  }
  const stateDir = resolve(io.cwd, v['state-dir'] ?? process.env['ADTC_STATE_DIR'] ?? join(homedir(), '.local', 'state', 'adtc'));
  const output: Output = { out: io.stdout, err: io.stderr };
  const connection: Connection = {
    stateDir,
    ...(v.kubeconfig ? { kubeconfig: resolve(io.cwd, v.kubeconfig) } : {}),
    inCluster: v['in-cluster'],
    ...(v.namespace ? { namespace: v.namespace } : {}),
    ...(v['prometheus-url'] ? { prometheusUrl: v['prometheus-url'] } : {}),
    ...(v['prometheus-config-dir'] ? { prometheusConfigDir: resolve(io.cwd, v['prometheus-config-dir']) } : {}),
    ...(v['occopus-url'] ? { occopusUrl: v['occopus-url'] } : {}),
    ...(v.terraform ? { terraformBinary: v.terraform } : {}),
  };
  const target = positionals[0];
  // Every case awaits inside the try, so a failure ends in one line rather than an unhandled rejection's stack trace.
  try {
    switch (name) {
      case 'deploy':
      case 'update': {
        const planDir = await planDirOf(target!, io, stateDir, v['app-id']);
        return planDir === undefined ? 1 : await (await runtime()).deployCommand(planDir, connection, name, output);
      }
      case 'undeploy':
        return await (await runtime()).undeployCommand(target!, connection, output);
      case 'status':
        return await (await runtime()).statusCommand(target, connection, output);
      case 'run': {
        const stop = new AbortController();
        const onSignal = () => stop.abort();
        process.once('SIGINT', onSignal);
        process.once('SIGTERM', onSignal);
        try {
          return await (await runtime()).runCommand(target!, { ...connection, periodS: numbers['period'] ?? 15, once: v.once, signal: stop.signal }, output);
        } finally {
          process.off('SIGINT', onSignal);
          process.off('SIGTERM', onSignal);
        }
      }
      case 'simulate': {
        if ((v.trace === undefined) === (v.load === undefined)) {
          io.stderr(`adtc simulate: give either --trace or --load.\n\n${runtimeUsage.simulate}`);
          return 2;
        }
        const simState = v['state-dir'] ? stateDir : mkdtempSync(join(tmpdir(), 'adtc-simulate-'));
        const planDir = await planDirOf(target!, io, simState, v['app-id']);
        if (planDir === undefined) return 1;
        const appId = basename(planDir).replace(/\.plan$/, '');
        return await (await runtime()).simulateCommand(planDir, {
          stateDir: simState,
          ...(v.trace ? { trace: resolve(io.cwd, v.trace) } : {}),
          ...(v.load ? { load: v.load } : {}),
          ...(numbers['duration'] ? { durationS: numbers['duration'] } : {}),
          ...(numbers['peak'] ? { peak: numbers['peak'] } : {}),
          periodS: numbers['period'] ?? 15,
          bootDelayS: numbers['boot-delay'] ?? 120,
          podsPerNode: numbers['pods-per-node'] ?? 2,
          svg: resolve(io.cwd, v.svg ?? `${appId}.simulation.svg`),
        }, output);
      }
    }
  } catch (error) {
    io.stderr(`adtc ${name}: ${(error as Error).message}\n`);
    return 1;
  }
}

/** A plan directory as given, or the ADT compiled into `<stateDir>/plans/<name>.plan`. */
async function planDirOf(target: string, io: CliIo, stateDir: string, appId: string | undefined): Promise<string | undefined> {
  const path = resolve(io.cwd, target);
  if (existsSync(join(path, 'plan.json'))) return path;
  if (!existsSync(path) || !statSync(path).isFile()) {
    io.stderr(`'${target}' is neither a plan directory (with plan.json) nor an ADT file.\n`);
    return undefined;
  }
  const out = join(stateDir, 'plans', `${appId ?? basename(path).replace(/\.ya?ml$/i, '').toLowerCase().replace(/[^a-z0-9-]+/g, '-')}.plan`);
  mkdirSync(out, { recursive: true });
  const code = await runCompile([path, '-o', out, ...(appId ? ['--app-id', appId] : [])], io);
  return code === 0 ? out : undefined;
}
