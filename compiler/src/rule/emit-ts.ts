/**
 * Rule AST → TypeScript against the rule-lib declarations (spec §6.1): one
 * function `rule(rt, s)`; Python variables live in the scope record `s` under
 * `v_`-mangled names, so assignments made before an error stay (§3.5).
 * Every rule statement becomes one generated statement that starts with
 * `rt.stmt(n)`; `statements[n]` is that rule statement's span, so run-time
 * errors report its position (§8.5). `spans` maps generated ranges back to
 * the rule nodes they came from, so TypeScript diagnostics can be reported at
 * the rule (§7). Expressions keep Python's evaluation order with temporaries
 * (`t1`…) and comma expressions; short-circuits are conditional expressions.
 * The emitter runs only on rules the checker accepted; anything it cannot
 * express is returned as a problem, never thrown.
 */
import type * as A from '../../../grammar/src/index.js';
import { CONSTANTS, FUNCTIONS, OPT_ADVICE, STRUCT_TIME_FIELDS } from './symbols.js';
import { SUPPORTED_METHODS } from './verify-js.js';

/** A constant's value as YAML gives it: bigint for int, number for float. */
export type ConstantValue = null | boolean | bigint | number | string | readonly ConstantValue[] | { readonly [key: string]: ConstantValue };

export interface EmitEnv {
  /**
   * Names bound before the rule runs and supplied by the caller (m_* inputs, queries, alerts).
   * m_opt_advice among them is the optimiser's advice dict, which `m_opt_advice()` copies.
   */
  readonly inputs: ReadonlySet<string>;
  /** Compiled into the rule's prologue. */
  readonly constants: ReadonlyMap<string, ConstantValue>;
  /** Module specifier of the rule-lib declarations, as the type checker's host serves them. */
  readonly apiModule: string;
}

/** Generated range (offsets into `text`) → rule range (offsets into the rule text). */
export interface SpanEntry {
  readonly genStart: number;
  readonly genEnd: number;
  readonly start: number;
  readonly end: number;
}

export interface EmitProblem {
  readonly start: number;
  readonly end: number;
  readonly construct: string;
}

export interface EmittedRule {
  readonly text: string;
  /** Sorted by genStart; nested entries follow their parents. */
  readonly spans: readonly SpanEntry[];
  /** Statement id → rule span; id 0 is the prologue (constants). */
  readonly statements: readonly A.Span[];
  /** Every scope-record name, unmangled. */
  readonly variables: readonly string[];
  readonly problems: readonly EmitProblem[];
}

/** A piece of generated text with span entries relative to its start. */
interface Frag {
  readonly t: string;
  readonly s: readonly SpanEntry[];
}

type Part = string | Frag;

function cat(...parts: readonly Part[]): Frag {
  let t = '';
  const s: SpanEntry[] = [];
  for (const p of parts) {
    if (typeof p === 'string') {
      t += p;
      continue;
    }
    for (const e of p.s) s.push({ genStart: e.genStart + t.length, genEnd: e.genEnd + t.length, start: e.start, end: e.end });
    t += p.t;
  }
  return { t, s };
}

function join(parts: readonly Frag[], sep: string): Frag {
  const out: Part[] = [];
  parts.forEach((p, i) => {
    if (i > 0) out.push(sep);
    out.push(p);
  });
  return cat(...out);
}

const BINARY: Readonly<Record<string, string>> = {
  '+': 'add', '-': 'sub', '*': 'mul', '/': 'truediv', '//': 'floordiv', '%': 'mod', '**': 'pow',
  '<<': 'lshift', '>>': 'rshift', '&': 'bitand', '|': 'bitor', '^': 'bitxor',
};
const COMPARE: Readonly<Record<string, string>> = { '<': 'lt', '>': 'gt', '<=': 'le', '>=': 'ge', '==': 'eq', '!=': 'ne', is: 'is_', 'is not': 'isNot' };
const UNARY: Readonly<Record<string, string>> = { '-': 'neg', '+': 'pos', '~': 'invert', not: 'not_' };
/** numpy's constant names and the rt.constant each one is. */
const CONSTANT_OF: Readonly<Record<string, 'e' | 'pi' | 'inf' | 'nan'>> = { e: 'e', pi: 'pi', inf: 'inf', Inf: 'inf', infty: 'inf', nan: 'nan', NAN: 'nan' };
/** Keyword names are emitted as object-literal keys: plain lowercase identifiers only (never `__proto__`). */
const KEYWORD = /^[a-z][a-z0-9_]*$/;

