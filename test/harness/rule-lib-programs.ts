/**
 * Seeded generator of short statement sequences over mutable containers and
 * strings (spec §5.3's statement layer, restricted to what the runtime alone can
 * express): each statement is Python source plus the equivalent runtime calls on
 * a scope record. Run-time errors are planted naturally (pop from empty, missing
 * keys, bad indexes), so kept assignments before an error are exercised too.
 */
import type { PyValue, Runtime } from '../../runtime/src/rule-lib/index.js';
import { rng } from './random.js';

export type Scope = Record<string, PyValue>;
/** One rule statement; `line` is its first source line (compound statements report inner lines with rt.stmt). */
export interface Stmt { py: string; js: (rt: Runtime, s: Scope, line: number) => void }
export interface Program { stmts: Stmt[] }

interface Lit { py: string; js: (rt: Runtime) => PyValue }
const lit = (py: string, js: (rt: Runtime) => PyValue): Lit => ({ py, js });

/** No tuples or lists: numpy scalars compare with those elementwise (arrays, not modelled). */
const SCALARS: Lit[] = [
  lit('0', () => 0n), lit('1', () => 1n), lit('-2', () => -2n), lit('7', () => 7n), lit('True', () => true), lit('None', () => null),
  lit('1.0', () => 1.0), lit('2.5', () => 2.5), lit('-0.0', () => -0.0), lit("'a'", () => 'a'), lit("'b'", () => 'b'), lit("''", () => ''),
  lit("'é😀'", () => 'é😀'), lit('abs(-3)', (rt) => rt.call('abs', [-3n])),
  lit('ceil(1.5)', (rt) => rt.call('ceil', [1.5])),
];
const INDEXES: Lit[] = [-1n, 0n, 1n, 2n, -3n, 5n].map((n) => lit(String(n), () => n));
const LISTS: Lit[] = [
  lit('[]', (rt) => rt.list([])), lit('[3, 1]', (rt) => rt.list([3n, 1n])), lit("['x', 'y']", (rt) => rt.list(['x', 'y'])),
  lit('[1.5, True]', (rt) => rt.list([1.5, true])), lit("'ab'", () => 'ab'), lit('(9,)', (rt) => rt.tuple([9n])),
];
const NUMS: Lit[] = [
  lit('0', () => 0n), lit('3', () => 3n), lit('-2', () => -2n), lit('2.5', () => 2.5), lit('0.1', () => 0.1), lit('True', () => true),
  lit('10**20', (rt) => rt.pow(10n, 20n)), lit("float('inf')", () => Infinity), lit('ceil(0.5)', (rt) => rt.call('ceil', [0.5])),
  lit('abs(-7)', (rt) => rt.call('abs', [-7n])),
];
const NUM_OPS = [['+'], ['-'], ['*'], ['/'], ['//'], ['%'], ['**']] as const;
const STRS: Lit[] = ["'a'", "'b'", "','", "' '", "'ab'", "''", "'x,y'"].map((p) => lit(p, () => p.slice(1, -1)));

