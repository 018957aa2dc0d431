/** format(value, spec) and the format-spec mini-language (spec §4.14), as in CPython 3.8. */
import { B8, F64, I64, type PyValue } from './values.js';
import { typeError, valueError, overflow } from './errors.js';
import { decimal, str } from './repr.js';
import { chargeLinear, reserveString } from './budget.js';
import { fixedAbs, expAbs, generalAbs, nonFinite, sigDigits } from './float-format.js';
import { floatRepr } from './float-repr.js';
import { intToFloat } from './numeric.js';
import { cpLength, codePoints } from './strings.js';

interface Spec {
  fill: string; align: string; sign: string; alt: boolean;
  width: number; grouping: string; prec: number; type: string;
}

const SPEC_RE = /^(?:(.)?([<>=^]))?([-+ ])?(#)?(0)?(\d+)?([,_])?(?:\.(\d+))?([a-zA-Z%])?$/su;

function parseSpec(spec: string): Spec {
  const m = SPEC_RE.exec(spec);
  if (!m) throw valueError('Invalid format specifier');
  const zero = !!m[5];
  const s: Spec = {
    // A 0 before the width means fill '0' unless a fill is given, and '=' unless an alignment is
    // (Python 3.8; 3.10 stopped forcing '=' on strings).
    fill: m[1] ?? (zero ? '0' : ' '), align: m[2] ?? (zero ? '=' : ''), sign: m[3] ?? '',
    alt: !!m[4], width: m[6] ? Number(m[6]) : 0, grouping: m[7] ?? '',
    prec: m[8] !== undefined ? Number(m[8]) : -1, type: m[9] ?? '',
  };
  // The width pads and the precision adds digits: refuse a result past the string limit before building it.
  reserveString(s.width);
  if (s.type !== '' && s.type !== 's') reserveString(s.prec);
  if (s.grouping && !'defgEGF%'.includes(s.type || 'd') && !(s.grouping === '_' && 'boxX'.includes(s.type))) {
    throw valueError(`Cannot specify '${s.grouping}' with '${s.type}'.`);
  }
  return s;
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

/** Pad `sign + body` to the spec's width; '=' puts the fill between sign and body. */
function pad(sign: string, body: string, s: Spec, defaultAlign: string): string {
  const n = s.width - cpLength(sign) - cpLength(body);
  if (n <= 0) return sign + body;
  switch (s.align || defaultAlign) {
    case '<': return sign + body + s.fill.repeat(n);
    case '^': return s.fill.repeat(n >> 1) + sign + body + s.fill.repeat(n - (n >> 1));
    case '=': return sign + s.fill.repeat(n) + body;
    default: return s.fill.repeat(n) + sign + body;
  }
}

const signOf = (neg: boolean, s: Spec): string => (neg ? '-' : s.sign === '+' ? '+' : s.sign === ' ' ? ' ' : '');

/**
 * A number laid out from its parts. With grouping and '0'-fill under '=' alignment the
 * padding zeros are digits and get separators too (format(1234, '010,') is '00,001,234').
 */
function number(sign: string, prefix: string, digits: string, rest: string, s: Spec, every: number): string {
  let grouped = group(digits, s.grouping, every);
  if (s.grouping && s.fill === '0' && s.align === '=') {
    const room = s.width - sign.length - prefix.length - cpLength(rest);
    let raw = digits;
    while (grouped.length < room) { raw = '0' + raw; grouped = group(raw, s.grouping, every); }
  }
  return pad(sign + prefix, grouped + rest, s, '>');
}

function formatInt(n: bigint, s: Spec): string {
  if (s.prec >= 0) throw valueError('Precision not allowed in integer format specifier');
  const neg = n < 0n, a = neg ? -n : n;
  switch (s.type) {
    case 'c':
      if (s.sign) throw valueError("Sign not allowed with integer format specifier 'c'");
      if (s.alt) throw valueError("Alternate form (#) not allowed with integer format specifier 'c'");
      if (n < 0n || n > 0x10ffffn) throw overflow('%c arg not in range(0x110000)');
      return pad('', String.fromCodePoint(Number(n)), s, '>');
    case 'b': case 'o': case 'x': case 'X': {
      const base = s.type === 'b' ? 2 : s.type === 'o' ? 8 : 16;
      chargeLinear(a);
      let digits = a.toString(base);
      let prefix = s.alt ? '0' + s.type : '';
      if (s.type === 'X') { digits = digits.toUpperCase(); prefix = prefix.toUpperCase(); }
      return number(signOf(neg, s), prefix, digits, '', s, 4);
    }
    case '': case 'd': case 'n': return number(signOf(neg, s), '', decimal(a), '', s, 3);
    default: throw valueError(`Unknown format code '${s.type}' for object of type 'int'`);
  }
}

function formatFloat(x: number, s: Spec): string {
  const type = s.type;
  if (!'eEfFgGn%'.includes(type)) throw valueError(`Unknown format code '${type}' for object of type 'float'`);
  const sign = signOf(x < 0 || Object.is(x, -0), s);
  if (type === '%') x *= 100;
  const upper = type === 'E' || type === 'F' || type === 'G';
  if (!Number.isFinite(x)) {
    const body = (upper ? nonFinite(x).toUpperCase() : nonFinite(x)) + (type === '%' ? '%' : '');
    return pad(x !== x ? signOf(false, s) : sign, body, s, '>');
  }
  const prec = s.prec;
  let body: string;
  switch (type) {
    case 'f': case 'F': case '%': body = fixedAbs(x, prec < 0 ? 6 : prec); if (s.alt && !body.includes('.')) body += '.'; break;
    case 'e': case 'E': body = expAbs(x, prec < 0 ? 6 : prec, s.alt); break;
    case 'g': case 'G': case 'n': body = generalAbs(x, prec < 0 ? 6 : prec, s.alt).text; break;
    default:
      if (prec < 0) {
        body = floatRepr(Math.abs(x));
        if (s.alt && !body.includes('.')) body = body.replace('e', '.e'); // 1e+16 → 1.e+16
        break;
      }
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
          if (!s.alt) body = body.replace(/(\.\d*?)0*e/, '$1e').replace('.e', 'e');
        }
      }
  }
  if (upper) body = body.toUpperCase();
  if (type === '%') body += '%';
  const cut = body.search(/[.eE%]/);
  return number(sign, '', cut < 0 ? body : body.slice(0, cut), cut < 0 ? '' : body.slice(cut), s, 3);
}

