/**
 * `adtc simulate <adt|plan-dir> [--vs <adt|plan-dir>] (--load P | --trace F) [options]`: argument checks
 * here, before anything runs; the simulation in the runtime (runtime/src/simulate/command.ts), loaded at run
 * time like the other runtime commands. ADTs are compiled quietly into the state directory, a temporary one
 * removed at the end unless --keep or --state-dir is given. Exit codes: 0 done, 1 the ADT does not compile
 * or the simulation fails, 2 usage.
 */
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { importModule } from '../import-module.js';
import { parseCommandLine } from './command-line.js';
import type { CliIo } from './io.js';
import { runCompile } from './compile-command.js';

export const simulateUsage = `Usage: adtc simulate <adt|plan-dir> (--load <ramp|spike|sine|step> | --trace <file.csv|json>) [options]

Runs the real scaling loop and compiled rules against a simulated cluster on a virtual clock;
prints the scale actions and writes a chart (nodes and pods, each driving metric with its
thresholds, the load).

Load:
  --load <profile>        ramp (up, hold, down), spike, sine or step
  --peak <n>, --base <n>  the profile's highest and lowest load, in the unit of the metric it
                          drives (CPU %, requests/s, KB/s, queue items; default: from the
                          policies' thresholds, so the load crosses them both ways)
  --trace <file>          CSV or JSON with time (s), load and/or columns named after queries or
                          alerts; an empty cell or null is a missing sample
  --metric NAME=VALUE     what query NAME measures: cpu, memory, requests, bytes, queue, clock,
                          none (no sample) or a number; repeat for several
Cluster:
  --duration <s>          simulated seconds (default: 3600, or the trace's length)
  --period <s>            loop period (default: 15)
  --boot-delay <s>        seconds until a new VM joins (default: 120)
  --pods-per-node <n>     pods of a workload per node (default: the node size in the ADT over
                          the pod's resource requests; 110 for pods that request nothing;
                          else 4)
  --start <time>          the clock's start, ISO 8601 or epoch seconds (default: 2026-01-01,
                          or one duration before the deadline a rule counts down to)
Output:
  --vs <adt|plan-dir>     compare with another version of the policies on the same load
  -o, --out <file>        the chart: .svg, .png or .html (a report with the timeline)
                          (default: ./<app-id>.simulation.svg)
  --format <svg|png|html> the chart's format when --out has no such extension
  --keep                  keep the compiled plans, state and decision log (path printed)
  --state-dir <dir>       keep them in this directory
  --verbose               also print the assumptions and the rules' decision log
  --app-id <id>           application id of the compiled ADT
  --input <name=value>    a topology input's value when compiling an ADT; repeat for several
`;

const FORMATS = ['svg', 'png', 'html'] as const;
const PROFILES = ['ramp', 'spike', 'sine', 'step'];

/** runtime/src/simulate/command.ts; its SimulateRequest is the shape built below (the compiler cannot import runtime types). */
type RuntimeSimulate = { simulateCommand(request: Record<string, unknown>, output: { out(text: string): void; err(text: string): void }): Promise<number> };

