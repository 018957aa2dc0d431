/**
 * The simulation as text and as an HTML report: the timeline of the cycles where something was decided
 * (plus the first and the last), with ready/total nodes, ready/desired pods, the driving metrics and the
 * actions; the HTML report puts the chart above the full table of those rows.
 */
import type { ChartRun } from './svg-chart.js';
import type { SimulationRun, TimelineRow } from './simulate.js';

/**
 * What a cycle decided: scalings, drops and errors (not "no change" or skips), and the rules' own errors
 * when they differ from the previous cycle's, so a rule failing on every cycle is reported once.
 */
export function actionsOf(row: TimelineRow, previous: TimelineRow | undefined): string[] {
  const newErrors = row.ruleErrors.join('\n') === (previous?.ruleErrors ?? []).join('\n') ? [] : row.ruleErrors;
  return [...row.outcomes.filter((o) => /^(scale|drop|error)/.test(o.summary)).map((o) => o.summary), ...newErrors.map((e) => `rule error in ${e}`)];
}

/** The rows worth a line, each with its actions. */
function eventful(run: SimulationRun): { row: TimelineRow; actions: string[] }[] {
  return run.rows.flatMap((row, i) => {
    const actions = actionsOf(row, run.rows[i - 1]);
    return i === 0 || i === run.rows.length - 1 || actions.length > 0 ? [{ row, actions }] : [];
  });
}

function cellsOf(run: SimulationRun, row: TimelineRow): string[] {
  return [
    ...run.scaledSets.map((s) => `${row.nodes[s]?.ready ?? 0}/${row.nodes[s]?.all ?? 0}`),
    ...run.workloads.map((w) => `${row.replicas[w]?.ready ?? 0}/${row.replicas[w]?.desired ?? 0}`),
  ];
}

function metricText(value: number | null | undefined): string {
  return value === null || value === undefined ? '–' : String(value);
}

export function timelineText(runs: readonly ChartRun[]): string {
  const out: string[] = [];
  for (const { run, label } of runs) {
    if (runs.length > 1) out.push(`== ${label} ==`);
    const heads = ['t (s)', 'load', ...run.scaledSets.map((s) => `nodes ${s}`), ...run.workloads.map((w) => `pods ${w}`)];
    out.push(`${heads.map((h, i) => (i < 2 ? h.padStart(7) : h)).join('  ')}  actions`);
    for (const { row, actions } of eventful(run)) {
      const cells = cellsOf(run, row).map((c, i) => c.padStart(heads[i + 2]!.length));
      out.push(`${String(row.t).padStart(7)}  ${String(row.demand).padStart(7)}  ${cells.join('  ')}  ${actions.join('; ')}`.trimEnd());
    }
  }
  out.push('(nodes ready/all, pods ready/desired)');
  return `${out.join('\n')}\n`;
}

function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

export function htmlReport(title: string, svg: string, runs: readonly ChartRun[]): string {
  const sections = runs.map(({ run, label }) => {
    const heads = ['t (s)', 'load', ...run.scaledSets.map((s) => `nodes ${s} ready/all`), ...run.workloads.map((w) => `pods ${w} ready/desired`), ...run.metrics.map((m) => m.name), 'actions'];
    const rows = eventful(run).map(({ row, actions }) => {
      const cells = [String(row.t), String(row.demand), ...cellsOf(run, row), ...run.metrics.map((m) => metricText(row.metrics[m.name])), actions.join('; ')];
      return `<tr>${cells.map((c, i) => `<td${i < cells.length - 1 ? ' class="n"' : ''}>${escape(c)}</td>`).join('')}</tr>`;
    });
    const notes = run.notes.map((n) => `<li>${escape(n)}</li>`).join('');
    return [
      runs.length > 1 ? `<h2>${escape(label ?? '')}</h2>` : '',
      notes ? `<ul class="notes">${notes}</ul>` : '',
      `<table><thead><tr>${heads.map((h) => `<th>${escape(h)}</th>`).join('')}</tr></thead><tbody>`,
      ...rows,
      '</tbody></table>',
    ].join('\n');
  });
  return [
    '<!doctype html>',
    '<html lang="en"><head><meta charset="utf-8">',
    `<title>${escape(title)}: simulation</title>`,
    '<style>body{font-family:"DejaVu Sans",Verdana,sans-serif;margin:2em;color:#222}table{border-collapse:collapse;margin:1em 0}th,td{border:1px solid #ccc;padding:.25em .6em;font-size:13px}th{background:#f4f4f4;text-align:left}td.n{text-align:right;font-variant-numeric:tabular-nums}.notes{color:#555;font-size:13px}svg{max-width:100%;height:auto}</style>',
    '</head><body>',
    `<h1>${escape(title)}: simulation</h1>`,
    svg,
    '<p>Cycles where a policy acted, with the first and the last. Nodes ready/all, pods ready/desired; – is a missing sample.</p>',
    ...sections,
    '</body></html>',
    '',
  ].join('\n');
}
