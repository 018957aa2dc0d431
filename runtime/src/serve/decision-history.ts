/**
 * The dashboard's charts over time, read from an app's decision log: for each policy, a series of points (its
 * query values, the node or replica count before and after, what was decided) and its last rule error with the
 * ADT line. The cost is bounded however long the app has run: only the last MAX_BYTES of the log (the current
 * file, then the rotated ones) are read, only the last WINDOW_MS are kept, and a series is thinned to at most
 * MAX_POINTS, keeping every point where something was decided.
 */
import { open } from 'node:fs/promises';
import { join } from 'node:path';

/** What a policy evaluation led to, as the charts mark it. */
export type Mark = 'up' | 'down' | 'none' | 'held' | 'skipped' | 'error';

export interface HistoryPoint {
  /** Milliseconds since the epoch. */
  readonly t: number;
  /** The policy's query values that were numbers (a query without a sample is left out). */
  readonly values: Readonly<Record<string, number>>;
  /** The node count (VM policies) or replica count (container policies) the rule saw, and what it became. */
  readonly before?: number;
  readonly after?: number;
  readonly mark: Mark;
  /** The decision as the log words it ("scale Deployment/web 1 → 2", "no change", …). */
  readonly action: string;
}

export interface RuleError {
  readonly t: number;
  /** The Python-level message, without the ADT line. */
  readonly message: string;
  /** The ADT line of the rule's statement that raised it, when known. */
  readonly line?: number;
}

export interface PolicyHistory {
  readonly policy: string;
  readonly kind: string;
  readonly points: readonly HistoryPoint[];
  /** Points in the window before thinning. */
  readonly total: number;
  readonly lastError?: RuleError;
}

export const HISTORY_LIMITS = { maxBytes: 4 * 1024 * 1024, windowMs: 6 * 3600_000, maxPoints: 240 } as const;
export type HistoryLimits = { readonly maxBytes: number; readonly windowMs: number; readonly maxPoints: number };

/** The last `budget` bytes of the log, oldest first, across the current file and the rotated ones. */
async function logTail(stateDir: string, appId: string, budget: number): Promise<string[]> {
  const base = join(stateDir, appId, 'decisions.jsonl');
  const parts: string[] = [];
  for (let n = 0; budget > 0; n++) {
    let file;
    try {
      file = await open(n === 0 ? base : `${base}.${n}`, 'r');
    } catch {
      break;
    }
    try {
      const { size } = await file.stat();
      const start = Math.max(0, size - budget);
      const buffer = Buffer.alloc(size - start);
      await file.read(buffer, 0, buffer.length, start);
      let text = buffer.toString('utf8');
      // A tail that starts mid-record drops that first, partial line.
      if (start > 0) text = text.slice(text.indexOf('\n') + 1);
      parts.unshift(text);
      budget -= buffer.length;
      if (start > 0) break;
    } finally {
      await file.close();
    }
  }
  return parts;
}

/** A finite number (the log writes Python ints as numbers, and inf or nan as text, which a chart cannot draw). */
const numberOf = (value: unknown): number | undefined => (typeof value === 'number' && Number.isFinite(value) ? value : undefined);

const ADT_LINE = / \(ADT line (\d+)\)$/;

export function ruleErrorOf(text: string, t: number): RuleError {
  const line = ADT_LINE.exec(text);
  return line ? { t, message: text.slice(0, line.index), line: Number(line[1]) } : { t, message: text };
}

function markOf(action: string, before: number | undefined, after: number | undefined, error: boolean): Mark {
  if (before !== undefined && after !== undefined && after !== before) return after > before ? 'up' : 'down';
  if (action.startsWith('error')) return 'error';
  if (action.startsWith('held')) return 'held';
  if (action.startsWith('skipped')) return 'skipped';
  return error ? 'error' : 'none';
}

interface Series {
  kind: string;
  points: HistoryPoint[];
  lastError?: RuleError;
}

function pointOf(record: Record<string, unknown>, t: number): HistoryPoint {
  const inputs = (typeof record['inputs'] === 'object' && record['inputs'] !== null ? record['inputs'] : {}) as Record<string, unknown>;
  const values: Record<string, number> = {};
  // The rule's own inputs (m_nodes, m_userdata, …) are not query values.
  for (const [name, value] of Object.entries(inputs)) {
    const n = name.startsWith('m_') ? undefined : numberOf(value);
    if (n !== undefined) values[name] = n;
  }
  const before = numberOf(inputs[record['kind'] === 'vm' ? 'm_node_count' : 'm_container_count']);
  const action = typeof record['action'] === 'string' ? record['action'] : '';
  const arrow = /→ (\d+)$/.exec(action);
  const after = arrow ? Number(arrow[1]) : before;
  return { t, values, ...(before === undefined ? {} : { before }), ...(after === undefined ? {} : { after }), mark: markOf(action, before, after, typeof record['error'] === 'string'), action };
}

/** At most `max` points: every point with a decision (the latest, if even those are too many), and of the rest the last one of each time bucket. */
export function thin(points: readonly HistoryPoint[], max: number): HistoryPoint[] {
  if (points.length <= max) return [...points];
  const decided = points.filter((p) => p.mark === 'up' || p.mark === 'down' || p.mark === 'error');
  if (decided.length >= max) return decided.slice(-max);
  const buckets = max - decided.length;
  const first = points[0]!.t;
  const span = points[points.length - 1]!.t - first + 1;
  const kept = new Map<number, HistoryPoint>();
  for (const p of points) kept.set(Math.floor(((p.t - first) / span) * buckets), p);
  const chosen = new Set([...decided, ...kept.values()]);
  return points.filter((p) => chosen.has(p));
}

/** Each policy's history, in the order the policies first appear in the log. */
export async function decisionHistory(stateDir: string, appId: string, now = Date.now(), limits: HistoryLimits = HISTORY_LIMITS): Promise<PolicyHistory[]> {
  const series = new Map<string, Series>();
  const since = now - limits.windowMs;
  const sinceText = new Date(since).toISOString();
  for (const text of await logTail(stateDir, appId, limits.maxBytes)) {
    for (const line of text.split('\n')) {
      if (!line.includes('"decision"')) continue;
      // Records start with their ISO timestamp, which sorts as text: one older than the window is parsed only for its error.
      if (line.startsWith('{"ts":"') && line.slice(7, 31) < sinceText && !line.includes('"error')) continue;
      let record: Record<string, unknown>;
      try {
        record = JSON.parse(line) as Record<string, unknown>;
      } catch {
        continue; // A line cut by a crash mid-write: the records around it still count.
      }
      const t = Date.parse(String(record['ts']));
      if (record['type'] !== 'decision' || typeof record['policy'] !== 'string' || Number.isNaN(t)) continue;
      let entry = series.get(record['policy']);
      if (entry === undefined) series.set(record['policy'], (entry = { kind: String(record['kind'] ?? ''), points: [] }));
      const action = typeof record['action'] === 'string' ? record['action'] : '';
      // The last error is kept even when it is older than the window: it is still the policy's last.
      if (typeof record['error'] === 'string') entry.lastError = ruleErrorOf(record['error'], t);
      else if (action.startsWith('error: ')) entry.lastError = ruleErrorOf(action.slice('error: '.length), t);
      if (t >= since) entry.points.push(pointOf(record, t));
    }
  }
  return [...series].map(([policy, s]) => ({ policy, kind: s.kind, points: thin(s.points, limits.maxPoints), total: s.points.length, ...(s.lastError ? { lastError: s.lastError } : {}) }));
}