export function emitRule(module: A.Module, env: EmitEnv): EmittedRule {
  return new Emitter(module, env).run();
}

class Emitter {
  private temps = 0;
  private labels = 0;
  private locals = 0;
  private readonly loops: string[] = [];
  private readonly statements: A.Span[] = [];
  private readonly problems: EmitProblem[] = [];
  private readonly variables: Set<string>;
  /** Names bound at the current point of the top level, read without rt.name. */
  private readonly definite: Set<string>;
  /** Symbol-table names the rule rebinds: the prologue binds the table's value first. */
  private readonly shadowed: string[];

  constructor(private readonly module: A.Module, private readonly env: EmitEnv) {
    const assigned = assignedNames(module.body);
    this.variables = new Set([...env.inputs, ...env.constants.keys(), ...assigned]);
    this.definite = new Set([...env.inputs, ...env.constants.keys()]);
    this.shadowed = [...assigned].filter((n) => !this.definite.has(n) && ((FUNCTIONS.has(n) && n !== 'print') || n in CONSTANT_OF));
    for (const n of this.shadowed) this.definite.add(n);
  }

  run(): EmittedRule {
    this.statements.push({ start: 0, end: 0 });
    const prologue: Part[] = [];
    for (const [name, value] of this.env.constants) prologue.push(`  s.${mangle(name)} = `, this.constant(value), ';\n');
    for (const name of this.shadowed) prologue.push(`  s.${mangle(name)} = `, this.symbolValue(name) ?? 'null', ';\n');
    const body: Frag[] = [];
    for (const st of this.module.body) {
      body.push(this.statement(st, '  '));
      this.bindTopLevel(st);
    }
    const names = [...this.variables].sort();
    const temps = this.temps > 0 ? `  let ${Array.from({ length: this.temps }, (_, i) => `t${i + 1}: PyValue = null`).join(', ')};\n` : '';
    const head =
      `import type { PyValue, Rt } from ${JSON.stringify(this.env.apiModule)};\n` +
      `interface Scope {${names.map((n) => ` ${mangle(n)}: PyValue;`).join('')} }\n` +
      'function rule(rt: Rt, s: Scope): void {\n';
    let all: Frag;
    if (body.length <= RULE_PART_STATEMENTS) {
      all = cat(head, temps, ...prologue, ...body, '}\n');
    } else {
      // A long rule runs as parts called in order: TypeScript's flow analysis is quadratic in one function's
      // length (and refuses very long ones), linear over parts of bounded length. Top-level statements share
      // nothing but `s`, so splitting between them changes nothing a rule can observe.
      const parts: Frag[] = [];
      const calls: string[] = [];
      for (let i = 0; i * RULE_PART_STATEMENTS < body.length; i++) {
        calls.push(`  rule_${i + 1}(rt, s);\n`);
        parts.push(cat(`function rule_${i + 1}(rt: Rt, s: Scope): void {\n`, temps, ...body.slice(i * RULE_PART_STATEMENTS, (i + 1) * RULE_PART_STATEMENTS), '}\n'));
      }
      all = cat(head, ...prologue, ...calls, '}\n', ...parts);
    }
    const spans = [...all.s].sort((a, b) => a.genStart - b.genStart || b.genEnd - a.genEnd);
    return { text: all.t, spans, statements: this.statements, variables: names, problems: this.problems };
  }

