/**
 * The per-app log of JSON lines: one record per policy evaluation (timestamp, inputs, outputs, action, printed
 * text, error) and one per loop event. Secrets never reach it: values under secret-looking names are replaced,
 * and credentials inside URLs are cut out of messages.
 */
import { appendFile, mkdir } from 'node:fs/promises';
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

export class DecisionLog {
  private tail: Promise<void> = Promise.resolve();

  constructor(
    readonly file: string,
    /** Also handed every record, e.g. to print it; never throws into the loop. */
    private readonly echo?: (record: LogRecord & { readonly ts: string }) => void,
  ) {}

  static forApp(stateDir: string, appId: string, echo?: (record: LogRecord & { readonly ts: string }) => void): DecisionLog {
    return new DecisionLog(join(stateDir, appId, 'decisions.jsonl'), echo);
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
        await appendFile(this.file, `${JSON.stringify(full)}\n`);
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
