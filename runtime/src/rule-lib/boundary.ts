/**
 * Values crossing a rule module's boundary (the wrapper rule-module.ts generates calls these):
 * - inputs: plain structured-clone data (what the runtime's worker passes) to rule-lib values;
 * - outputs: rule-lib values to plain data for the host (lists as arrays, dicts as objects);
 * - m_userdata: kept exactly from one evaluation to the next as tagged JSON text (every key type, '__proto__'
 *   included), with a size and depth limit a rule author sees as a ValueError.
 * Every walk here is bounded in depth, so no value a rule builds can overflow the host's stack.
 */
import { B8, F64, I64, PyDict, PyDictView, PyFunc, PyIterator, PyList, PyObject, PyRange, PySet, PyTuple, typeName, type PyValue } from './values.js';
import { PyError } from './errors.js';
import { normKey } from './keys.js';
import { repr, str } from './repr.js';
import { fromJson, toJson, type Encoded } from './encode.js';

/** Encoded m_userdata, in characters of JSON text (1 MiB). */
export const MAX_USERDATA_CHARS = 1 << 20;
/** Nesting of containers a value may have when it crosses the boundary. */
export const MAX_BOUNDARY_DEPTH = 100;

const tooDeep = (what: string): PyError =>
  new PyError('ValueError', `${what} nests containers deeper than ${MAX_BOUNDARY_DEPTH} levels (or contains itself); keep it flatter`);

/** A host input as a rule-lib value; objects are dicts with str keys, { kind, value } a numpy scalar. */
export function inputValue(v: unknown, depth = 0): PyValue {
  if (v === null || typeof v === 'boolean' || typeof v === 'bigint' || typeof v === 'number' || typeof v === 'string' || v instanceof PyObject) return v as PyValue;
  if (depth >= MAX_BOUNDARY_DEPTH) throw tooDeep('an input');
  if (Array.isArray(v)) return new PyList(v.map((x) => inputValue(x, depth + 1)));
  if (typeof v !== 'object') return null;
  const o = v as Record<string, unknown>;
  if (typeof o['kind'] === 'string' && 'value' in o && Object.keys(o).length === 2) {
    return o['kind'] === 'float64' ? new F64(Number(o['value'])) : o['kind'] === 'int64' ? new I64(BigInt(o['value'] as bigint)) : new B8(Boolean(o['value']));
  }
  const d = new PyDict();
  for (const k of Object.keys(o)) d.setNorm(normKey(k), k, inputValue(o[k], depth + 1));
  return d;
}

/** An output as plain data: lists, tuples and sets as arrays, dicts as objects keyed by str(key). */
export function outputValue(v: PyValue, what: string, depth = 0): unknown {
  if (!(v instanceof PyObject)) return v;
  if (v instanceof F64 || v instanceof I64 || v instanceof B8) return { kind: v.kind, value: v.v };
  if (!(v instanceof PyList || v instanceof PyTuple || v instanceof PySet || v instanceof PyDict)) return repr(v);
  if (depth >= MAX_BOUNDARY_DEPTH) throw tooDeep(what);
  if (v instanceof PyDict) {
    const o: Record<string, unknown> = {};
    // defineProperty: a '__proto__' key is data here, never the object's prototype.
    for (const e of v.entries()) Object.defineProperty(o, typeof e.k === 'string' ? e.k : str(e.k), { value: outputValue(e.v, what, depth + 1), enumerable: true, writable: true, configurable: true });
    return o;
  }
  return (v instanceof PySet ? v.values() : v.items).map((x) => outputValue(x, what, depth + 1));
}

/** m_userdata as exact text, or a ValueError the rule author sees when it is too large or too deep. */
export function encodeUserdata(v: PyValue): string {
  let chars = 0;
  const walk = (x: PyValue, depth: number): void => {
    // Shared parts are counted as often as they appear: that is how large the saved text would be.
    chars += 8 + (typeof x === 'string' ? x.length : 0);
    if (chars > MAX_USERDATA_CHARS) throw tooLarge();
    if (x instanceof PyFunc || x instanceof PyIterator || x instanceof PyRange || x instanceof PyDictView) {
      throw new PyError('ValueError', `m_userdata cannot keep a ${typeName(x)} value between evaluations; convert it with list() first`);
    }
    if (x instanceof PyList || x instanceof PyTuple || x instanceof PySet || x instanceof PyDict) {
      if (depth >= MAX_BOUNDARY_DEPTH) throw tooDeep('m_userdata');
      if (x instanceof PyDict) for (const e of x.entries()) { walk(e.k, depth + 1); walk(e.v, depth + 1); }
      else for (const y of x instanceof PySet ? x.values() : x.items) walk(y, depth + 1);
    }
  };
  walk(v, 0);
  const text = JSON.stringify(toJson(v));
  if (text.length > MAX_USERDATA_CHARS) throw tooLarge();
  return text;
}

const tooLarge = (): PyError =>
  new PyError('ValueError', `m_userdata is too large to keep (over ${MAX_USERDATA_CHARS} characters once saved); keep only recent history in it`);

/** m_userdata from the text a previous evaluation saved. */
export function decodeUserdata(text: string): PyValue {
  return fromJson(JSON.parse(text) as Encoded);
}
