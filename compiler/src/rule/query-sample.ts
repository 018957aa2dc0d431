/**
 * Whether a number-form query always yields a sample: a PromQL expression
 * without any metric selector (`time()`, `vector(1)`, `{{DEADLINE}} - time()`)
 * cannot come back empty, so the rule never sees None for it (RL301 would be
 * noise). Any selector, or anything this does not recognise, may be empty.
 */

/** PromQL functions that need no selector when their arguments have none. */
const SELECTOR_FREE_FUNCTIONS = new Set([
  'time', 'vector', 'scalar', 'pi', 'abs', 'ceil', 'floor', 'round', 'sqrt', 'exp', 'ln', 'log2', 'log10', 'sgn',
  'clamp', 'clamp_min', 'clamp_max', 'day_of_month', 'day_of_week', 'day_of_year', 'days_in_month', 'hour', 'minute', 'month', 'year',
]);

export function alwaysYieldsSample(promql: string): boolean {
  // A placeholder stands for a constant's value, which is a number where a query uses it.
  const text = promql.replace(/\{\{\s*\w+\s*\}\}/g, '0');
  if (/[{}[\]"'`@]/.test(text)) return false;
  for (const m of text.matchAll(/(?<![\w.])[A-Za-z_:][\w:]*/g)) {
    const next = text.slice(m.index + m[0].length).trimStart();
    if (!SELECTOR_FREE_FUNCTIONS.has(m[0]) || !next.startsWith('(')) return false;
  }
  return /\d|\(/.test(text);
}
