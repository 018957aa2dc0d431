/**
 * Names and types of one rule (spec §1.6, §1.7, §3, §4): walks the AST in
 * execution order over the flat namespace (flow.ts), resolves every name
 * against the rule's assignments, the inputs of its policy kind and the symbol
 * table, infers types and reports what CPython would raise (errors) and what
 * is likely wrong (warnings). Loops are walked twice: once quietly to learn
 * what the body assigns, once with reporting on the joined state.
 */
import type * as A from '../../../grammar/src/index.js';
import { closest, editDistance } from '../diagnostics/did-you-mean.js';
import { assignEnv, dropNone, joinEnv, narrow, type Env, type Var } from './flow.js';
import type { RuleCode, RuleProblem } from './problem.js';
import { OTHER_KIND_NAMES, OUTPUTS, inputTypes, kindInputs, type RuleEnvironment, type RuleInputs } from './scope.js';
import { CONSTANTS, FUNCTIONS, MODULES, MUTATING_METHODS, NOT_AVAILABLE, OPT_ADVICE, OPT_ADVICE_SIGNATURE, STRUCT_TIME_FIELDS, TIME_DIRECTIVES, TIME_FUNCTIONS, TRANSCENDENTAL, methodsOf, symbolDescription, type Signature } from './symbols.js';
import {
  BOOL, INT, NONE, STR, UNKNOWN, describe, describeAtom, elementOf, has, isNumeric, isUnknown, join, joinAll, list, noneQuery, numericResult, only, pyName, tuple, without,
  type Atom, type Ty,
} from './types.js';

export interface RuleScope {
  /** Each variable's type at the end of the rule (with the m_* inputs and the constants and queries it names). */
  readonly variables: ReadonlyMap<string, Ty>;
  /** Every input of the rule, named by it or not. */
  readonly inputs: RuleInputs;
  /** Where each name is read, by name. */
  readonly references: ReadonlyMap<string, readonly A.Span[]>;
  /**
   * The targets of assignments to m_userdata, except those under a test that
   * it is still empty (`if m_userdata is None:`): such an assignment only
   * initialises the slot, which is how rules share it on purpose.
   */
  readonly userdataAssignments: readonly A.Span[];
}

const ARITHMETIC = new Set(['+', '-', '*', '/', '//', '%', '**', '@']);
/** What Python's int() accepts from a str. */
const INT_TEXT = /^\s*[+-]?\d+(_\d+)*\s*$/;
const NON_CONVERTIBLE = new Set(['none', 'list', 'tuple', 'dict', 'set', 'struct_time', 'fn', 'method', 'module', 'range', 'iterator']);

export class RuleChecker {
  readonly problems: RuleProblem[] = [];
  private quiet = 0;
  /** Inside the body of `if m_userdata is None:` (RuleScope.userdataAssignments). */
  private userdataInit = 0;
  private readonly seen = new Set<string>();
  private readonly assignedAnywhere: Set<string>;
  /** Names some statement binds (plain assignment, loop variable); an augmented assignment only updates a bound name. */
  private readonly bound: Set<string>;
  /** Every plain assignment to a name, by name (RL320 renames them all). */
  private readonly assignments = new Map<string, A.Span[]>();
  private readonly inputs: RuleInputs;
  private readonly references = new Map<string, A.Span[]>();
  private readonly userdata: A.Span[] = [];

  constructor(
    private readonly text: string,
    private readonly module: A.Module,
    private readonly env: RuleEnvironment,
    private readonly python2: boolean,
  ) {
    this.assignedAnywhere = assignedNames(module.body);
    this.bound = assignedNames(module.body, new Set(), true);
    this.inputs = inputTypes(env);
  }

  run(): RuleScope {
    const state: Env = new Map();
    // The m_* inputs, and of the constants and queries (every policy's) only those the rule names.
    for (const name of new Set([...kindInputs(this.env.kind).keys(), ...namesIn(this.module.body)])) {
      const ty = this.inputs.get(name);
      if (ty) state.set(name, { ty, definite: true, sites: [] });
    }
    this.block(this.module.body, state);
    this.checkOutputs(state);
    this.checkMisspeltOutputs();
    return {
      variables: new Map([...state].map(([k, v]) => [k, v.ty])),
      inputs: this.inputs,
      references: this.references,
      userdataAssignments: this.userdata,
    };
  }

