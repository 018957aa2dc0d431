/** str methods (spec §1.6), by code point. */
import { PyList, PyTuple, typeName, type PyValue } from './values.js';
import { PyError, typeError, valueError } from './errors.js';
import { codePoints, cpLength, isPySpace } from './strings.js';
import { asIndex, pyStrip } from './convert.js';
import { formatMethod } from './str-format.js';
import { toArray } from './iter.js';
import { sliceIndices } from './subscript.js';
import type { Kw } from './builtins.js';
import { reserveString, type Budget } from './budget.js';
import { DECIMAL, DIGIT_ONLY, NUMERIC_ONLY, inRanges } from './unicode-numeric.js';

const strArg = (v: PyValue | undefined, fn: string): string => {
  if (typeof v !== 'string') throw typeError(`${fn} arg must be str, not ${typeName(v ?? null)}`);
  return v;
};

/** Optional start/end arguments of find/count/startswith…, as a code-point substring and its offset. */
function window(s: string, args: PyValue[], from: number): { sub: string; offset: number } {
  const start = args[from] ?? null, end = args[from + 1] ?? null;
  if (start === null && end === null) return { sub: s, offset: 0 };
  const cps = codePoints(s);
  const r = sliceIndices(cps.length, start, end, null);
  return { sub: cps.slice(r.start, r.start + r.count).join(''), offset: r.start };
}

/** JS index (UTF-16) → code-point index. */
const cpIndex = (s: string, i: number): number => (i < 0 ? i : cpLength(s.slice(0, i)));

function split(s: string, sep: PyValue, maxsplit: number, fromRight: boolean): PyList {
  if (sep === null) {
    const words: string[] = [];
    const cps = codePoints(s);
    let i = fromRight ? cps.length - 1 : 0;
    const step = fromRight ? -1 : 1;
    const inRange = (k: number): boolean => k >= 0 && k < cps.length;
    while (inRange(i)) {
      while (inRange(i) && isPySpace(cps[i]!)) i += step;
      if (!inRange(i)) break;
      if (maxsplit >= 0 && words.length === maxsplit) {
        const rest = fromRight ? cps.slice(0, i + 1).join('') : cps.slice(i).join('');
        words.push(fromRight ? rest.replace(/\s+$/u, '') : rest.replace(/^\s+/u, ''));
        break;
      }
      const w: string[] = [];
      while (inRange(i) && !isPySpace(cps[i]!)) { w.push(cps[i]!); i += step; }
      words.push(fromRight ? w.reverse().join('') : w.join(''));
    }
    return new PyList(fromRight ? words.reverse() : words);
  }
  const sp = strArg(sep, 'split');
  if (sp === '') throw valueError('empty separator');
  const parts = s.split(sp);
  if (maxsplit < 0 || parts.length - 1 <= maxsplit) return new PyList(parts);
  if (!fromRight) return new PyList([...parts.slice(0, maxsplit), parts.slice(maxsplit).join(sp)]);
  const keep = parts.length - maxsplit;
  return new PyList([parts.slice(0, keep).join(sp), ...parts.slice(keep)]);
}

function stripChars(s: string, chars: PyValue, left: boolean, right: boolean): string {
  if (chars === null || chars === undefined) {
    if (left && right) return pyStrip(s);
    const cps = codePoints(s);
    let a = 0, b = cps.length;
    if (left) while (a < b && isPySpace(cps[a]!)) a++;
    if (right) while (b > a && isPySpace(cps[b - 1]!)) b--;
    return cps.slice(a, b).join('');
  }
  const set = new Set(codePoints(strArg(chars, 'strip')));
  const cps = codePoints(s);
  let a = 0, b = cps.length;
  if (left) while (a < b && set.has(cps[a]!)) a++;
  if (right) while (b > a && set.has(cps[b - 1]!)) b--;
  return cps.slice(a, b).join('');
}

function padTo(s: string, args: PyValue[], where: 'center' | 'ljust' | 'rjust'): string {
  const width = Number(asIndex(args[0] ?? null, "'%s' object cannot be interpreted as an integer"));
  const fill = args[1] === undefined ? ' ' : strArg(args[1], where);
  if (cpLength(fill) !== 1) throw typeError('The fill character must be exactly one character long');
  const n = width - cpLength(s);
  if (n <= 0) return s;
  reserveString(width);
  if (where === 'ljust') return s + fill.repeat(n);
  if (where === 'rjust') return fill.repeat(n) + s;
  const left = Math.floor(n / 2) + (n & width & 1);
  return fill.repeat(left) + s + fill.repeat(n - left);
}

const cased = (s: string, test: (c: string) => boolean): boolean => {
  let any = false;
  for (const c of s) {
    if (c.toLowerCase() !== c.toUpperCase()) { any = true; if (!test(c)) return false; }
  }
  return any;
};

