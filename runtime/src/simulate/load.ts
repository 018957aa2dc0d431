/**
 * What drives a simulation: a named load profile (demand over time) or a recorded trace. Demand is one
 * number: total CPU percent the application wants (150 = one and a half pods kept busy) for CPU metrics,
 * or total requests per second for request metrics. A trace may also give a query's or an alert's value
 * directly, by a column named after it.
 */
export const LOAD_PROFILES = ['ramp', 'spike', 'sine', 'step'] as const;
export type LoadProfileName = (typeof LOAD_PROFILES)[number];

export interface LoadSource {
  /** Demand at `t` seconds from the start. */
  demand(t: number): number;
  /** A value the trace gives for a query or alert name, if any. */
  column(name: string, t: number): number | undefined;
}

/** ramp: up over the first 40 %, hold for 20 %, down over the last 40 % (the shape a scale-up and scale-down test wants). */
export function profileLoad(name: LoadProfileName, durationS: number, peak: number): LoadSource {
  const base = peak * 0.05;
  const shape = (x: number): number => {
    switch (name) {
      case 'ramp':
        return x < 0.4 ? x / 0.4 : x < 0.6 ? 1 : Math.max(0, (1 - x) / 0.4);
      case 'spike':
        return x >= 0.4 && x < 0.55 ? 1 : 0;
      case 'sine':
        return (1 - Math.cos(2 * Math.PI * x)) / 2;
      case 'step':
        return x >= 0.25 && x < 0.75 ? 1 : 0;
    }
  };
  return { demand: (t) => base + (peak - base) * shape(Math.min(1, Math.max(0, t / durationS))), column: () => undefined };
}

export type TraceRead = { readonly ok: true; readonly load: LoadSource; readonly durationS: number } | { readonly ok: false; readonly message: string };

/**
 * A trace: CSV with a header (`time` in seconds first, then `load` and/or query and alert names), or JSON, an
 * array of objects with `time`. Each value holds until the next row.
 */
export function parseTrace(text: string, json: boolean): TraceRead {
  let rows: Record<string, number>[];
  try {
    rows = json ? jsonRows(text) : csvRows(text);
  } catch (error) {
    return { ok: false, message: (error as Error).message };
  }
  if (rows.length === 0) return { ok: false, message: 'the trace has no rows' };
  rows.sort((a, b) => a['time']! - b['time']!);
  const at = (t: number) => {
    let row = rows[0]!;
    for (const r of rows) if (r['time']! <= t) row = r;
    return row;
  };
  return {
    ok: true,
    durationS: rows[rows.length - 1]!['time']!,
    load: { demand: (t) => at(t)['load'] ?? 0, column: (name, t) => at(t)[name] },
  };
}

function csvRows(text: string): Record<string, number>[] {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '' && !l.startsWith('#'));
  const header = (lines.shift() ?? '').split(',').map((h) => h.trim());
  if (header[0] !== 'time' && header[0] !== 't') throw new Error(`the trace's first column must be "time" (seconds), not "${header[0] ?? ''}"`);
  header[0] = 'time';
  return lines.map((line, i) => {
    const cells = line.split(',');
    const row: Record<string, number> = {};
    header.forEach((name, k) => {
      const value = Number(cells[k]);
      if (!Number.isFinite(value)) throw new Error(`line ${i + 2}: ${name} is not a number`);
      row[name] = value;
    });
    return row;
  });
}

function jsonRows(text: string): Record<string, number>[] {
  const data = JSON.parse(text) as unknown;
  if (!Array.isArray(data)) throw new Error('a JSON trace is an array of objects with "time"');
  return data.map((item, i) => {
    if (typeof item !== 'object' || item === null) throw new Error(`item ${i} is not an object`);
    const row: Record<string, number> = {};
    for (const [k, v] of Object.entries(item)) {
      const value = typeof v === 'boolean' ? Number(v) : Number(v);
      if (!Number.isFinite(value)) throw new Error(`item ${i}: ${k} is not a number`);
      row[k === 't' ? 'time' : k] = value;
    }
    if (row['time'] === undefined) throw new Error(`item ${i} has no "time"`);
    return row;
  });
}
