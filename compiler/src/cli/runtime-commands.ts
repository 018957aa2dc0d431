/**
 * `adtc deploy | update | undeploy | status | run`: argument parsing here, the work in the
 * runtime, loaded at run time (not bundled) so `adtc validate` never loads the Kubernetes client and the
 * loop's rule process finds its module beside it. Given an ADT instead of a plan directory, deploy
 * and update compile it first into the state directory. `adtc simulate` has its own module.
 */
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { appIdFromFile } from '../plan/compile.js';
import { importModule } from '../import-module.js';
import { parseCommandLine } from './command-line.js';
import type { CliIo } from './io.js';
import { runCompile } from './compile-command.js';
import { toolVersion } from './version.js';

type Output = { out(text: string): void; err(text: string): void };
type Connection = Record<string, unknown> & { stateDir: string };
interface RuntimeEntry {
  deployCommand(planDir: string, options: Connection, mode: 'deploy' | 'update', output: Output): Promise<number>;
  undeployCommand(appId: string, options: Connection, output: Output): Promise<number>;
  statusCommand(appId: string | undefined, options: Connection, output: Output): Promise<number>;
  serveCommand(
    options: Connection & { periodS: number; signal?: AbortSignal; listen: string; credentials?: unknown; certFile?: string; keyFile?: string; maxUploadBytes: number; tools: unknown; logFormat?: 'text' | 'json'; election?: false | { leaseDurationS: number; renewDeadlineMs: number; retryPeriodMs: number } },
    output: Output,
  ): Promise<number>;
  serveManifestText(options: { namespace: string; image: string; prometheusUrl: string }): string;
  newPlanFolder(stateDir: string, appId: string): string;
  runCommand(
    target: string | undefined,
    options: Connection & { periodS: number; once: boolean; signal?: AbortSignal; all?: boolean; listen?: string; logFormat?: 'text' | 'json'; scaleDownWindowS?: number },
    output: Output,
  ): Promise<number>;
}

const runtime = async (): Promise<RuntimeEntry> => (await importModule(new URL('../../../runtime/src/commands.js', import.meta.url).href)) as RuntimeEntry;

const CONNECTION = `Connection options:
  --state-dir <dir>           where deployments, loop state and decision logs live
                              (default: $ADTC_STATE_DIR or ~/.local/state/adtc)
  --kubeconfig <file>         kubeconfig (default: ~/.kube/config); --in-cluster to use the pod's account
  --namespace <ns>            namespace for objects that name none (default: default)
  --prometheus-url <url>      Prometheus HTTP API, e.g. http://prometheus:9090
  --prometheus-config-dir <d> directory the Prometheus server reads rules/, targets/ and scrape/ from
  --occopus-url <url>         Occopus REST service for Occopus node sets
  --occopus-import <command>  how node definitions reach Occopus, e.g. 'occopus-import'
                              or 'docker exec occopus occopus-import' (run with the file's path)
  --terraform <binary>        terraform or tofu, for Terraform node sets
`;

const DEPLOY_OPTIONS = `Deploy options:
  --input <name=value>        value of a topology input when compiling an ADT; repeat for several
  --join-address <host>       the k3s server address new workers join
  --join-token-secret <ns>/<secret>[/<key>]
                              read the k3s join token from this Secret (key default: token);
                              or set $ADTC_JOIN_TOKEN (--join-token <t> works too, but shows in ps)
  --no-node-sets              deploy the Kubernetes part only, provisioning no VM
`;