export function generatePrograms(seed: number, count: number, length = 8): Program[] {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const m = (obj: string, name: string, args: Lit[], target?: string): Stmt => ({
    py: `${target ? target + ' = ' : ''}${obj}.${name}(${args.map((a) => a.py).join(', ')})`,
    js: (rt, s) => { const v = rt.callMethod(s[obj]!, name, args.map((a) => a.js(rt))); if (target) s[target] = v; },
  });
  const assign = (target: string, py: string, js: (rt: Runtime, s: Scope) => PyValue): Stmt => ({ py: `${target} = ${py}`, js: (rt, s) => { s[target] = js(rt, s); } });
  const makers: (() => Stmt)[] = [
    () => m('xs', 'append', [pick(SCALARS)]),
    () => m('xs', 'extend', [pick(LISTS)]),
    () => m('xs', 'insert', [pick(INDEXES), pick(SCALARS)]),
    () => m('xs', 'pop', r() < 0.5 ? [] : [pick(INDEXES)], 'r'),
    () => m('xs', 'remove', [pick(SCALARS)]),
    () => m('xs', 'index', [pick(SCALARS)], 'r'),
    () => m('xs', 'count', [pick(SCALARS)], 'r'),
    () => m('xs', 'reverse', []),
    () => m('xs', 'copy', [], 'ys'),
    () => ({ py: 'xs.sort()', js: (rt, s) => { rt.callMethod(s['xs']!, 'sort', []); } }),
    () => ({ py: 'xs.sort(key=str, reverse=True)', js: (rt, s) => { rt.callMethod(s['xs']!, 'sort', [], { key: rt.fn('str'), reverse: true }); } }),
    () => { const i = pick(INDEXES), v = pick(SCALARS); return { py: `xs[${i.py}] = ${v.py}`, js: (rt, s) => rt.setitem(s['xs']!, i.js(rt), v.js(rt)) }; },
    () => { const i = pick(INDEXES), j = pick(INDEXES), v = pick(LISTS); return { py: `xs[${i.py}:${j.py}] = ${v.py}`, js: (rt, s) => rt.setslice(s['xs']!, i.js(rt), j.js(rt), null, v.js(rt)) }; },
    () => { const v = pick(LISTS); return { py: `xs += ${v.py}`, js: (rt, s) => { s['xs'] = rt.inplace('+', s['xs']!, v.js(rt)); } }; },
    () => { const i = pick(INDEXES); return assign('r', `xs[${i.py}]`, (rt, s) => rt.getitem(s['xs']!, i.js(rt))); },
    () => { const i = pick(INDEXES), j = pick(INDEXES); return assign('r', `xs[${i.py}::${j.py}]`, (rt, s) => rt.getslice(s['xs']!, i.js(rt), null, j.js(rt))); },
    () => { const v = pick(SCALARS); return assign('r', `${v.py} in xs`, (rt, s) => rt.contains(s['xs']!, v.js(rt))); },
    () => assign('r', 'len(xs)', (rt, s) => rt.len(s['xs']!)),
    () => { const f = pick(['sorted', 'min', 'max', 'sum', 'list', 'tuple', 'set', 'str', 'repr']); return assign('r', `${f}(xs)`, (rt, s) => rt.call(f, [s['xs']!])); },
    () => { const k = pick(SCALARS), v = pick(SCALARS); return { py: `d[${k.py}] = ${v.py}`, js: (rt, s) => rt.setitem(s['d']!, k.js(rt), v.js(rt)) }; },
    () => { const k = pick(SCALARS); return assign('r', `d[${k.py}]`, (rt, s) => rt.getitem(s['d']!, k.js(rt))); },
    () => m('d', 'get', r() < 0.5 ? [pick(SCALARS)] : [pick(SCALARS), pick(SCALARS)], 'r'),
    () => m('d', 'pop', r() < 0.5 ? [pick(SCALARS)] : [pick(SCALARS), pick(SCALARS)], 'r'),
    () => m('d', 'setdefault', [pick(SCALARS), pick(SCALARS)], 'r'),
    () => { const f = pick(['keys', 'values', 'items']); return assign('r', `list(d.${f}())`, (rt, s) => rt.call('list', [rt.callMethod(s['d']!, f, [])])); },
    () => { const k = pick(SCALARS); return assign('r', `${k.py} in d`, (rt, s) => rt.contains(s['d']!, k.js(rt))); },
    () => { const v = pick(SCALARS); return { py: `d.update({${v.py}: len(d)})`, js: (rt, s) => { rt.callMethod(s['d']!, 'update', [rt.dict([v.js(rt)], [rt.len(s['d']!)])]); } }; },
    () => m('t', 'add', [pick(SCALARS)]),
    () => m('t', 'discard', [pick(SCALARS)]),
    () => m('t', 'remove', [pick(SCALARS)]),
    () => { const op = pick(['|', '&', '-', '^']); return assign('t', `t ${op} set(xs)`, (rt, s) => { const u = rt.call('set', [s['xs']!]); return op === '|' ? rt.bitor(s['t']!, u) : op === '&' ? rt.bitand(s['t']!, u) : op === '-' ? rt.sub(s['t']!, u) : rt.bitxor(s['t']!, u); }); },
    () => { const f = pick(['split', 'rsplit', 'strip', 'find', 'count', 'replace', 'startswith', 'partition', 'join', 'upper', 'center']);
      const args = f === 'replace' ? [pick(STRS), pick(STRS)] : f === 'center' ? [pick(INDEXES)] : f === 'upper' ? [] : f === 'join' ? [pick(LISTS)] : [pick(STRS)];
      return m('s', f, args, 'r'); },
    () => { const v = pick(SCALARS); return assign('s', `s + str(${v.py})`, (rt, s) => rt.add(s['s']!, rt.str(v.js(rt)))); },
    () => { const i = pick(INDEXES); return assign('r', `s[${i.py}]`, (rt, s) => rt.getitem(s['s']!, i.js(rt))); },
    () => assign('r', "'{}|{!r}|%s'.format(s, xs) % (d,)", (rt, s) => rt.mod(rt.callMethod('{}|{!r}|%s', 'format', [s['s']!, s['xs']!]), rt.tuple([s['d']!]))),
    () => { const v = pick(SCALARS); return { py: `print(xs, ${v.py}, sep='|')`, js: (rt, s) => rt.print([s['xs']!, v.js(rt)], '|') }; },
    // Numbers in context: augmented assignment, mixed kinds, and loops that may stop midway.
    () => { const op = pick(NUM_OPS), v = pick(NUMS); return { py: `n ${op[0]}= ${v.py}`, js: (rt, s) => { s['n'] = rt.inplace(op[0], s['n']!, v.js(rt)); } }; },
    () => { const op = pick(NUM_OPS), v = pick(NUMS); return { py: `f = f ${op[0]} ${v.py}`, js: (rt, s) => { s['f'] = rt.inplace(op[0], s['f']!, v.js(rt)); } }; },
    () => assign('r', "'%.2f|%d|{}'.format(n) % (f, n)", (rt, s) => rt.mod(rt.callMethod('%.2f|%d|{}', 'format', [s['n']!]), rt.tuple([s['f']!, s['n']!]))),
    () => assign('r', 'round(f, 1) + n', (rt, s) => rt.add(rt.call('round', [s['f']!, 1n]), s['n']!)),
    () => assign('r', '0 < n <= f', (rt, s) => { let c: PyValue = rt.lt(0n, s['n']!); if (rt.truthy(c)) c = rt.le(s['n']!, s['f']!); return c; }),
    () => { const k = pick([2n, 3n, 4n]); return { py: `for i in range(${k}):\n    n += i\n    f = f / (3 - i)`, js: (rt, s, line) => {
      const it = rt.iter(rt.call('range', [k])); // range(4) divides by zero in its last iteration
      for (;;) {
        rt.stmt(line);
        const i = rt.next(it);
        if (i === undefined) break;
        rt.tick();
        s['i'] = i;
        rt.stmt(line + 1); s['n'] = rt.inplace('+', s['n']!, i);
        rt.stmt(line + 2); s['f'] = rt.truediv(s['f']!, rt.sub(3n, i));
      }
    } }; },
    () => ({ py: 'while n > 3:\n    n = n // 2\n    if n == 5:\n        break\nelse:\n    xs.append(n)', js: (rt, s, line) => {
      let broke = false;
      for (;;) {
        rt.stmt(line);
        if (!rt.truthy(rt.gt(s['n']!, 3n))) break;
        rt.tick();
        rt.stmt(line + 1); s['n'] = rt.floordiv(s['n']!, 2n);
        rt.stmt(line + 2);
        if (rt.truthy(rt.eq(s['n']!, 5n))) { broke = true; break; }
      }
      if (!broke) { rt.stmt(line + 5); rt.callMethod(s['xs']!, 'append', [s['n']!]); }
    } }),
  ];
  const out: Program[] = [];
  for (let p = 0; p < count; p++) {
    // Mixed-kind lists make most orderings a TypeError, so homogeneous starts are more common.
    const start = pick([
      { py: "[2, 'a', 1.5]", js: (rt: Runtime) => rt.list([2n, 'a', 1.5]) },
      { py: '[3, 1.5, True, 0]', js: (rt: Runtime) => rt.list([3n, 1.5, true, 0n]) },
      { py: '[3, 1.5, True, 0]', js: (rt: Runtime) => rt.list([3n, 1.5, true, 0n]) },
      { py: "['b', 'a', 'é']", js: (rt: Runtime) => rt.list(['b', 'a', 'é']) },
    ]);
    const stmts: Stmt[] = [
      { py: `xs = ${start.py}`, js: (rt, s) => { s['xs'] = start.js(rt); } },
      { py: "d = {'k': 1, 2: 'two'}", js: (rt, s) => { s['d'] = rt.dict(['k', 2n], [1n, 'two']); } },
      { py: "t = set([1, 'x'])", js: (rt, s) => { s['t'] = rt.call('set', [rt.list([1n, 'x'])]); } },
      { py: "s = 'a,b c'", js: (_rt, s) => { s['s'] = 'a,b c'; } },
      { py: 'n = 37', js: (_rt, s) => { s['n'] = 37n; } },
      { py: 'f = 2.5', js: (_rt, s) => { s['f'] = 2.5; } },
    ];
    for (let i = 0; i < length; i++) stmts.push(pick(makers)());
    out.push({ stmts });
  }
  return out;
}
