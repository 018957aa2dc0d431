/**
 * The loop's own metrics in the Prometheus text exposition format (version 0.0.4), so the Prometheus that
 * feeds the rules can also alert on the loop. Counters, gauges and one histogram, each with label sets; small
 * enough to write here rather than pull in a client library.
 */
import type { Dependency, FailureKind } from '../loop/bounded.js';
import type { CycleReport } from '../loop/scaling-loop.js';

type Labels = Readonly<Record<string, string>>;

interface Family {
  readonly help: string;
  readonly type: 'counter' | 'gauge' | 'histogram';
  readonly series: Map<string, { labels: Labels; value: number; buckets?: number[]; sum?: number; count?: number }>;
}

const DURATION_BUCKETS = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300];

function key(labels: Labels): string {
  return JSON.stringify(Object.entries(labels).sort(([a], [b]) => a.localeCompare(b)));
}

function escapeLabel(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');
}

function labelText(labels: Labels, extra?: [string, string]): string {
  const entries = Object.entries(labels);
  if (extra) entries.push(extra);
  return entries.length === 0 ? '' : `{${entries.map(([k, v]) => `${k}="${escapeLabel(v)}"`).join(',')}}`;
}

function numberText(value: number): string {
  if (value === Infinity) return '+Inf';
  if (value === -Infinity) return '-Inf';
  return Number.isNaN(value) ? 'NaN' : String(value);
}

export class MetricsRegistry {
  private readonly families = new Map<string, Family>();

  private family(name: string, type: Family['type'], help: string): Family {
    let family = this.families.get(name);
    if (family === undefined) this.families.set(name, (family = { help, type, series: new Map() }));
    return family;
  }

  private series(name: string, type: Family['type'], help: string, labels: Labels) {
    const family = this.family(name, type, help);
    const k = key(labels);
    let entry = family.series.get(k);
    if (entry === undefined) family.series.set(k, (entry = { labels, value: 0 }));
    return entry;
  }

  inc(name: string, help: string, labels: Labels, by = 1): void {
    this.series(name, 'counter', help, labels).value += by;
  }

  set(name: string, help: string, labels: Labels, value: number): void {
    this.series(name, 'gauge', help, labels).value = value;
  }

  observe(name: string, help: string, labels: Labels, value: number): void {
    const entry = this.series(name, 'histogram', help, labels);
    entry.buckets ??= DURATION_BUCKETS.map(() => 0);
    DURATION_BUCKETS.forEach((bound, i) => {
      if (value <= bound) entry.buckets![i]!++;
    });
    entry.sum = (entry.sum ?? 0) + value;
    entry.count = (entry.count ?? 0) + 1;
  }

  /** Drops every series of an app (its loop ended for good), so a long-running controller does not accumulate them. */
  forgetApp(app: string): void {
    for (const family of this.families.values()) for (const [k, entry] of family.series) if (entry.labels['app'] === app) family.series.delete(k);
  }

  render(): string {
    const lines: string[] = [];
    for (const [name, family] of [...this.families].sort(([a], [b]) => a.localeCompare(b))) {
      lines.push(`# HELP ${name} ${family.help}`, `# TYPE ${name} ${family.type}`);
      for (const entry of family.series.values()) {
        if (family.type !== 'histogram') {
          lines.push(`${name}${labelText(entry.labels)} ${numberText(entry.value)}`);
          continue;
        }
        DURATION_BUCKETS.forEach((bound, i) => lines.push(`${name}_bucket${labelText(entry.labels, ['le', String(bound)])} ${entry.buckets![i]}`));
        lines.push(`${name}_bucket${labelText(entry.labels, ['le', '+Inf'])} ${entry.count}`);
        lines.push(`${name}_sum${labelText(entry.labels)} ${numberText(entry.sum ?? 0)}`, `${name}_count${labelText(entry.labels)} ${entry.count}`);
      }
    }
    return `${lines.join('\n')}\n`;
  }
}

/** The loop's metrics for one app, named as operators will query them. */
export class LoopMetrics {
  constructor(
    private readonly registry: MetricsRegistry,
    private readonly app: string,
  ) {}

  running(up: boolean): void {
    this.registry.set('adtc_loop_up', 'Whether the scaling loop of the app runs (1) or has stopped (0).', { app: this.app }, up ? 1 : 0);
  }

  dependencyFailure(dependency: Dependency, kind: FailureKind): void {
    this.registry.inc('adtc_dependency_failures_total', 'Failed calls to a dependency (each attempt), by how they failed: timeout, failed, abandoned.', { app: this.app, dependency, kind });
  }

  cycle(report: CycleReport, seconds: number, finishedAt: number): void {
    const app = this.app;
    this.registry.observe('adtc_loop_cycle_duration_seconds', 'Wall-clock duration of a scaling cycle.', { app }, seconds);
    this.registry.inc('adtc_loop_cycles_total', 'Scaling cycles run, by outcome: completed or abandoned.', { app, outcome: report.abandoned ? 'abandoned' : 'completed' });
    if (!report.abandoned) this.registry.set('adtc_loop_last_successful_cycle_timestamp_seconds', 'Unix time when the last cycle completed.', { app }, Math.floor(finishedAt / 1000));
    for (const outcome of report.outcomes) {
      const policy = outcome.policy;
      if (outcome.ruleError !== undefined || outcome.summary.startsWith('error: rule')) this.registry.inc('adtc_rule_errors_total', 'Rule evaluations that raised, timed out or ran out of memory.', { app, policy });
      if (outcome.clamped) this.registry.inc('adtc_clamped_decisions_total', "Decisions whose count the policy's bounds changed.", { app, policy });
      if (outcome.summary.startsWith('skipped:')) this.registry.inc('adtc_skipped_decisions_total', 'Policies that made no decision because an input was unavailable.', { app, policy });
      if (outcome.summary.startsWith('held:')) this.registry.inc('adtc_held_scale_downs_total', 'Scale-downs held back by the stabilisation window.', { app, policy });
      if (outcome.after !== outcome.before && (outcome.summary.startsWith('scale') || outcome.summary.startsWith('drop'))) {
        this.registry.inc('adtc_scale_actions_total', 'Scaling actions applied, by target and direction.', { app, target: policy, direction: outcome.after > outcome.before ? 'up' : 'down' });
      }
    }
  }
}