export const runtimeUsage = {
  deploy: `Usage: adtc deploy <adt|plan-dir> [--app-id ID] [options]\n\nApplies a plan (compiling the ADT first): node sets, Kubernetes objects, Prometheus files;\nwaits for rollouts and undoes everything if a step fails.\n\n${DEPLOY_OPTIONS}\n${CONNECTION}`,
  update: `Usage: adtc update <adt|plan-dir> [--app-id ID] [options]\n\nApplies the difference, prunes objects that left the plan, keeps the counts the loop owns.\n\n${DEPLOY_OPTIONS}\n${CONNECTION}`,
  undeploy: `Usage: adtc undeploy <app-id> [options]\n\nRemoves everything the app created and reports what was removed.\n\n${CONNECTION}`,
  status: `Usage: adtc status [<app-id>] [options]\n\nNode sets, workloads, the loop (running, stalled, stopped), each policy's last outcome and firing alerts.\nExits 1 when the app is unknown.\n\n${CONNECTION}`,
  run: `Usage: adtc run (<app-id|plan-dir> | --all) [--period S] [--once] [options]

Runs the scaling loop in the foreground (period 15 s by default); decisions go to
<state-dir>/<app-id>/decisions.jsonl. A deployed app's loop follows its deployment:
adtc update is picked up at the next cycle, adtc undeploy stops it. One loop per app.

Run options:
  --all                       every app deployed from the state directory, each isolated
  --listen [host:]port        serve /healthz, /readyz, /metrics and /apps (host default 127.0.0.1)
  --log-format text|json      how log records are printed (default: text)
  --scale-down-window S       space scale-downs by S seconds (default 120; rules that read
                              m_time_since_node_count_changed keep their own timing)

${CONNECTION}`,
  serve: `Usage: adtc serve [--listen [host:]port] [--cert FILE --key FILE] [options]
       adtc serve --print-manifest [--namespace NS] [--image IMAGE] [--prometheus-url URL]

Runs the scaling loop of every app deployed from the state directory (as run --all) and
serves MiCADO's submitter REST API (/toscasubmitter/v1.0/...: launch, validate, update,
undeploy, list_app, status, info_threads; /toscasubmitter/v2.0/applications/...), its OpenAPI
description (/openapi.json), a dashboard (/), /healthz, /readyz, /metrics and /apps.

Credentials come from the environment, never the command line:
  ADTC_SERVE_TOKEN            a bearer token, or
  ADTC_SERVE_USER, ADTC_SERVE_PASSWORD   HTTP basic auth (as MiCADO's curl -u user:password)
Without them adtc serve listens on loopback only.

In a cluster, replicas elect a leader through the Lease adtc-serve (in the namespace of the
kubeconfig's context, or the pod's): the leader runs the loops and accepts changes, any other
replica stands by (/readyz 503, changes refused with 503) and takes over when the Lease expires.
Without --kubeconfig inside a pod, the pod's service account is used.

Serve options:
  --listen [host:]port        where to listen (default 127.0.0.1:8080)
  --cert <pem> --key <pem>    serve HTTPS with this certificate and key
  --max-upload <bytes>        largest request accepted (default 1048576)
  --period S                  scaling loop period (default 15)
  --log-format text|json      how log records are printed (default: text)
  --lease-duration S          how long the leader's Lease holds unrenewed (default 15); the
                              leader renews every S/7.5 s and stands down after 2S/3 without
  --no-leader-election        a single server without the Lease (no standby replica possible)
  --print-manifest            print the Kubernetes objects that run adtc serve and exit;
                              --namespace (default adtc), --image (default adtc:<version>),
                              --prometheus-url (default http://prometheus:9090) shape it

${DEPLOY_OPTIONS}
${CONNECTION}`,
} as const;

type Name = keyof typeof runtimeUsage;

