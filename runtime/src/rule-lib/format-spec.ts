/** format(value, spec) and the format-spec mini-language (spec §4.14). */
import { B8, F64, I64, type PyValue } from './values.js';
import { typeError, valueError, overflow } from './errors.js';
import { str } from './repr.js';
import { fixedAbs, expAbs, generalAbs, nonFinite, sigDigits } from './float-format.js';
import { floatRepr } from './float-repr.js';
import { intToFloat } from './numeric.js';
import { cpLength, codePoints } from './strings.js';

interface Spec {
  fill: string; align: string; sign: string; alt: boolean; zero: boolean;
  width: number; grouping: string; prec: number; type: string;
}

const SPEC_RE = /^(?:(.)?([<>=^]))?([-+ ])?(#)?(0)?(\d+)?([,_])?(?:\.(\d+))?([a-zA-Z%])?$/su;

function parseSpec(spec: string): Spec {
  const m = SPEC_RE.exec(spec);
  if (!m) throw valueError('Invalid format specifier');
  return {
    fill: m[1] ?? (m[5] && !m[2] ? '0' : ' '), align: m[2] ?? (m[5] ? '=' : ''), sign: m[3] ?? '-',
    alt: !!m[4], zero: !!m[5], width: m[6] ? Number(m[6]) : 0, grouping: m[7] ?? '',
    prec: m[8] !== undefined ? Number(m[8]) : -1, type: m[9] ?? '',
  };
}

function group(intDigits: string, sep: string, every: number): string {
  if (!sep) return intDigits;
  let out = '';
  for (let i = intDigits.length; i > 0; i -= every) {
    const part = intDigits.slice(Math.max(0, i - every), i);
    out = out ? part + sep + out : part;
  }
  return out;
}

/** Pad `body` (sign separate for '=' alignment) to the spec's width. */
function pad(sign: string, body: string, s: Spec, defaultAlign: string): string {
  const len = cpLength(sign) + cpLength(body);
  const n = s.width - len;
  if (n <= 0) return sign + body;
  const fill = s.fill.repeat(n);
  switch (s.align || defaultAlign) {
    case '<': return sign + body + fill;
    case '^': return s.fill.repeat(n >> 1) + sign + body + s.fill.repeat(n - (n >> 1));
    case '=': return sign + fill + body;
    default: return fill + sign + body;
  }
}

const signOf = (neg: boolean, s: Spec): string => (neg ? '-' : s.sign === '+' ? '+' : s.sign === ' ' ? ' ' : '');

function formatInt(n: bigint, s: Spec): string {
  if (s.prec >= 0) throw valueError('Precision not allowed in integer format specifier');
  const neg = n < 0n, a = neg ? -n : n;
  let digits: string, prefix = '';
  switch (s.type) {
    case 'b': digits = group(a.toString(2), s.grouping && '_', 4); prefix = s.alt ? '0b' : ''; break;
    case 'o': digits = group(a.toString(8), s.grouping && '_', 4); prefix = s.alt ? '0o' : ''; break;
    case 'x': digits = group(a.toString(16), s.grouping && '_', 4); prefix = s.alt ? '0x' : ''; break;
    case 'X': digits = group(a.toString(16).toUpperCase(), s.grouping && '_', 4); prefix = s.alt ? '0X' : ''; break;
    case 'c':
      if (s.sign !== '-') throw valueError("Sign not allowed with integer format specifier 'c'");
      if (n < 0n || n > 0x10ffffn) throw overflow('%c arg not in range(0x110000)');
      return pad('', String.fromCodePoint(Number(n)), s, '<');
    case '': case 'd': case 'n': digits = group(a.toString(), s.grouping, 3); break;
    default: throw valueError(`Unknown format code '${s.type}' for object of type 'int'`);
  }
  if (s.align === '=' && s.fill === '0' && s.grouping && s.zero) {
    // Zero padding takes part in grouping: 0,001,234.
    const width = s.width - signOf(neg, s).length - prefix.length;
    let raw = digits.replace(/[,_]/g, '');
    while (group(raw, s.grouping, 3).length < width) raw = '0' + raw;
    digits = group(raw, s.grouping, 3);
  }
  return pad(signOf(neg, s) + prefix, digits, s, '>');
}

function formatFloat(x: number, s: Spec): string {
  const neg = x < 0 || Object.is(x, -0);
  let body: string;
  let type = s.type;
  if (!'eEfFgGn%'.includes(type)) throw valueError(`Unknown format code '${type}' for object of type 'float'`);
  if (type === '%') x *= 100;
  if (!Number.isFinite(x)) {
    body = nonFinite(x);
    if (type === 'E' || type === 'F' || type === 'G') body = body.toUpperCase();
    if (type === '%') body += '%';
    return pad(signOf(neg && x === x, s), body, { ...s, fill: s.zero && !s.align ? ' ' : s.fill }, '>');
  }
  const prec = s.prec;
  switch (type) {
    case 'f': case 'F': case '%': body = fixedAbs(x, prec < 0 ? 6 : prec); if (s.alt && !body.includes('.')) body += '.'; break;
    case 'e': case 'E': body = expAbs(x, prec < 0 ? 6 : prec, s.alt); break;
    case 'g': case 'G': case 'n': body = generalAbs(x, prec < 0 ? 6 : prec, s.alt).text; break;
    case '':
      if (prec < 0) { body = floatRepr(Math.abs(x)); break; }
      {
        // Like 'g', but the result must keep a digit after the point, so CPython switches
        // to exponent form one decimal exponent earlier (393.875 with .3 → 3.94e+02).
        const p = prec === 0 ? 1 : prec;
        const exp = sigDigits(x, p - 1).exp;
        if (exp >= -4 && exp < p - 1) {
          body = generalAbs(x, p, s.alt).text;
          if (!body.includes('.')) body += '.0';
        } else {
          body = expAbs(x, p - 1, s.alt);
          if (!s.alt) body = body.replace(/\.?0+e/, 'e');
        }
      }
      break;
    default: throw valueError(`Unknown format code '${type}' for object of type 'float'`);
  }
  if (type === 'E' || type === 'G') body = body.toUpperCase();
  if (type === '%') body += '%';
  if (s.grouping) {
    const dot = body.search(/[.e%]/);
    const intPart = dot < 0 ? body : body.slice(0, dot);
    body = group(intPart, s.grouping, 3) + (dot < 0 ? '' : body.slice(dot));
  }
  return pad(signOf(neg, s), body, s, '>');
}

function formatStr(v: string, s: Spec): string {
  if (s.type !== '' && s.type !== 's') throw valueError(`Unknown format code '${s.type}' for object of type 'str'`);
  if (s.sign !== '-' || s.align === '=') throw valueError('Sign not allowed in string format specifier');
  if (s.grouping) throw valueError("Cannot specify ',' with 's'.");
  const body = s.prec >= 0 ? codePoints(v).slice(0, s.prec).join('') : v;
  return pad('', body, s, '<');
}

export function format(v: PyValue, spec: string): string {
  // numpy scalars format as the Python scalars they convert to.
  if (v instanceof F64 || v instanceof I64 || v instanceof B8) v = v.v;
  if (typeof v === 'string') return spec === '' ? v : formatStr(v, parseSpec(spec));
  if (typeof v === 'boolean') { if (spec === '') return v ? 'True' : 'False'; v = v ? 1n : 0n; }
  if (typeof v === 'bigint') {
    if (spec === '') return v.toString();
    const s = parseSpec(spec);
    if (s.type !== '' && 'eEfFgG%'.includes(s.type)) return formatFloat(intToFloat(v), s);
    return formatInt(v, s);
  }
  if (typeof v === 'number') return spec === '' ? floatRepr(v) : formatFloat(v, parseSpec(spec));
  if (spec !== '') throw typeError(`unsupported format string passed to ${v === null ? 'NoneType' : v.kind}.__format__`);
  return str(v);
}
