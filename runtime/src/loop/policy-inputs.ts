/**
 * The metric inputs of one rule (micado-reference 6.5–6.6 with items 42–44 fixed): each query the rule names,
 * URL-encoded by the client, number form or list form in every policy kind; each alert it names is true when
 * Prometheus reports it firing in this cycle, for every rule naming it. A query or alert that could not be
 * fetched because Prometheus is unreachable makes the inputs incomplete: the loop then decides nothing from them.
 */
import type { FiringAlert, QueryResult } from '../prometheus/client.js';
import type { ScalingPolicy } from '../plan/plan-types.js';
import type { MetricsSource } from './environment.js';

export interface MetricInputs {
  readonly values: Record<string, unknown>;
  /** Why inputs are missing (Prometheus unreachable or answering errors); empty when complete. */
  readonly missing: readonly string[];
  /** Queries that yielded None for a reason worth logging (bad expression, unsupported result). */
  readonly notes: readonly string[];
}

export type AlertsView = { readonly ok: true; readonly firing: ReadonlySet<string> } | { readonly ok: false; readonly message: string };

export async function fetchAlerts(metrics: MetricsSource): Promise<AlertsView> {
  const result: QueryResult<FiringAlert[]> = await metrics.firingAlerts();
  if (!result.ok) return { ok: false, message: result.failure.message };
  return { ok: true, firing: new Set((result.value ?? []).map((a) => a.name)) };
}

export async function metricInputs(policy: ScalingPolicy, metrics: MetricsSource, alerts: AlertsView | undefined, dryRun: boolean): Promise<MetricInputs> {
  // Null prototype: a query named __proto__ is an input like any other.
  const values = Object.create(null) as Record<string, unknown>;
  const missing: string[] = [];
  const notes: string[] = [];
  for (const [name, query] of Object.entries(policy.queries)) {
    const label = 'label' in query ? query.label : undefined;
    if (dryRun) {
      // MiCADO's prometheus dry run hands the rule the query's own text.
      values[name] = label === undefined ? query.expr : [query.expr, label];
      continue;
    }
    const result = label === undefined ? await metrics.query(query.expr) : await metrics.queryLabels(query.expr, label);
    if (result.ok) {
      values[name] = result.value;
    } else if (result.failure.kind === 'unreachable' || result.failure.kind === 'http') {
      missing.push(`query ${name}: ${result.failure.message}`);
    } else {
      values[name] = null;
      notes.push(`Evaluating expression for query "${name}" failed: ${result.failure.message}`);
    }
  }
  for (const name of policy.alerts) {
    if (dryRun) values[name] = false;
    else if (alerts === undefined || !alerts.ok) missing.push(`alert ${name}: ${alerts?.ok === false ? alerts.message : 'alerts not fetched'}`);
    else values[name] = alerts.firing.has(name);
  }
  return { values, missing, notes };
}