export async function runRuntimeCommand(name: Name, argv: readonly string[], io: CliIo): Promise<number> {
  const parsed = parseCommandLine(name, runtimeUsage[name], argv, {
    'state-dir': { type: 'string' },
    kubeconfig: { type: 'string' },
    'in-cluster': { type: 'boolean', default: false },
    namespace: { type: 'string' },
    'app-id': { type: 'string' },
    'prometheus-url': { type: 'string' },
    'prometheus-config-dir': { type: 'string' },
    'occopus-url': { type: 'string' },
    'occopus-import': { type: 'string' },
    terraform: { type: 'string' },
    input: { type: 'string', multiple: true, default: [] },
    'join-address': { type: 'string' },
    'join-token': { type: 'string' },
    'join-token-secret': { type: 'string' },
    'no-node-sets': { type: 'boolean', default: false },
    period: { type: 'string' },
    once: { type: 'boolean', default: false },
    all: { type: 'boolean', default: false },
    listen: { type: 'string' },
    'log-format': { type: 'string' },
    'scale-down-window': { type: 'string' },
    cert: { type: 'string' },
    key: { type: 'string' },
    'max-upload': { type: 'string' },
    'lease-duration': { type: 'string' },
    'no-leader-election': { type: 'boolean', default: false },
    'print-manifest': { type: 'boolean', default: false },
    image: { type: 'string' },
  }, io);
  if (typeof parsed === 'number') return parsed;
  const { values: v, positionals } = parsed;
  const all = name === 'run' && v.all;
  const wanted = name === 'status' ? positionals.length <= 1 : all || name === 'serve' ? positionals.length === 0 : positionals.length === 1;
  if (!wanted) {
    const what = name === 'status' ? 'name at most one app' : all ? 'name no target with --all' : name === 'serve' ? 'take no positional argument' : 'name exactly one target';
    io.stderr(`adtc ${name}: ${what}.\n\n${runtimeUsage[name]}`);
    return 2;
  }
  if (v['log-format'] !== undefined && v['log-format'] !== 'text' && v['log-format'] !== 'json') {
    io.stderr(`adtc ${name}: --log-format is text or json, not '${v['log-format']}'.\n`);
    return 2;
  }
  const numbers: Record<string, number> = {};
  for (const key of ['period', 'scale-down-window', 'max-upload', 'lease-duration'] as const) {
    const text = v[key];
    if (text === undefined) continue;
    const n = Number(text);
    // A window of 0 turns stabilisation off; everything else must be positive.
    if (!Number.isFinite(n) || n < 0 || (n === 0 && key !== 'scale-down-window')) {
      io.stderr(`adtc ${name}: --${key} needs a positive number, not '${text}'.\n`);
      return 2;
    }
    numbers[key] = n;
  }
  if (numbers['lease-duration'] !== undefined && !Number.isInteger(numbers['lease-duration'])) {
    io.stderr(`adtc ${name}: --lease-duration is whole seconds (a Lease holds for an integer number of seconds), not '${v['lease-duration']}'.\n`);
    return 2;
  }
  if (name === 'serve' && v['print-manifest']) {
    io.stdout((await runtime()).serveManifestText({ namespace: v.namespace ?? 'adtc', image: v.image ?? `adtc:${toolVersion}`, prometheusUrl: v['prometheus-url'] ?? 'http://prometheus:9090' }));
    return 0;
  }
  const joinToken = v['join-token'] ?? process.env['ADTC_JOIN_TOKEN'];
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
    ...(v['occopus-import'] ? { occopusImport: v['occopus-import'].split(/\s+/).filter((w) => w !== '') } : {}),
    ...(v.terraform ? { terraformBinary: v.terraform } : {}),
    ...(v['join-address'] ? { joinAddress: v['join-address'] } : {}),
    ...(joinToken ? { joinToken } : {}),
    ...(v['join-token-secret'] ? { joinTokenSecret: v['join-token-secret'] } : {}),
    ...(v['no-node-sets'] ? { skipNodeSets: true } : {}),
  };
  const compileArgs = [...(v['app-id'] ? ['--app-id', v['app-id']] : []), ...v.input.flatMap((i) => ['--input', i])];
  const target = positionals[0];
  // Every case awaits inside the try, so a failure ends in one line rather than an unhandled rejection's stack trace.
  try {
    switch (name) {
      case 'deploy':
      case 'update': {
        const planDir = await planDirOf(target!, io, stateDir, v['app-id'], compileArgs);
        return planDir === undefined ? 1 : await (await runtime()).deployCommand(planDir, connection, name, output);
      }
      case 'undeploy':
        return await (await runtime()).undeployCommand(target!, connection, output);
      case 'status':
        return await (await runtime()).statusCommand(target, connection, output);
      case 'serve':
      case 'run': {
        const stop = new AbortController();
        const onSignal = () => stop.abort();
        process.once('SIGINT', onSignal);
        process.once('SIGTERM', onSignal);
        try {
          if (name === 'serve') {
            const credentials = serveCredentials();
            if (typeof credentials === 'string') {
              io.stderr(`adtc serve: ${credentials}\n`);
              return 2;
            }
            return await (await runtime()).serveCommand({
              ...connection,
              periodS: numbers['period'] ?? 15,
              signal: stop.signal,
              listen: v.listen ?? '127.0.0.1:8080',
              ...(credentials ? { credentials } : {}),
              ...(v.cert ? { certFile: resolve(io.cwd, v.cert) } : {}),
              ...(v.key ? { keyFile: resolve(io.cwd, v.key) } : {}),
              maxUploadBytes: numbers['max-upload'] ?? 1024 * 1024,
              tools: (await import('./serve-tools.js')).serveTools,
              ...(v['log-format'] === undefined ? {} : { logFormat: v['log-format'] as 'text' | 'json' }),
              ...(v['no-leader-election'] ? { election: false as const } : numbers['lease-duration'] === undefined ? {} : { election: electionTiming(numbers['lease-duration']) }),
            }, output);
          }
          return await (await runtime()).runCommand(target, {
            ...connection,
            periodS: numbers['period'] ?? 15,
            once: v.once,
            signal: stop.signal,
            all,
            ...(v.listen === undefined ? {} : { listen: v.listen }),
            ...(v['log-format'] === undefined ? {} : { logFormat: v['log-format'] as 'text' | 'json' }),
            ...(numbers['scale-down-window'] === undefined ? {} : { scaleDownWindowS: numbers['scale-down-window'] }),
          }, output);
        } finally {
          process.off('SIGINT', onSignal);
          process.off('SIGTERM', onSignal);
        }
      }
    }
  } catch (error) {
    io.stderr(`adtc ${name}: ${(error as Error).message}\n`);
    return 1;
  }
}

