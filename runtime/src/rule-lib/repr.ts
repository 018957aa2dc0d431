/** Python's str() and repr() of every runtime value. */
import {
  B8, F64, I64, PyDict, PyDictView, PyFunc, PyIterator, PyList, PyRange, PySet, PyTuple, StructTime, type PyValue,
} from './values.js';
import { floatRepr } from './float-repr.js';
import { chargeDecimal, descend, reserveString } from './budget.js';

const NON_PRINTABLE = /[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Zl}\p{Zp}\p{Zs}]/u;

function escapeChar(c: string): string {
  switch (c) {
    case '\\': return '\\\\';
    case '\n': return '\\n';
    case '\r': return '\\r';
    case '\t': return '\\t';
    default: {
      if (c === ' ' || !NON_PRINTABLE.test(c)) return c;
      const cp = c.codePointAt(0)!;
      const hex = cp.toString(16);
      if (cp < 0x100) return '\\x' + hex.padStart(2, '0');
      if (cp < 0x10000) return '\\u' + hex.padStart(4, '0');
      return '\\U' + hex.padStart(8, '0');
    }
  }
}

export function strRepr(s: string): string {
  const q = s.includes("'") && !s.includes('"') ? '"' : "'";
  let out = q;
  // Fast path: nothing to escape.
  if (!/[\\\n\r\t'"]/.test(s) && !NON_PRINTABLE.test(s.replace(/ /g, ''))) return q + s + q;
  for (const c of s) out += c === q ? '\\' + c : escapeChar(c);
  return out + q;
}

const STRUCT_FIELDS = ['tm_year', 'tm_mon', 'tm_mday', 'tm_hour', 'tm_min', 'tm_sec', 'tm_wday', 'tm_yday', 'tm_isdst'];

export function repr(v: PyValue, seen?: Set<unknown>): string {
  switch (typeof v) {
    case 'bigint': return decimal(v);
    case 'number': return floatRepr(v);
    case 'string': return strRepr(v);
    case 'boolean': return v ? 'True' : 'False';
  }
  if (v === null) return 'None';
  if (v instanceof F64) return floatRepr(v.v);
  if (v instanceof I64) return v.v.toString();
  if (v instanceof B8) return v.v ? 'True' : 'False';
  if (v instanceof PyList || v instanceof PyDict || v instanceof PySet || v instanceof PyTuple) {
    const within = seen ?? new Set();
    if (within.has(v)) return v instanceof PyDict ? '{...}' : v instanceof PyList ? '[...]' : '(...)';
    within.add(v);
    try {
      return descend(() => containerRepr(v, within), 'while getting the repr of an object');
    } finally {
      within.delete(v);
    }
  }
  if (v instanceof StructTime) {
    return 'time.struct_time(' + v.fields.map((f, i) => `${STRUCT_FIELDS[i]}=${f}`).join(', ') + ')';
  }
  if (v instanceof PyDictView) return `dict_${v.which}([${v.items().map((x) => repr(x, seen)).join(', ')}])`;
  if (v instanceof PyRange) return `range(${v.start}, ${v.stop}${v.step === 1n ? '' : ', ' + v.step})`;
  if (v instanceof PyIterator) return `<${v.typeName} object>`;
  if (v instanceof PyFunc) return `<built-in function ${v.name}>`;
  return '<object>';
}

function containerRepr(v: PyList | PyDict | PySet | PyTuple, seen: Set<unknown>): string {
  if (v instanceof PySet && v.size === 0) return 'set()';
  const parts = v instanceof PyDict ? v.entries().map((e) => repr(e.k, seen) + ': ' + repr(e.v, seen)) : (v instanceof PySet ? v.values() : v.items).map((x) => repr(x, seen));
  // Shared or repeated parts make the text grow faster than the structure: check the length before joining.
  let length = 2 + 2 * parts.length;
  for (const p of parts) length += p.length;
  reserveString(length);
  if (v instanceof PyList) return '[' + parts.join(', ') + ']';
  if (v instanceof PyTuple) return parts.length === 1 ? '(' + parts[0] + ',)' : '(' + parts.join(', ') + ')';
  return '{' + parts.join(', ') + '}';
}

/** An int in decimal, charged by size (the conversion is superlinear). */
export function decimal(x: bigint): string {
  chargeDecimal(x);
  return x.toString();
}

/** Python str(): strings are themselves, everything else its repr. */
export function str(v: PyValue): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'bigint') return decimal(v);
  if (typeof v === 'number') return floatRepr(v);
  return repr(v);
}

export { STRUCT_FIELDS };
