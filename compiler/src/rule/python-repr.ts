/**
 * Python's str() and repr() of YAML values, as the Policy Keeper's template
 * renderer inserts constants (spec §8.4): ints and floats as Python prints
 * them (`60.0`, `1e+16`), strings as their text, True/False/None, lists and
 * maps as reprs.
 */
import type { YNode } from '../read/yaml-tree.js';

export function pythonStr(node: YNode): string {
  if (node.kind === 'scalar' && typeof node.value === 'string') return node.value;
  return pythonRepr(node);
}

export function pythonRepr(node: YNode): string {
  switch (node.kind) {
    case 'seq':
      return `[${node.items.map(pythonRepr).join(', ')}]`;
    case 'map':
      return `{${node.pairs.map((p) => `${pythonRepr(p.key)}: ${pythonRepr(p.value)}`).join(', ')}}`;
    case 'scalar': {
      const v = node.value;
      if (v === null) return 'None';
      if (typeof v === 'boolean') return v ? 'True' : 'False';
      if (typeof v === 'number') return node.type === 'float' ? floatRepr(v) : Number.isSafeInteger(v) ? String(v) : BigInt(Math.trunc(v)).toString();
      return stringRepr(v);
    }
  }
}

/** CPython's float repr: shortest round-trip digits, scientific when the exponent is ≥ 16 or < -4. */
export function floatRepr(x: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (!Number.isFinite(x)) return x > 0 ? 'inf' : '-inf';
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0';
  const [mantissa, exp] = x.toExponential().split('e') as [string, string];
  const e = Number(exp);
  if (e >= 16 || e < -4) return `${mantissa}e${e < 0 ? '-' : '+'}${String(Math.abs(e)).padStart(2, '0')}`;
  const s = String(x);
  return s.includes('.') ? s : `${s}.0`;
}

export function stringRepr(s: string): string {
  const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
  let out = '';
  for (const c of s) {
    if (c === '\\') out += '\\\\';
    else if (c === quote) out += `\\${c}`;
    else if (c === '\n') out += '\\n';
    else if (c === '\r') out += '\\r';
    else if (c === '\t') out += '\\t';
    else out += c;
  }
  return quote + out + quote;
}
