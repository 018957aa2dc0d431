/**
 * A policy's charts over time as server-rendered SVG (no script, no library, nothing fetched): its query values
 * as lines, and its node or replica count as a step line with the decisions marked (▲ scale up, ▼ scale down,
 * ✕ rule error). Each chart has a text alternative (its title and a one-line summary) and the same points as a
 * data table, so the figures are there for a screen reader and for copying.
 */
import type { HistoryPoint, PolicyHistory } from './decision-history.js';
import { escape, table } from './dashboard-page.js';

const WIDTH = 720;
const HEIGHT = 170;
const PAD = { left: 48, right: 12, top: 10, bottom: 24 };
/** Line colours for the query values, told apart by the legend as well as by colour. */
const COLOURS = ['#1f5fa8', '#b8541a', '#2d7d46', '#7a3d9a', '#8a6d00'];

const time = (t: number) => new Date(t).toISOString().slice(11, 19);
const figure = (n: number) => (Number.isInteger(n) ? String(n) : n.toPrecision(4).replace(/\.?0+$/, ''));

/** Round bounds and about four ticks between them. */
function ticks(low: number, high: number): number[] {
  if (low === high) return [low];
  const raw = (high - low) / 4;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * magnitude).find((s) => s >= raw)!;
  const out: number[] = [];
  for (let v = Math.floor(low / step) * step; v <= high + step / 2; v += step) out.push(Number(v.toPrecision(12)));
  return out;
}

interface Frame {
  readonly x: (t: number) => number;
  readonly y: (v: number) => number;
  readonly axes: string;
}

function frame(points: readonly HistoryPoint[], values: readonly number[], from0: boolean): Frame {
  const t0 = points[0]!.t;
  const t1 = Math.max(points[points.length - 1]!.t, t0 + 1);
  const yTicks = ticks(from0 ? Math.min(0, ...values) : Math.min(...values), Math.max(...values));
  const lo = yTicks[0]!;
  const hi = yTicks.length > 1 ? yTicks[yTicks.length - 1]! : lo + 1;
  const x = (t: number) => PAD.left + ((t - t0) / (t1 - t0)) * (WIDTH - PAD.left - PAD.right);
  const y = (v: number) => HEIGHT - PAD.bottom - ((v - lo) / (hi - lo)) * (HEIGHT - PAD.top - PAD.bottom);
  const yAxis = yTicks.map((v) => `<line class="grid" x1="${PAD.left}" x2="${WIDTH - PAD.right}" y1="${y(v).toFixed(1)}" y2="${y(v).toFixed(1)}"/><text x="${PAD.left - 4}" y="${(y(v) + 4).toFixed(1)}" text-anchor="end">${figure(v)}</text>`);
  const xAxis = [t0, (t0 + t1) / 2, t1].map((t, i) => `<text x="${x(t).toFixed(1)}" y="${HEIGHT - 6}" text-anchor="${['start', 'middle', 'end'][i]}">${time(t)}</text>`);
  return { x, y, axes: `<g class="axes" aria-hidden="true">${yAxis.join('')}${xAxis.join('')}</g>` };
}

const svgOpen = (id: string, title: string, summary: string) =>
  `<svg class="chart" id="${id}" viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-labelledby="${id}-title ${id}-desc"><title id="${id}-title">${escape(title)}</title><desc id="${id}-desc">${escape(summary)}</desc>`;

function queryChart(id: string, history: PolicyHistory, names: readonly string[]): string {
  const all = history.points.flatMap((p) => names.map((n) => p.values[n]).filter((v) => v !== undefined));
  const f = frame(history.points, all, false);
  const lines = names.map((name, i) => {
    const colour = COLOURS[i % COLOURS.length]!;
    const at = history.points.filter((p) => p.values[name] !== undefined);
    const path = at.map((p, k) => `${k === 0 ? 'M' : 'L'}${f.x(p.t).toFixed(1)},${f.y(p.values[name]!).toFixed(1)}`).join('');
    const dots = at.map((p) => `<circle class="point" cx="${f.x(p.t).toFixed(1)}" cy="${f.y(p.values[name]!).toFixed(1)}" r="2" fill="${colour}"/>`).join('');
    return `<g data-series="${escape(name)}"><path d="${path}" fill="none" stroke="${colour}" stroke-width="1.5"/>${dots}</g>`;
  });
  const range = names.map((n) => {
    const vs = history.points.map((p) => p.values[n]).filter((v) => v !== undefined);
    return `${n} from ${figure(Math.min(...vs))} to ${figure(Math.max(...vs))}, last ${figure(vs[vs.length - 1]!)}`;
  });
  const legend = names.map((n, i) => `<li><span class="swatch" data-colour="${i % COLOURS.length}" aria-hidden="true">━</span> ${escape(n)}</li>`).join('');
  return `<figure>${svgOpen(id, `${history.policy}: query values`, `${range.join('; ')}.`)}${f.axes}${lines.join('')}</svg><figcaption>Query values (times in UTC) <ul class="legend">${legend}</ul></figcaption></figure>`;
}