  /** After a top-level simple assignment its names are bound for the rest of the rule. */
  private bindTopLevel(st: A.Statement): void {
    if (st.kind === 'Assign') for (const t of st.targets) for (const n of targetNames(t)) this.definite.add(n);
    if (st.kind === 'AugAssign' && st.target.kind === 'Name') this.definite.add(st.target.id);
  }

  private unsupported(node: A.Span, construct: string): Frag {
    this.problems.push({ start: node.start, end: node.end, construct });
    return cat('null');
  }

  private temp(): string {
    return `t${++this.temps}`;
  }

  private local(prefix: string): string {
    return `${prefix}${++this.locals}`;
  }

  private mark(node: A.Span, f: Frag): Frag {
    return { t: f.t, s: [{ genStart: 0, genEnd: f.t.length, start: node.start, end: node.end }, ...f.s] };
  }

  // Statements ------------------------------------------------------------

  private statement(st: A.Statement, ind: string): Frag {
    const id = this.statements.push({ start: st.start, end: st.end }) - 1;
    const at = `${ind}rt.stmt(${id}); `;
    return this.mark(st, this.statementBody(st, ind, at));
  }

  private statementBody(st: A.Statement, ind: string, at: string): Frag {
    switch (st.kind) {
      case 'Assign':
        return this.assign(st, ind, at);
      case 'AugAssign':
        return cat(at, this.augAssign(st), ';\n');
      case 'ExprStatement':
        // A bare string is a comment in Python (docstring style): nothing runs.
        if (st.value.kind === 'String') return cat(`${ind};\n`);
        return cat(at, this.expr(st.value), ';\n');
      case 'If':
        return cat(at, 'if (rt.truthy(', this.expr(st.test), ')) {\n', this.block(st.body, ind + '  '), `${ind}}`, st.orelse.length > 0 ? cat(' else {\n', this.block(st.orelse, ind + '  '), `${ind}}`) : '', '\n');
      case 'While':
        return this.whileLoop(st, ind, at);
      case 'For':
        return this.forLoop(st, ind, at);
      case 'Break':
      case 'Continue': {
        const label = this.loops.at(-1);
        if (!label) return this.unsupported(st, `'${st.kind.toLowerCase()}' outside a loop`);
        return cat(`${ind}${st.kind === 'Break' ? 'break' : 'continue'} ${label};\n`);
      }
      case 'Pass':
        return cat(`${ind};\n`);
      default:
        return cat(this.unsupported(st, describeStatement(st)), ';\n');
    }
  }

  private block(list: readonly A.Statement[], ind: string): Frag {
    return cat(...list.map((s) => this.statement(s, ind)));
  }

  private whileLoop(st: A.While, ind: string, at: string): Frag {
    const label = `L${++this.labels}`;
    const orelse = this.block(st.orelse, ind + '    ');
    this.loops.push(label);
    const body = this.block(st.body, ind + '  ');
    this.loops.pop();
    return cat(`${ind}${label}: for (;;) {\n`, `${ind}  `, at.trimStart(), 'if (!rt.truthy(', this.expr(st.test), ')) {\n', orelse, `${ind}    break ${label};\n${ind}  }\n`, `${ind}  rt.tick();\n`, body, `${ind}}\n`);
  }

  private forLoop(st: A.For, ind: string, at: string): Frag {
    const label = `L${++this.labels}`;
    const it = this.local('i');
    const v = this.local('n');
    const iter = this.expr(st.iter);
    const orelse = this.block(st.orelse, ind + '      ');
    this.loops.push(label);
    const target = this.assignTarget(st.target, v, ind + '    ');
    const body = this.block(st.body, ind + '    ');
    this.loops.pop();
    return cat(
      `${ind}{\n${ind}  `, at.trimStart(), `const ${it} = rt.iter(`, iter, ');\n',
      `${ind}  ${label}: for (;;) {\n`, `${ind}    `, at.trimStart(), `const ${v} = rt.next(${it});\n`,
      `${ind}    if (${v} === undefined) {\n`, orelse, `${ind}      break ${label};\n${ind}    }\n`,
      `${ind}    rt.tick();\n`, target, body, `${ind}  }\n${ind}}\n`,
    );
  }

