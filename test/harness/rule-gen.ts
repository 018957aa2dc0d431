/**
 * Seeded generator of random well-typed scaling rules (spec §5.3's statement
 * layer) for the compiler's differential test: every variable keeps one kind
 * (int, float, str, list of int, bool), so the checker accepts the rule, and
 * run-time errors come from values (division or modulo by a zero, an index
 * out of range, int() of a non-numeric string, a None query), planted
 * mid-rule so kept assignments are exercised. Rules are statement trees, so a
 * mismatch can be shrunk statement by statement and expression by expression.
 */
import { rng } from './random.js';

export type Kind = 'int' | 'float' | 'str' | 'list' | 'bool';

/** An expression with its simpler alternatives (for shrinking). */
export interface Expr {
  readonly py: string;
  readonly simpler: readonly Expr[];
}

export type Stmt =
  | { readonly k: 'simple'; readonly py: string; readonly expr?: Expr; readonly prefix?: string }
  | { readonly k: 'block'; readonly head: string; readonly body: readonly Stmt[]; readonly orelse?: readonly Stmt[]; readonly elseHead?: string };

export const VARS: Readonly<Record<Kind, readonly string[]>> = {
  int: ['a', 'b', 'c'],
  float: ['f', 'g'],
  str: ['s', 't'],
  list: ['xs', 'ys'],
  bool: ['p'],
};

const INTS = ['0', '1', '-1', '2', '3', '-7', '10', '255', '2**31', '2**53 + 1', '10**20', '-(2**63)'];
const FLOATS = ['0.0', '-0.0', '0.5', '1.5', '2.5', '-2.5', '2.675', '0.125', '1e16', '1e-05', '0.1', '-3.75', '1e308', '100.0'];
const STRS = ["''", "'a'", "'0'", "' 42 '", "'4_2'", "'3.5'", "'é'", "'😀x'", "'ab,c'", "'+Inf'"];

const leaf = (py: string): Expr => ({ py, simpler: [] });
const node = (py: string, ...parts: Expr[]): Expr => ({ py, simpler: parts.flatMap((p) => [p, ...p.simpler.slice(0, 1)]) });

export function render(stmts: readonly Stmt[], indent = ''): string {
  let out = '';
  for (const s of stmts) {
    if (s.k === 'simple') out += `${indent}${s.py}\n`;
    else {
      out += `${s.head.split('\n').map((l) => indent + l).join('\n')}\n${render(s.body.length ? s.body : [{ k: 'simple', py: 'pass' }], indent + '    ')}`;
      if (s.orelse?.length) out += `${indent}${s.elseHead ?? 'else:'}\n${render(s.orelse, indent + '    ')}`;
    }
  }
  return out;
}

export class RuleGenerator {
  private readonly r: () => number;
  private loopVars = 0;

  constructor(seed: number) {
    this.r = rng(seed);
  }

