/**
 * The per-app log of JSON lines: one record per policy evaluation (timestamp, inputs, outputs, action, printed
 * text, error) and one per loop event. Secrets never reach it: values under secret-looking names are replaced,
 * and credentials inside URLs are cut out of messages. The log is bounded: it rotates at a size (the file moves
 * to `.1`, older ones to `.2` …, the oldest is deleted), and a record too large to keep (a rule that grows
 * m_userdata without end) keeps its decision but not its inputs and outputs.
 */
import { appendFile, mkdir, rename, rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { toLoggable } from './clone-json.js';

export interface LogRecord {
  readonly type: 'decision' | 'event';
  readonly [key: string]: unknown;
}

const SECRET_NAME = /pass(word)?|secret|token|credential|private[_-]?key|api[_-]?key|auth/i;

/**
 * Replaces values under secret-looking names and cuts credentials out of every string. Iterative, so a deeply
 * nested value (a rule's m_userdata) cannot overflow the stack; each node is visited once, so it is linear.
 */
export function redact(value: unknown, name = ''): unknown {
  const root: { v: unknown } = { v: undefined };
  const work: { readonly value: unknown; readonly name: string; readonly into: Record<string, unknown> | unknown[]; readonly key: string | number }[] = [{ value, name, into: root as Record<string, unknown>, key: 'v' }];
  for (let item = work.pop(); item !== undefined; item = work.pop()) {
    const { value: v, name: n, into, key } = item;
    let out: unknown = v;
    if (n !== '' && SECRET_NAME.test(n) && v !== null && v !== undefined) out = '***';
    else if (typeof v === 'string') out = redactText(v);
    else if (Array.isArray(v)) {
      const copy: unknown[] = new Array<unknown>(v.length);
      v.forEach((x, i) => work.push({ value: x, name: '', into: copy, key: i }));
      out = copy;
    } else if (typeof v === 'object' && v !== null) {
      const copy: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v)) work.push({ value: x, name: k, into: copy, key: k });
      out = copy;
    }
    if (typeof key === 'number') (into as unknown[])[key] = out;
    else Object.defineProperty(into, key, { value: out, enumerable: true, writable: true, configurable: true });
  }
  return root.v;
}

const SCHEME_CHAR = /[a-z0-9+.-]/i;
const USERINFO_END = /[/@\s]/;

/**
 * `scheme://user:password@host` → `scheme://***@host`. A hand-written scan rather than a regular expression: a
 * backtracking regex is quadratic on long runs of letters, and rule output is untrusted text. Each `://` is
 * looked at once; the scan forward from it stops at the next `/`, so every character is read a bounded number
 * of times.
 */
export function redactText(text: string): string {
  let out = '';
  let copied = 0;
  for (let at = text.indexOf('://'); at !== -1; at = text.indexOf('://', at + 3)) {
    let start = at;
    while (start > 0 && SCHEME_CHAR.test(text[start - 1]!)) start--;
    while (start < at && !/[a-z]/i.test(text[start]!)) start++;
    if (start === at) continue;
    let end = at + 3;
    while (end < text.length && !USERINFO_END.test(text[end]!)) end++;
    if (end === at + 3 || text[end] !== '@') continue;
    out += text.slice(copied, at + 3) + '***';
    copied = end;
  }
  return copied === 0 ? text : out + text.slice(copied);
}

export interface LogLimits {
  /** The file rotates before it would grow past this. */
  readonly maxBytes: number;
  /** Rotated files kept (decisions.jsonl.1 … .N). */
  readonly keep: number;
  /** A record longer than this loses its inputs and outputs. */
  readonly maxRecordBytes: number;
}

export const DEFAULT_LOG_LIMITS: LogLimits = { maxBytes: 10 * 1024 * 1024, keep: 3, maxRecordBytes: 256 * 1024 };

export class DecisionLog {
  private tail: Promise<void> = Promise.resolve();
  /** Bytes in the current file; read from the disk at the first write. */
  private size: number | undefined;

  constructor(
    readonly file: string,
    /** Also handed every record, e.g. to print it; never throws into the loop. */
    private readonly echo?: (record: LogRecord & { readonly ts: string }) => void,
    private readonly limits: LogLimits = DEFAULT_LOG_LIMITS,
  ) {}

  static forApp(stateDir: string, appId: string, echo?: (record: LogRecord & { readonly ts: string }) => void, limits?: LogLimits): DecisionLog {
    return new DecisionLog(join(stateDir, appId, 'decisions.jsonl'), echo, limits);
  }

  private line(full: LogRecord & { ts: string }): string {
    const line = `${JSON.stringify(full)}\n`;
    if (Buffer.byteLength(line) <= this.limits.maxRecordBytes) return line;
    const { inputs: _inputs, outputs: _outputs, printed: _printed, ...kept } = full;
    return `${JSON.stringify({ ...kept, omitted: `inputs, outputs and printed text (${Buffer.byteLength(line)} bytes, over the ${this.limits.maxRecordBytes}-byte record limit)` })}\n`;
  }

  private async rotate(): Promise<void> {
    await rm(`${this.file}.${this.limits.keep}`, { force: true });
    for (let n = this.limits.keep - 1; n >= 1; n--) await rename(`${this.file}.${n}`, `${this.file}.${n + 1}`).catch(() => undefined);
    if (this.limits.keep > 0) await rename(this.file, `${this.file}.1`).catch(() => undefined);
    else await rm(this.file, { force: true });
    this.size = 0;
  }

  /** Appends one record; writes are serialised so lines never interleave. A failing disk is reported once per write, never thrown. */
  write(record: LogRecord, now: Date = new Date()): Promise<void> {
    const full = { ts: now.toISOString(), ...(redact(toLoggable(record)) as LogRecord) };
    try {
      this.echo?.(full);
    } catch {
      // Printing is best effort.
    }
    this.tail = this.tail.then(async () => {
      try {
        await mkdir(dirname(this.file), { recursive: true });
        const line = this.line(full);
        const bytes = Buffer.byteLength(line);
        this.size ??= await stat(this.file).then((s) => s.size, () => 0);
        if (this.size > 0 && this.size + bytes > this.limits.maxBytes) await this.rotate();
        await appendFile(this.file, line);
        this.size += bytes;
      } catch (error) {
        this.echo?.({ type: 'event', ts: full.ts, event: 'log-write-failed', message: (error as Error).message });
      }
    });
    return this.tail;
  }

  flush(): Promise<void> {
    return this.tail;
  }
}
