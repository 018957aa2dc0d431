/**
 * Seeded generator of differential cases over the operator × operand-kind
 * matrix (spec §5.3): each case is a Python expression over inputs `a`, `b`
 * and the equivalent runtime call.
 */
import { rng } from './random.js';
import { fromJson, type Encoded, type PyValue, type Runtime } from '../../runtime/src/rule-lib/index.js';

export interface RandomCase {
  py: string;
  inputs: Record<string, Encoded>;
  js: (rt: Runtime, v: Record<string, PyValue>) => PyValue;
}


const I = (v: bigint | number): Encoded => ({ t: 'int', v: String(v) });
const F = (v: string): Encoded => ({ t: 'float', v });
const S = (v: string): Encoded => ({ t: 'str', v });

export const INTS = [0n, 1n, -1n, 2n, 3n, -7n, 2n ** 31n, 2n ** 53n - 1n, 2n ** 53n + 1n, 2n ** 63n, -(2n ** 63n), 10n ** 20n].map(I);
export const FLOATS = ['0.0', '-0.0', '0.5', '1.5', '2.5', '2.675', '1.15', '0.125', '1e16', '1e-05', '1e308', '5e-324', 'nan', 'inf',
  '-inf', '-7.5', '3.0', '0.1'].map(F);
export const BOOLS: Encoded[] = [{ t: 'bool', v: true }, { t: 'bool', v: false }];
export const NONE: Encoded = { t: 'NoneType' };
export const STRS = ['', '0', ' 42 ', '4_2', '3.5', '+Inf', 'é', '😀', 'ab', '-12', '0x1f', '1e3', ' nan '].map(S);
export const NUMPY: Encoded[] = [
  { t: 'float64', v: '2.5' }, { t: 'float64', v: '-0.0' }, { t: 'float64', v: 'nan' }, { t: 'float64', v: '-7.5' },
  { t: 'int64', v: '-7' }, { t: 'int64', v: '3' }, { t: 'int64', v: '0' }, { t: 'bool_', v: true }, { t: 'bool_', v: false },
];
export const CONTAINERS: Encoded[] = [
  { t: 'list', v: [] }, { t: 'list', v: [I(1), F('2.0')] }, { t: 'list', v: [S('a')] }, { t: 'tuple', v: [I(1)] },
  { t: 'tuple', v: [] }, { t: 'dict', v: [[S('a'), I(1)]] }, { t: 'set', v: [I(1), S('x')] },
];
const ALL = [...INTS, ...FLOATS, ...BOOLS, NONE, ...STRS, ...NUMPY, ...CONTAINERS];
const NUMERIC = [...INTS, ...FLOATS, ...BOOLS, ...NUMPY];

type Bin = [string, (rt: Runtime, a: PyValue, b: PyValue) => PyValue];
const BINOPS: Bin[] = [
  ['+', (rt, a, b) => rt.add(a, b)], ['-', (rt, a, b) => rt.sub(a, b)], ['*', (rt, a, b) => rt.mul(a, b)],
  ['/', (rt, a, b) => rt.truediv(a, b)], ['//', (rt, a, b) => rt.floordiv(a, b)], ['%', (rt, a, b) => rt.mod(a, b)],
  ['**', (rt, a, b) => rt.pow(a, b)], ['<<', (rt, a, b) => rt.lshift(a, b)], ['>>', (rt, a, b) => rt.rshift(a, b)],
  ['&', (rt, a, b) => rt.bitand(a, b)], ['|', (rt, a, b) => rt.bitor(a, b)], ['^', (rt, a, b) => rt.bitxor(a, b)],
];
const CMPOPS: Bin[] = [
  ['==', (rt, a, b) => rt.eq(a, b)], ['!=', (rt, a, b) => rt.ne(a, b)], ['<', (rt, a, b) => rt.lt(a, b)],
  ['<=', (rt, a, b) => rt.le(a, b)], ['>', (rt, a, b) => rt.gt(a, b)], ['>=', (rt, a, b) => rt.ge(a, b)],
  ['in', (rt, a, b) => rt.contains(b, a)], ['not in', (rt, a, b) => rt.notIn(b, a)], ['is', (rt, a, b) => rt.is_(a, b)],
];
const FORMAT_SPECS = ['', 'd', '.2f', '.0f', 'f', 'e', '.3e', 'g', '.3g', ',', '>8', '<6', '^7', '+', ' .1f', '08.2f', '.1%', 'x',
  '#x', 'b', 'o', 'c', 's', '10', '.3', '_d', ',.2f', '=+8', '#.0f', 'E', 'G', '.10g', '*^9', '.12', 'n'];
