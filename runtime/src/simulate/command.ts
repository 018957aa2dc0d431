/**
 * The runtime half of `adtc simulate`: reads the trace and the --metric overrides (refusing bad ones before
 * any plan is compiled), simulates one plan or two on the same load, prints the scale actions, and writes
 * the chart as SVG, PNG or an HTML report. The CLI (compiler/src/cli/simulate-command.ts) has checked the
 * options' syntax and owns the temporary state directory.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { LoadProfileName } from './load.js';
import { parseTrace } from './load.js';
import type { Measure } from './metric-model.js';
import { parseOverride } from './metric-model.js';
import { htmlReport, timelineText } from './report.js';
import type { LoadSpec, SimulationRun } from './simulate.js';
import { simulate } from './simulate.js';
import { renderChart } from './svg-chart.js';

export interface SimulateRequest {
  readonly trace?: string;
  readonly load?: string;
  readonly durationS?: number;
  readonly peak?: number;
  readonly base?: number;
  readonly periodS: number;
  readonly bootDelayS: number;
  readonly podsPerNode?: number;
  readonly startMs?: number;
  readonly metrics: readonly string[];
  readonly out: string;
  readonly format: 'svg' | 'png' | 'html';
  readonly stateDir: string;
  readonly verbose: boolean;
  readonly plan: (which: 'main' | 'vs') => Promise<string | undefined>;
  /** One label per plan: the app id, or the two names compared. */
  readonly labels: readonly string[];
}

interface Output {
  out(text: string): void;
  err(text: string): void;
}

export async function simulateCommand(request: SimulateRequest, output: Output): Promise<number> {
  const fail = (message: string, code: number) => {
    output.err(`adtc simulate: ${message}\n`);
    return code;
  };
  const overrides = new Map<string, Measure>();
  for (const text of request.metrics) {
    const parsed = parseOverride(text);
    if (!parsed.ok) return fail(parsed.message, 2);
    overrides.set(parsed.name, parsed.measure);
  }
  let load: LoadSpec;
  let durationS = request.durationS ?? 3600;
  if (request.trace !== undefined) {
    let text: string;
    try {
      text = await readFile(request.trace, 'utf8');
    } catch (error) {
      return fail(`cannot read ${request.trace}: ${(error as Error).message}`, 2);
    }
    const trace = parseTrace(text, request.trace.toLowerCase().endsWith('.json'));
    if (!trace.ok) return fail(`${request.trace}: ${trace.message}`, 2);
    load = { trace: trace.load };
    durationS = request.durationS ?? trace.durationS;
  } else {
    load = { profile: (request.load ?? 'ramp') as LoadProfileName, ...(request.peak !== undefined ? { peak: request.peak } : {}), ...(request.base !== undefined ? { base: request.base } : {}) };
  }

  const which = request.labels.length > 1 ? (['main', 'vs'] as const) : (['main'] as const);
  const planDirs: string[] = [];
  for (const w of which) {
    const dir = await request.plan(w);
    if (dir === undefined) return 1;
    planDirs.push(dir);
  }
  const runs: SimulationRun[] = [];
  for (const [i, planDir] of planDirs.entries()) {
    const result = await simulate({
      planDir,
      stateDir: join(request.stateDir, which[i]!),
      load,
      durationS,
      periodS: request.periodS,
      bootDelayS: request.bootDelayS,
      overrides,
      ...(request.podsPerNode !== undefined ? { podsPerNode: request.podsPerNode } : {}),
      ...(request.startMs !== undefined ? { startMs: request.startMs } : {}),
      ...(request.verbose ? { echo: (r) => output.err(`${r.ts} ${JSON.stringify(r)}\n`) } : {}),
    });
    if (!result.ok) {
      for (const e of result.errors) output.err(`adtc simulate: ${planDirs.length > 1 ? `${request.labels[i]}: ` : ''}${e}\n`);
      return 2;
    }
    runs.push(result);
  }
  const labelled = runs.map((run, i) => ({ run, label: request.labels[i]! }));
  for (const { run, label } of labelled) {
    const prefix = runs.length > 1 ? `${label}: ` : '';
    for (const note of run.notes) if (request.verbose || !/^(pods per node|load |clock starts)/.test(note)) output.err(`note: ${prefix}${note}\n`);
  }
  output.out(timelineText(labelled));
  const title = runs.length > 1 ? `${request.labels[0]} vs ${request.labels[1]}` : runs[0]!.plan.app.id;
  const svg = renderChart(title, labelled);
  if (request.format === 'svg') await writeFile(request.out, svg);
  else if (request.format === 'png') await writeFile(request.out, await (await import('./png.js')).svgToPng(svg));
  else await writeFile(request.out, htmlReport(title, svg, labelled));
  output.out(`${runs[0]!.rows.length} cycles of ${request.periodS} s simulated; chart: ${request.out}\n`);
  return 0;
}
