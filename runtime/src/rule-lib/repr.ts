/** Python's str() and repr() of every runtime value. */
import {
  B8, F64, I64, PyDict, PyDictView, PyFunc, PyIterator, PyList, PyRange, PySet, PyTuple, StructTime, type PyValue,
} from './values.js';
import { floatRepr } from './float-repr.js';

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
    case 'bigint': return v.toString();
    case 'number': return floatRepr(v);
    case 'string': return strRepr(v);
    case 'boolean': return v ? 'True' : 'False';
  }
  if (v === null) return 'None';
  if (v instanceof F64) return floatRepr(v.v);
  if (v instanceof I64) return v.v.toString();
  if (v instanceof B8) return v.v ? 'True' : 'False';
  if (v instanceof PyList || v instanceof PyDict || v instanceof PySet || v instanceof PyTuple) {
    seen ??= new Set();
    if (seen.has(v)) return v instanceof PyDict ? '{...}' : v instanceof PyList ? '[...]' : '(...)';
    seen.add(v);
    try {
      const inner = (xs: PyValue[]): string => xs.map((x) => repr(x, seen)).join(', ');
      if (v instanceof PyList) return '[' + inner(v.items) + ']';
      if (v instanceof PyTuple) return v.items.length === 1 ? '(' + repr(v.items[0]!, seen) + ',)' : '(' + inner(v.items) + ')';
      if (v instanceof PySet) return v.size === 0 ? 'set()' : '{' + inner(v.values()) + '}';
      return '{' + v.entries().map((e) => repr(e.k, seen) + ': ' + repr(e.v, seen)).join(', ') + '}';
    } finally {
      seen.delete(v);
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

/** Python str(): strings are themselves, everything else its repr. */
export function str(v: PyValue): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'bigint') return v.toString();
  if (typeof v === 'number') return floatRepr(v);
  return repr(v);
}

export { STRUCT_FIELDS };