  private assign(st: A.Assign, ind: string, at: string): Frag {
    const [first] = st.targets;
    if (st.targets.length === 1 && first?.kind === 'Name') return cat(at, `s.${mangle(first.id)} = `, this.expr(st.value), ';\n');
    // Python evaluates the value first, then each target left to right.
    const v = this.local('a');
    return cat(`${ind}{\n${ind}  `, at.trimStart(), `const ${v}: PyValue = `, this.expr(st.value), ';\n', ...st.targets.map((t) => this.assignTarget(t, v, ind + '  ')), `${ind}}\n`);
  }

  /** Statements binding `value` (a generated name) to a target. */
  private assignTarget(t: A.Expression, value: string, ind: string): Frag {
    switch (t.kind) {
      case 'Name':
        return this.mark(t, cat(`${ind}s.${mangle(t.id)} = ${value};\n`));
      case 'Subscript': {
        const obj = this.expr(t.value);
        if (t.index.kind === 'Slice') {
          const [lo, hi, step] = this.sliceParts(t.index);
          return this.mark(t, cat(ind, 'rt.setslice(', obj, ', ', lo, ', ', hi, ', ', step, `, ${value});\n`));
        }
        return this.mark(t, cat(ind, 'rt.setitem(', obj, ', ', this.index(t.index), `, ${value});\n`));
      }
      case 'Tuple':
      case 'List': {
        const names = t.elements.map(() => this.local('u'));
        return this.mark(t, cat(`${ind}{\n${ind}  const [${names.join(', ')}] = rt.unpack(${value}, ${names.length});\n`, ...t.elements.map((e, i) => this.assignTarget(e, names[i]!, ind + '  ')), `${ind}}\n`));
      }
      default:
        return cat(this.unsupported(t, 'this assignment target'), ';\n');
    }
  }

  private augAssign(st: A.AugAssign): Frag {
    const op = st.op.slice(0, -1);
    if (!(op in BINARY)) return this.unsupported(st, `the operator '${st.op}'`);
    const t = st.target;
    if (t.kind === 'Name') return cat(`s.${mangle(t.id)} = rt.inplace(${JSON.stringify(op)}, `, this.name(t), ', ', this.expr(st.value), ')');
    if (t.kind !== 'Subscript') return this.unsupported(t, 'this augmented assignment target');
    // The target's object and index are evaluated once (D4), before the value.
    const o = this.temp();
    if (t.index.kind === 'Slice') {
      const [lo, hi, step] = this.sliceParts(t.index);
      const [a, b, c] = [this.temp(), this.temp(), this.temp()];
      return cat(`(${o} = `, this.expr(t.value), `, ${a} = `, lo, `, ${b} = `, hi, `, ${c} = `, step,
        `, rt.setslice(${o}, ${a}, ${b}, ${c}, rt.inplace(${JSON.stringify(op)}, rt.getslice(${o}, ${a}, ${b}, ${c}), `, this.expr(st.value), ')))');
    }
    const k = this.temp();
    return cat(`(${o} = `, this.expr(t.value), `, ${k} = `, this.index(t.index), `, rt.setitem(${o}, ${k}, rt.inplace(${JSON.stringify(op)}, rt.getitem(${o}, ${k}), `, this.expr(st.value), ')))');
  }

  // Expressions -----------------------------------------------------------

  private expr(e: A.Expression): Frag {
    return this.mark(e, this.exprBody(e));
  }

