/** The `time` functions of spec §1.7, in UTC, reading an injected clock. */
import { StructTime, typeName, type PyValue } from './values.js';
import { typeError, valueError, overflow } from './errors.js';
import { NK, nk, prim, toFloat } from './numeric.js';
import { codePoints } from './strings.js';

const DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** Days since 1970-01-01 of a proleptic Gregorian date (month 1–12). */
function daysFromCivil(y: number, m: number, d: number): number {
  y -= m <= 2 ? 1 : 0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

const isLeap = (y: number): boolean => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
const yday = (y: number, m: number, d: number): number => daysFromCivil(y, m, d) - daysFromCivil(y, 1, 1) + 1;

function structFromSeconds(secs: number, zone: string): StructTime {
  if (!Number.isFinite(secs)) throw overflow('timestamp out of range for platform time_t');
  const t = Math.floor(secs);
  const days = Math.floor(t / 86400);
  let rem = t - days * 86400;
  const H = Math.floor(rem / 3600); rem -= H * 3600;
  const M = Math.floor(rem / 60);
  const S = rem - M * 60;
  // Civil date from day count (inverse of daysFromCivil).
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  const wday = (((days + 3) % 7) + 7) % 7; // 1970-01-01 was a Thursday (3)
  return new StructTime([y, m, d, H, M, S, wday, yday(y, m, d), 0].map(BigInt), zone);
}

function seconds(v: PyValue | undefined, now: number): number {
  if (v === undefined || v === null) return now;
  if (nk(v) === NK.Not) throw typeError(`an integer is required (got type ${typeName(v)})`);
  return toFloat(prim(v));
}

export const gmtime = (now: number, v?: PyValue): StructTime => structFromSeconds(seconds(v, now), 'GMT');
/** Local time is UTC: the reference container sets no time zone. */
export const localtime = (now: number, v?: PyValue): StructTime => structFromSeconds(seconds(v, now), 'UTC');

function fieldsOf(t: PyValue): number[] {
  if (t instanceof StructTime) return t.fields.map(Number);
  throw typeError('Tuple or struct_time argument required');
}

export function mktime(t: PyValue): number {
  const [y, m, d, H, M, S] = fieldsOf(t) as [number, number, number, number, number, number];
  // timegm normalises out-of-range months the way C's mktime does.
  const yy = y + Math.floor((m - 1) / 12), mm = ((m - 1) % 12 + 12) % 12 + 1;
  return daysFromCivil(yy, mm, 1) * 86400 + (d - 1) * 86400 + H * 3600 + M * 60 + S;
}

const pad = (n: number, w: number): string => String(n).padStart(w, '0');

export function strftime(now: number, fmt: PyValue, t?: PyValue): string {
  if (typeof fmt !== 'string') throw typeError(`strftime() argument 1 must be str, not ${typeName(fmt)}`);
  const st = t ?? localtime(now);
  const [y, m, d, H, M, S, wd, yd] = fieldsOf(st) as [number, number, number, number, number, number, number, number];
  const zone = st instanceof StructTime ? st.zone : '';
  return fmt.replace(/%(.?)/gs, (all, c: string) => {
    switch (c) {
      case 'Y': return String(y);
      case 'm': return pad(m, 2);
      case 'd': return pad(d, 2);
      case 'H': return pad(H, 2);
      case 'M': return pad(M, 2);
      case 'S': return pad(S, 2);
      case 'y': return pad(((y % 100) + 100) % 100, 2);
      case 'j': return pad(yd, 3);
      case 'a': return DAYS[wd]!.slice(0, 3);
      case 'A': return DAYS[wd]!;
      case 'b': return MONTHS[m - 1]!.slice(0, 3);
      case 'B': return MONTHS[m - 1]!;
      case 'p': return H < 12 ? 'AM' : 'PM';
      case 'I': return pad(H % 12 === 0 ? 12 : H % 12, 2);
      case 'z': return '+0000';
      case 'Z': return zone;
      case '%': return '%';
      default: throw valueError(`unsupported strftime directive ${all}`);
    }
  });
}

/** time.strptime for the directives of spec §1.7. */
export function strptime(s: PyValue, fmt: PyValue): StructTime {
  if (typeof s !== 'string' || typeof fmt !== 'string') throw typeError('strptime() argument must be str');
  const fail = (): never => { throw valueError(`time data ${JSON.stringify(s)} does not match format ${JSON.stringify(fmt)}`); };
  let y = 1900, m = 1, d = 1, H = 0, M = 0, S = 0, pm: boolean | undefined, jday: number | undefined;
  let pos = 0;
  const text = codePoints(s).join('');
  const num = (max: number): number => {
    const mm = new RegExp(`^\\d{1,${max}}`).exec(text.slice(pos));
    if (!mm) fail();
    pos += mm![0].length;
    return Number(mm![0]);
  };
  const word = (names: string[], len?: number): number => {
    const rest = text.slice(pos).toLowerCase();
    for (let i = 0; i < names.length; i++) {
      for (const n of len ? [names[i]!.slice(0, len)] : [names[i]!, names[i]!.slice(0, 3)]) {
        if (rest.startsWith(n.toLowerCase())) { pos += n.length; return i; }
      }
    }
    return fail();
  };
  for (let i = 0; i < fmt.length; i++) {
    const c = fmt[i]!;
    if (c !== '%') {
      if (/\s/.test(c)) { while (/\s/.test(text[pos] ?? '')) pos++; continue; }
      if (text[pos] !== c) fail();
      pos++;
      continue;
    }
    const dch = fmt[++i];
    switch (dch) {
      case 'Y': y = num(4); break;
      case 'y': { const v = num(2); y = v < 69 ? 2000 + v : 1900 + v; break; }
      case 'm': m = num(2); break;
      case 'd': d = num(2); break;
      case 'H': H = num(2); break;
      case 'I': H = num(2); break;
      case 'M': M = num(2); break;
      case 'S': S = num(2); break;
      case 'j': jday = num(3); break;
      case 'f': num(6); break;
      case 'p': pm = word(['AM', 'PM'], 2) === 1; break;
      case 'a': case 'A': word(DAYS); break;
      case 'b': case 'B': m = word(MONTHS) + 1; break;
      case 'z': { const mm = /^[+-]\d{4}|^Z/.exec(text.slice(pos)); if (!mm) fail(); pos += mm![0].length; break; }
      case 'Z': { const mm = /^(UTC|GMT)/i.exec(text.slice(pos)); if (!mm) fail(); pos += mm![0].length; break; }
      case '%': if (text[pos] !== '%') fail(); pos++; break;
      default: throw valueError(`'${dch}' is a bad directive in format '%${dch}'`);
    }
  }
  if (pos !== text.length) throw valueError(`unconverted data remains: ${text.slice(pos)}`);
  if (pm !== undefined && fmt.includes('%I')) H = (H % 12) + (pm ? 12 : 0);
  if (m < 1 || m > 12 || d < 1 || d > 31 || H > 23 || M > 59 || S > 61) fail();
  const mdays = [31, isLeap(y) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  if (d > mdays[m - 1]!) throw valueError('day is out of range for month');
  if (jday !== undefined && !fmt.includes('%m') && !fmt.includes('%d')) {
    const t = structFromSeconds((daysFromCivil(y, 1, 1) + jday - 1) * 86400, '');
    m = Number(t.fields[1]); d = Number(t.fields[2]);
  }
  const wday = (((daysFromCivil(y, m, d) + 3) % 7) + 7) % 7;
  return new StructTime([y, m, d, H, M, S, wday, yday(y, m, d), -1].map(BigInt));
}