function formatStr(v: string, s: Spec): string {
  if (s.type !== '' && s.type !== 's') throw valueError(`Unknown format code '${s.type}' for object of type 'str'`);
  if (s.sign) throw valueError('Sign not allowed in string format specifier');
  if (s.alt) throw valueError('Alternate form (#) not allowed in string format specifier');
  if (s.align === '=') throw valueError("'=' alignment not allowed in string format specifier");
  if (s.grouping) throw valueError(`Cannot specify '${s.grouping}' with 's'.`);
  const body = s.prec >= 0 ? codePoints(v).slice(0, s.prec).join('') : v;
  return pad('', body, s, '<');
}

export function format(v: PyValue, spec: string): string {
  // numpy scalars format as the Python scalars they convert to.
  if (v instanceof F64 || v instanceof I64 || v instanceof B8) v = v.v;
  if (typeof v === 'string') return spec === '' ? v : formatStr(v, parseSpec(spec));
  if (typeof v === 'boolean') { if (spec === '') return v ? 'True' : 'False'; v = v ? 1n : 0n; }
  if (typeof v === 'bigint') {
    if (spec === '') return decimal(v);
    const s = parseSpec(spec);
    if (s.type !== '' && 'eEfFgG%'.includes(s.type)) return formatFloat(intToFloat(v), s);
    return formatInt(v, s);
  }
  if (typeof v === 'number') return spec === '' ? floatRepr(v) : formatFloat(v, parseSpec(spec));
  if (spec !== '') throw typeError(`unsupported format string passed to ${v === null ? 'NoneType' : v.kind}.__format__`);
  return str(v);
}
