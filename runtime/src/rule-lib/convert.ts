/** int(), float(), bool() with Python's parsing rules (spec §4.11), and output conversion. */
import { B8, F64, I64, typeName, type PyValue } from './values.js';
import { typeError, valueError, overflow } from './errors.js';
import { intToFloat } from './numeric.js';
import { strRepr } from './repr.js';
import { truthy } from './compare.js';
import { decimalValue } from './unicode-numeric.js';

/** Python's str.strip() whitespace. */
const PY_WS = /^[\s\x1c-\x1f\x85]+|[\s\x1c-\x1f\x85]+$/gu;
export const pyStrip = (s: string): string => s.replace(PY_WS, '');

const DIGITS = '0123456789abcdefghijklmnopqrstuvwxyz';

/** Python's int() and float() accept any Unicode decimal digit (spec §4.11). */
function asciiDigits(s: string): string {
  if (!/[^\x00-\x7f]/.test(s)) return s;
  let out = '';
  for (const c of s) {
    const v = c.charCodeAt(0) < 0x80 ? undefined : decimalValue(c.codePointAt(0)!);
    out += v === undefined ? c : String(v);
  }
  return out;
}

function parseIntStr(text: string, base: number): bigint {
  const bad = (): never => { throw valueError(`invalid literal for int() with base ${base}: ${strRepr(text)}`); };
  let s = asciiDigits(pyStrip(text));
  let neg = false;
  if (s[0] === '+' || s[0] === '-') { neg = s[0] === '-'; s = s.slice(1); }
  const prefix = /^0([xob])/i.exec(s);
  if (base === 0) {
    if (prefix) base = { x: 16, o: 8, b: 2 }[prefix[1]!.toLowerCase() as 'x' | 'o' | 'b'];
    else {
      base = 10;
      if (/^0+_?[1-9]/.test(s)) bad(); // "010" is not a base-0 literal
    }
  }
  const p = prefix?.[1]!.toLowerCase();
  if ((base === 16 && p === 'x') || (base === 8 && p === 'o') || (base === 2 && p === 'b')) {
    s = s.slice(2);
    if (s[0] === '_') s = s.slice(1); // one underscore may follow the prefix
  }
  if (s === '' || s[0] === '_' || s.endsWith('_') || s.includes('__')) bad();
  s = s.replace(/_/g, '').toLowerCase();
  for (const c of s) {
    const d = DIGITS.indexOf(c);
    if (d < 0 || d >= base) bad();
  }
  // BigInt's own parser is subquadratic for the power-of-two bases and base 10.
  const jsPrefix = base === 10 ? '' : base === 16 ? '0x' : base === 8 ? '0o' : base === 2 ? '0b' : undefined;
  let n: bigint;
  if (jsPrefix !== undefined) n = BigInt(jsPrefix + s);
  else {
    n = 0n;
    const b = BigInt(base);
    for (const c of s) n = n * b + BigInt(DIGITS.indexOf(c));
  }
  return neg ? -n : n;
}

function floatToInt(x: number): bigint {
  if (x !== x) throw valueError('cannot convert float NaN to integer');
  if (!Number.isFinite(x)) throw overflow('cannot convert float infinity to integer');
  return BigInt(Math.trunc(x));
}

/** Python int(x) / int(s, base). */
export function toInt(v: PyValue, base?: PyValue): bigint {
  if (base !== undefined && base !== null) {
    if (typeof v !== 'string') throw typeError("int() can't convert non-string with explicit base");
    const b = base instanceof I64 ? Number(base.v) : typeof base === 'bigint' ? Number(base) : typeof base === 'boolean' ? Number(base) : NaN;
    if (Number.isNaN(b)) throw typeError(`'${typeName(base)}' object cannot be interpreted as an integer`);
    if (b !== 0 && (b < 2 || b > 36)) throw valueError('int() base must be >= 2 and <= 36, or 0');
    return parseIntStr(v, b);
  }
  switch (typeof v) {
    case 'bigint': return v;
    case 'boolean': return v ? 1n : 0n;
    case 'number': return floatToInt(v);
    case 'string': return parseIntStr(v, 10);
  }
  if (v instanceof F64) return floatToInt(v.v);
  if (v instanceof I64) return v.v;
  if (v instanceof B8) return v.v ? 1n : 0n;
  throw typeError(`int() argument must be a string, a bytes-like object or a number, not '${typeName(v)}'`);
}

const FLOAT_RE = /^[+-]?(?:(?:\d(?:_?\d)*)?\.?\d(?:_?\d)*|\d(?:_?\d)*\.)(?:[eE][+-]?\d(?:_?\d)*)?$/;
const SPECIAL_RE = /^([+-]?)(inf|infinity|nan)$/i;

export function parseFloatStr(text: string): number {
  const s = asciiDigits(pyStrip(text));
  const sp = SPECIAL_RE.exec(s);
  if (sp) {
    const v = sp[2]!.toLowerCase() === 'nan' ? NaN : Infinity;
    return sp[1] === '-' ? -v : v;
  }
  if (!FLOAT_RE.test(s)) throw valueError(`could not convert string to float: ${strRepr(text)}`);
  return Number(s.replace(/_/g, '')); // JS number parsing is correctly rounded
}

/** Python float(x). */
export function toFloat(v: PyValue): number {
  switch (typeof v) {
    case 'number': return v;
    case 'bigint': return intToFloat(v);
    case 'boolean': return v ? 1 : 0;
    case 'string': return parseFloatStr(v);
  }
  if (v instanceof F64) return v.v;
  if (v instanceof I64) return Number(v.v);
  if (v instanceof B8) return v.v ? 1 : 0;
  throw typeError(`float() argument must be a string or a number, not '${typeName(v)}'`);
}

export const toBool = (v: PyValue): boolean => truthy(v);

/** Index value of an int-like (list index, range argument): int, bool and int64 qualify, float64 does not. */
export function asIndex(v: PyValue, what: string): bigint {
  if (typeof v === 'bigint') return v;
  if (typeof v === 'boolean') return v ? 1n : 0n;
  if (v instanceof I64) return v.v;
  throw typeError(what.replace('%s', typeName(v)));
}
