/**
 * Boundary encodings of runtime values:
 * - toJson/fromJson: tagged plain data {t: kind, v: payload}, JSON- and
 *   structured-clone-safe (ints and floats as text, so nothing is lost);
 *   the oracle (test/harness/oracle.py) decodes the same form.
 * - canonical: "kind:repr", recursive for containers, sets sorted: the
 *   comparison key of the differential tests (spec §5.2, §5.4).
 */
import {
  B8, F64, I64, PyDict, PyFunc, PyIterator, PyList, PyRange, PySet, PyTuple, StructTime, b8, kindOf, type PyValue,
} from './values.js';
import { repr } from './repr.js';
import { floatRepr } from './float-repr.js';
import { parseFloatStr } from './convert.js';
import { normKey } from './keys.js';
import { cmpStr } from './strings.js';
import { setFrom } from './set-ops.js';

/** Tagged value; `z` is a struct_time's zone name (what %Z prints). */
export interface Encoded { t: string; v?: unknown; z?: string }

export function toJson(v: PyValue): Encoded {
  switch (typeof v) {
    case 'bigint': return { t: 'int', v: v.toString() };
    case 'number': return { t: 'float', v: floatRepr(v) };
    case 'string': return { t: 'str', v };
    case 'boolean': return { t: 'bool', v };
  }
  if (v === null) return { t: 'NoneType' };
  if (v instanceof F64) return { t: 'float64', v: floatRepr(v.v) };
  if (v instanceof I64) return { t: 'int64', v: v.v.toString() };
  if (v instanceof B8) return { t: 'bool_', v: v.v };
  if (v instanceof PyList) return { t: 'list', v: v.items.map(toJson) };
  if (v instanceof PyTuple) return { t: 'tuple', v: v.items.map(toJson) };
  if (v instanceof PySet) return { t: 'set', v: v.values().map(toJson) };
  if (v instanceof PyDict) return { t: 'dict', v: v.entries().map((e) => [toJson(e.k), toJson(e.v)]) };
  if (v instanceof StructTime) return { t: 'struct_time', v: v.fields.map(Number), z: v.zone };
  throw new Error(`cannot encode a ${kindOf(v)} value`);
}

export function fromJson(e: Encoded): PyValue {
  const v = e.v;
  switch (e.t) {
    case 'NoneType': return null;
    case 'bool': return v as boolean;
    case 'int': return BigInt(v as string);
    case 'float': return parseFloatStr(v as string);
    case 'str': return v as string;
    case 'float64': return new F64(parseFloatStr(v as string));
    case 'int64': return new I64(BigInt.asIntN(64, BigInt(v as string)));
    case 'bool_': return b8(v as boolean);
    case 'list': return new PyList((v as Encoded[]).map(fromJson));
    case 'tuple': return new PyTuple((v as Encoded[]).map(fromJson));
    case 'set': return setFrom((v as Encoded[]).map(fromJson));
    case 'dict': {
      const d = new PyDict();
      for (const [k, x] of v as [Encoded, Encoded][]) { const key = fromJson(k); d.setNorm(normKey(key), key, fromJson(x)); }
      return d;
    }
    case 'struct_time': return new StructTime((v as number[]).map(BigInt), e.z ?? '');
    default: throw new Error(`unknown encoded kind ${e.t}`);
  }
}

export function canonical(v: PyValue, seen: Set<unknown> = new Set()): string {
  if (typeof v !== 'object' || v === null || v instanceof F64 || v instanceof I64 || v instanceof B8) return kindOf(v) + ':' + repr(v);
  if (seen.has(v)) return kindOf(v) + ':<cycle>';
  seen.add(v);
  try {
    if (v instanceof PyList) return 'list[' + v.items.map((x) => canonical(x, seen)).join(', ') + ']';
    if (v instanceof PyTuple) return 'tuple(' + v.items.map((x) => canonical(x, seen)).join(', ') + ')';
    if (v instanceof PyDict) return 'dict{' + v.entries().map((e) => canonical(e.k, seen) + ': ' + canonical(e.v, seen)).join(', ') + '}';
    if (v instanceof PySet) return 'set{' + v.values().map((x) => canonical(x)).sort(cmpStr).join(', ') + '}';
    if (v instanceof StructTime) return 'struct_time:(' + v.fields.join(', ') + ')';
    if (v instanceof PyFunc) return 'callable:' + v.name;
    if (v instanceof PyIterator) return v.typeName + ':<iter>';
    if (v instanceof PyRange) return 'range:<iter>';
    return kindOf(v) + ':' + repr(v);
  } finally {
    seen.delete(v);
  }
}
