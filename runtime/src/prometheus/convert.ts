/**
 * Turning Prometheus API `data` into what a scaling rule sees (spec 6.5): the first sample of a vector or
 * the scalar as a number, or the label values of all samples for the list form.
 */

/** Why a query produced no value; `null` reaches the rule either way, the reason reaches the log. */
export type Unsupported = { readonly kind: 'unsupported'; readonly message: string };
export type ResultProblem = { readonly kind: 'empty' } | Unsupported;

/** Prometheus renders sample values as strings, with NaN, +Inf and -Inf spelled out (as Python's float() reads them). */
export function parseSampleValue(text: unknown): number | undefined {
  if (typeof text !== 'string') return undefined;
  switch (text.trim().toLowerCase()) {
    case 'nan':
      return Number.NaN;
    case '+inf':
    case 'inf':
      return Number.POSITIVE_INFINITY;
    case '-inf':
      return Number.NEGATIVE_INFINITY;
  }
  const value = Number(text);
  return text.trim() === '' || Number.isNaN(value) ? undefined : value;
}

interface QueryData {
  resultType?: unknown;
  result?: unknown;
}

function samples(data: QueryData): { metric?: Record<string, string>; value?: unknown[] }[] | undefined {
  return data.resultType === 'vector' && Array.isArray(data.result) ? (data.result as never) : undefined;
}

export function toNumber(data: QueryData): number | ResultProblem {
  let raw: unknown;
  if (data.resultType === 'scalar' && Array.isArray(data.result)) {
    raw = data.result[1];
  } else {
    const vector = samples(data);
    if (vector === undefined) return { kind: 'unsupported', message: `result type ${String(data.resultType)} cannot be a number` };
    if (vector.length === 0) return { kind: 'empty' };
    raw = vector[0]?.value?.[1];
  }
  const value = parseSampleValue(raw);
  return value ?? { kind: 'unsupported', message: `sample value ${JSON.stringify(raw)} is not a number` };
}

/** The list form `[expr, label]`: the label's values of the samples that carry it, in result order. */
export function toLabelValues(data: QueryData, label: string): string[] | Unsupported {
  const vector = samples(data);
  if (vector === undefined) return { kind: 'unsupported', message: `result type ${String(data.resultType)} has no samples` };
  return vector.flatMap((sample) => (typeof sample.metric?.[label] === 'string' ? [sample.metric[label]] : []));
}
