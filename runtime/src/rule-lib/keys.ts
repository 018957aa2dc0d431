/**
 * Normalised dict/set keys: values Python considers equal and hashes alike map
 * to one JS Map key (1, 1.0, True, int64 1 and float64 1.0 all become 1n).
 */
import { B8, F64, I64, PyFunc, PyTuple, StructTime, typeName, type PyValue } from './values.js';
import { typeError } from './errors.js';
import { chargeLinear, descend, reserveString } from './budget.js';

export function normKey(v: PyValue): unknown {
  switch (typeof v) {
    case 'bigint': return v;
    case 'string': return v.charCodeAt(0) === 0 ? '\0s' + v : v; // keep tuple encodings unambiguous
    case 'boolean': return v ? 1n : 0n;
    case 'number': return numKey(v);
    default:
      if (v === null) return null;
      if (v instanceof F64) return numKey(v.v);
      if (v instanceof I64) return v.v;
      if (v instanceof B8) return v.v ? 1n : 0n;
      if (v instanceof PyTuple) return descend(() => tupleKey(v.items), 'while hashing');
      if (v instanceof StructTime) return '\0t' + v.fields.map(tupleKeyPart).join(',');
      if (v instanceof PyFunc) return '\0f' + v.name;
      throw typeError(`unhashable type: '${typeName(v)}'`);
  }
}

/** A tuple's key text: its parts' keys joined, built only when its length is allowed. */
function tupleKey(items: PyValue[]): string {
  const parts = items.map(tupleKeyPart);
  let length = 2 + parts.length;
  for (const p of parts) length += p.length;
  reserveString(length);
  return '\0t' + parts.join(',');
}

const numKey = (x: number): unknown => (Number.isInteger(x) ? BigInt(x) : x);

function tupleKeyPart(v: PyValue): string {
  const k = normKey(v);
  switch (typeof k) {
    case 'bigint': chargeLinear(k); return 'i' + k.toString(16); // hex: linear, where decimal is not
    case 'number': return 'f' + String(k);
    case 'string': return JSON.stringify(k);
    default: return k === null ? 'n' : 'x';
  }
}
