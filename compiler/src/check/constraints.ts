/**
 * Evaluates TOSCA constraint clauses (TOSCA 3.6.10) on a value already checked
 * against its type, and reports ADT4004 with the rule in words.
 */
import type { ObjectPath } from '../diagnostics/diagnostic.js';
import type { DiagnosticSink } from '../diagnostics/sink.js';
import type { Constraint } from '../model/entities.js';
import type { YNode } from '../read/yaml-tree.js';
import { describeValue } from './describe-value.js';
import { comparableArgument, type Comparable } from './primitive-values.js';

function compare(a: Comparable, b: Comparable): number | undefined {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  if (Array.isArray(a) && Array.isArray(b)) {
    for (let i = 0; i < Math.max(a.length, b.length); i++) {
      const c = compare(a[i] ?? 0, b[i] ?? 0);
      if (c !== 0) return c;
    }
    return 0;
  }
  return undefined;
}

function lengthOf(value: YNode): number | undefined {
  if (value.kind === 'seq') return value.items.length;
  if (value.kind === 'map') return value.pairs.length;
  if (value.kind === 'scalar' && value.value !== null) return [...String(value.type === 'str' ? value.value : value.source.trim())].length;
  return undefined;
}

export function checkConstraints(
  sink: DiagnosticSink,
  value: YNode,
  comparable: Comparable | undefined,
  type: string,
  constraints: readonly Constraint[],
  what: string,
  path: ObjectPath,
): void {
  for (const c of constraints) {
    const violated = (rule: string) =>
      sink.report('ADT4004', value.span, { what, value: describeValue(value), rule }, { path, related: [{ span: c.operatorSpan, message: `The constraint is declared here.` }] });
    const arg = c.argument;
    const argText = arg.kind === 'scalar' ? arg.source.trim() : '';
    switch (c.operator) {
      case 'equal': {
        const b = comparableArgument(arg, type);
        if (comparable !== undefined && b !== undefined && compare(comparable, b) !== 0) violated(`must equal ${argText}`);
        break;
      }
      case 'greater_than':
      case 'greater_or_equal':
      case 'less_than':
      case 'less_or_equal': {
        const b = comparableArgument(arg, type);
        if (comparable === undefined || b === undefined) break;
        const cmp = compare(comparable, b);
        if (cmp === undefined) break;
        const ok = { greater_than: cmp > 0, greater_or_equal: cmp >= 0, less_than: cmp < 0, less_or_equal: cmp <= 0 }[c.operator];
        const words = { greater_than: 'greater than', greater_or_equal: 'greater than or equal to', less_than: 'less than', less_or_equal: 'less than or equal to' }[c.operator];
        if (!ok) violated(`must be ${words} ${argText}`);
        break;
      }
      case 'in_range': {
        if (arg.kind !== 'seq' || arg.items.length !== 2 || comparable === undefined) break;
        const lo = comparableArgument(arg.items[0]!, type);
        const hiNode = arg.items[1]!;
        const hi = hiNode.kind === 'scalar' && hiNode.value === 'UNBOUNDED' ? Infinity : comparableArgument(hiNode, type);
        if (lo === undefined || hi === undefined) break;
        const below = compare(comparable, lo);
        const above = compare(comparable, hi);
        if ((below !== undefined && below < 0) || (above !== undefined && above > 0)) {
          violated(`must be in the range ${(arg.items[0] as { source?: string }).source?.trim()}–${hiNode.kind === 'scalar' ? hiNode.source.trim() : ''}`);
        }
        break;
      }
      case 'valid_values': {
        if (arg.kind !== 'seq' || comparable === undefined) break;
        const options = arg.items.map((i) => comparableArgument(i, type));
        if (!options.some((o) => o !== undefined && compare(comparable, o) === 0)) {
          violated(`must be one of ${arg.items.map((i) => (i.kind === 'scalar' ? i.source.trim() : '…')).join(', ')}`);
        }
        break;
      }
      case 'length':
      case 'min_length':
      case 'max_length': {
        const n = lengthOf(value);
        const limit = arg.kind === 'scalar' && arg.type === 'int' ? (arg.value as number) : undefined;
        if (n === undefined || limit === undefined) break;
        if (c.operator === 'length' && n !== limit) violated(`must have length ${limit} (it has ${n})`);
        if (c.operator === 'min_length' && n < limit) violated(`must have length at least ${limit} (it has ${n})`);
        if (c.operator === 'max_length' && n > limit) violated(`must have length at most ${limit} (it has ${n})`);
        break;
      }
      case 'pattern': {
        if (typeof comparable !== 'string' || arg.kind !== 'scalar' || typeof arg.value !== 'string') break;
        let re: RegExp;
        try {
          // Python's re.match anchors at the start only, as tosca-parser uses it.
          re = new RegExp(`^(?:${arg.value})`, 'u');
        } catch {
          break;
        }
        if (!re.test(comparable)) violated(`must match the pattern ${arg.value}`);
        break;
      }
      default:
        break;
    }
  }
}
