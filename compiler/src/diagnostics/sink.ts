import type { Span } from '../source/span.js';
import { catalogue, formatMessage, type Code, type MessageArgs } from './catalogue.js';
import type { Diagnostic, Fix, ObjectPath, RelatedInformation } from './diagnostic.js';
import type { Severity } from './entry.js';

export interface ReportOptions {
  readonly path?: ObjectPath;
  readonly related?: readonly RelatedInformation[];
  readonly fixes?: readonly Fix[];
  readonly tags?: readonly ('unnecessary' | 'deprecated')[];
}

/**
 * Severity configuration. Warnings and infos may be raised or lowered, or
 * switched off; errors can never be demoted, because a silenced error would let
 * a broken plan through (the esbuild reasoning, ARCHITECTURE.md).
 */
export type SeverityOverrides = Readonly<Partial<Record<Code, Severity | 'off'>>>;

const rank: Record<Severity, number> = { error: 3, warning: 2, info: 1, hint: 0 };

/** The one place diagnostics are built. Phases report; nothing else constructs a Diagnostic. */
export class DiagnosticSink {
  private readonly list: Diagnostic[] = [];
  /** The diagnostics reported at each code and place. */
  private readonly seen = new Map<string, Diagnostic[]>();

  constructor(private readonly overrides: SeverityOverrides = {}) {}

  report<C extends Code>(code: C, span: Span, args: MessageArgs<C>, options: ReportOptions = {}): void {
    const entry = catalogue[code];
    const severity = this.severityOf(code, entry.severity);
    if (severity === 'off') return;
    const message = formatMessage(entry.message, args as Record<string, string | number>);
    // The same problem reached twice (for example through a YAML alias) is reported once. Keyed by place, not
    // message: a large ADT reports thousands of diagnostics per keystroke, and long keys cost more than the rare compare.
    const key = `${code}:${span.start}:${span.end}`;
    const sameSpot = this.seen.get(key);
    if (sameSpot?.some((d) => d.span.uri === span.uri && d.message === message)) return;
    const diagnostic: Diagnostic = {
      code,
      severity,
      message,
      span,
      path: options.path ?? [],
      related: options.related ?? [],
      fixes: options.fixes ?? [],
      args: args as Record<string, string | number>,
      ...(options.tags ? { tags: options.tags } : {}),
    };
    if (sameSpot) sameSpot.push(diagnostic);
    else this.seen.set(key, [diagnostic]);
    this.list.push(diagnostic);
  }

  get diagnostics(): readonly Diagnostic[] {
    return this.list;
  }

  get errorCount(): number {
    return this.list.filter((d) => d.severity === 'error').length;
  }

  private severityOf(code: Code, base: Severity): Severity | 'off' {
    const wanted = this.overrides[code];
    if (wanted === undefined) return base;
    if (base === 'error') return 'error';
    if (wanted === 'off') return 'off';
    return wanted;
  }
}

export function severityRank(s: Severity): number {
  return rank[s];
}