export function strMethod(s: string, name: string, args: PyValue[], kw: Kw, st: Budget): PyValue {
  switch (name) {
    case 'startswith': case 'endswith': {
      const { sub } = window(s, args, 1);
      const pre = args[0] ?? null;
      const opts = pre instanceof PyTuple ? pre.items.map((p) => strArg(p, name)) : [strArg(pre, name)];
      return opts.some((p) => (name === 'startswith' ? sub.startsWith(p) : sub.endsWith(p)));
    }
    case 'find': case 'index': case 'rfind': case 'rindex': {
      const needle = strArg(args[0], name);
      const { sub, offset } = window(s, args, 1);
      const i = name[0] === 'r' ? sub.lastIndexOf(needle) : sub.indexOf(needle);
      if (i < 0) { if (name.endsWith('index')) throw valueError('substring not found'); return -1n; }
      return BigInt(cpIndex(sub, i) + offset);
    }
    case 'count': {
      const needle = strArg(args[0], name);
      const { sub } = window(s, args, 1);
      if (needle === '') return BigInt(cpLength(sub) + 1);
      return BigInt(sub.split(needle).length - 1);
    }
    case 'replace': {
      const a = strArg(args[0], name), b = strArg(args[1], name);
      const count = args[2] === undefined ? -1 : Number(asIndex(args[2], "'%s' object cannot be interpreted as an integer"));
      if (a === '') {
        const cps = codePoints(s);
        const n = count < 0 ? cps.length + 1 : Math.min(count, cps.length + 1);
        reserveString(s.length + n * b.length);
        let out = '';
        for (let i = 0; i < cps.length; i++) out += (i < n ? b : '') + cps[i];
        return out + (n > cps.length ? b : '');
      }
      const parts = s.split(a);
      const replaced = count < 0 ? parts.length - 1 : Math.min(count, parts.length - 1);
      reserveString(s.length + replaced * (b.length - a.length));
      if (count < 0 || count >= parts.length - 1) return parts.join(b);
      return parts.slice(0, count + 1).join(b) + a + parts.slice(count + 1).join(a);
    }
    case 'split': case 'rsplit': {
      const sep = args[0] ?? kw['sep'] ?? null;
      const ms = args[1] ?? kw['maxsplit'] ?? -1n;
      st.charge(s.length / 16);
      return split(s, sep, Number(asIndex(ms, "'%s' object cannot be interpreted as an integer")), name === 'rsplit');
    }
    case 'splitlines': {
      const keep = truthyArg(args[0] ?? kw['keepends']);
      const out: string[] = [];
      const re = /\r\n|[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]/g;
      let last = 0;
      for (let m = re.exec(s); m; m = re.exec(s)) { out.push(s.slice(last, keep ? m.index + m[0].length : m.index)); last = m.index + m[0].length; }
      if (last < s.length) out.push(s.slice(last));
      return new PyList(out);
    }
    case 'strip': return stripChars(s, args[0] ?? null, true, true);
    case 'lstrip': return stripChars(s, args[0] ?? null, true, false);
    case 'rstrip': return stripChars(s, args[0] ?? null, false, true);
    case 'lower': return s.toLowerCase();
    case 'upper': return s.toUpperCase();
    case 'capitalize': { const cps = codePoints(s); return cps.length ? cps[0]!.toUpperCase() + cps.slice(1).join('').toLowerCase() : ''; }
    case 'title': return s.replace(/[\p{L}\p{N}']+/gu, (w) => w.split("'").map((p) => (p ? p[0]!.toUpperCase() + p.slice(1).toLowerCase() : p)).join("'"));
    case 'swapcase': return codePoints(s).map((c) => (c === c.toUpperCase() ? c.toLowerCase() : c.toUpperCase())).join('');
    case 'join': {
      const items = toArray(args[0] ?? null, st);
      items.forEach((x, i) => { if (typeof x !== 'string') throw typeError(`sequence item ${i}: expected str instance, ${typeName(x)} found`); });
      st.charge(items.length);
      let length = s.length * Math.max(items.length - 1, 0);
      for (const x of items) length += (x as string).length;
      reserveString(length);
      return items.join(s);
    }
    case 'format': return formatMethod(s, args, kw);
    case 'zfill': {
      const width = Number(asIndex(args[0] ?? null, "'%s' object cannot be interpreted as an integer"));
      const n = width - cpLength(s);
      if (n <= 0) return s;
      reserveString(width);
      const sign = s[0] === '+' || s[0] === '-' ? s[0] : '';
      return sign + '0'.repeat(n) + s.slice(sign.length);
    }
    case 'center': case 'ljust': case 'rjust': return padTo(s, args, name);
    case 'partition': case 'rpartition': {
      const sep = strArg(args[0], name);
      if (sep === '') throw valueError('empty separator');
      const i = name === 'partition' ? s.indexOf(sep) : s.lastIndexOf(sep);
      if (i < 0) return new PyTuple(name === 'partition' ? [s, '', ''] : ['', '', s]);
      return new PyTuple([s.slice(0, i), sep, s.slice(i + sep.length)]);
    }
    case 'isdecimal': return s !== '' && codePoints(s).every((c) => numClass(c) === 1);
    case 'isdigit': return s !== '' && codePoints(s).every((c) => { const k = numClass(c); return k === 1 || k === 2; });
    case 'isnumeric': return s !== '' && codePoints(s).every((c) => numClass(c) > 0);
    case 'isalpha': return s !== '' && /^\p{L}+$/u.test(s);
    case 'isalnum': return s !== '' && codePoints(s).every((c) => /\p{L}/u.test(c) || numClass(c) > 0);
    case 'isspace': return s !== '' && codePoints(s).every(isPySpace);
    case 'islower': return cased(s, (c) => c === c.toLowerCase());
    case 'isupper': return cased(s, (c) => c === c.toUpperCase());
    default: throw new PyError('AttributeError', `'str' object has no attribute '${name}'`);
  }
}

/** 1 decimal, 2 digit only, 3 numeric only, 0 none (Python's numeric hierarchy). */
function numClass(c: string): number {
  const cp = c.codePointAt(0)!;
  if (cp >= 0x30 && cp <= 0x39) return 1;
  if (cp < 0xb2) return 0;
  return inRanges(DECIMAL, cp) ? 1 : inRanges(DIGIT_ONLY, cp) ? 2 : inRanges(NUMERIC_ONLY, cp) ? 3 : 0;
}

const truthyArg = (v: PyValue | undefined): boolean => v !== undefined && v !== null && v !== false && v !== 0n;