  private exprBody(e: A.Expression): Frag {
    switch (e.kind) {
      case 'Int':
        return e.imaginary ? this.unsupported(e, 'an imaginary literal') : cat(`${e.value}n`);
      case 'Float':
        return e.imaginary ? this.unsupported(e, 'an imaginary literal') : this.float(e.value);
      case 'String':
        return cat(JSON.stringify(e.value));
      case 'Bool':
        return cat(e.value ? 'true' : 'false');
      case 'None':
        return cat('null');
      case 'Name':
        return this.name(e);
      case 'UnaryOp':
        return cat(`rt.${UNARY[e.op]}(`, this.expr(e.operand), ')');
      case 'BinOp': {
        const fn = BINARY[e.op];
        return fn ? cat(`rt.${fn}(`, this.expr(e.left), ', ', this.expr(e.right), ')') : this.unsupported(e, `the operator '${e.op}'`);
      }
      case 'BoolOp':
        return this.boolOp(e);
      case 'Compare':
        return this.compare(e);
      case 'IfExp':
        return cat('(rt.truthy(', this.expr(e.test), ') ? ', this.expr(e.body), ' : ', this.expr(e.orelse), ')');
      case 'Call':
        return this.call(e);
      case 'Attribute':
        if (e.value.kind === 'Name' && !this.variables.has(e.value.id)) return this.unsupported(e, `'${e.value.id}.${e.attr}' as a value`);
        if (!STRUCT_TIME_FIELDS.has(e.attr)) return this.unsupported(e, `the attribute '${e.attr}'`);
        return cat('rt.getattr(', this.expr(e.value), `, ${JSON.stringify(e.attr)})`);
      case 'Subscript':
        if (e.index.kind === 'Slice') {
          const [lo, hi, step] = this.sliceParts(e.index);
          return cat('rt.getslice(', this.expr(e.value), ', ', lo, ', ', hi, ', ', step, ')');
        }
        return cat('rt.getitem(', this.expr(e.value), ', ', this.index(e.index), ')');
      case 'List':
        return cat('rt.list([', join(e.elements.map((x) => this.expr(x)), ', '), '])');
      case 'Tuple':
        return cat('rt.tuple([', join(e.elements.map((x) => this.expr(x)), ', '), '])');
      case 'Dict':
        return this.dict(e);
      default:
        return this.unsupported(e, describeExpression(e));
    }
  }

  private float(v: number): Frag {
    if (v === Infinity) return cat('rt.constant("inf")');
    if (Number.isNaN(v) || v === -Infinity) return cat(v === -Infinity ? 'rt.neg(rt.constant("inf"))' : 'rt.constant("nan")');
    if (Object.is(v, -0)) return cat('rt.neg(0)');
    const text = String(v);
    return cat(v < 0 ? `rt.neg(${text.slice(1)})` : text);
  }

  private constant(v: ConstantValue): Frag {
    if (v === null) return cat('null');
    switch (typeof v) {
      case 'boolean':
        return cat(String(v));
      case 'bigint':
        return cat(v < 0n ? `rt.neg(${-v}n)` : `${v}n`);
      case 'number':
        return this.float(v);
      case 'string':
        return cat(JSON.stringify(v));
    }
    if (Array.isArray(v)) return cat('rt.list([', join((v as readonly ConstantValue[]).map((x) => this.constant(x)), ', '), '])');
    const entries = Object.entries(v as { readonly [key: string]: ConstantValue });
    return cat('rt.dict([', entries.map(([k]) => JSON.stringify(k)).join(', '), '], [', join(entries.map(([, x]) => this.constant(x)), ', '), '])');
  }

  private name(e: A.Name): Frag {
    if (this.adviceCall(e.id)) return this.unsupported(e, `'${OPT_ADVICE}' other than called as ${OPT_ADVICE}()`);
    if (this.variables.has(e.id)) return cat(this.definite.has(e.id) ? `s.${mangle(e.id)}` : `rt.name(s.${mangle(e.id)}, ${JSON.stringify(e.id)})`);
    return this.symbolValue(e.id) ?? this.unsupported(e, `the name '${e.id}' as a value`);
  }

  /** A symbol-table name used as a value (`key=len`, `pi`). */
  private symbolValue(id: string): Frag | undefined {
    const c = CONSTANT_OF[id];
    if (c && CONSTANTS.has(id)) return cat(`rt.constant("${c}")`);
    if (FUNCTIONS.has(id) && id !== 'print') return cat(`rt.fn(${JSON.stringify(id)})`);
    return undefined;
  }

