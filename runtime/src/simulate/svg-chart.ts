/**
 * A dependency-free SVG chart of a simulation: counts (nodes per set, replicas per workload) as step lines in
 * the upper panel, the driving metrics in the lower one, over the same time axis.
 */
export interface Series {
  readonly name: string;
  readonly points: readonly (readonly [number, number])[];
}

const WIDTH = 900;
const PANEL = 220;
const LEFT = 60;
const RIGHT = 190;
const TOP = 30;
const GAP = 50;
const COLOURS = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#ff7f0e', '#8c564b', '#e377c2', '#17becf'];

function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function panel(title: string, series: readonly Series[], top: number, tMax: number, step: boolean, colourOffset: number): string {
  const values = series.flatMap((s) => s.points.map(([, v]) => v));
  const vMax = Math.max(1, ...values.filter(Number.isFinite)) * 1.1;
  const plotWidth = WIDTH - LEFT - RIGHT;
  const x = (t: number) => LEFT + (tMax === 0 ? 0 : (t / tMax) * plotWidth);
  const y = (v: number) => top + PANEL - (Math.min(v, vMax) / vMax) * PANEL;
  const out: string[] = [];
  out.push(`<text x="${LEFT}" y="${top - 8}" font-weight="bold">${escape(title)}</text>`);
  out.push(`<rect x="${LEFT}" y="${top}" width="${plotWidth}" height="${PANEL}" fill="none" stroke="#999"/>`);
  for (let i = 0; i <= 4; i++) {
    const v = (vMax / 4) * i;
    out.push(`<line x1="${LEFT}" x2="${LEFT + plotWidth}" y1="${y(v).toFixed(1)}" y2="${y(v).toFixed(1)}" stroke="#eee"/>`);
    out.push(`<text x="${LEFT - 6}" y="${(y(v) + 4).toFixed(1)}" text-anchor="end" font-size="11">${Number.isInteger(v) ? v : v.toFixed(1)}</text>`);
  }
  series.forEach((s, i) => {
    const colour = COLOURS[(i + colourOffset) % COLOURS.length]!;
    let d = '';
    s.points.forEach(([t, v], k) => {
      if (!Number.isFinite(v)) return;
      if (k === 0 || d === '') d += `M${x(t).toFixed(1)},${y(v).toFixed(1)}`;
      else d += step ? `H${x(t).toFixed(1)}V${y(v).toFixed(1)}` : `L${x(t).toFixed(1)},${y(v).toFixed(1)}`;
    });
    out.push(`<path d="${d}" fill="none" stroke="${colour}" stroke-width="2"/>`);
    out.push(`<rect x="${WIDTH - RIGHT + 12}" y="${top + 10 + i * 18}" width="12" height="3" fill="${colour}"/>`);
    out.push(`<text x="${WIDTH - RIGHT + 30}" y="${top + 15 + i * 18}" font-size="12">${escape(s.name)}</text>`);
  });
  return out.join('\n');
}

export function renderChart(title: string, counts: readonly Series[], metrics: readonly Series[], tMax: number): string {
  const height = TOP + 2 * PANEL + GAP + 40;
  const axisY = TOP + 2 * PANEL + GAP + 20;
  const plotWidth = WIDTH - LEFT - RIGHT;
  const ticks: string[] = [];
  for (let i = 0; i <= 6; i++) {
    const t = (tMax / 6) * i;
    ticks.push(`<text x="${(LEFT + (i / 6) * plotWidth).toFixed(1)}" y="${axisY}" text-anchor="middle" font-size="11">${Math.round(t)} s</text>`);
  }
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" font-family="sans-serif" font-size="13">`,
    `<title>${escape(title)}</title>`,
    '<rect width="100%" height="100%" fill="white"/>',
    panel(`${title}: nodes and replicas`, counts, TOP, tMax, true, 0),
    panel('driving metrics', metrics, TOP + PANEL + GAP, tMax, false, counts.length),
    ...ticks,
    '</svg>',
    '',
  ].join('\n');
}