export async function runSimulate(argv: readonly string[], io: CliIo): Promise<number> {
  const parsed = parseCommandLine('simulate', simulateUsage, argv, {
    trace: { type: 'string' },
    load: { type: 'string' },
    duration: { type: 'string' },
    peak: { type: 'string' },
    base: { type: 'string' },
    period: { type: 'string' },
    'boot-delay': { type: 'string' },
    'pods-per-node': { type: 'string' },
    start: { type: 'string' },
    metric: { type: 'string', multiple: true, default: [] },
    vs: { type: 'string' },
    out: { type: 'string', short: 'o' },
    format: { type: 'string' },
    keep: { type: 'boolean', default: false },
    'state-dir': { type: 'string' },
    verbose: { type: 'boolean', default: false },
    'app-id': { type: 'string' },
    input: { type: 'string', multiple: true, default: [] },
  }, io);
  if (typeof parsed === 'number') return parsed;
  const { values: v, positionals } = parsed;
  const problems: string[] = [];
  if (positionals.length !== 1) problems.push('name exactly one ADT or plan directory (compare a second one with --vs)');
  if ((v.trace === undefined) === (v.load === undefined)) problems.push('give either --load <profile> or --trace <file>');
  if (v.load !== undefined && !PROFILES.includes(v.load)) problems.push(`--load '${v.load}' is not a profile; choose ${PROFILES.join(', ')}`);
  if (v.trace !== undefined && (v.peak !== undefined || v.base !== undefined)) problems.push('--peak and --base shape a --load profile; a trace gives its own load');
  const numbers: Record<string, number> = {};
  for (const key of ['duration', 'peak', 'base', 'period', 'boot-delay', 'pods-per-node'] as const) {
    const text = v[key];
    if (text === undefined) continue;
    const n = Number(text);
    const zeroOk = key === 'base' || key === 'boot-delay';
    if (text.trim() === '' || !Number.isFinite(n) || n < 0 || (n === 0 && !zeroOk)) problems.push(`--${key} needs a ${zeroOk ? 'non-negative' : 'positive'} number, not '${text}'`);
    else if (key === 'pods-per-node' && !Number.isInteger(n)) problems.push(`--pods-per-node needs a whole number, not '${text}'`);
    else numbers[key] = n;
  }
  if (numbers['peak'] !== undefined && numbers['base'] !== undefined && numbers['base'] > numbers['peak']) problems.push(`--base ${numbers['base']} is above --peak ${numbers['peak']}`);
  let startMs: number | undefined;
  if (v.start !== undefined) {
    startMs = /^\d+(\.\d+)?$/.test(v.start) ? Number(v.start) * 1000 : Date.parse(v.start);
    if (!Number.isFinite(startMs)) problems.push(`--start '${v.start}' is neither an ISO 8601 time (2026-01-01T12:00:00Z) nor epoch seconds`);
  }
  for (const m of v.metric ?? []) if (!/^[A-Za-z_]\w*=./.test(m)) problems.push(`--metric '${m}' is not NAME=VALUE (e.g. --metric ITEMS=queue)`);
  const ext = v.out !== undefined ? extname(v.out).slice(1).toLowerCase() : '';
  const format = v.format ?? ((FORMATS as readonly string[]).includes(ext) ? ext : 'svg');
  if (!(FORMATS as readonly string[]).includes(format)) problems.push(`--format '${format}' is not one of ${FORMATS.join(', ')}`);
  else if ((FORMATS as readonly string[]).includes(ext) && ext !== format) problems.push(`--out ${v.out} ends in .${ext} but --format is ${format}`);
  if (v.out !== undefined && !existsSync(dirname(resolve(io.cwd, v.out)))) problems.push(`--out ${v.out}: the folder ${dirname(v.out)} does not exist`);
  for (const [flag, path] of [['the target', positionals[0]], ['--vs', v.vs], ['--trace', v.trace]] as const) {
    if (path !== undefined && !existsSync(resolve(io.cwd, path))) problems.push(`${flag} ${path} does not exist`);
  }
  if (v['app-id'] !== undefined && v.vs !== undefined) problems.push('--app-id names one application; leave it out with --vs');
  if (problems.length > 0) {
    for (const p of problems) io.stderr(`adtc simulate: ${p}.\n`);
    io.stderr(`\nRun 'adtc simulate --help' for the options.\n`);
    return 2;
  }

  const temporary = v['state-dir'] === undefined;
  const stateDir = temporary ? mkdtempSync(join(tmpdir(), 'adtc-simulate-')) : resolve(io.cwd, v['state-dir']!);
  const targets = { main: positionals[0]!, vs: v.vs };
  const appIdOf = (target: string) => v['app-id'] ?? defaultAppId(resolve(io.cwd, target));
  const out = resolve(io.cwd, v.out ?? `${appIdOf(targets.main)}.simulation.${format}`);
  const labels = targets.vs === undefined ? [appIdOf(targets.main)] : distinctLabels(targets.main, targets.vs);
  try {
    const runtime = (await importModule(new URL('../../../runtime/src/simulate/command.js', import.meta.url).href)) as RuntimeSimulate;
    const code = await runtime.simulateCommand(
      {
        ...(v.trace !== undefined ? { trace: resolve(io.cwd, v.trace) } : {}),
        ...(v.load !== undefined ? { load: v.load } : {}),
        ...(numbers['duration'] !== undefined ? { durationS: numbers['duration'] } : {}),
        ...(numbers['peak'] !== undefined ? { peak: numbers['peak'] } : {}),
        ...(numbers['base'] !== undefined ? { base: numbers['base'] } : {}),
        ...(numbers['pods-per-node'] !== undefined ? { podsPerNode: numbers['pods-per-node'] } : {}),
        ...(startMs !== undefined ? { startMs } : {}),
        periodS: numbers['period'] ?? 15,
        bootDelayS: numbers['boot-delay'] ?? 120,
        metrics: v.metric ?? [],
        out,
        format: format,
        stateDir,
        verbose: v.verbose,
        labels,
        plan: (which: 'main' | 'vs') => planDirOf(which === 'main' ? targets.main : targets.vs!, io, join(stateDir, which), v['app-id'], v.input, v.verbose),
      },
      { out: io.stdout, err: io.stderr },
    );
    if (v.keep && temporary) io.stdout(`Plans, state and decision log kept in ${stateDir}\n`);
    return code;
  } catch (error) {
    io.stderr(`adtc simulate: ${(error as Error).message}\n`);
    return 1;
  } finally {
    if (temporary && !v.keep) rmSync(stateDir, { recursive: true, force: true });
  }
}