  private report(code: RuleCode, at: A.Span, args: Record<string, string | number>, extra: Pick<RuleProblem, 'fix' | 'related'> = {}): void {
    if (this.quiet > 0) return;
    const key = `${code}:${at.start}:${at.end}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.problems.push({ code, start: at.start, end: at.end, args, ...extra });
  }

  private src(at: A.Span): string {
    return this.text.slice(at.start, at.end);
  }

  // Statements ------------------------------------------------------------

  private block(list: readonly A.Statement[], env: Env): void {
    for (const s of list) this.statement(s, env);
  }

  private statement(s: A.Statement, env: Env): void {
    switch (s.kind) {
      case 'Assign': {
        const ty = this.expr(s.value, env);
        for (const t of s.targets) {
          this.checkDropList(t, s.value, env);
          this.assign(t, ty, env, aliasingValue(s.value));
        }
        return;
      }
      case 'AugAssign':
        return this.augAssign(s, env);
      case 'IncDec':
        this.expr(s.target, env);
        return;
      case 'ExprStatement':
        this.expr(s.value, env);
        if (s.value.kind !== 'Call' && s.value.kind !== 'String' && s.value.kind !== 'Missing' && s.value.kind !== 'UnsupportedExpression') this.report('RL305', s.value, {});
        return;
      case 'If': {
        this.expr(s.test, env);
        const yes = narrow(env, s.test, true);
        const no = narrow(env, s.test, false);
        const init = testsEmptyUserdata(s.test);
        if (init) this.userdataInit++;
        this.block(s.body, yes);
        if (init) this.userdataInit--;
        this.block(s.orelse, no);
        assignEnv(env, joinEnv(yes, no));
        return;
      }
      case 'For':
        return this.forLoop(s, env);
      case 'While':
        return this.whileLoop(s, env);
      case 'PrintStatement':
        for (const v of s.values) this.expr(v, env);
        if (s.destination) this.expr(s.destination, env);
        return;
      case 'ExecStatement':
        this.expr(s.code, env);
        return;
      case 'Break':
      case 'Continue':
      case 'Pass':
      case 'MissingStatement':
      case 'UnsupportedStatement':
        return;
    }
  }

  /** Walks a loop body twice; returns the state after the loop (zero or more iterations). */
  private loop(env: Env, enter: (e: Env) => void, body: readonly A.Statement[]): Env {
    const first = new Map(env);
    this.quiet++;
    enter(first);
    this.block(body, first);
    this.quiet--;
    const second = joinEnv(env, first);
    enter(second);
    this.block(body, second);
    return joinEnv(env, second);
  }

  private forLoop(s: A.For, env: Env): void {
    const iter = this.iterate(s.iter, this.expr(s.iter, env), env, 'iterating');
    const after = this.loop(env, (e) => this.assign(s.target, iter, e, false), s.body);
    this.block(s.orelse, after);
    assignEnv(env, after);
  }

  private whileLoop(s: A.While, env: Env): void {
    this.expr(s.test, env);
    this.checkTermination(s);
    const after = this.loop(env, (e) => assignEnv(e, narrow(e, s.test, true)), s.body);
    const done = narrow(after, s.test, false);
    this.block(s.orelse, done);
    assignEnv(env, done);
  }

  private checkTermination(s: A.While): void {
    if (hasBreak(s.body)) return;
    const names = new Set<string>();
    collectNames(s.test, names);
    const changed = assignedNames(s.body);
    mutatedNames(s.body, changed);
    mutatedInExpr(s.test, changed);
    if ([...names].some((n) => changed.has(n))) return;
    const what = names.size === 0 ? 'its condition' : `${[...names].map((n) => `'${n}'`).join(', ')}, the only ${names.size === 1 ? 'name' : 'names'} in its condition`;
    if (isFalse(s.test)) return;
    this.report('ENDLESS', { start: s.start, end: s.test.end }, { what });
  }

  private augAssign(s: A.AugAssign, env: Env): void {
    const current = this.expr(s.target, env);
    const value = this.expr(s.value, env);
    const op = s.op.slice(0, -1);
    const result = this.binop({ start: s.target.start, end: s.value.end }, op, s.target, current, s.value, value, env);
    if (containsCall(s.target)) this.report('RL403', s.target, {});
    if (s.target.kind === 'Name') {
      const v = env.get(s.target.id);
      const container = current.find((a) => a.k === 'list' || a.k === 'dict' || a.k === 'set');
      if (v?.aliased && container) this.report('RL402', s, { name: s.target.id, type: container.k, op: s.op, binop: op });
    }
    this.assign(s.target, result, env, false);
  }

  private assign(target: A.Expression, ty: Ty, env: Env, aliased: boolean): void {
    switch (target.kind) {
      case 'Name': {
        const name = target.id;
        if (name === 'print' || name === 'exec' || name === 'eval') {
          this.report('RL203', target, { name, reason: 'MiCADO refuses to assign to it', advice: 'Use another variable name.' });
        } else if (!this.inputs.has(name)) {
          const what = symbolDescription(name);
          if (what) this.report('RL303', target, { name, what });
        }
        if (OTHER_KIND_NAMES[this.env.kind].includes(name) || (name === 'm_node_count' && this.env.kind === 'container')) {
          const other = this.env.kind === 'node' ? 'container' : 'node';
          this.report('OUTPUT', target, {
            name,
            kind: this.env.kind === 'node' ? 'VM node' : 'container',
            outputs: OUTPUTS[this.env.kind].join(', '),
            advice: name === 'm_node_count' || name === 'm_container_count' ? `Assign ${this.env.kind === 'node' ? 'm_node_count' : 'm_container_count'} to change this policy's count; '${name}' is read back only from a ${other} policy's rule.` : `'${name}' belongs to ${other} policies.`,
          });
        }
        if (name === 'm_userdata' && this.userdataInit === 0) this.userdata.push(target);
        if (this.quiet === 0) {
          const sites = this.assignments.get(name);
          if (sites) sites.push(target);
          else this.assignments.set(name, [target]);
        }
        // Only the count's assignment sites are read (checkOutputs); keeping others would make every join of a
        // long rule copy a growing list (quadratic validate time).
        const sites = name === (this.env.kind === 'node' ? 'm_node_count' : 'm_container_count') ? [{ at: target, ty }] : [];
        env.set(name, { ty, definite: true, sites, ...(aliased ? { aliased } : {}) });
        return;
      }
      case 'Tuple':
      case 'List': {
        const el = joinAll(ty.map((a) => elementOf(a) ?? UNKNOWN));
        for (const t of target.elements) this.assign(t, el.length === 0 ? UNKNOWN : el, env, false);
        return;
      }
      case 'Subscript': {
        const container = this.expr(target.value, env);
        if (target.index.kind === 'Slice') {
          this.slice(target.index, env);
          if (target.index.step) this.report('RL405', target, {});
        } else if (target.index.kind !== 'TupleOfSlices') {
          if (this.env.pkLatest) this.report('RL401', target, { effect: 'this assignment to a subscript is silently ignored' });
          const key = this.expr(target.index, env);
          if (target.value.kind === 'Name') this.growContainer(target.value.id, container, key, ty, env);
        }
        return;
      }
      case 'Starred':
        this.assign(target.value, list(UNKNOWN), env, false);
        return;
      default:
        this.expr(target, env);
        return;
    }
  }

  /** `d[k] = v` on an empty dict literal's variable: remember the key and value types. */
  private growContainer(name: string, container: Ty, key: Ty, value: Ty, env: Env): void {
    const v = env.get(name);
    if (!v || isUnknown(container)) return;
    const ty = container.map((a): Atom => (a.k === 'dict' ? { k: 'dict', key: join(a.key, key), value: join(a.value, value) } : a));
    env.set(name, { ...v, ty });
  }

  /** RL207: `m_nodes_todrop = [m_nodes[0]]` drops dicts, not node names. */
  private checkDropList(target: A.Expression, value: A.Expression, env: Env): void {
    if (target.kind !== 'Name' || target.id !== 'm_nodes_todrop' || this.env.kind !== 'node' || value.kind !== 'List') return;
    for (const item of value.elements) this.checkDropItem(item, this.peek(item, env));
  }

  private checkDropItem(item: A.Expression, ty: Ty): void {
    if (only(ty, 'dict')) {
      this.report('RL207', item, { type: describe(ty) }, { fix: { title: "Use the node's 'ID'", edits: [{ start: item.end, end: item.end, newText: "['ID']" }] } });
    } else if (only(ty, 'int', 'float', 'bool', 'none', 'list', 'tuple', 'float64', 'int64')) {
      this.report('RL207', item, { type: describe(ty) });
    }
  }

  /** The type of an already checked expression, without reporting again. */
  private peek(e: A.Expression, env: Env): Ty {
    this.quiet++;
    const ty = this.expr(e, new Map(env));
    this.quiet--;
    return ty;
  }

  private checkOutputs(env: Env): void {
    const count = this.env.kind === 'node' ? 'm_node_count' : 'm_container_count';
    for (const { at, ty } of env.get(count)?.sites ?? []) {
      if (isUnknown(ty) || ty.length === 0) continue;
      const text = ty.length === 1 && ty[0]!.k === 'str' ? ty[0]!.literal : undefined;
      if (ty.every((a) => NON_CONVERTIBLE.has(a.k))) {
        this.report('RL206', at, { name: count, type: describe(ty) });
      } else if (text !== undefined && !INT_TEXT.test(text)) {
        this.report('RL206', at, { name: count, type: `the str '${text}'` });
      } else if (only(ty, 'float', 'float64')) {
        this.report('RL321', at, { name: count });
      } else if (has(ty, 'none')) {
        const q = noneQuery(ty);
        const why = q ? `it may hold the query '${q}', which is None when Prometheus returns no sample` : 'it is None on some paths';
        this.report('RL316', at, { name: count, why });
      }
    }
  }

  /**
   * RL320: a name assigned but never read, one edit away from an output of
   * this policy kind, is almost certainly that output misspelt: MiCADO
   * ignores it and the rule silently does nothing.
   */
  private checkMisspeltOutputs(): void {
    const outputs = OUTPUTS[this.env.kind];
    for (const [name, sites] of this.assignments) {
      if (this.references.has(name) || this.inputs.has(name) || outputs.includes(name)) continue;
      const output = outputs.find((o) => editDistance(o, name) === 1);
      if (!output) continue;
      const fix = { title: `Rename to '${output}'`, edits: sites.map((at) => ({ start: at.start, end: at.end, newText: output })) };
      for (const at of sites) {
        this.report('RL320', at, { name, output, outputs: outputs.join(', '), kind: this.env.kind === 'node' ? 'VM node' : 'container' }, { fix });
      }
    }
  }

  // Expressions -----------------------------------------------------------

  private expr(e: A.Expression, env: Env): Ty {
    switch (e.kind) {
      case 'Name':
        return this.name(e, env);
      case 'Int':
        return INT;
      case 'Float':
        return [{ k: 'float' }];
      case 'String':
        return [{ k: 'str', literal: e.value }];
      case 'Bool':
        return BOOL;
      case 'None':
        return NONE;
      case 'UnaryOp':
        return this.unary(e, env);
      case 'BinOp': {
        const l = this.expr(e.left, env);
        const r = this.expr(e.right, env);
        return this.binop(e, e.op, e.left, l, e.right, r, env, e.opSpan);
      }
      case 'BoolOp':
        return this.boolOp(e, env);
      case 'Compare':
        return this.compare(e, env);
      case 'IfExp': {
        this.expr(e.test, env);
        const yes = narrow(env, e.test, true);
        const no = narrow(env, e.test, false);
        const ty = join(this.expr(e.body, yes), this.expr(e.orelse, no));
        assignEnv(env, joinEnv(yes, no));
        return ty;
      }
      case 'Call':
        return this.call(e, env);
      case 'Attribute':
        return this.attribute(e, this.expr(e.value, env), env);
      case 'Subscript':
        return this.subscript(e, env);
      case 'List':
        return list(joinAll(e.elements.map((x) => this.expr(x, env))));
      case 'Tuple':
        return tuple(joinAll(e.elements.map((x) => this.expr(x, env))));
      case 'Dict':
        return [{ k: 'dict', key: joinAll(e.keys.map((x) => this.expr(x, env))), value: joinAll(e.values.map((x) => this.expr(x, env))) }];
      case 'Starred':
      case 'Backquote':
        this.expr(e.value, env);
        return UNKNOWN;
      case 'NamedExpr':
        this.expr(e.value, env);
        return UNKNOWN;
      case 'UnsupportedExpression':
      case 'Missing':
        return UNKNOWN;
    }
  }

  private name(e: A.Name, env: Env): Ty {
    const id = e.id;
    const refs = this.references.get(id) ?? [];
    refs.push(e);
    this.references.set(id, refs);
    const v = env.get(id);
    const fallback = this.symbol(id);
    const boundSomewhere = this.bound.has(id) || this.inputs.has(id);
    if (v && boundSomewhere) {
      if (v.definite) return v.ty;
      if (fallback) return join(v.ty, fallback);
      this.report('RL302', e, { name: id });
      return v.ty;
    }
    if (fallback) {
      if (id === 'requests') this.report('RL210', e, {});
      return fallback;
    }
    if (this.assignedAnywhere.has(id)) return this.readBeforeAssignment(e, boundSomewhere);
    return this.unknownName(e);
  }

  /**
   * RL220: a name assigned in the rule but on no path before this read (or
   * only ever updated with `+=`, which reads it first): NameError whenever
   * the line runs, not "maybe".
   */
  private readBeforeAssignment(e: A.Name, boundLater: boolean): Ty {
    const near = boundLater ? undefined : closest(e.id, [...this.inputs.names(), ...this.bound]);
    this.report('RL220', e, {
      name: e.id,
      how: boundLater ? '' : ` (its augmented assignments, such as '${e.id} += 1', read it first)`,
      advice: near ? `Did you mean '${near}'?` : 'Assign it a value before this line.',
    }, near ? { fix: { title: `Change to '${near}'`, edits: [{ start: e.start, end: e.end, newText: near }] } } : {});
    return UNKNOWN;
  }

  /** What a symbol-table name means here; undefined if it is not one. */
  private symbol(id: string): Ty | undefined {
    if (FUNCTIONS.has(id) || (id === OPT_ADVICE && this.env.kind === 'node')) return [{ k: 'fn', name: id }];
    return CONSTANTS.get(id) ?? MODULES.get(id) ?? (id === 'stack' && this.env.stack ? STR : undefined);
  }

  private unknownName(e: A.Name): Ty {
    const id = e.id;
    // Python 2's long is RL111 (grammar).
    if (id === 'long') return UNKNOWN;
    const kind = this.env.kind === 'node' ? 'VM node' : 'container';
    // The optimiser serves VM node policies only (a node rule finds m_opt_advice in symbol()).
    if (id === OPT_ADVICE) {
      this.report('RL211', e, {});
      return UNKNOWN;
    }
    const reason = NOT_AVAILABLE.get(id);
    if (reason) {
      this.report('RL203', e, { name: id, reason, advice: 'Remove it.' });
      return UNKNOWN;
    }
    if (OTHER_KIND_NAMES[this.env.kind].includes(id)) {
      const other = this.env.kind === 'node' ? 'container' : 'VM node';
      this.report('RL201', e, { name: id, kind, hint: `MiCADO provides '${id}' only to the rules of ${other} policies.` });
      return UNKNOWN;
    }
    const candidates = [...this.inputs.names(), ...this.bound, ...FUNCTIONS.keys(), ...CONSTANTS.keys(), 'time'];
    const near = closest(id, candidates);
    const hint = near
      ? `Did you mean '${near}'?`
      : /^(math|np|numpy)$/.test(id)
        ? `Modules cannot be imported; the math and numpy functions are names of their own (write ceil(x), not ${id}.ceil(x)).`
        : 'Define it under the constants or queries of a scaling policy, or assign it before use.';
    this.report('RL201', e, { name: id, kind, hint }, near ? { fix: { title: `Change to '${near}'`, edits: [{ start: e.start, end: e.end, newText: near }] } } : {});
    return UNKNOWN;
  }

  /**
   * An operand where None raises: RL301 when a query may make it None, an
   * error when it is always None. Afterwards the name is known not to be None
   * (the rule would have stopped).
   */
  private operand(e: A.Expression, ty: Ty, operation: string, env: Env): Ty {
    if (!has(ty, 'none') || isUnknown(ty)) return ty;
    const rest = without(ty, 'none');
    if (rest.length === 0) {
      this.report('TYPE', e, { detail: `${operation} with None is not possible`, error: 'TypeError', advice: 'Give it a value first.' });
    } else {
      const q = noneQuery(ty);
      if (q) {
        const why = e.kind === 'Name' && e.id === q ? 'Prometheus may return no sample' : `it may hold the query '${q}', which is None when Prometheus returns no sample`;
        this.report('RL301', e, { name: this.src(e), why, operation });
      }
    }
    if (e.kind === 'Name') dropNone(env, e.id);
    return rest;
  }

  private unary(e: A.UnaryOp, env: Env): Ty {
    const t = this.expr(e.operand, env);
    if (e.op === 'not') return BOOL;
    const ty = this.operand(e.operand, t, `unary '${e.op}'`, env);
    if (isUnknown(ty) || ty.length === 0) return UNKNOWN;
    const ok = ty.filter((a) => isNumeric(a) && !(e.op === '~' && (a.k === 'float' || a.k === 'float64')));
    if (ok.length === 0) {
      this.report('TYPE', e, { detail: `unary '${e.op}' cannot be applied to ${describe(ty)}`, error: 'TypeError', advice: 'Convert the value to a number first.' });
      return UNKNOWN;
    }
    return ok.map((a): Atom => (a.k === 'bool' ? { k: 'int' } : a.k === 'bool_' ? { k: 'int64' } : a));
  }

  private binop(at: A.Span, op: string, le: A.Expression, l: Ty, re: A.Expression, r: Ty, env: Env, opSpan: A.Span = at): Ty {
    l = this.operand(le, l, `'${op}'`, env);
    r = this.operand(re, r, `'${op}'`, env);
    if (op === '/' && this.python2 && only(l, 'int', 'bool') && only(r, 'int', 'bool')) this.report('RL308', opSpan, {});
    if (op === '**' && mayBeNegative(le) && isFractional(re)) this.report('RL407', at, {});
    // numpy scalars divide by zero to inf or nan (with a warning), so only Python numbers certainly raise.
    if ((op === '/' || op === '//' || op === '%') && isZero(re) && only(l, 'int', 'float', 'bool')) this.report('RL222', at, { op });
    if (isUnknown(l) || isUnknown(r) || l.length === 0 || r.length === 0) return UNKNOWN;
    const results: Atom[] = [];
    let failure: [Atom, Atom] | undefined;
    let array = false;
    for (const la of l) {
      for (const ra of r) {
        const res = atomBinop(op, la, ra);
        if (res === 'raise') failure ??= [la, ra];
        else if (res === 'array') array = true;
        else results.push(res);
      }
    }
    if (results.length > 0) return joinAll(results.map((a) => [a]));
    if (array) {
      this.report('RL203', at, { name: op, reason: 'combining a list with a numpy number makes a numpy array, which the product does not model', advice: 'Combine the numbers one by one, in a loop.' });
      return UNKNOWN;
    }
    if (failure) this.binopFailure(at, op, le, re, failure);
    return UNKNOWN;
  }

  private binopFailure(at: A.Span, op: string, le: A.Expression, re: A.Expression, [la, ra]: [Atom, Atom]): void {
    const constant = (a: Atom, other: Atom, e: A.Expression) => (a.k === 'str' && a.constant && isNumeric(other) ? { e, a } : undefined);
    const c = constant(la, ra, le) ?? constant(ra, la, re);
    if (c && c.a.k === 'str') {
      this.report('RL221', c.e, { name: c.a.constant!, value: `'${c.a.literal ?? ''}'`, use: 'combined with' });
      return;
    }
    this.report('TYPE', at, {
      detail: `'${op}' cannot combine ${describeAtom(la)} with ${describeAtom(ra)}`,
      error: 'TypeError',
      advice: la.k === 'str' || ra.k === 'str' ? 'Convert with str(...), int(...) or float(...) first.' : 'Convert the operands to matching kinds first.',
    });
  }

  private boolOp(e: A.BoolOp, env: Env): Ty {
    const parts: Ty[] = [];
    let state = env;
    e.values.forEach((v, i) => {
      const t = this.expr(v, state);
      const last = i === e.values.length - 1;
      // `a or b` gives a only when it is truthy (never None); `a and b` gives a only when it is falsy.
      parts.push(last ? t : e.op === 'or' ? without(t, 'none') : t);
      if (!last) state = narrow(state, v, e.op === 'and');
    });
    return joinAll(parts);
  }

  private compare(e: A.Compare, env: Env): Ty {
    let left = this.expr(e.left, env);
    let leftExpr = e.left;
    e.ops.forEach((op, i) => {
      const rightExpr = e.comparators[i]!;
      let right = this.expr(rightExpr, env);
      const opSpan = e.opSpans[i]!;
      if (op === 'is' || op === 'is not') {
        if (![leftExpr, rightExpr].some(isSingleton)) this.report('RL307', opSpan, { op, replacement: op === 'is' ? '==' : '!=' });
      } else if (op === '<' || op === '>' || op === '<=' || op === '>=') {
        left = this.operand(leftExpr, left, `ordering with '${op}'`, env);
        right = this.operand(rightExpr, right, `ordering with '${op}'`, env);
        this.ordering({ start: leftExpr.start, end: rightExpr.end }, op, leftExpr, left, rightExpr, right);
      } else if (op === 'in' || op === 'not in') {
        right = this.operand(rightExpr, right, `'${op}'`, env);
        this.membership({ start: leftExpr.start, end: rightExpr.end }, left, right);
      } else if ((op === '==' || op === '!=') && (transcendental(leftExpr) || transcendental(rightExpr))) {
        this.report('RL312', { start: leftExpr.start, end: rightExpr.end }, { function: transcendental(leftExpr) ?? transcendental(rightExpr)!, consumer: `'${op}'`, advice: 'Compare with a tolerance, for example abs(a - b) < 1e-9.' });
      }
      left = right;
      leftExpr = rightExpr;
    });
    return BOOL;
  }

  private ordering(at: A.Span, op: string, le: A.Expression, l: Ty, re: A.Expression, r: Ty): void {
    if (isUnknown(l) || isUnknown(r) || l.length === 0 || r.length === 0) return;
    const orderable = (a: Atom, b: Atom) =>
      (isNumeric(a) && isNumeric(b)) || (a.k === b.k && ['str', 'list', 'tuple', 'set'].includes(a.k));
    let failure: [Atom, Atom] | undefined;
    for (const a of l) for (const b of r) if (orderable(a, b)) return;
    else failure ??= [a, b];
    if (!failure) return;
    const [a, b] = failure;
    const str = a.k === 'str' && a.constant && isNumeric(b) ? { e: le, a } : b.k === 'str' && b.constant && isNumeric(a) ? { e: re, a: b } : undefined;
    if (str && str.a.k === 'str') {
      this.report('RL221', str.e, { name: str.a.constant!, value: `'${str.a.literal ?? ''}'`, use: 'ordered against' });
      return;
    }
    this.report('TYPE', at, { detail: `'${op}' cannot order ${describeAtom(a)} against ${describeAtom(b)}`, error: 'TypeError', advice: a.k === 'str' || b.k === 'str' ? 'Convert the string with int(...) or float(...) first.' : 'Compare values of the same kind.' });
  }

  private membership(at: A.Span, l: Ty, r: Ty): void {
    if (isUnknown(l) || isUnknown(r) || r.length === 0) return;
    if (only(r, 'str') && l.length > 0 && l.every((a) => a.k !== 'str' && a.k !== 'unknown')) {
      this.report('TYPE', at, { detail: `'in' on a str needs a str on its left, not ${describe(l)}`, error: 'TypeError', advice: 'Convert the left operand with str(...).' });
    } else if (r.every((a) => elementOf(a) === undefined)) {
      this.report('TYPE', at, { detail: `${describe(r)} cannot be searched with 'in'`, error: 'TypeError', advice: 'Search a list, tuple, dict, set or str.' });
    }
  }

  private slice(s: A.Slice, env: Env): void {
    for (const part of [s.lower, s.upper, s.step]) if (part) this.expr(part, env);
  }

  private subscript(e: A.Subscript, env: Env): Ty {
    const value = this.operand(e.value, this.expr(e.value, env), 'subscripting', env);
    if (e.index.kind === 'Slice') {
      this.slice(e.index, env);
      return isUnknown(value) ? UNKNOWN : value.filter((a) => a.k === 'list' || a.k === 'tuple' || a.k === 'str');
    }
    if (e.index.kind === 'TupleOfSlices') return UNKNOWN;
    if (this.env.pkLatest) this.report('RL401', e, { effect: 'this subscript evaluates to None' });
    const index = this.expr(e.index, env);
    if (isUnknown(value) || value.length === 0) return UNKNOWN;
    const results: Ty[] = [];
    let failure: string | undefined;
    for (const a of value) {
      switch (a.k) {
        case 'list':
        case 'tuple':
        case 'str':
          if (!isUnknown(index) && index.length > 0 && index.every((i) => !['int', 'bool', 'int64', 'bool_'].includes(i.k))) failure ??= `${a.k} indices must be integers or slices, not ${pyName(index[0]!)}`;
          else results.push(a.k === 'str' ? STR : a.of.length === 0 ? UNKNOWN : a.of);
          break;
        case 'dict':
          results.push(a.value.length === 0 ? UNKNOWN : a.value);
          break;
        case 'struct_time':
          results.push(INT);
          break;
        case 'unknown':
          results.push(UNKNOWN);
          break;
        default:
          failure ??= `'${pyName(a)}' object is not subscriptable`;
      }
    }
    if (results.length > 0) return joinAll(results);
    if (failure) this.report('TYPE', e, { detail: `${this.src(e.value)}[...] fails: ${failure}`, error: 'TypeError', advice: 'Index a list, tuple, str or dict with a suitable key.' });
    return UNKNOWN;
  }

  private attribute(e: A.Attribute, value: Ty, env: Env): Ty {
    value = this.operand(e.value, value, `reading the attribute '${e.attr}'`, env);
    if (isUnknown(value) || value.length === 0) return UNKNOWN;
    const results: Ty[] = [];
    for (const a of value) {
      if (a.k === 'module') {
        if (a.name === 'requests') return UNKNOWN;
        if (TIME_FUNCTIONS.has(e.attr)) results.push([{ k: 'method', name: `time.${e.attr}`, self: a }]);
        else if (e.attr === 'sleep') this.report('RL213', e, {});
        else this.report('RL212', e.attrSpan, { what: `time.${e.attr}`, advice: 'Use time.time, time.gmtime, time.localtime, time.mktime, time.strptime or time.strftime; prefer m_time_since_node_count_changed for timing.' });
        continue;
      }
      if (a.k === 'struct_time' && STRUCT_TIME_FIELDS.has(e.attr)) {
        results.push(INT);
        continue;
      }
      const methods = methodsOf(a);
      if (!methods) return UNKNOWN;
      if (Object.hasOwn(methods, e.attr)) results.push([{ k: 'method', name: e.attr, self: a }]);
    }
    if (results.length > 0) return joinAll(results);
    if (value.some((a) => a.k === 'module')) return UNKNOWN;
    const names = value.flatMap((a) => Object.keys(methodsOf(a) ?? {}));
    const near = closest(e.attr, names);
    const hint = near
      ? `Did you mean '${near}'?`
      : e.attr === 'removeprefix' || e.attr === 'removesuffix'
        ? 'MiCADO runs Python 3.8, which does not have it; slice the string instead, for example s[len(p):] after s.startswith(p).'
        : names.length > 0
          ? `Supported: ${[...new Set(names)].join(', ')}.`
          : 'It has no supported methods.';
    this.report('RL202', e.attrSpan, { receiver: capitalise(describe(value)), name: e.attr, hint }, near ? { fix: { title: `Change to '${near}'`, edits: [{ start: e.attrSpan.start, end: e.attrSpan.end, newText: near }] } } : {});
    return UNKNOWN;
  }

  private iterate(e: A.Expression, ty: Ty, env: Env, operation: string): Ty {
    ty = this.operand(e, ty, operation, env);
    if (isUnknown(ty) || ty.length === 0) return UNKNOWN;
    if (has(ty, 'set')) this.report('RL311', e, { use: 'iterates' });
    const els = ty.map(elementOf);
    if (els.every((x) => x === undefined)) {
      this.report('TYPE', e, { detail: `${describe(ty)} cannot be iterated`, error: 'TypeError', advice: 'Iterate over a list, tuple, dict, set, str or range.' });
      return UNKNOWN;
    }
    return joinAll(els.map((x) => x ?? UNKNOWN));
  }

  // Calls -------------------------------------------------------------------

  private call(e: A.Call, env: Env): Ty {
    const callee = this.expr(e.func, env);
    const args = e.args.map((a) => this.expr(a, env));
    for (const k of e.keywords) this.expr(k.value, env);
    // A function reached through a variable (f = len; f(x)) is not compiled: each call must name its function.
    const viaVariable = e.func.kind === 'Name' && e.func.id !== OPT_ADVICE && (this.assignedAnywhere.has(e.func.id) || this.inputs.has(e.func.id));
    if (viaVariable && (isUnknown(callee) || callee.every((a) => a.k === 'fn' || a.k === 'method' || a.k === 'unknown'))) {
      this.report('CALL_VARIABLE', e.func, { name: this.src(e.func) });
      return UNKNOWN;
    }
    if (isUnknown(callee) || callee.length === 0) return UNKNOWN;
    const results: Ty[] = [];
    let notCallable: Atom | undefined;
    for (const a of callee) {
      if (a.k === 'fn') results.push(a.name === OPT_ADVICE ? this.callOptAdvice(e) : this.callFunction(e, a.name, args, env));
      else if (a.k === 'method') results.push(this.callMethod(e, a, args, env));
      else if (a.k === 'module' || a.k === 'unknown') results.push(UNKNOWN);
      else notCallable ??= a;
    }
    if (results.length > 0) return joinAll(results);
    if (notCallable) {
      const name = e.func.kind === 'Name' ? e.func.id : this.src(e.func);
      const shadow = e.func.kind === 'Name' && FUNCTIONS.has(name) ? ` ('${name}' is assigned or defined as a constant, which hides the function)` : '';
      this.report('TYPE', e.func, { detail: `'${pyName(notCallable)}' object is not callable${shadow}`, error: 'TypeError', advice: 'Call a function, or rename the variable that hides it.' });
    }
    return UNKNOWN;
  }

  private checkArity(e: A.Call, callee: string, s: Pick<Signature, 'min' | 'max' | 'keywords'>): void {
    const n = e.args.length;
    if (e.args.some((a) => a.kind === 'Starred')) return;
    if (n < s.min || (s.max >= 0 && n > s.max)) {
      const expected = s.max < 0 ? `at least ${s.min}` : s.min === s.max ? `${s.min}` : `${s.min} to ${s.max}`;
      this.report('RL204', e, { callee: `${callee}()`, problem: `takes ${expected} positional argument${expected === '1' ? '' : 's'} but is given ${n}`, advice: callee === 'sum' && n === 2 ? 'The second argument of numpy\'s sum is an axis, not a start value: write sum(xs) + start.' : 'Pass the arguments it takes.' });
    }
    for (const k of e.keywords) {
      if (s.keywords?.includes(k.name)) continue;
      const fix = callee === 'round' && k.name === 'ndigits' ? { fix: { title: "Use numpy's 'decimals'", edits: [{ start: k.nameSpan.start, end: k.nameSpan.end, newText: 'decimals' }] } } : {};
      const advice =
        callee === 'print' && (k.name === 'file' || k.name === 'flush')
          ? 'print writes only to the rule log; remove the argument.'
          : callee === 'round' && k.name === 'ndigits'
            ? "round is numpy's, whose argument is called decimals."
            : s.keywords?.length
              ? `It accepts ${s.keywords.map((x) => `${x}=`).join(', ')}.`
              : 'It takes no keyword arguments.';
      this.report('RL204', k.nameSpan, { callee: `${callee}()`, problem: `has no keyword argument '${k.name}'`, advice }, fix);
    }
  }

  /** m_opt_advice takes nothing: MiCADO binds a zero-argument function, so any argument raises TypeError. */
  private callOptAdvice(e: A.Call): Ty {
    if (e.args.length > 0 || e.keywords.length > 0) {
      this.report('TYPE', e, { detail: `${OPT_ADVICE}() takes no arguments`, error: 'TypeError', advice: `Call it as ${OPT_ADVICE}().` });
    }
    return OPT_ADVICE_SIGNATURE.result([]);
  }

  private callFunction(e: A.Call, name: string, args: readonly Ty[], env: Env): Ty {
    const s = FUNCTIONS.get(name)!;
    this.checkArity(e, name, s);
    const first = e.args[0];
    const a0 = args[0] ?? UNKNOWN;
    if (s.origin !== 'builtin' && !['sum', 'all', 'any', 'fsum', 'percentile'].includes(name) && s.result !== FUNCTIONS.get('mean')!.result) {
      e.args.forEach((x, i) => this.needKinds(x, args[i]!, `${name}() of`, env, isNumeric, 'Pass a number.'));
    }
    switch (name) {
      case 'len':
        if (first) this.needKinds(first, a0, `len() of`, env, (a) => elementOf(a) !== undefined && a.k !== 'struct_time' && a.k !== 'iterator', 'Take len() of a list, tuple, dict, set, str or range.');
        break;
      case 'range':
        e.args.forEach((x, i) => this.needKinds(x, args[i]!, 'range() of', env, (a) => ['int', 'bool', 'int64', 'bool_'].includes(a.k), a0.some((a) => a.k === 'float64') || args.some((t) => has(t, 'float64')) ? 'numpy functions such as ceil return float64, which range() refuses: wrap it in int(...).' : 'Convert it with int(...) first.'));
        break;
      case 'int':
      case 'float':
        if (first && e.args.length === 1) this.needKinds(first, a0, `${name}() of`, env, (a) => isNumeric(a) || a.k === 'str', 'Convert a number or a numeric string.');
        break;
      case 'sum':
      case 'max':
      case 'min':
      case 'sorted':
      case 'list':
      case 'tuple':
      case 'set':
      case 'enumerate':
      case 'reversed':
      case 'all':
      case 'any':
      case 'mean':
      case 'median':
        if (first && (e.args.length === 1 || !['max', 'min'].includes(name))) this.iterate(first, a0, env, `${name}() of`);
        break;
    }
    if (first && ['int', 'round', 'ceil', 'floor', 'trunc', 'around', 'rint'].includes(name)) {
      const t = transcendental(first);
      if (t) this.report('RL312', first, { function: t, consumer: `${name}()`, advice: t === 'log' || t === 'ln' ? 'Use log10 or log2 for powers of 10 or 2, or add a small tolerance before rounding.' : 'Add a small tolerance before rounding.' });
    }
    if (['list', 'tuple', 'str', 'print'].includes(name) && args.some((t) => has(t, 'set'))) this.report('RL311', e, { use: name === 'print' ? 'prints' : 'converts' });
    if (name === 'print' && e.keywords.some((k) => k.name === 'end')) this.report('RL406', e.keywords.find((k) => k.name === 'end')!.nameSpan, {});
    if (this.env.pkLatest) this.pkLatestCall(e, name, args);
    return s.result(args);
  }

  /** Calls whose result differs on the Policy Keeper images built since mid-2024 (numpy 2, Python 3.9): RL404, RL408. */
  private pkLatestCall(e: A.Call, name: string, args: readonly Ty[]): void {
    if (name === 'bool') this.report('RL404', e.func, {});
    if (name !== 'print' && name !== 'str') return;
    const numpyScalar = (t: Ty) => t.some((a) => a.k === 'float64' || a.k === 'int64' || a.k === 'bool_');
    args.forEach((t, i) => {
      const container = t.find((a) => ((a.k === 'list' || a.k === 'tuple' || a.k === 'set') && numpyScalar(a.of)) || (a.k === 'dict' && (numpyScalar(a.key) || numpyScalar(a.value))));
      if (container) this.report('RL408', e.args[i]!, { container: container.k });
    });
  }

  /** An argument every atom of which must satisfy `ok`; None gets RL301 or an error. */
  private needKinds(e: A.Expression, ty: Ty, what: string, env: Env, ok: (a: Atom) => boolean, advice: string): void {
    ty = this.operand(e, ty, what, env);
    if (isUnknown(ty) || ty.length === 0) return;
    if (ty.every((a) => !ok(a))) this.report('TYPE', e, { detail: `${what} ${describe(ty)} is not possible`, error: 'TypeError', advice });
  }

  private callMethod(e: A.Call, m: Extract<Atom, { k: 'method' }>, args: readonly Ty[], env: Env): Ty {
    if (m.name.startsWith('time.')) return this.callTime(e, m.name.slice(5));
    const self = m.self;
    const methods = methodsOf(self);
    const def = methods?.[m.name];
    if (!def) return UNKNOWN;
    if (def.keywords) this.checkArity(e, `${describeAtom(self).replace(/^an? /, '')}.${m.name}`, { min: 0, max: -1, keywords: def.keywords });
    if (self.k === 'str' && m.name === 'format' && e.func.kind === 'Attribute' && e.func.value.kind === 'String') this.checkFormatFields(e.func.value);
    const receiver = e.func.kind === 'Attribute' ? e.func.value : undefined;
    if (receiver?.kind === 'Name' && MUTATING_METHODS.has(m.name) && (self.k === 'list' || self.k === 'set')) {
      const added = m.name === 'append' || m.name === 'add' || m.name === 'insert' ? args.at(-1) : m.name === 'extend' ? joinAll((args[0] ?? UNKNOWN).map((a) => elementOf(a) ?? UNKNOWN)) : undefined;
      const v = env.get(receiver.id);
      if (added && v) env.set(receiver.id, { ...v, ty: v.ty.map((a): Atom => (a.k === self.k ? { k: a.k, of: join(a.of, added) } : a)) } as Var);
      if (receiver.id === 'm_nodes_todrop' && this.env.kind === 'node' && (m.name === 'append' || m.name === 'insert') && e.args.length > 0) this.checkDropItem(e.args.at(-1)!, args.at(-1)!);
    }
    return def.result(self, args);
  }

  private callTime(e: A.Call, name: string): Ty {
    const s = TIME_FUNCTIONS.get(name)!;
    this.checkArity(e, `time.${name}`, s);
    const format = name === 'strptime' ? e.args[1] : name === 'strftime' ? e.args[0] : undefined;
    if (format?.kind === 'String') {
      const bad = [...format.value.matchAll(/%(.)/gs)].map((x) => x[1]!).filter((d) => !TIME_DIRECTIVES.has(d));
      if (bad.length > 0) this.report('RL212', format, { what: `The directive${bad.length > 1 ? 's' : ''} ${bad.map((d) => `%${d}`).join(', ')}`, advice: 'Use %Y %m %d %H %M %S %y %j %a %A %b %B %p %I %f %z %Z or %%.' });
    }
    return s.result([]);
  }

  /** RL205: `'{0.real}'.format(x)` reads attributes through the format string. */
  private checkFormatFields(s: A.StringLiteral): void {
    for (const m of s.value.matchAll(/(?<!\{)\{([^{}:!]*)\.([A-Za-z_]\w*)[^{}]*\}/g)) {
      this.report('RL205', s, { field: m[0], attribute: m[2]! });
    }
  }
}

// Syntax helpers ----------------------------------------------------------

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** `m_userdata is None`, `m_userdata == None` or `not m_userdata`: the test that the shared slot is still empty. */
function testsEmptyUserdata(e: A.Expression): boolean {
  const isUserdata = (x: A.Expression) => x.kind === 'Name' && x.id === 'm_userdata';
  if (e.kind === 'UnaryOp' && e.op === 'not') return isUserdata(e.operand);
  return e.kind === 'Compare' && e.ops.length === 1 && (e.ops[0] === 'is' || e.ops[0] === '==') && isUserdata(e.left) && e.comparators[0]!.kind === 'None';
}

function isSingleton(e: A.Expression): boolean {
  return e.kind === 'None' || e.kind === 'Bool';
}

function isFalse(e: A.Expression): boolean {
  return (e.kind === 'Bool' && !e.value) || (e.kind === 'Int' && e.value === 0n) || e.kind === 'None';
}

/** A value bound from another variable or a container element may be shared (RL402). */
function aliasingValue(e: A.Expression): boolean {
  return e.kind === 'Name' || e.kind === 'Subscript';
}

function containsCall(e: A.Expression): boolean {
  if (e.kind === 'Call') return true;
  if (e.kind === 'Subscript') return containsCall(e.value) || (e.index.kind !== 'Slice' && e.index.kind !== 'TupleOfSlices' && containsCall(e.index));
  if (e.kind === 'Attribute') return containsCall(e.value);
  return false;
}

function mayBeNegative(e: A.Expression): boolean {
  if (e.kind === 'Int' || e.kind === 'Float') return false;
  if (e.kind === 'Call' && e.func.kind === 'Name' && ['abs', 'len', 'sqrt', 'fabs', 'exp'].includes(e.func.id)) return false;
  return true;
}

/** A literal zero divisor (`0`, `0.0`, `-0`). */
function isZero(e: A.Expression): boolean {
  if (e.kind === 'Int') return e.value === 0n;
  if (e.kind === 'Float') return e.value === 0;
  return e.kind === 'UnaryOp' && (e.op === '-' || e.op === '+') && isZero(e.operand);
}

function isFractional(e: A.Expression): boolean {
  if (e.kind === 'Float') return !Number.isInteger(e.value);
  return e.kind === 'BinOp' && e.op === '/';
}

/** The transcendental function whose result feeds `e` directly (through arithmetic only). */
function transcendental(e: A.Expression): string | undefined {
  if (e.kind === 'Call') return e.func.kind === 'Name' && TRANSCENDENTAL.has(e.func.id) ? e.func.id : undefined;
  if (e.kind === 'BinOp') return transcendental(e.left) ?? transcendental(e.right);
  if (e.kind === 'UnaryOp' && e.op !== 'not') return transcendental(e.operand);
  return undefined;
}

/** The result of `l op r` for two known atoms: an atom, 'raise' (TypeError) or 'array' (a numpy array). */
function atomBinop(op: string, l: Atom, r: Atom): Atom | 'raise' | 'array' {
  if (l.k === 'unknown' || r.k === 'unknown') return { k: 'unknown' };
  if (isNumeric(l) && isNumeric(r)) {
    if (['&', '|', '^', '<<', '>>'].includes(op) && (l.k === 'float' || l.k === 'float64' || r.k === 'float' || r.k === 'float64')) return 'raise';
    if (op === '@') return 'raise';
    return numericResult(op, l, r);
  }
  const seq = (a: Atom) => a.k === 'list' || a.k === 'tuple' || a.k === 'str';
  const intLike = (a: Atom) => a.k === 'int' || a.k === 'bool' || a.k === 'int64';
  if (op === '%' && l.k === 'str') return { k: 'str' };
  if (op === '+' && l.k === r.k && seq(l)) return l.k === 'str' ? { k: 'str' } : { k: l.k as 'list' | 'tuple', of: join((l as { of: Ty }).of, (r as { of: Ty }).of) };
  if (op === '*' && seq(l) && intLike(r)) return l.k === 'str' ? { k: 'str' } : l;
  if (op === '*' && seq(r) && intLike(l)) return r.k === 'str' ? { k: 'str' } : r;
  if ((l.k === 'list' || l.k === 'tuple') && (r.k === 'float64' || r.k === 'int64' || r.k === 'bool_') && ARITHMETIC.has(op)) return 'array';
  if ((r.k === 'list' || r.k === 'tuple') && (l.k === 'float64' || l.k === 'int64' || l.k === 'bool_') && ARITHMETIC.has(op)) return 'array';
  if (l.k === 'set' && r.k === 'set' && ['|', '&', '-', '^'].includes(op)) return { k: 'set', of: join(l.of, r.of) };
  return 'raise';
}

/**
 * Every name a statement list assigns (targets, loop variables), nested
 * blocks included. With `bindingOnly`, only the names a statement binds:
 * not those an augmented assignment or a subscript assignment updates.
 */
function assignedNames(body: readonly A.Statement[], out = new Set<string>(), bindingOnly = false): Set<string> {
  const target = (t: A.Expression): void => {
    if (t.kind === 'Name') out.add(t.id);
    else if (t.kind === 'Tuple' || t.kind === 'List') t.elements.forEach(target);
    else if (t.kind === 'Starred') target(t.value);
    else if (t.kind === 'Subscript' && !bindingOnly) rootName(t, out);
  };
  for (const s of body) {
    switch (s.kind) {
      case 'Assign':
        s.targets.forEach(target);
        break;
      case 'AugAssign':
      case 'IncDec':
        if (!bindingOnly) target(s.target);
        break;
      case 'For':
        target(s.target);
        assignedNames(s.body, out, bindingOnly);
        assignedNames(s.orelse, out, bindingOnly);
        break;
      case 'If':
      case 'While':
        assignedNames(s.body, out, bindingOnly);
        assignedNames(s.orelse, out, bindingOnly);
        break;
      default:
        break;
    }
  }
  return out;
}

function rootName(e: A.Expression, out: Set<string>): void {
  if (e.kind === 'Name') out.add(e.id);
  else if (e.kind === 'Subscript' || e.kind === 'Attribute') rootName(e.value, out);
}

/** Names whose value a mutating method call changes (`xs.pop()`), anywhere in the statements. */
function mutatedNames(body: readonly A.Statement[], out: Set<string>): void {
  for (const s of body) {
    for (const e of statementExpressions(s)) mutatedInExpr(e, out);
    if (s.kind === 'If' || s.kind === 'For' || s.kind === 'While') {
      mutatedNames(s.body, out);
      mutatedNames(s.orelse, out);
    }
  }
}

/** Every name an expression of the statements reads or assigns, nested blocks included. */
function namesIn(body: readonly A.Statement[], out = new Set<string>()): Set<string> {
  for (const s of body) {
    const exprs = [...statementExpressions(s)];
    if (s.kind === 'IncDec') exprs.push(s.target);
    else if (s.kind === 'For') exprs.push(s.target);
    else if (s.kind === 'ExecStatement') exprs.push(s.code);
    else if (s.kind === 'PrintStatement' && s.destination) exprs.push(s.destination);
    for (const e of exprs) visitExpr(e, (x) => x.kind === 'Name' && out.add(x.id));
    if (s.kind === 'If' || s.kind === 'For' || s.kind === 'While') {
      namesIn(s.body, out);
      namesIn(s.orelse, out);
    }
  }
  return out;
}

function statementExpressions(s: A.Statement): A.Expression[] {
  switch (s.kind) {
    case 'Assign':
      return [...s.targets, s.value];
    case 'AugAssign':
      return [s.target, s.value];
    case 'ExprStatement':
      return [s.value];
    case 'If':
    case 'While':
      return [s.test];
    case 'For':
      return [s.iter];
    case 'PrintStatement':
      return [...s.values];
    default:
      return [];
  }
}

function mutatedInExpr(e: A.Expression, out: Set<string>): void {
  visitExpr(e, (x) => {
    if (x.kind === 'Call' && x.func.kind === 'Attribute' && MUTATING_METHODS.has(x.func.attr)) rootName(x.func.value, out);
  });
}

function collectNames(e: A.Expression, out: Set<string>): void {
  visitExpr(e, (x) => {
    if (x.kind === 'Name' && !FUNCTIONS.has(x.id) && !CONSTANTS.has(x.id) && !MODULES.has(x.id)) out.add(x.id);
  });
}

function visitExpr(e: A.Expression, f: (x: A.Expression) => void): void {
  f(e);
  const sub = (x: A.Expression | undefined) => x && visitExpr(x, f);
  switch (e.kind) {
    case 'UnaryOp':
      return sub(e.operand);
    case 'BinOp':
      sub(e.left);
      return sub(e.right);
    case 'BoolOp':
      return e.values.forEach(sub);
    case 'Compare':
      sub(e.left);
      return e.comparators.forEach(sub);
    case 'IfExp':
      sub(e.test);
      sub(e.body);
      return sub(e.orelse);
    case 'Call':
      sub(e.func);
      e.args.forEach(sub);
      return e.keywords.forEach((k) => sub(k.value));
    case 'Attribute':
      return sub(e.value);
    case 'Subscript':
      sub(e.value);
      if (e.index.kind === 'Slice') [e.index.lower, e.index.upper, e.index.step].forEach(sub);
      else if (e.index.kind !== 'TupleOfSlices') sub(e.index);
      return;
    case 'List':
    case 'Tuple':
      return e.elements.forEach(sub);
    case 'Dict':
      e.keys.forEach(sub);
      return e.values.forEach(sub);
    case 'Starred':
    case 'Backquote':
    case 'NamedExpr':
      return sub(e.value);
    default:
      return;
  }
}

function hasBreak(body: readonly A.Statement[]): boolean {
  return body.some((s) => s.kind === 'Break' || (s.kind === 'If' && (hasBreak(s.body) || hasBreak(s.orelse))));
}