  /** Whether `id` is the optimiser's advice function (compile-rule gives it as input only to VM rules that call it). */
  private adviceCall(id: string): boolean {
    return id === OPT_ADVICE && this.env.inputs.has(id);
  }

  private index(i: A.Expression | A.Slice | A.TupleOfSlices): Frag {
    if (i.kind === 'Slice' || i.kind === 'TupleOfSlices') return this.unsupported(i, 'a tuple of slices');
    return this.expr(i);
  }

  private sliceParts(s: A.Slice): [Frag, Frag, Frag] {
    const part = (x: A.Expression | undefined): Frag => (x ? this.expr(x) : cat('null'));
    return [part(s.lower), part(s.upper), part(s.step)];
  }

  private boolOp(e: A.BoolOp): Frag {
    const t = this.temp();
    const values = e.values.map((v) => this.expr(v));
    // a and b: t = a; truthy(t) ? b : t. Each operand once, left to right, short-circuited (§4.6).
    let out: Frag = values.at(-1)!;
    for (let i = values.length - 2; i >= 0; i--) {
      out = e.op === 'and' ? cat(`(${t} = `, values[i]!, `, rt.truthy(${t}) ? `, out, ` : ${t})`) : cat(`(${t} = `, values[i]!, `, rt.truthy(${t}) ? ${t} : `, out, ')');
    }
    return out;
  }

  /** `a < b < c`: each operand evaluated once, left to right, stopping at the first false (§4.7). */
  private compare(e: A.Compare): Frag {
    const operands = [e.left, ...e.comparators].map((x) => this.expr(x));
    const one = (op: A.CompareOperator, l: Part, r: Part): Frag => {
      if (op === 'in' || op === 'not in') {
        // rt.contains takes the container first; the item is still evaluated first.
        const t = this.temp();
        return cat(`(${t} = `, l, `, rt.${op === 'in' ? 'contains' : 'notIn'}(`, r, `, ${t}))`);
      }
      const fn = COMPARE[op];
      return fn ? cat(`rt.${fn}(`, l, ', ', r, ')') : this.unsupported(e, `the operator '${op}'`);
    };
    if (e.ops.length === 1) return one(e.ops[0]!, operands[0]!, operands[1]!);
    const build = (i: number, left: string): Frag => {
      if (i === e.ops.length - 1) return one(e.ops[i]!, left, operands[i + 1]!);
      const right = this.temp();
      const res = this.temp();
      return cat(`(${right} = `, operands[i + 1]!, `, ${res} = `, one(e.ops[i]!, left, right), `, rt.truthy(${res}) ? `, build(i + 1, right), ` : ${res})`);
    };
    const first = this.temp();
    return cat(`(${first} = `, operands[0]!, ', ', build(0, first), ')');
  }

  private dict(e: A.DictDisplay): Frag {
    // Python evaluates key, value, key, value …; rt.dict takes the keys first, so pairs go through temporaries.
    if (e.keys.length <= 1) return cat('rt.dict([', join(e.keys.map((k) => this.expr(k)), ', '), '], [', join(e.values.map((v) => this.expr(v)), ', '), '])');
    const keys: string[] = [];
    const values: string[] = [];
    const parts: Part[] = ['('];
    e.keys.forEach((k, i) => {
      const [tk, tv] = [this.temp(), this.temp()];
      keys.push(tk);
      values.push(tv);
      parts.push(`${tk} = `, this.expr(k), `, ${tv} = `, this.expr(e.values[i]!), ', ');
    });
    parts.push(`rt.dict([${keys.join(', ')}], [${values.join(', ')}]))`);
    return cat(...parts);
  }

