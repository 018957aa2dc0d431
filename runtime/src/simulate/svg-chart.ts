/**
 * The simulation chart, as a dependency-free SVG: a count panel (ready nodes and pods as solid step lines,
 * requested ones dashed, equal lines drawn side by side instead of on top of each other, a marker at every
 * scale action), one panel per driving metric with the thresholds the policies compare it with, and the load.
 * Every panel has its legend inside the image, wrapped to the width. With two runs (`--vs`) both are drawn
 * on the same axes, the second in its own colours. Elements carry classes (`legend-item`, `tick-y`,
 * `marker`, `threshold`) so tests can check the structure.
 */
import type { SimulationRun } from './simulate.js';

export interface ChartRun {
  /** Shown before each legend entry when runs are compared. */
  readonly label?: string;
  readonly run: SimulationRun;
}

export const CHART_WIDTH = 960;
const LEFT = 64;
const RIGHT = 24;
const PLOT = CHART_WIDTH - LEFT - RIGHT;
const FONT = 12;
/** DejaVu Sans's widest common glyphs are about 0.62 em; legends are laid out with this so they never overflow. */
export const CHAR_WIDTH = FONT * 0.62;
const PALETTES = [
  ['#1f77b4', '#2ca02c', '#9467bd', '#8c564b', '#17becf'],
  ['#ff7f0e', '#d62728', '#e377c2', '#bcbd22', '#7f7f7f'],
];
/** Thresholds in red; a compared run's own thresholds in purple. */
const THRESHOLD_COLOURS = ['#c0392b', '#8e44ad'];

interface Line {
  readonly name: string;
  readonly colour: string;
  readonly dash?: string;
  readonly width: number;
  readonly points: readonly (readonly [number, number | null])[];
  readonly step: boolean;
  /** Pixels to shift the line down, so equal count lines stay visible side by side. */
  readonly offset?: number;
}

interface Marker {
  readonly t: number;
  readonly value: number;
  readonly up: boolean;
  readonly colour: string;
  readonly text: string;
}

function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function fmt(n: number): string {
  return Number.isInteger(n) ? String(n) : String(Math.round(n * 100) / 100);
}

/** Axis ticks covering `min` (0 or below) to `max`: 1, 2 or 5 times a power of ten; whole numbers only for counts. */
export function ticks(max: number, integer: boolean, min = 0): number[] {
  const top = Math.max(max, integer ? 1 : 1e-9);
  const range = top - Math.min(0, min);
  let step = 10 ** Math.floor(Math.log10(range / 5));
  for (const m of [1, 2, 5, 10]) {
    if (range / (step * m) <= 5) {
      step *= m;
      break;
    }
  }
  if (integer) step = Math.max(1, Math.round(step));
  const out: number[] = [];
  for (let v = Math.floor(Math.min(0, min) / step) * step; v < top + step - 1e-9; v += step) out.push(Math.round(v * 1e6) / 1e6);
  return out;
}

/** Time ticks: a round step giving at most eight labels. */
function timeTicks(tMax: number): number[] {
  const step = [60, 120, 300, 600, 900, 1800, 3600, 7200, 14_400, 21_600, 43_200, 86_400].find((s) => tMax / s <= 8) ?? Math.ceil(tMax / 8);
  const out: number[] = [];
  for (let t = 0; t <= tMax; t += step) out.push(t);
  return out;
}

function timeLabel(t: number, tMax: number): string {
  if (tMax <= 3 * 3600) return `${Math.round(t / 60)} min`;
  const h = Math.floor(t / 3600);
  const m = Math.round((t % 3600) / 60);
  return m === 0 ? `${h} h` : `${h} h ${m}`;
}

class Canvas {
  readonly out: string[] = [];
  y = 40;
  constructor(readonly tMax: number) {}

  x(t: number): number {
    return LEFT + (this.tMax === 0 ? 0 : (t / this.tMax) * PLOT);
  }

