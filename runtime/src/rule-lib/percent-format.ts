/** printf-style `fmt % args` (spec §4.14). */
import { B8, F64, I64, PyDict, PyList, PyTuple, StructTime, typeName, type PyValue } from './values.js';
import { PyError, typeError, valueError, overflow } from './errors.js';
import { decimal, repr, str } from './repr.js';
import { chargeLinear, reserveString } from './budget.js';
import { fixedAbs, expAbs, generalAbs, nonFinite } from './float-format.js';
import { intToFloat } from './numeric.js';
import { normKey } from './keys.js';

const SPEC = /%(?:\(([^)]*)\))?([-+ #0]*)(\*|\d+)?(?:\.(\*|\d*))?([hlL])?(.?)/gsy;

function toIntArg(v: PyValue, conv: string): bigint {
  if (v instanceof F64 || v instanceof I64 || v instanceof B8) v = v.v;
  if (typeof v === 'bigint') return v;
  if (typeof v === 'boolean') return v ? 1n : 0n;
  if (typeof v === 'number' && 'diu'.includes(conv)) {
    if (v !== v) throw valueError('cannot convert float NaN to integer');
    if (!Number.isFinite(v)) throw overflow('cannot convert float infinity to integer');
    return BigInt(Math.trunc(v));
  }
  const what = 'diu'.includes(conv) ? 'a number is required' : 'an integer is required';
  throw typeError(`%${conv} format: ${what}, not ${typeName(v)}`);
}

function toFloatArg(v: PyValue): number {
  if (v instanceof F64 || v instanceof I64 || v instanceof B8) v = v.v;
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return intToFloat(v);
  if (typeof v === 'boolean') return v ? 1 : 0;
  throw typeError(`must be real number, not ${typeName(v)}`);
}

export function percentFormat(fmt: string, args: PyValue): string {
  const tupleArgs = args instanceof PyTuple ? args.items : args instanceof StructTime ? args.fields : null;
  // CPython treats any non-tuple argument with __getitem__ as a mapping, which silences
  // "not all arguments converted": dicts, lists and numpy scalars.
  const mapping = tupleArgs === null && (args instanceof PyDict || args instanceof PyList || args instanceof F64
    || args instanceof I64 || args instanceof B8) ? args : null;
  const positional = tupleArgs ?? [args];
  let argIdx = 0;
  const next = (): PyValue => {
    if (argIdx >= positional.length) throw typeError('not enough arguments for format string');
    return positional[argIdx++]!;
  };
  let out = '';
  let i = 0;
  let usedMapping = false;
  while (i < fmt.length) {
    const pct = fmt.indexOf('%', i);
    if (pct < 0) { out += fmt.slice(i); break; }
    out += fmt.slice(i, pct);
    SPEC.lastIndex = pct;
    const m = SPEC.exec(fmt)!;
    i = SPEC.lastIndex;
    const [, key, flags = '', widthS, precS, , conv] = m;
    if (conv === '') throw valueError('incomplete format');
    if (conv === '%' && key === undefined && !flags && !widthS && precS === undefined) { out += '%'; continue; }
    let value: PyValue;
    let width = 0, prec = -1;
    if (widthS === '*') width = Number(toIntArg(next(), 'd')); else if (widthS) width = Number(widthS);
    if (precS === '*') prec = Number(toIntArg(next(), 'd')); else if (precS !== undefined) prec = Number(precS || '0');
    if (key !== undefined) {
      if (!(args instanceof PyDict)) throw typeError('format requires a mapping');
      usedMapping = true;
      const e = args.getNorm(normKey(key));
      if (!e) throw new PyError('KeyError', repr(key));
      value = e.v;
    } else if (conv === '%') {
      value = null;
    } else {
      value = next();
    }
    const left = flags.includes('-') || width < 0;
    width = Math.abs(width);
    // Width pads and a numeric precision adds digits: refuse a result past the string limit before building it.
    reserveString(width);
    if ('diuxXoeEfFgG'.includes(conv ?? '')) reserveString(prec);
    const zero = flags.includes('0') && !left;
    const plus = flags.includes('+') ? '+' : flags.includes(' ') ? ' ' : '';
    const alt = flags.includes('#');
    let sign = '', body: string;
    let numeric = true;
    switch (conv) {
      case 's': body = str(value); numeric = false; if (prec >= 0) body = Array.from(body).slice(0, prec).join(''); break;
      case 'r': case 'a': body = repr(value); numeric = false; if (prec >= 0) body = Array.from(body).slice(0, prec).join(''); break;
      case 'c': {
        numeric = false;
        if (typeof value === 'string') {
          if (Array.from(value).length !== 1) throw typeError('%c requires int or char');
          body = value;
        } else {
          const n = toIntArg(value, 'c');
          if (n < 0n || n > 0x10ffffn) throw overflow('%c arg not in range(0x110000)');
          body = String.fromCodePoint(Number(n));
        }
        break;
      }
      case 'd': case 'i': case 'u': case 'x': case 'X': case 'o': {
        const n = toIntArg(value, conv);
        const a = n < 0n ? -n : n;
        sign = n < 0n ? '-' : plus;
        if (conv === 'x' || conv === 'X' || conv === 'o') chargeLinear(a);
        body = conv === 'x' || conv === 'X' ? a.toString(16) : conv === 'o' ? a.toString(8) : decimal(a);
        if (prec >= 0) body = body.padStart(prec, '0');
        if (alt && conv !== 'd' && conv !== 'i' && conv !== 'u') sign += conv === 'o' ? '0o' : '0x';
        if (conv === 'X') { body = body.toUpperCase(); sign = sign.toUpperCase(); }
        break;
      }
      case 'f': case 'F': case 'e': case 'E': case 'g': case 'G': {
        const x = toFloatArg(value);
        sign = x < 0 || Object.is(x, -0) ? '-' : plus;
        const p = prec < 0 ? 6 : prec;
        if (!Number.isFinite(x)) { body = nonFinite(x); if (x !== x) sign = plus; }
        else if (conv === 'f' || conv === 'F') { body = fixedAbs(x, p); if (alt && p === 0) body += '.'; }
        else if (conv === 'e' || conv === 'E') body = expAbs(x, p, alt);
        else body = generalAbs(x, p, alt).text;
        if (conv === 'F' || conv === 'E' || conv === 'G') body = body.toUpperCase();
        break;
      }
      case '%': body = '%'; numeric = false; break;
      default: throw valueError(`unsupported format character '${conv}' (0x${conv!.codePointAt(0)!.toString(16)}) at index ${pct}`);
    }
    const n = width - Array.from(sign).length - Array.from(body).length;
    if (n > 0) {
      if (left) body += ' '.repeat(n);
      else if (zero && numeric) body = '0'.repeat(n) + body;
      else sign = ' '.repeat(n) + sign;
    }
    reserveString(out.length + sign.length + body.length);
    out += sign + body;
  }
  if (argIdx < positional.length && mapping === null && !usedMapping) throw typeError('not all arguments converted during string formatting');
  return out;
}