  private pick<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.r() * xs.length)]!;
  }

  private chance(p: number): boolean {
    return this.r() < p;
  }

  /** A rule: initialisations of every variable, then random statements. */
  rule(length: number): Stmt[] {
    this.loopVars = 0;
    const init: Stmt[] = [
      ...VARS.int.map((v) => ({ k: 'simple' as const, py: `${v} = ${this.pick(INTS)}` })),
      ...VARS.float.map((v) => ({ k: 'simple' as const, py: `${v} = ${this.pick(FLOATS)}` })),
      ...VARS.str.map((v) => ({ k: 'simple' as const, py: `${v} = ${this.pick(STRS)}` })),
      ...VARS.list.map((v) => ({ k: 'simple' as const, py: `${v} = [${Array.from({ length: Math.floor(this.r() * 4) }, () => this.pick(INTS.slice(0, 7))).join(', ')}]` })),
      { k: 'simple', py: `p = ${this.pick(['True', 'False'])}` },
    ];
    return [...init, ...Array.from({ length }, () => this.statement(0))];
  }

  private statement(depth: number): Stmt {
    const roll = this.r();
    if (depth < 2 && roll < 0.12) return this.ifStmt(depth);
    if (depth < 2 && roll < 0.2) return this.forStmt(depth);
    if (depth < 2 && roll < 0.25) return this.whileStmt(depth);
    if (roll < 0.33) return this.print();
    if (roll < 0.38) return this.listStmt();
    if (roll < 0.46) return this.augAssign();
    const kind = this.pick(['int', 'int', 'float', 'float', 'str', 'list', 'bool'] as const);
    const target = this.pick(VARS[kind]);
    const e = this.bounded(kind, this.expr(kind, 3));
    return { k: 'simple', py: `${target} = ${e.py}`, expr: e, prefix: `${target} = ` };
  }

  /**
   * Repeated squaring or doubling across statements would grow ints and lists
   * without bound (CPython would not finish either): products are reduced to
   * 64-bit signed range and lists cut to 8 elements when assigned.
   */
  private bounded(kind: Kind, e: Expr): Expr {
    if (kind === 'int' && e.py.includes('*')) return { py: `(${e.py}) % 2**64 - 2**63`, simpler: [e, ...e.simpler] };
    if (kind === 'list') return { py: `(${e.py})[:8]`, simpler: [] };
    return e;
  }

  private block(depth: number, n = 1 + Math.floor(this.r() * 3)): Stmt[] {
    return Array.from({ length: n }, () => this.statement(depth + 1));
  }

  private ifStmt(depth: number): Stmt {
    const orelse = this.chance(0.3)
      ? [{ k: 'block' as const, head: `if ${this.expr('bool', 2).py}:`, body: this.block(depth), orelse: this.chance(0.5) ? this.block(depth) : [] }]
      : this.chance(0.5) ? this.block(depth) : [];
    return { k: 'block', head: `if ${this.expr('bool', 2).py}:`, body: this.block(depth), orelse };
  }

  private forStmt(depth: number): Stmt {
    const v = `i${this.loopVars++}`;
    // Over copies: a body that appends to the list it iterates would never end (in CPython too).
    const iter = this.pick(['range(3)', 'range(-2, 5, 2)', 'xs[:]', 'ys[:3]', 's', "'ab'", 'range(len(xs))', 'sorted(xs)', 'reversed(xs[:])']);
    const body = this.block(depth);
    if (this.chance(0.4)) body.splice(Math.floor(this.r() * body.length), 0, { k: 'block', head: `if ${this.expr('bool', 1).py}:`, body: [{ k: 'simple', py: this.pick(['break', 'continue']) }] });
    // The loop variable is used (as a string, whatever it holds), so a loop over a str or list both work.
    body.push({ k: 'simple', py: `t = t[-8:] + str(${v})` });
    return { k: 'block', head: `for ${v} in ${iter}:`, body, orelse: this.chance(0.3) ? [this.print()] : [] };
  }

  private whileStmt(depth: number): Stmt {
    // A counter of its own, which no other statement assigns: the loop ends by construction.
    const w = `w${this.loopVars++}`;
    const body: Stmt[] = [{ k: 'simple', py: `${w} = ${w} + 1` }, ...this.block(depth, 1 + Math.floor(this.r() * 2))];
    if (this.chance(0.5)) body.push({ k: 'block', head: `if ${this.expr('bool', 1).py}:`, body: [{ k: 'simple', py: 'break' }] });
    return { k: 'block', head: `${w} = 0\nwhile ${w} < ${this.pick(['2', '3', '4'])}:`, body, orelse: this.chance(0.3) ? [this.print()] : [] };
  }

  private print(): Stmt {
    const args = Array.from({ length: 1 + Math.floor(this.r() * 3) }, () => this.expr(this.pick(['int', 'float', 'str', 'list', 'bool'] as const), 2));
    const kw = this.chance(0.2) ? `, sep=${this.pick(["'|'", "''", "', '"])}` : this.chance(0.1) ? ", end=''" : '';
    return { k: 'simple', py: `print(${args.map((a) => a.py).join(', ')}${kw})` };
  }

  private listStmt(): Stmt {
    const xs = this.pick(VARS.list);
    return { k: 'simple', py: this.pick([
      `${xs}.append(${this.expr('int', 2).py})`,
      `${xs}[${this.pick(['0', '-1', '1', '2', 'a'])}] = ${this.expr('int', 1).py}`,
      `a = ${xs}.pop()`,
      `${xs}.sort()`,
      `${xs}.extend(${this.pick(VARS.list)}[:2])`,
      `${xs}.insert(${this.pick(['0', '-1', '5'])}, ${this.expr('int', 1).py})`,
      `${xs} += [${this.expr('int', 1).py}]`,
    ]) };
  }

  private augAssign(): Stmt {
    if (this.chance(0.5)) {
      const op = this.pick(['+=', '-=', '//=', '%=']);
      const e = this.divisor(op.slice(0, -1), this.expr('int', 2));
      return { k: 'simple', py: e.py.includes('*') ? `${this.pick(VARS.int)} ${op} (${e.py}) % 1000003` : `${this.pick(VARS.int)} ${op} ${e.py}` };
    }
    const op = this.pick(['+=', '-=', '*=', '/=']);
    const e = this.divisor(op.slice(0, -1), this.expr(this.pick(['int', 'float'] as const), 2));
    return { k: 'simple', py: `${this.pick(VARS.float)} ${op} ${e.py}` };
  }

  /** A literal zero divisor is a compile-time error (ADT6222): divide by a variable instead, which is zero only by value. */
  private divisor(op: string, e: Expr): Expr {
    return ['/', '//', '%'].includes(op) && /^0(\.0)?$/.test(e.py.replace(/[-+() ]/g, '')) ? leaf(this.pick(VARS.int)) : e;
  }

  expr(kind: Kind, depth: number): Expr {
    if (depth <= 0 || this.chance(0.3)) return this.atom(kind);
    const d = depth - 1;
    switch (kind) {
      case 'int': {
        const r = this.r();
        if (r < 0.5) {
          const [x, y0] = [this.expr('int', d), this.expr('int', d)];
          const op = this.pick(['+', '-', '*', '+', '-', '//', '%']);
          const y = this.divisor(op, y0);
          return node(`(${x.py} ${op} ${y.py})`, x, y);
        }
        if (r < 0.6) {
          const x = this.expr('int', d);
          return node(`(${x.py}) ** ${this.pick(['0', '1', '2', '3'])}`, x);
        }
        if (r < 0.7) return node(`len(${this.pick(['s', 't', 'xs', 'ys'])})`);
        if (r < 0.8) {
          const x = this.expr('float', d);
          return node(`int(${x.py})`, x);
        }
        if (r < 0.82) return leaf(`int(${this.pick(VARS.str)})`);
        if (r < 0.87) return leaf(`len(${this.pick(VARS.list)}) - 1`);
        if (r < 0.9) return leaf(`${this.pick(VARS.list)}[${this.pick(['0', '-1', '1', 'a'])}]`);
        const [c, x, y] = [this.expr('bool', d), this.expr('int', d), this.expr('int', d)];
        return node(`(${x.py} if ${c.py} else ${y.py})`, x, y);
      }
      case 'float': {
        const r = this.r();
        if (r < 0.6) {
          const [x, y] = [this.expr(this.pick(['int', 'float'] as const), d), this.expr('float', d)];
          const op = this.pick(['+', '-', '*', '/', '+', '-', '*', '//', '%']);
          if (this.chance(0.5)) {
            const right = this.divisor(op, y);
            return node(`(${x.py} ${op} ${right.py})`, x, right);
          }
          const right = this.divisor(op, x);
          return node(`(${y.py} ${op} ${right.py})`, right, y);
        }
        if (r < 0.7) {
          const [x, y] = [this.expr('int', d), this.divisor('/', this.expr('int', d))];
          return node(`(${x.py} / ${y.py})`, x, y);
        }
        if (r < 0.8) {
          const x = this.expr('int', d);
          return node(`float(${x.py})`, x);
        }
        if (r < 0.82) return leaf(`float(${this.pick(VARS.str)})`);
        const x = this.expr('float', d);
        return node(`-${x.py}`, x);
      }
      case 'bool': {
        const r = this.r();
        if (r < 0.45) {
          const k = this.pick(['int', 'float', 'int'] as const);
          const [x, y] = [this.expr(k, d), this.expr(this.pick(['int', 'float'] as const), d)];
          return node(`${x.py} ${this.pick(['<', '<=', '>', '>=', '==', '!='])} ${y.py}`, x, y);
        }
        if (r < 0.55) {
          const [x, y, z] = [this.expr('int', d), this.expr('float', d), this.expr('int', d)];
          return node(`${x.py} < ${y.py} <= ${z.py}`, x, y, z);
        }
        if (r < 0.7) {
          const [x, y] = [this.expr('bool', d), this.expr('bool', d)];
          return node(`(${x.py} ${this.pick(['and', 'or'])} ${y.py})`, x, y);
        }
        if (r < 0.8) {
          const x = this.expr('bool', d);
          return node(`not ${x.py}`, x);
        }
        if (r < 0.9) return leaf(`${this.expr('int', 0).py} in ${this.pick(VARS.list)}`);
        return leaf(`${this.pick(VARS.str)} ${this.pick(['==', '<', 'in'])} ${this.pick(STRS)}`);
      }
      case 'str': {
        const r = this.r();
        if (r < 0.2) {
          const [x, y] = [this.expr('str', d), this.expr('str', d)];
          return node(`${x.py} + ${y.py}`, x, y);
        }
        if (r < 0.35) {
          const [x, y] = [this.expr('int', d), this.expr('float', d)];
          return node(`${this.pick(["'%d|%.2f'", "'%5d:%e'", "'%s/%g'", "'%x|%.0f'"])} % (${x.py}, ${y.py})`, x, y);
        }
        if (r < 0.5) {
          const [x, y] = [this.expr('float', d), this.expr(this.pick(['int', 'str', 'list'] as const), d)];
          return node(`${this.pick(["'{:.1f}|{}'", "'{}-{!r}'", "'{:>8.3f}{}'", "'{:g}:{}'"])}.format(${x.py}, ${y.py})`, x, y);
        }
        if (r < 0.6) {
          const x = this.expr(this.pick(['int', 'float', 'list', 'bool'] as const), d);
          return node(`${this.pick(['str', 'repr'])}(${x.py})`, x);
        }
        if (r < 0.7) return leaf(`${this.pick(VARS.str)} * ${this.pick(['0', '2', '-1', '3'])}`);
        if (r < 0.8) return leaf(`${this.pick(VARS.str)}[${this.pick(['1:', ':-1', '::-1', '0', '-1', '1:3'])}]`);
        if (r < 0.9) return leaf(`${this.pick(VARS.str)}.${this.pick(['upper()', 'strip()', "replace('a', 'b')", "split(',')[0]", 'zfill(4)'])}`);
        const x = this.expr('float', d);
        return node(`format(${x.py}, ${this.pick(["'.2f'", "'e'", "',.1f'", "'.3g'", "'08.2f'"])})`, x);
      }
      case 'list': {
        const r = this.r();
        if (r < 0.3) {
          const items = Array.from({ length: Math.floor(this.r() * 3) }, () => this.expr('int', d));
          return node(`[${items.map((i) => i.py).join(', ')}]`, ...items);
        }
        if (r < 0.5) return leaf(`${this.pick(VARS.list)} + ${this.pick(VARS.list)}`);
        if (r < 0.65) return leaf(`${this.pick(VARS.list)}[${this.pick(['1:', ':-1', '::-1', '::2', '1:3'])}]`);
        if (r < 0.8) return leaf(`sorted(${this.pick(VARS.list)}${this.pick(['', ', reverse=True'])})`);
        return leaf(`${this.pick(VARS.list)} * ${this.pick(['0', '2'])}`);
      }
    }
  }

  private atom(kind: Kind): Expr {
    if (this.chance(0.5)) return leaf(this.pick(VARS[kind]));
    switch (kind) {
      case 'int':
        return leaf(this.pick(INTS));
      case 'float':
        return leaf(this.pick(FLOATS));
      case 'str':
        return leaf(this.pick(STRS));
      case 'list':
        return leaf(`[${this.pick(INTS.slice(0, 6))}]`);
      case 'bool':
        return leaf(this.pick(['True', 'False', 'p']));
    }
  }
}

/**
 * Candidate simplifications of a rule, smallest first: drop a statement,
 * replace a block by its body, replace an assigned expression by a part of it.
 */
export function shrinkCandidates(stmts: readonly Stmt[]): Stmt[][] {
  const out: Stmt[][] = [];
  stmts.forEach((s, i) => {
    out.push([...stmts.slice(0, i), ...stmts.slice(i + 1)]);
    if (s.k === 'block') {
      out.push([...stmts.slice(0, i), ...s.body, ...stmts.slice(i + 1)]);
      for (const b of shrinkCandidates(s.body)) out.push([...stmts.slice(0, i), { ...s, body: b }, ...stmts.slice(i + 1)]);
      if (s.orelse?.length) out.push([...stmts.slice(0, i), { ...s, orelse: [] }, ...stmts.slice(i + 1)]);
    } else if (s.expr && s.prefix) {
      for (const e of s.expr.simpler) out.push([...stmts.slice(0, i), { k: 'simple', py: `${s.prefix}${e.py}`, expr: e, prefix: s.prefix }, ...stmts.slice(i + 1)]);
    }
  });
  return out;
}