  /** A panel: frame, grid, y ticks, lines, thresholds and markers, then its legend. */
  panel(title: string, height: number, lines: readonly Line[], options: { integer: boolean; thresholds?: readonly { value: number; label: string; colour: string }[]; markers?: readonly Marker[] }): void {
    const top = this.y + 18;
    const values = lines.flatMap((l) => l.points.map(([, v]) => v)).filter((v): v is number => v !== null && Number.isFinite(v));
    const all = [...values, ...(options.thresholds ?? []).map((t) => t.value)];
    const tickValues = ticks(Math.max(0, ...all) * (options.integer ? 1 : 1.05), options.integer, Math.min(0, ...all));
    const vMin = tickValues[0]!;
    const vMax = tickValues.at(-1)!;
    const y = (v: number) => top + height - ((Math.max(vMin, Math.min(v, vMax)) - vMin) / (vMax - vMin)) * height;
    const o = this.out;
    o.push(`<g class="panel" data-title="${escape(title)}">`);
    o.push(`<text x="${LEFT}" y="${top - 6}" font-weight="bold">${escape(fitted(title, PLOT, 13, true))}</text>`);
    for (const v of tickValues) {
      o.push(`<line x1="${LEFT}" x2="${LEFT + PLOT}" y1="${y(v).toFixed(1)}" y2="${y(v).toFixed(1)}" stroke="#e6e6e6"/>`);
      o.push(`<text class="tick-y" data-value="${v}" x="${LEFT - 6}" y="${(y(v) + 4).toFixed(1)}" text-anchor="end" font-size="11">${fmt(v)}</text>`);
    }
    for (const t of timeTicks(this.tMax)) o.push(`<line x1="${this.x(t).toFixed(1)}" x2="${this.x(t).toFixed(1)}" y1="${top}" y2="${top + height}" stroke="#f0f0f0"/>`);
    o.push(`<rect x="${LEFT}" y="${top}" width="${PLOT}" height="${height}" fill="none" stroke="#999"/>`);
    for (const th of options.thresholds ?? []) {
      const ty = y(th.value).toFixed(1);
      o.push(`<line class="threshold" data-value="${th.value}" x1="${LEFT}" x2="${LEFT + PLOT}" y1="${ty}" y2="${ty}" stroke="${th.colour}" stroke-width="1" stroke-dasharray="6 4"/>`);
      // A white halo keeps the label readable where a series crosses it.
      o.push(`<text x="${LEFT + PLOT - 4}" y="${(Number(ty) - 4).toFixed(1)}" text-anchor="end" font-size="11" fill="${th.colour}" stroke="white" stroke-width="3" paint-order="stroke">${escape(`${th.label} ${fmt(th.value)}`.trim())}</text>`);
    }
    for (const line of lines) {
      let d = '';
      // Samples between missing ones draw no segment: they get a dot.
      const lone: string[] = [];
      let run: [string, string][] = [];
      const off = line.offset ?? 0;
      const close = () => {
        if (run.length === 1) lone.push(`<circle cx="${run[0]![0]}" cy="${run[0]![1]}" r="${line.width + 1}" fill="${line.colour}"/>`);
        run = [];
      };
      for (const [t, v] of line.points) {
        if (v === null || !Number.isFinite(v)) {
          close();
          continue;
        }
        const px = this.x(t).toFixed(1);
        const py = (y(v) + off).toFixed(1);
        d += run.length === 0 ? `M${px},${py}` : line.step ? `H${px}V${py}` : `L${px},${py}`;
        run.push([px, py]);
      }
      close();
      o.push(`<path class="series" data-name="${escape(line.name)}" d="${d}" fill="none" stroke="${line.colour}" stroke-width="${line.width}"${line.dash ? ` stroke-dasharray="${line.dash}"` : ''} stroke-linejoin="round"/>`, ...lone);
    }
    for (const m of options.markers ?? []) {
      const mx = this.x(m.t);
      const my = y(m.value);
      const d = m.up ? `M${(mx - 5).toFixed(1)},${(my + 4).toFixed(1)}l5,-9l5,9z` : `M${(mx - 5).toFixed(1)},${(my - 4).toFixed(1)}l5,9l5,-9z`;
      o.push(`<path class="marker" data-t="${m.t}" d="${d}" fill="${m.colour}" stroke="white" stroke-width="1"><title>${escape(`${m.t} s: ${m.text}`)}</title></path>`);
    }
    o.push('</g>');
    this.y = top + height + 8;
    this.legend([
      ...lines.map((l) => ({ name: l.name, colour: l.colour, width: l.width, ...(l.dash ? { dash: l.dash } : {}) })),
      ...[...new Set((options.thresholds ?? []).map((t) => t.colour))].map((colour) => ({ name: 'threshold', colour, width: 1, dash: '6 4' })),
      ...((options.markers ?? []).length > 0 ? [{ name: 'scale action (▲ up, ▼ down)', colour: '#333', width: 0 }] : []),
    ]);
  }

