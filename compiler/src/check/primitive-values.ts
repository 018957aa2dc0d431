/**
 * Checks a value against a TOSCA primitive type (TOSCA 3.3), as leniently as
 * MiCADO where ADTs rely on it (quirks named below) and strictly elsewhere.
 * Returns the value in a comparable form for constraints, or undefined when it
 * does not fit (after reporting ADT4003).
 */
import type { ObjectPath } from '../diagnostics/diagnostic.js';
import type { DiagnosticSink } from '../diagnostics/sink.js';
import type { YNode } from '../read/yaml-tree.js';
import { VERSION_SYNTAX } from '../model/keynames.js';
import { describeValue } from './describe-value.js';
import { parseScalarUnit, unitsOf } from './scalar-units.js';

export type Comparable = number | string | readonly Comparable[] | { readonly size: number };

const PY_INT = /^\s*[+-]?(?:0|[1-9](?:_?[0-9])*|0+)\s*$/;
const ISO_TIMESTAMP = /^\d{4}-\d{1,2}-\d{1,2}(?:[Tt ]+\d{1,2}:\d{2}(?::\d{2}(?:\.\d*)?)?\s*(?:Z|[-+]\d{1,2}(?::?\d{2})?)?)?$/;

const EXPECTED: Readonly<Record<string, string>> = {
  string: 'a string',
  integer: 'an integer',
  float: 'a float',
  boolean: 'true or false',
  timestamp: 'a timestamp (for example 2024-01-31T12:00:00Z)',
  version: 'a version such as 1.2.0',
  range: 'a range [min, max]',
  list: 'a list',
  map: 'a mapping',
  null: 'null',
};

export function checkPrimitive(sink: DiagnosticSink, value: YNode, type: string, what: string, path: ObjectPath): Comparable | undefined {
  const fail = (hint = '', expected = EXPECTED[type] ?? `a ${type}`) => {
    sink.report('ADT4003', value.span, { what, expected, actual: describeValue(value), hint: hint || 'Correct the value.' }, { path });
    return undefined;
  };
  switch (type) {
    case 'any':
      return undefined;
    case 'string':
      // quirk: string-accepts-scalars
      if (value.kind !== 'scalar') {
        sink.report('ADT4027', value.span, { what, actual: value.kind === 'map' ? 'a mapping' : 'a list', suggested: value.kind === 'map' ? 'map' : 'list' }, { path });
        return undefined;
      }
      return value.type === 'str' ? (value.value as string) : value.source.trim();
    case 'integer':
      if (value.kind !== 'scalar') return fail();
      if (value.type === 'int') return value.value as number;
      // quirk: integer-accepts-numeric-strings
      if (value.type === 'bool') return value.value ? 1 : 0;
      if (value.type === 'float' && Number.isFinite(value.value)) return Math.trunc(value.value as number);
      if (value.type === 'str' && PY_INT.test(value.value as string)) return Number((value.value as string).replace(/_/g, ''));
      if (value.type === 'str' && /\{\{.*\}\}/.test(value.value as string)) {
        return fail('MiCADO fills {{ }} placeholders only in string-typed properties; with these types the property must be an integer.');
      }
      return fail();
    case 'float':
      if (value.kind === 'scalar' && value.type === 'float') return value.value as number;
      if (value.kind === 'scalar' && value.type === 'int') return fail(`MiCADO (tosca-parser) rejects integers here; write ${value.source.trim()}.0.`);
      return fail();
    case 'boolean':
      if (value.kind === 'scalar' && value.type === 'bool') return value.value ? 1 : 0;
      // quirk: boolean-accepts-strings
      if (value.kind === 'scalar' && typeof value.value === 'string' && /^(true|false)$/i.test(value.value)) return value.value.toLowerCase() === 'true' ? 1 : 0;
      return fail();
    case 'timestamp':
      if (value.kind === 'scalar' && (value.type === 'timestamp' || (value.type === 'str' && ISO_TIMESTAMP.test(String(value.value).trim())))) {
        return Date.parse(String(value.value).trim().replace(' ', 'T'));
      }
      return fail();
    case 'version': {
      if (value.kind !== 'scalar' || !['str', 'int', 'float'].includes(value.type)) return fail();
      const text = value.type === 'str' ? String(value.value) : value.source.trim();
      if (!VERSION_SYNTAX.test(text)) return fail();
      return text.split(/[.-]/).map((p) => (/^\d+$/.test(p) ? Number(p) : p));
    }
    case 'range': {
      if (value.kind !== 'seq' || value.items.length !== 2) return fail();
      const [lo, hi] = value.items;
      const num = (n: YNode | undefined, unbounded: boolean) =>
        n?.kind === 'scalar' && n.type === 'int' ? (n.value as number) : unbounded && n?.kind === 'scalar' && n.value === 'UNBOUNDED' ? Infinity : undefined;
      const min = num(lo, false);
      const max = num(hi, true);
      if (min === undefined || max === undefined || min > max) return fail('Write [min, max] with integers, min ≤ max; max may be UNBOUNDED.');
      return [min, max];
    }
    case 'list':
      if (value.kind !== 'seq') return fail();
      return { size: value.items.length };
    case 'map':
      if (value.kind !== 'map') return fail();
      return { size: value.pairs.length };
    case 'null':
      if (value.kind === 'scalar' && value.type === 'null') return undefined;
      return fail();
    case 'scalar-unit.size':
    case 'scalar-unit.time':
    case 'scalar-unit.frequency':
    case 'scalar-unit.bitrate': {
      const text = value.kind === 'scalar' && value.value !== null ? String(value.value) : undefined;
      const parsed = text === undefined ? undefined : parseScalarUnit(type, text);
      if (parsed === undefined) {
        return fail(`Write a number followed by one of the units ${unitsOf(type).join(', ')}.`, `a ${type} value such as '${type === 'scalar-unit.time' ? '30 s' : type === 'scalar-unit.size' ? '2 GiB' : type === 'scalar-unit.frequency' ? '2 GHz' : '10 Mbps'}'`);
      }
      return parsed;
    }
    default:
      return undefined;
  }
}

/** Converts a constraint argument to the comparable form of `type`, without reporting. */
export function comparableArgument(value: YNode, type: string): Comparable | undefined {
  if (value.kind !== 'scalar') return undefined;
  if (type.startsWith('scalar-unit.')) return value.value === null ? undefined : parseScalarUnit(type, String(value.value));
  if (typeof value.value === 'number' || typeof value.value === 'string') return value.value;
  if (typeof value.value === 'boolean') return value.value ? 1 : 0;
  return undefined;
}