  private call(e: A.Call): Frag {
    const args = e.args.map((a) => (a.kind === 'Starred' ? this.unsupported(a, 'a starred argument') : this.expr(a)));
    const list = cat('[', join(args, ', '), ']');
    for (const k of e.keywords) if (!KEYWORD.test(k.name)) return this.unsupported(k.nameSpan, `the keyword '${k.name}'`);
    const kw = e.keywords.length > 0 ? cat(', { ', join(e.keywords.map((k) => cat(`${k.name}: `, this.expr(k.value))), ', '), ' }') : cat('');
    const f = e.func;
    if (f.kind === 'Name') {
      // The advice is data in the scope record (no host function crosses the worker boundary);
      // dict() copies it, so a rule that changes the dict does not change the next call's result.
      if (this.adviceCall(f.id)) return cat(`rt.call("dict", [s.${mangle(OPT_ADVICE)}])`);
      if (this.variables.has(f.id)) return this.unsupported(f, `calling the variable '${f.id}'`);
      if (f.id === 'print') {
        const sep = e.keywords.find((k) => k.name === 'sep');
        const end = e.keywords.find((k) => k.name === 'end');
        const other = e.keywords.find((k) => k.name !== 'sep' && k.name !== 'end');
        if (other) return this.unsupported(other.nameSpan, `print's keyword '${other.name}'`);
        return cat('rt.print(', list, ', ', sep ? this.expr(sep.value) : 'null', ', ', end ? this.expr(end.value) : 'null', ')');
      }
      if (!FUNCTIONS.has(f.id)) return this.unsupported(f, `the function '${f.id}'`);
      return cat(`rt.call(${JSON.stringify(f.id)}, `, list, kw, ')');
    }
    if (f.kind === 'Attribute') {
      if (f.value.kind === 'Name' && f.value.id === 'time' && !this.variables.has('time')) return cat(`rt.call(${JSON.stringify(`time.${f.attr}`)}, `, list, kw, ')');
      if (!SUPPORTED_METHODS.has(f.attr)) return this.unsupported(f, `the method '${f.attr}'`);
      return cat('rt.callMethod(', this.expr(f.value), `, ${JSON.stringify(f.attr)}, `, list, kw, ')');
    }
    return this.unsupported(f, 'calling this expression');
  }
}

/** Top-level statements per part of a long rule's function (see run()). */
export const RULE_PART_STATEMENTS = 200;

export function mangle(name: string): string {
  return `v_${name}`;
}

function targetNames(t: A.Expression): string[] {
  if (t.kind === 'Name') return [t.id];
  if (t.kind === 'Tuple' || t.kind === 'List') return t.elements.flatMap(targetNames);
  return [];
}

/** Every name a statement list binds (assignment and for targets, at any depth). */
function assignedNames(body: readonly A.Statement[], out = new Set<string>()): Set<string> {
  for (const s of body) {
    switch (s.kind) {
      case 'Assign':
        for (const t of s.targets) for (const n of targetNames(t)) out.add(n);
        break;
      case 'AugAssign':
        for (const n of targetNames(s.target)) out.add(n);
        break;
      case 'For':
        for (const n of targetNames(s.target)) out.add(n);
        assignedNames(s.body, out);
        assignedNames(s.orelse, out);
        break;
      case 'If':
      case 'While':
        assignedNames(s.body, out);
        assignedNames(s.orelse, out);
        break;
      default:
        break;
    }
  }
  return out;
}

function describeStatement(s: A.Statement): string {
  switch (s.kind) {
    case 'PrintStatement':
      return 'a Python 2 print statement';
    case 'ExecStatement':
      return 'a Python 2 exec statement';
    case 'UnsupportedStatement':
      return `a '${s.statement}' statement`;
    case 'IncDec':
      return `'${s.op}'`;
    default:
      return 'an incomplete statement';
  }
}

function describeExpression(e: A.Expression): string {
  switch (e.kind) {
    case 'UnsupportedExpression':
      return `a ${e.expression}`;
    case 'Starred':
      return 'a starred expression';
    case 'NamedExpr':
      return "':='";
    case 'Backquote':
      return 'backquotes';
    default:
      return 'an incomplete expression';
  }
}