  /** Legend entries in rows that wrap at the plot's width. */
  legend(items: readonly { name: string; colour: string; width: number; dash?: string }[]): void {
    let x = LEFT;
    let y = this.y + 12;
    this.out.push('<g class="legend">');
    for (const raw of items) {
      const item = { ...raw, name: fitted(raw.name, PLOT - legendItemWidth('')) };
      const w = legendItemWidth(item.name);
      if (x + w > LEFT + PLOT && x > LEFT) {
        x = LEFT;
        y += 18;
      }
      const sample =
        item.width === 0
          ? `<path d="M${x + 4},${y}l5,-9l5,9z" fill="${item.colour}"/>`
          : `<line x1="${x}" x2="${x + 24}" y1="${y - 4}" y2="${y - 4}" stroke="${item.colour}" stroke-width="${item.width}"${item.dash ? ` stroke-dasharray="${item.dash}"` : ''}/>`;
      this.out.push(`<g class="legend-item" data-x="${x}" data-width="${w}">${sample}<text x="${x + 30}" y="${y}" font-size="${FONT}">${escape(item.name)}</text></g>`);
      x += w;
    }
    this.out.push('</g>');
    this.y = y + 14;
  }

  timeAxis(): void {
    for (const t of timeTicks(this.tMax)) this.out.push(`<text class="tick-x" x="${this.x(t).toFixed(1)}" y="${this.y + 4}" text-anchor="middle" font-size="11">${timeLabel(t, this.tMax)}</text>`);
    this.y += 16;
  }
}

/** A name cut with an ellipsis to fit `width` pixels at `px` (bold glyphs are wider), so no text leaves the image. */
function fitted(name: string, width: number, px = FONT, bold = false): string {
  const max = Math.floor(width / (px * (bold ? 0.72 : 0.62)));
  return name.length <= max ? name : `${name.slice(0, max - 1)}…`;
}

/** The width a legend entry takes: sample, gap, text, spacing. */
export function legendItemWidth(name: string): number {
  return Math.ceil(30 + name.length * CHAR_WIDTH + 18);
}

function entityColour(palette: readonly string[], index: number): string {
  return palette[index % palette.length]!;
}

/** Count lines and markers of one run: nodes thick, pods thin; ready solid, requested dashed. */
function countLines(run: SimulationRun, prefix: string, palette: readonly string[]): { lines: Line[]; markers: Marker[] } {
  const lines: Line[] = [];
  const markers: Marker[] = [];
  const colours = new Map<string, string>();
  const entities = [...run.scaledSets.map((s) => ({ key: s, kind: 'nodes' as const })), ...run.workloads.map((w) => ({ key: w, kind: 'pods' as const }))];
  entities.forEach((e, i) => {
    const colour = entityColour(palette, i);
    colours.set(e.key, colour);
    const width = e.kind === 'nodes' ? 3.5 : 2;
    const at = (r: SimulationRun['rows'][number]) => (e.kind === 'nodes' ? r.nodes[e.key] : undefined);
    const pods = (r: SimulationRun['rows'][number]) => r.replicas[e.key];
    lines.push({ name: `${prefix}${e.kind} ${e.key} ready`, colour, width, step: true, points: run.rows.map((r) => [r.t, e.kind === 'nodes' ? (at(r)?.ready ?? 0) : (pods(r)?.ready ?? 0)] as const) });
    lines.push({ name: `${prefix}${e.kind} ${e.key} ${e.kind === 'nodes' ? 'requested' : 'desired'}`, colour, width: 1.5, dash: '5 3', step: true, points: run.rows.map((r) => [r.t, e.kind === 'nodes' ? (at(r)?.all ?? 0) : (pods(r)?.desired ?? 0)] as const) });
  });
  for (const row of run.rows) {
    for (const o of row.outcomes) {
      if (!/^(scale|drop) /.test(o.summary) || o.before === o.after) continue;
      const policy = run.plan.policies.find((p) => p.name === o.policy);
      const key = policy?.workload?.name ?? run.scaledSets.find((s) => o.summary.includes(` ${s} `) || o.summary.includes(`from ${s}:`)) ?? '';
      markers.push({ t: row.t, value: o.after, up: o.after > o.before, colour: colours.get(key) ?? '#333', text: `${prefix}${o.summary}` });
    }
  }
  // Spread lines a few pixels apart (nodes above pods) so equal counts do not hide each other.
  const spread = lines.map((l, i) => ({ ...l, offset: (i - (lines.length - 1) / 2) * 1.5 }));
  return { lines: spread, markers };
}