/** A decision's mark, with its time and wording as a tooltip. */
const MARK_SHAPE: Partial<Record<HistoryPoint['mark'], (x: number, y: number, tip: string) => string>> = {
  up: (x, y, tip) => `<path class="mark up" d="M${x.toFixed(1)},${(y - 9).toFixed(1)}l5,8h-10z" fill="#2d7d46"><title>${tip}</title></path>`,
  down: (x, y, tip) => `<path class="mark down" d="M${x.toFixed(1)},${(y + 9).toFixed(1)}l5,-8h-10z" fill="#b8541a"><title>${tip}</title></path>`,
  error: (x, y, tip) => `<path class="mark error" d="M${(x - 4).toFixed(1)},${(y - 4).toFixed(1)}l8,8m0,-8l-8,8" stroke="#b00020" stroke-width="2"><title>${tip}</title></path>`,
};

function countChart(id: string, history: PolicyHistory, noun: string): string {
  const counted = history.points.filter((p) => p.after !== undefined);
  const f = frame(counted, counted.flatMap((p) => [p.before ?? p.after!, p.after!]), true);
  // A step line: the count holds until a decision changes it.
  const path = counted.map((p, k) => `${k === 0 ? `M${f.x(p.t).toFixed(1)},${f.y(p.before ?? p.after!).toFixed(1)}` : `H${f.x(p.t).toFixed(1)}V${f.y(p.before ?? p.after!).toFixed(1)}`}V${f.y(p.after!).toFixed(1)}`).join('');
  const dots = counted.map((p) => `<circle class="point" cx="${f.x(p.t).toFixed(1)}" cy="${f.y(p.after!).toFixed(1)}" r="2" fill="#333"/>`).join('');
  const marks = counted.map((p) => MARK_SHAPE[p.mark]?.(f.x(p.t), f.y(p.after!), escape(`${time(p.t)} UTC: ${p.action}`)) ?? '').join('');
  const count = (m: HistoryPoint['mark']) => history.points.filter((p) => p.mark === m).length;
  const summary = `${noun} ${counted[0]!.before ?? counted[0]!.after} at ${time(counted[0]!.t)}, ${counted[counted.length - 1]!.after} at ${time(counted[counted.length - 1]!.t)}; ${count('up')} scale-ups, ${count('down')} scale-downs, ${count('error')} errors in ${history.points.length} evaluations shown.`;
  return `<figure>${svgOpen(id, `${history.policy}: ${noun} and decisions`, summary)}${f.axes}<path d="${path}" fill="none" stroke="#333" stroke-width="1.5"/>${dots}${marks}</svg><figcaption>${noun[0]!.toUpperCase()}${noun.slice(1)} and decisions (times in UTC): ▲ scale up, ▼ scale down, ✕ rule error</figcaption></figure>`;
}

/** The charts and data table of one policy; `index` keeps element ids unique on the page. */
export function policyCharts(history: PolicyHistory, index: number): string {
  const noun = history.kind === 'vm' ? 'nodes' : 'replicas';
  const names = [...new Set(history.points.flatMap((p) => Object.keys(p.values)))].sort();
  const thinned = history.total > history.points.length ? ` (${history.points.length} of ${history.total} evaluations shown: every decision, and the last of each interval)` : '';
  if (history.points.length === 0) return `<p>No evaluation of ${escape(history.policy)} in the last 6 hours.</p>`;
  const charts = [
    names.length > 0 ? queryChart(`chart-${index}-queries`, history, names) : '<p>The rule reads no query value.</p>',
    history.points.some((p) => p.after !== undefined) ? countChart(`chart-${index}-count`, history, noun) : `<p>No ${noun} count was logged.</p>`,
  ];
  const rows = [...history.points].reverse().map((p) => [time(p.t), ...names.map((n) => (p.values[n] === undefined ? '—' : figure(p.values[n]!))), p.before === undefined ? '—' : String(p.before), p.after === undefined ? '—' : String(p.after), p.action]);
  const data = table(`${history.policy}: evaluations, newest first${thinned}`, ['Time (UTC)', ...names, `${noun} before`, `${noun} after`, 'Decision'], rows, 'data');
  return `<div class="charts">${charts.join('')}</div><details><summary>Data table (${history.points.length} rows)</summary>${data}</details>`;
}
