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

export function redact(value: unknown, name = ''): unknown {
  if (name !== '' && SECRET_NAME.test(name) && value !== null && value !== undefined) return '***';
  if (typeof value === 'string') return redactText(value);
  if (Array.isArray(value)) return value.map((v) => redact(v));
  if (typeof value === 'object' && value !== null) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redact(v, k)]));
  return value;
}

/** `scheme://user:password@host` → `scheme://***@host`. */
export function redactText(text: string): string {
  return text.replace(/([a-z][a-z0-9+.-]*:\/\/)[^/@\s]+@/gi, '$1***@');
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
