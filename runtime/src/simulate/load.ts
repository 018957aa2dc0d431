/**
 * What drives a simulation: a named load profile (demand over time) or a recorded trace. Demand is one
 * number in the unit of the metric it drives (see metric-model.ts): total CPU percent (150 = one and a half
 * pods kept busy), requests/s or KB/s in total, or items in a queue. A trace may also give a query's or an
 * alert's value directly, by a column named after it, and may leave cells empty where there was no sample.
 */
export const LOAD_PROFILES = ['ramp', 'spike', 'sine', 'step'] as const;
export type LoadProfileName = (typeof LOAD_PROFILES)[number];

export interface LoadSource {
  /** Demand at `t` seconds from the start. */
  demand(t: number): number;
  /** A trace's value for a query or alert at `t`: null where the trace has no sample, undefined without such a column. */
  column(name: string, t: number): number | null | undefined;
  /** The trace's columns besides time and load. */
  readonly columns: readonly string[];
}

/**
 * ramp: up over the first 30 %, hold for 20 %, down over 30 % and stay low for the last 20 %, so the
 * policies have time to scale back to their minimum (the shape a scale-up and scale-down test wants).
 */
export function profileLoad(name: LoadProfileName, durationS: number, peak: number, base = peak * 0.05): LoadSource {
  const shape = (x: number): number => {
    switch (name) {
      case 'ramp':
        return x < 0.3 ? x / 0.3 : x < 0.5 ? 1 : Math.max(0, (0.8 - x) / 0.3);
      case 'spike':
        return x >= 0.4 && x < 0.55 ? 1 : 0;
      case 'sine':
        return (1 - Math.cos(2 * Math.PI * x)) / 2;
      case 'step':
        return x >= 0.25 && x < 0.75 ? 1 : 0;
    }
  };
  return { demand: (t) => base + (peak - base) * shape(Math.min(1, Math.max(0, t / durationS))), column: () => undefined, columns: [] };
}

export type TraceRead = { readonly ok: true; readonly load: LoadSource; readonly durationS: number } | { readonly ok: false; readonly message: string };

/**
 * A trace: CSV with a header (`time` in seconds first, then `load` and/or query and alert names), or JSON, an
 * array of objects with `time`. Each value holds until the next row. An empty cell, a missing trailing cell,
 * `NaN` or JSON `null` is a missing sample: the query returns no data at that time.
 */
type Row = Record<string, number | null>;

export function parseTrace(text: string, json: boolean): TraceRead {
  let rows: Row[];
  try {
    rows = json ? jsonRows(text) : csvRows(text);
  } catch (error) {
    return { ok: false, message: (error as Error).message };
  }
  if (rows.length === 0) return { ok: false, message: 'the trace has no rows' };
  rows.sort((a, b) => a['time']! - b['time']!);
  const columns = [...new Set(rows.flatMap((r) => Object.keys(r)))].filter((c) => c !== 'time' && c !== 'load');
  const at = (t: number) => {
    let row = rows[0]!;
    for (const r of rows) if (r['time']! <= t) row = r;
    return row;
  };
  return {
    ok: true,
    durationS: rows[rows.length - 1]!['time']!,
    load: {
      // A load cell left empty keeps the last load given; a query's empty cell is a missing sample.
      demand: (t) => [...rows].reverse().find((r) => r['time']! <= t && typeof r['load'] === 'number')?.['load'] ?? 0,
      column: (name, t) => (columns.includes(name) ? (at(t)[name] ?? null) : undefined),
      columns,
    },
  };
}

/** A cell's number, null for "no sample", or undefined when it is neither. */
function sample(value: unknown): number | null | undefined {
  if (value === null || value === '' || value === 'NaN' || (typeof value === 'number' && Number.isNaN(value))) return null;
  if (typeof value === 'boolean') return Number(value);
  if (typeof value === 'string' && value.trim() === '') return null;
  const n = typeof value === 'number' || typeof value === 'string' ? Number(value) : Number.NaN;
  return Number.isFinite(n) ? n : undefined;
}

function csvRows(text: string): Row[] {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '' && !l.startsWith('#'));
  const header = (lines.shift() ?? '').split(',').map((h) => h.trim());
  if (header[0] !== 'time' && header[0] !== 't') throw new Error(`the trace's first column must be "time" (seconds), not "${header[0] ?? ''}"`);
  header[0] = 'time';
  const lineNumbers = text.split(/\r?\n/).flatMap((l, n) => (l.trim() !== '' && !l.startsWith('#') ? [n + 1] : [])).slice(1);
  return lines.map((line, i) => {
    const cells = line.split(',');
    if (cells.length > header.length) throw new Error(`line ${lineNumbers[i]}: ${cells.length} cells but the header names ${header.length} columns`);
    const row: Row = {};
    header.forEach((name, k) => {
      const value = sample(cells[k]?.trim() ?? '');
      if (value === undefined) throw new Error(`line ${lineNumbers[i]}, column ${name}: '${cells[k]!.trim()}' is not a number (leave the cell empty for a missing sample)`);
      row[name] = value;
    });
    if (typeof row['time'] !== 'number') throw new Error(`line ${lineNumbers[i]}: no time`);
    return row;
  });
}

function jsonRows(text: string): Row[] {
  const data = JSON.parse(text) as unknown;
  if (!Array.isArray(data)) throw new Error('a JSON trace is an array of objects with "time"');
  return data.map((item, i) => {
    if (typeof item !== 'object' || item === null) throw new Error(`item ${i} is not an object`);
    const row: Row = {};
    for (const [k, v] of Object.entries(item)) {
      const value = sample(v);
      if (value === undefined) throw new Error(`item ${i}: ${k} is ${JSON.stringify(v)}, not a number (use null for a missing sample)`);
      row[k === 't' ? 'time' : k] = value;
    }
    if (typeof row['time'] !== 'number') throw new Error(`item ${i} has no "time"`);
    return row;
  });
}
