/** The supported str, list, dict, set, float and int methods (spec §1.6). */
import { F64, PyDict, PyDictView, PyList, PySet, StructTime, typeName, type PyValue } from './values.js';
import { PyError, indexError, typeError, valueError } from './errors.js';
import { normKey } from './keys.js';
import { identical, pyEq } from './compare.js';
import { repr } from './repr.js';
import { toArray } from './iter.js';
import { asIndex } from './convert.js';
import { setFrom, setOp } from './set-ops.js';
import { sortInPlace, type Kw } from './builtins.js';
import { strMethod } from './str-methods.js';
import { bitLength } from './exact.js';
import { UNLIMITED, type Budget } from './budget.js';
import { STRUCT_FIELDS } from './repr.js';

const arg = (args: PyValue[], i: number, name: string): PyValue => {
  if (i >= args.length) throw typeError(`${name}() missing required argument`);
  return args[i]!;
};

function listMethod(xs: PyList, name: string, args: PyValue[], kw: Kw, st: Budget): PyValue {
  const items = xs.items;
  switch (name) {
    case 'append': items.push(arg(args, 0, name)); return null;
    case 'extend': for (const x of toArray(arg(args, 0, name), st)) items.push(x); return null;
    case 'insert': {
      let i = Number(asIndex(arg(args, 0, name), "'%s' object cannot be interpreted as an integer"));
      if (i < 0) i = Math.max(0, i + items.length);
      items.splice(Math.min(i, items.length), 0, arg(args, 1, name));
      return null;
    }
    case 'pop': {
      if (items.length === 0) throw indexError('pop from empty list');
      let i = args.length ? Number(asIndex(args[0]!, "'%s' object cannot be interpreted as an integer")) : -1;
      if (i < 0) i += items.length;
      if (i < 0 || i >= items.length) throw indexError('pop index out of range');
      return items.splice(i, 1)[0]!;
    }
    case 'remove': {
      const v = arg(args, 0, name);
      const i = items.findIndex((x) => identical(x, v) || pyEq(x, v));
      if (i < 0) throw valueError('list.remove(x): x not in list');
      items.splice(i, 1);
      return null;
    }
    case 'index': {
      const v = arg(args, 0, name);
      const i = items.findIndex((x) => identical(x, v) || pyEq(x, v));
      if (i < 0) throw valueError(`${repr(v)} is not in list`);
      return BigInt(i);
    }
    case 'count': { const v = arg(args, 0, name); return BigInt(items.filter((x) => identical(x, v) || pyEq(x, v)).length); }
    case 'sort': sortInPlace(items, kw, st); return null;
    case 'reverse': items.reverse(); return null;
    case 'copy': return new PyList(items.slice());
    case 'clear': items.length = 0; return null;
    default: throw noMethod(xs, name);
  }
}

function dictMethod(d: PyDict, name: string, args: PyValue[], kw: Kw): PyValue {
  switch (name) {
    case 'get': { const e = d.getNorm(normKey(arg(args, 0, name))); return e ? e.v : args.length > 1 ? args[1]! : null; }
    case 'keys': case 'values': case 'items': return new PyDictView(d, name);
    case 'pop': {
      const k = arg(args, 0, name), nk = normKey(k);
      const e = d.getNorm(nk);
      if (!e) { if (args.length > 1) return args[1]!; throw new PyError('KeyError', repr(k)); }
      d.deleteNorm(nk);
      return e.v;
    }
    case 'setdefault': {
      const k = arg(args, 0, name), nk = normKey(k);
      const e = d.getNorm(nk);
      if (e) return e.v;
      const v = args.length > 1 ? args[1]! : null;
      d.setNorm(nk, k, v);
      return v;
    }
    case 'update': {
      if (args.length) {
        const src = args[0]!;
        if (src instanceof PyDict) for (const e of src.entries()) d.setNorm(normKey(e.k), e.k, e.v);
        else for (const pair of toArray(src)) { const kv = toArray(pair); d.setNorm(normKey(kv[0]!), kv[0]!, kv[1]!); }
      }
      for (const [k, v] of Object.entries(kw)) d.setNorm(normKey(k), k, v);
      return null;
    }
    case 'copy': { const c = new PyDict(); for (const e of d.entries()) c.setNorm(normKey(e.k), e.k, e.v); return c; }
    case 'clear': d.clear(); return null;
    default: throw noMethod(d, name);
  }
}

function setMethod(s: PySet, name: string, args: PyValue[]): PyValue {
  const other = (): PySet => { const o = arg(args, 0, name); return o instanceof PySet ? o : setFrom(toArray(o)); };
  switch (name) {
    case 'add': { const v = arg(args, 0, name); s.addNorm(normKey(v), v); return null; }
    // A set argument is looked up as a frozenset (never present) rather than rejected as unhashable.
    case 'discard': { const v = arg(args, 0, name); if (!(v instanceof PySet)) s.deleteNorm(normKey(v)); return null; }
    case 'remove': {
      const v = arg(args, 0, name);
      if (v instanceof PySet || !s.deleteNorm(normKey(v))) throw new PyError('KeyError', repr(v));
      return null;
    }
    case 'union': return args.reduce<PySet>((acc, o) => setOp('|', acc, o instanceof PySet ? o : setFrom(toArray(o))), setFrom(s.values()));
    case 'intersection': {
      const o = arg(args, 0, name);
      if (o instanceof PySet) return setOp('&', s, o);
      return setFrom(toArray(o).filter((v) => s.hasNorm(normKey(v)))); // an iterable argument supplies the elements
    }
    case 'difference': return setOp('-', s, other());
    case 'symmetric_difference': return setOp('^', s, other());
    case 'issubset': { const o = other(); return s.values().every((v) => o.hasNorm(normKey(v))); }
    case 'issuperset': { const o = other(); return o.values().every((v) => s.hasNorm(normKey(v))); }
    case 'isdisjoint': { const o = other(); return !s.values().some((v) => o.hasNorm(normKey(v))); }
    case 'copy': return setFrom(s.values());
    case 'clear': s.clear(); return null;
    default: throw noMethod(s, name);
  }
}

const noMethod = (obj: PyValue, name: string): PyError =>
  new PyError('AttributeError', `'${typeName(obj)}' object has no attribute '${name}'`);

/** obj.name(*args, **kw) for the supported methods. */
export function callMethod(obj: PyValue, name: string, args: PyValue[] = [], kw: Kw = {}, st: Budget = UNLIMITED): PyValue {
  if (typeof obj === 'string') return strMethod(obj, name, args, kw, st);
  if (obj instanceof PyList) return listMethod(obj, name, args, kw, st);
  if (obj instanceof PyDict) return dictMethod(obj, name, args, kw);
  if (obj instanceof PySet) return setMethod(obj, name, args);
  if (name === 'is_integer' && (typeof obj === 'number' || obj instanceof F64)) {
    const x = typeof obj === 'number' ? obj : obj.v;
    return Number.isInteger(x);
  }
  if (name === 'bit_length' && (typeof obj === 'bigint' || typeof obj === 'boolean')) return BigInt(bitLength(typeof obj === 'bigint' ? obj : obj ? 1n : 0n));
  throw noMethod(obj, name);
}

/** Attribute read: struct_time fields. */
export function getattr(obj: PyValue, name: string): PyValue {
  if (obj instanceof StructTime) {
    const i = STRUCT_FIELDS.indexOf(name);
    if (i >= 0) return obj.fields[i]!;
  }
  throw noMethod(obj, name);
}