const PERCENT_SPECS = ['%d', '%5.2f', '%e', '%g', '%s', '%r', '%x', '%05d', '%-6s|', '%+.3g', '%.0f', '%i', '%c', '%%', '%#o',
  '%.3s', '%10.4e', '% d', '%G', '%.15g', '%X'];

function isBigInt(e: Encoded): boolean {
  return e.t === 'int' && (BigInt(e.v as string) >= 2n ** 31n || BigInt(e.v as string) <= -(2n ** 31n));
}
const isSeq = (e: Encoded): boolean => e.t === 'str' || e.t === 'list' || e.t === 'tuple';

/** A random finite double from random bits (exponent spread), or a short decimal. */
function randomDouble(r: () => number): number {
  const view = new DataView(new ArrayBuffer(8));
  if (r() < 0.5) {
    view.setUint32(0, Math.floor(r() * 2 ** 32) & 0x7fefffff);
    view.setUint32(4, Math.floor(r() * 2 ** 32));
    const x = view.getFloat64(0);
    return r() < 0.5 ? -x : x;
  }
  const digits = Math.floor(r() * 1e6) / 10 ** Math.floor(r() * 8);
  return (r() < 0.3 ? -1 : 1) * digits * 10 ** (Math.floor(r() * 10) - 5);
}

const fenc = (x: number): Encoded => ({ t: 'float', v: x !== x ? 'nan' : x === Infinity ? 'inf' : x === -Infinity ? '-inf' : Object.is(x, -0) ? '-0.0' : x.toExponential() });

