import { toLabelValues, toNumber } from './convert.js';

/**
 * Why a call to Prometheus did not produce a value. The scaling loop logs it and carries on: an outage of
 * Prometheus must never stop the loop, so the query functions return failures instead of throwing.
 */
export interface PrometheusFailure {
  /** unreachable: no HTTP answer (refused, timed out); http: non-2xx without an API error body;
   *  api: Prometheus answered status "error"; result: the answer cannot be converted as the rule needs. */
  readonly kind: 'unreachable' | 'http' | 'api' | 'result';
  readonly message: string;
}

/** What a rule receives is `value`; `failure` says why it is null when something went wrong. */
export type QueryResult<T> =
  | { readonly ok: true; readonly value: T | null }
  | { readonly ok: false; readonly value: null; readonly failure: PrometheusFailure };

export interface FiringAlert {
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly activeAt: string | undefined;
}

export interface PrometheusClientOptions {
  /** Base URL, e.g. http://prometheus:9090 (a trailing slash is fine). */
  readonly url: string;
  /** Per-request timeout. */
  readonly timeoutMs?: number;
}

type ApiBody = { status?: string; data?: unknown; errorType?: string; error?: string };

function failed(kind: PrometheusFailure['kind'], message: string): { ok: false; value: null; failure: PrometheusFailure } {
  return { ok: false, value: null, failure: { kind, message } };
}

export class PrometheusClient {
  private readonly base: string;
  private readonly timeoutMs: number;

  constructor(options: PrometheusClientOptions) {
    this.base = options.url.replace(/\/+$/, '');
    this.timeoutMs = options.timeoutMs ?? 10_000;
  }

  /** GETs an API path; resolves to the `data` of a success body or to a failure, never throws. */
  private async request(path: string): Promise<{ ok: true; data: unknown } | ReturnType<typeof failed>> {
    let response: Response;
    try {
      response = await fetch(`${this.base}${path}`, { signal: AbortSignal.timeout(this.timeoutMs) });
    } catch (error) {
      const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : '';
      return failed('unreachable', `${this.base} unreachable (${error instanceof Error ? error.message : String(error)}${cause})`);
    }
    const text = await response.text().catch(() => '');
    let body: ApiBody | undefined;
    try {
      body = JSON.parse(text) as ApiBody;
    } catch {
      body = undefined;
    }
    if (body?.status === 'error') return failed('api', `${body.errorType ?? 'error'}: ${body.error ?? 'no message'}`);
    if (!response.ok || body?.status !== 'success') return failed('http', `HTTP ${response.status}: ${text.slice(0, 200)}`);
    return { ok: true, data: body.data };
  }

  private async instant(expr: string): Promise<{ ok: true; data: unknown } | ReturnType<typeof failed>> {
    // MiCADO appends the expression unencoded, so `+`, `&` and `#` corrupt it; URLSearchParams encodes them.
    return this.request(`/api/v1/query?${new URLSearchParams({ query: expr })}`);
  }

  /** String-form query: the first vector sample or the scalar as a number; empty vector → null. */
  async query(expr: string): Promise<QueryResult<number>> {
    const answer = await this.instant(expr);
    if (!answer.ok) return answer;
    const value = toNumber((answer.data ?? {}) as object);
    if (typeof value === 'number') return { ok: true, value };
    if (value.kind === 'empty') return { ok: true, value: null };
    return failed('result', value.message);
  }

  /** List-form query `[expr, label]`: the label values of all samples. */
  async queryLabels(expr: string, label: string): Promise<QueryResult<string[]>> {
    const answer = await this.instant(expr);
    if (!answer.ok) return answer;
    const values = toLabelValues((answer.data ?? {}) as object, label);
    return Array.isArray(values) ? { ok: true, value: values } : failed('result', values.message);
  }

  /** Alerts in state firing, from /api/v1/alerts. */
  async firingAlerts(): Promise<QueryResult<FiringAlert[]>> {
    const answer = await this.request('/api/v1/alerts');
    if (!answer.ok) return answer;
    const data = answer.data as { alerts?: { state?: string; labels?: Record<string, string>; activeAt?: string }[] } | null;
    const alerts = Array.isArray(data?.alerts) ? data.alerts : [];
    return {
      ok: true,
      value: alerts
        .filter((alert) => alert.state === 'firing')
        .map((alert) => ({ name: alert.labels?.['alertname'] ?? '', labels: alert.labels ?? {}, activeAt: alert.activeAt })),
    };
  }

  /**
   * Asks Prometheus to reload its configuration and rule files (needs --web.enable-lifecycle). A broken rule
   * file makes Prometheus answer 500 with the reason, which is returned as the failure.
   */
  async reload(): Promise<{ ok: true } | { ok: false; failure: PrometheusFailure }> {
    let response: Response;
    try {
      response = await fetch(`${this.base}/-/reload`, { method: 'POST', signal: AbortSignal.timeout(this.timeoutMs) });
    } catch (error) {
      return { ok: false, failure: { kind: 'unreachable', message: `${this.base} unreachable (${error instanceof Error ? error.message : String(error)})` } };
    }
    if (response.ok) return { ok: true };
    const text = (await response.text().catch(() => '')).trim();
    return { ok: false, failure: { kind: 'http', message: `reload refused, HTTP ${response.status}: ${text.slice(0, 500)}` } };
  }
}