/** The chart of one run, or of two runs compared on the same load. */
export function renderChart(title: string, runs: readonly ChartRun[]): string {
  const tMax = Math.max(0, ...runs.map((r) => r.run.rows.at(-1)?.t ?? 0));
  const canvas = new Canvas(tMax);
  const prefixes = runs.map((r) => (runs.length > 1 && r.label ? `${r.label}: ` : ''));
  const counts = runs.map((r, i) => countLines(r.run, prefixes[i]!, PALETTES[i % PALETTES.length]!));
  canvas.panel('Nodes and pods', 200, counts.flatMap((c) => c.lines), { integer: true, markers: counts.flatMap((c) => c.markers) });
  const names = [...new Set(runs.flatMap((r) => r.run.metrics.map((m) => m.name)))];
  for (const name of names) {
    const lines: Line[] = [];
    const thresholdsOf = (r: ChartRun) => r.run.metrics.find((m) => m.name === name)?.thresholds ?? [];
    // A threshold every run shares is drawn once, unlabelled by run; the others in their run's colour.
    const shared = (t: { value: number; label: string }) => runs.every((r) => thresholdsOf(r).some((u) => u.value === t.value && u.label === t.label));
    const thresholds: { value: number; label: string; colour: string }[] = [];
    runs.forEach((r, i) => {
      if (!r.run.metrics.some((m) => m.name === name)) return;
      lines.push({ name: `${prefixes[i]}${name}`, colour: PALETTES[i % PALETTES.length]![0]!, width: 2, step: false, points: r.run.rows.map((row) => [row.t, row.metrics[name] ?? null] as const) });
      for (const t of thresholdsOf(r)) {
        if (!shared(t)) thresholds.push({ value: t.value, label: `${prefixes[i]}${t.label}`, colour: THRESHOLD_COLOURS[i % THRESHOLD_COLOURS.length]! });
        else if (i === 0) thresholds.push({ ...t, colour: THRESHOLD_COLOURS[0]! });
      }
    });
    const what = runs.map((r) => r.run.metrics.find((m) => m.name === name)?.measures).find((m) => m !== undefined);
    canvas.panel(what ? `${name}: ${what}` : name, 120, lines, { integer: false, thresholds });
  }
  const load = runs[0]!.run.rows;
  if (load.some((r) => r.demand !== 0)) canvas.panel('load (total, in the unit of the metric it drives)', 70, [{ name: 'load', colour: '#555', width: 1.5, step: false, points: load.map((r) => [r.t, r.demand] as const) }], { integer: false });
  canvas.timeAxis();
  const height = Math.ceil(canvas.y + 8);
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${CHART_WIDTH}" height="${height}" viewBox="0 0 ${CHART_WIDTH} ${height}" font-family="DejaVu Sans, Verdana, sans-serif" font-size="13">`,
    `<title>${escape(title)}</title>`,
    '<rect width="100%" height="100%" fill="white"/>',
    `<text x="${LEFT}" y="24" font-size="16" font-weight="bold">${escape(fitted(title, PLOT, 16, true))}</text>`,
    ...canvas.out,
    '</svg>',
    '',
  ].join('\n');
}