export function generate(seed: number, scale = 1): RandomCase[] {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const out: RandomCase[] = [];
  const two = (py: string, a: Encoded, b: Encoded, js: RandomCase['js']): void => { out.push({ py, inputs: { a, b }, js }); };
  const n = (k: number): number => Math.round(k * scale);

  // Exhaustive binary-operator matrix over operand kinds, on random samples of each kind.
  const kinds = [INTS, FLOATS, BOOLS, [NONE], STRS, NUMPY, CONTAINERS];
  for (const [op, f] of BINOPS) {
    for (const ka of kinds) for (const kb of kinds) {
      for (let i = 0; i < 2 * scale; i++) {
        const a = pick(ka), b = pick(kb);
        // Repeating a sequence by a huge count is a MemoryError in CPython and a budget timeout here.
        if (op === '*' && ((isSeq(a) && isBigInt(b)) || (isSeq(b) && isBigInt(a)))) continue;
        // numpy scalar with a list or tuple is array arithmetic (TypeError by design, spec §2.4); repetition is not.
        if (op !== '*' && ((NUMPY.includes(a) && (b.t === 'list' || b.t === 'tuple')) || (NUMPY.includes(b) && (a.t === 'list' || a.t === 'tuple')))) continue;
        two(`a ${op} b`, a, b, (rt, v) => f(rt, v['a']!, v['b']!));
      }
    }
  }
  for (let i = 0; i < n(600); i++) {
    const [op, f] = pick(BINOPS);
    const a = pick(NUMERIC), b = pick(NUMERIC);
    two(`a ${op} b`, a, b, (rt, v) => f(rt, v['a']!, v['b']!));
  }
  const numpyWithSeq = (a: Encoded, b: Encoded): boolean =>
    (NUMPY.includes(a) && (b.t === 'list' || b.t === 'tuple')) || (NUMPY.includes(b) && (a.t === 'list' || a.t === 'tuple'));
  const singleton = (e: Encoded): boolean => e.t === 'NoneType' || e.t === 'bool';
  for (let i = 0; i < n(500); i++) {
    const [op, f] = pick(CMPOPS);
    const a = pick(ALL), b = pick(r() < 0.5 ? ALL : NUMERIC);
    // numpy × list compares elementwise into arrays (not modelled: TypeError by design, spec §2.4);
    // `is` between non-singletons is object identity, which the product replaces by kind and value (RL307).
    if (numpyWithSeq(a, b) || (op === 'is' && !singleton(a) && !singleton(b))) continue;
    two(`a ${op} b`, a, b, (rt, v) => f(rt, v['a']!, v['b']!));
  }
  for (const a of ALL) {
    out.push({ py: 'str(a)', inputs: { a }, js: (rt, v) => rt.str(v['a']!) });
    out.push({ py: 'repr(a)', inputs: { a }, js: (rt, v) => rt.repr(v['a']!) });
    out.push({ py: 'bool(a)', inputs: { a }, js: (rt, v) => rt.bool(v['a']!) });
    out.push({ py: '-a', inputs: { a }, js: (rt, v) => rt.neg(v['a']!) });
    out.push({ py: '~a', inputs: { a }, js: (rt, v) => rt.invert(v['a']!) });
    out.push({ py: 'int(a)', inputs: { a }, js: (rt, v) => rt.int(v['a']!) });
    out.push({ py: 'float(a)', inputs: { a }, js: (rt, v) => rt.float(v['a']!) });
    out.push({ py: 'type(a)', inputs: { a }, js: (rt, v) => rt.type(v['a']!) });
  }
  for (let i = 0; i < n(400); i++) {
    const spec = pick(FORMAT_SPECS);
    const a = pick([...NUMERIC, ...STRS, NONE]);
    out.push({ py: `format(a, ${JSON.stringify(spec)})`, inputs: { a }, js: (rt, v) => rt.format(v['a']!, spec) });
  }
  for (let i = 0; i < n(300); i++) {
    const spec = pick(PERCENT_SPECS);
    const a = pick([...NUMERIC, ...STRS, NONE]);
    out.push({ py: `${JSON.stringify(spec)} % a`, inputs: { a }, js: (rt, v) => rt.mod(spec, v['a']!) });
  }
  // Composed specs: every flag, width, precision and type combination is fair game.
  for (let i = 0; i < n(400); i++) {
    const flags = Array.from({ length: Math.floor(r() * 3) }, () => pick(['-', '+', ' ', '#', '0'])).join('');
    const width = r() < 0.5 ? '' : String(Math.floor(r() * 12));
    const prec = r() < 0.5 ? '' : '.' + (r() < 0.1 ? '' : String(Math.floor(r() * 9)));
    const spec = `%${flags}${width}${prec}${pick([...'dioxXeEfFgGsrc'])}`;
    const a = r() < 0.5 ? fenc(randomDouble(r) % 1e7) : pick([...NUMERIC, ...STRS.slice(0, 3)]);
    out.push({ py: `${JSON.stringify(spec + '|')} % a`, inputs: { a }, js: (rt, v) => rt.mod(spec + '|', v['a']!) });
  }
  for (let i = 0; i < n(400); i++) {
    const align = r() < 0.5 ? '' : (r() < 0.3 ? pick(['*', '0', 'x']) : '') + pick(['<', '>', '^', '=']);
    const sign = r() < 0.7 ? '' : pick(['+', '-', ' ']);
    const alt = r() < 0.8 ? '' : '#';
    const zero = r() < 0.8 ? '' : '0';
    const width = r() < 0.5 ? '' : String(Math.floor(r() * 14));
    const group = r() < 0.8 ? '' : pick([',', '_']);
    const prec = r() < 0.5 ? '' : '.' + String(Math.floor(r() * 9));
    const type = pick(['', '', 'd', 'f', 'e', 'g', 'G', '%', 'x', 'b', 'n', 's', 'F', 'E', 'o', 'X', 'c']);
    const spec = align + sign + alt + zero + width + group + prec + type;
    const a = r() < 0.5 ? fenc(randomDouble(r) % 1e9) : pick([...NUMERIC, ...STRS.slice(0, 4), NONE]);
    // Python 3.10 stopped forcing '=' alignment on 0-padded strings; the reference (3.8) raises.
    if (a.t === 'str' && !align && /^[-+ ]?#?0/.test(sign + alt + zero + width)) continue;
    out.push({ py: `format(a, ${JSON.stringify(spec)})`, inputs: { a }, js: (rt, v) => rt.format(v['a']!, spec) });
  }
  for (let i = 0; i < n(300); i++) {
    const x = randomDouble(r), prec = Math.floor(r() * 18);
    const a = fenc(x);
    const kind = pick(['repr', 'f', 'e', 'g', 'fmt']);
    if (kind === 'repr') out.push({ py: 'repr(a)', inputs: { a }, js: (rt, v) => rt.repr(v['a']!) });
    else if (kind === 'fmt') out.push({ py: `'{:.${prec}}'.format(a)`, inputs: { a }, js: (rt, v) => rt.callMethod(`{:.${prec}}`, 'format', [v['a']!]) });
    else out.push({ py: `'%.${prec}${kind}' % a`, inputs: { a }, js: (rt, v) => rt.mod(`%.${prec}${kind}`, v['a']!) });
  }
  for (let i = 0; i < n(900); i++) {
    // Spec §4.16's float batch: repr, //, %, divmod, round(x), round(x, n), '.2f' on random doubles.
    const x = randomDouble(r), y = r() < 0.2 ? pick([0.5, -1.5, 3.0, 0.1, -7.0, 1e-20, 1e300]) : randomDouble(r) % (10 ** Math.floor(r() * 8));
    const a = fenc(x), b = fenc(y === 0 ? 1 : y);
    switch (i % 6) {
      case 0: two('a // b', a, b, (rt, v) => rt.floordiv(v['a']!, v['b']!)); break;
      case 1: two('a % b', a, b, (rt, v) => rt.mod(v['a']!, v['b']!)); break;
      case 2: two('divmod(a, b)', a, b, (rt, v) => rt.call('divmod', [v['a']!, v['b']!])); break;
      case 3: out.push({ py: 'round(a)', inputs: { a }, js: (rt, v) => rt.call('round', [v['a']!]) }); break;
      case 4: { const d = BigInt(Math.floor(r() * 10) - 3); out.push({ py: `round(a, ${d})`, inputs: { a }, js: (rt, v) => rt.call('round', [v['a']!, d]) }); break; }
      default: out.push({ py: "'%.2f' % a", inputs: { a }, js: (rt, v) => rt.mod('%.2f', v['a']!) });
    }
  }
  for (let i = 0; i < n(300); i++) {
    // Float power: the C library's correctly rounded pow versus ours.
    const x = r() < 0.2 ? Math.floor(r() * 20) - 5 : randomDouble(r) % 1000;
    const y = r() < 0.4 ? Math.floor(r() * 40) - 20 + (r() < 0.5 ? 0.5 : 0) : (r() - 0.5) * 30;
    two('a ** b', fenc(x), fenc(y), (rt, v) => rt.pow(v['a']!, v['b']!));
  }
  for (let i = 0; i < n(250); i++) {
    const a = r() < 0.7 ? fenc(randomDouble(r) % 1e6) : pick(NUMERIC);
    const d = BigInt(Math.floor(r() * 7) - 3);
    if (r() < 0.2) out.push({ py: 'round(a)', inputs: { a }, js: (rt, v) => rt.call('round', [v['a']!]) });
    else out.push({ py: `round(a, ${d})`, inputs: { a }, js: (rt, v) => rt.call('round', [v['a']!, d]) });
  }
  for (let i = 0; i < n(200); i++) {
    const s = pick(['0', '-0', '12', ' 42 ', '4_2', '_42', '42_', '4__2', '+5', '-5', '3.5', '1e3', '0x10', '0o17', '0b101', 'inf', '-Infinity',
      'nan', '1_000.5', '.5', '5.', '1e-3', '', ' ', '١٢', '0_0', '00', '1E+2', 'infinit', '+-1', '9'.repeat(30)]);
    const base = pick([undefined, 0n, 2n, 8n, 10n, 16n, 36n]);
    const a = S(s);
    if (r() < 0.4) out.push({ py: 'float(a)', inputs: { a }, js: (rt, v) => rt.float(v['a']!) });
    else if (base === undefined) out.push({ py: 'int(a)', inputs: { a }, js: (rt, v) => rt.int(v['a']!) });
    else out.push({ py: `int(a, ${base})`, inputs: { a }, js: (rt, v) => rt.int(v['a']!, base) });
  }
  for (let i = 0; i < n(250); i++) {
    const len = Math.floor(r() * (r() < 0.2 ? 150 : 10));
    const pool = r() < 0.4 ? FLOATS.filter((f) => !['nan', 'inf', '-inf', '1e308'].includes(f.v as string)) : r() < 0.5 ? NUMERIC : [...INTS.slice(0, 6), ...BOOLS];
    const items = Array.from({ length: len }, () => (r() < 0.3 ? fenc(randomDouble(r) % 1e3) : pick(pool)));
    const a: Encoded = { t: r() < 0.8 ? 'list' : 'tuple', v: items };
    const fn = pick(['sum', 'min', 'max', 'sorted']);
    out.push({ py: `${fn}(a)`, inputs: { a }, js: (rt, v) => rt.call(fn, [v['a']!]) });
  }
  const IDX: (Encoded | null)[] = [null, I(-10), I(-2), I(-1), I(0), I(1), I(2), I(3), I(10), BOOLS[0]!, { t: 'int64', v: '1' }];
  for (let i = 0; i < n(300); i++) {
    const seq = pick([S('héllo😀'), S('abcdef'), S(''), CONTAINERS[1]!, { t: 'list', v: INTS.slice(0, 7) }, { t: 'tuple', v: STRS.slice(0, 5) }]);
    const p = [pick(IDX), pick(IDX), r() < 0.5 ? null : pick([...IDX, I(-3), I(0)])];
    if (r() < 0.05) p[0] = F('1.0');
    const txt = (e: Encoded | null, name: string): string => (e === null ? '' : name);
    const inputs: Record<string, Encoded> = { s: seq };
    p.forEach((e, k) => { if (e) inputs['i' + k] = e; });
    if (r() < 0.3) {
      const k = pick(IDX.filter((x) => x !== null))!;
      out.push({ py: 's[i0]', inputs: { s: seq, i0: k }, js: (rt, v) => rt.getitem(v['s']!, v['i0']!) });
      continue;
    }
    const py = `s[${txt(p[0]!, 'i0')}:${txt(p[1]!, 'i1')}${p[2] === null ? '' : ':i2'}]`;
    out.push({ py, inputs, js: (rt, v) => rt.getslice(v['s']!, v['i0'] ?? null, v['i1'] ?? null, v['i2'] ?? null) });
  }
  return out;
}

export const decodeInputs = (inputs: Record<string, Encoded>): Record<string, PyValue> =>
  Object.fromEntries(Object.entries(inputs).map(([k, e]) => [k, fromJson(e)]));