/** client-go's proportions (15 s Lease, 10 s renew deadline, 2 s retry period) for another Lease duration. */
function electionTiming(leaseDurationS: number): { leaseDurationS: number; renewDeadlineMs: number; retryPeriodMs: number } {
  return { leaseDurationS, renewDeadlineMs: Math.round((leaseDurationS * 2000) / 3), retryPeriodMs: Math.round((leaseDurationS * 1000) / 7.5) };
}

/** The credentials `adtc serve` asks of clients, from the environment (never argv, which ps shows). */
function serveCredentials(): { kind: 'bearer'; token: string } | { kind: 'basic'; user: string; password: string } | undefined | string {
  const token = process.env['ADTC_SERVE_TOKEN'];
  const user = process.env['ADTC_SERVE_USER'];
  const password = process.env['ADTC_SERVE_PASSWORD'];
  if (token && (user || password)) return 'set either $ADTC_SERVE_TOKEN or $ADTC_SERVE_USER and $ADTC_SERVE_PASSWORD, not both';
  if (token) return { kind: 'bearer', token };
  if (user === undefined && password === undefined) return undefined;
  if (!user || !password || user.includes(':')) return 'basic auth needs both $ADTC_SERVE_USER (without ":") and $ADTC_SERVE_PASSWORD';
  return { kind: 'basic', user, password };
}

/** A plan directory as given, or the ADT compiled into a new folder under `<stateDir>/plans/<app-id>/` (runtime/src/deploy/plan-folders.ts). */
async function planDirOf(target: string, io: CliIo, stateDir: string, appId: string | undefined, compileArgs: readonly string[]): Promise<string | undefined> {
  const path = resolve(io.cwd, target);
  if (existsSync(join(path, 'plan.json'))) {
    if (compileArgs.some((a) => a === '--input')) io.stderr(`note: --input applies when compiling an ADT; ${target} is a compiled plan and keeps its inputs\n`);
    return path;
  }
  if (!existsSync(path) || !statSync(path).isFile()) {
    io.stderr(`'${target}' is neither a plan directory (with plan.json) nor an ADT file.\n`);
    return undefined;
  }
  const out = (await runtime()).newPlanFolder(stateDir, appId ?? appIdFromFile(pathToFileURL(path).href));
  mkdirSync(out, { recursive: true });
  const code = await runCompile([path, '-o', out, ...compileArgs], io);
  return code === 0 ? out : undefined;
}