/** The app id `adtc compile` gives a file or plan directory without --app-id: its lower-cased name. */
function defaultAppId(path: string): string {
  return basename(path).replace(/\.plan$/, '').replace(/\.ya?ml$/i, '').toLowerCase().replace(/[^a-z0-9-]+/g, '-');
}

/** Two targets' names for the legend: their file names, or "A:"/"B:" prefixed ones when those are equal. */
function distinctLabels(a: string, b: string): string[] {
  const name = (p: string) => basename(p).replace(/\.plan$/, '').replace(/\.ya?ml$/i, '');
  return name(a) === name(b) ? [`A ${name(a)}`, `B ${name(b)}`] : [name(a), name(b)];
}

/**
 * A plan directory as given, or the ADT compiled into `<dir>/plans/<name>.plan`. The compiler's report is
 * printed only when the ADT does not compile (or with --verbose): a simulation is not a build.
 */
async function planDirOf(target: string, io: CliIo, dir: string, appId: string | undefined, inputs: readonly string[], verbose: boolean): Promise<string | undefined> {
  const path = resolve(io.cwd, target);
  if (existsSync(join(path, 'plan.json'))) return path;
  if (!statSync(path).isFile()) {
    io.stderr(`adtc simulate: '${target}' is neither a plan directory (with plan.json) nor an ADT file.\n`);
    return undefined;
  }
  const out = join(dir, 'plans', `${appId ?? defaultAppId(path)}.plan`);
  let report = '';
  const quiet: CliIo = { ...io, isTerminal: false, stdout: (t) => void (report += t), stderr: (t) => void (report += t) };
  const code = await runCompile([path, '-o', out, ...(appId ? ['--app-id', appId] : []), ...inputs.flatMap((i) => ['--input', i])], verbose ? io : quiet);
  if (code !== 0 && !verbose) io.stderr(report);
  return code === 0 ? out : undefined;
}
