/**
 * What each query measures, so the simulator can answer it from the load and what is running. The load is
 * one number in the unit of the metric it drives (total CPU percent, requests/s, KB/s, queue items); a
 * measure says how that total becomes the query's value:
 * - cpu, memory: percent per pod (or per node when the selector names a node), at most 100;
 * - requests, bytes: rate per pod (per node for node selectors), unbounded;
 * - queue: items waiting, the load itself (not divided among pods);
 * - clock: arithmetic over `time()`, computed from the virtual clock (`DEADLINE - time()` counts down);
 * - constant: arithmetic over numbers only, the number itself;
 * - none: no sample (Prometheus returned nothing), which rules must handle.
 * `--metric NAME=KIND|NUMBER|none` replaces the guess for one query.
 */
export const MEASURE_KINDS = ['cpu', 'memory', 'requests', 'bytes', 'queue', 'clock', 'none'] as const;
export type MeasureKind = (typeof MEASURE_KINDS)[number];

export type Measure =
  | { readonly kind: 'cpu' | 'memory' | 'requests' | 'bytes'; readonly scope: 'pod' | 'node' }
  | { readonly kind: 'queue' | 'none' }
  | { readonly kind: 'clock'; readonly at: (epochS: number) => number }
  | { readonly kind: 'constant'; readonly value: number };

/** The measure of a PromQL expression, by what it mentions. */
export function measureOf(expr: string): Measure {
  const arithmetic = arithmeticOf(expr);
  if (arithmetic !== undefined) {
    if (/\btime\(\)/.test(expr)) return { kind: 'clock', at: arithmetic };
    return { kind: 'constant', value: arithmetic(0) };
  }
  const scope = /id="\/"|\bnode_[a-z_]+|\binstance=~?"/.test(expr) && !/pod=~?"/.test(expr) ? 'node' : 'pod';
  if (/memory|_mem_|\bmem_/.test(expr)) return { kind: 'memory', scope };
  if (/cpu/.test(expr)) return { kind: 'cpu', scope };
  if (/bytes|network|_octets/.test(expr)) return { kind: 'bytes', scope };
  if (/queue|messages|backlog|pending|_items\b|_jobs\b|_tasks\b|lag\b/.test(expr)) return { kind: 'queue' };
  return { kind: 'requests', scope };
}

/** A command-line override `NAME=KIND`, `NAME=NUMBER` or `NAME=none`, or why it is not one. */
export function parseOverride(text: string): { readonly ok: true; readonly name: string; readonly measure: Measure } | { readonly ok: false; readonly message: string } {
  const eq = text.indexOf('=');
  const name = text.slice(0, eq).trim();
  const value = text.slice(eq + 1).trim();
  if (eq <= 0 || value === '') return { ok: false, message: `--metric '${text}' is not NAME=VALUE; write e.g. --metric ITEMS=queue or --metric TIME=clock or --metric LIMIT=5` };
  const number = Number(value);
  if (Number.isFinite(number)) return { ok: true, name, measure: { kind: 'constant', value: number } };
  switch (value as MeasureKind) {
    case 'cpu':
    case 'memory':
    case 'requests':
    case 'bytes':
      return { ok: true, name, measure: { kind: value as 'cpu', scope: 'pod' } };
    case 'queue':
    case 'none':
      return { ok: true, name, measure: { kind: value as 'queue' } };
    case 'clock':
      return { ok: true, name, measure: { kind: 'clock', at: (s) => s } };
  }
  return { ok: false, message: `--metric ${name}=${value}: the value is a number or one of ${MEASURE_KINDS.join(', ')}` };
}

/** What the world knows when it answers a measure. */
export interface MeasureContext {
  readonly demand: number;
  readonly pods: number;
  readonly nodes: number;
  readonly epochS: number;
}

/** The value of a measure now; null is "no sample". */
export function measureValue(measure: Measure, c: MeasureContext): number | null {
  switch (measure.kind) {
    case 'none':
      return null;
    case 'constant':
      return measure.value;
    case 'clock':
      return measure.at(c.epochS);
    case 'queue':
      return c.demand;
    case 'cpu':
    case 'memory': {
      // A pod uses at most one whole CPU (100 %); a node's share is what its pods use, spread over the nodes.
      const perPod = c.pods === 0 ? 100 : Math.min(100, c.demand / c.pods);
      if (measure.scope === 'pod') return perPod;
      return c.nodes === 0 ? 100 : Math.min(100, (perPod * c.pods) / c.nodes);
    }
    case 'requests':
    case 'bytes': {
      const over = measure.scope === 'pod' ? c.pods : c.nodes;
      return over === 0 ? c.demand : c.demand / over;
    }
  }
}

/**
 * An expression made only of numbers, `time()`, + - * / and brackets, as a function of the clock; undefined
 * for anything else (a selector, a function call other than time()).
 */
export function arithmeticOf(expr: string): ((epochS: number) => number) | undefined {
  const tokens = expr.match(/\s*(time\(\)|\d+(?:\.\d+)?(?:e[+-]?\d+)?|[-+*/()])/gy);
  if (tokens === null || tokens.join('').length !== expr.length || expr.trim() === '') return undefined;
  const list = tokens.map((t) => t.trim());
  let i = 0;
  type Fn = (s: number) => number;
  const primary = (): Fn | undefined => {
    const t = list[i++];
    if (t === undefined) return undefined;
    if (t === 'time()') return (s) => s;
    if (t === '-') {
      const inner = primary();
      return inner && ((s) => -inner(s));
    }
    if (t === '(') {
      const inner = sum();
      return list[i++] === ')' ? inner : undefined;
    }
    const n = Number(t);
    return Number.isFinite(n) ? () => n : undefined;
  };
  /** One precedence level: operands of the next level joined by this level's left-associative operators. */
  const level =
    (operand: () => Fn | undefined, ops: Readonly<Record<string, (a: number, b: number) => number>>) =>
    (): Fn | undefined => {
      let left = operand();
      while (left && list[i] !== undefined && Object.hasOwn(ops, list[i]!)) {
        const apply = ops[list[i++]!]!;
        const right = operand();
        if (!right) return undefined;
        const l = left;
        left = (s) => apply(l(s), right(s));
      }
      return left;
    };
  const product = level(primary, { '*': (a, b) => a * b, '/': (a, b) => a / b });
  const sum = level(product, { '+': (a, b) => a + b, '-': (a, b) => a - b });
  const fn = sum();
  return fn !== undefined && i === list.length ? fn : undefined;
}
