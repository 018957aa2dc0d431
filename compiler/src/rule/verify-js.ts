/**
 * The syntactic confinement verifier (spec §6.1 item 2), run on the
 * type-erased JavaScript with TypeScript's parser. It accepts only the shapes
 * emit-ts produces: one function `rule(rt, s)` (a long rule: `rule` calling its parts
 * `rule_<n>(rt, s)` in order, each part a function of the same shape); `let`/`const` of generator
 * names; literals, array literals and keyword-argument object literals;
 * `rt.<API>(…)` calls and `s.v_<name>` reads and writes; `if`, labelled
 * `for (;;)`, labelled `break`/`continue`; `,` `=` `===` `!==` `!` `?:`.
 * Everything else (`this`, `new`, element access, other property access,
 * templates, regexes, functions, undeclared identifiers, …) is refused, and so
 * are `rt` members a rule must not reach (`reset`, `printed`, …) and call-table
 * names outside the compiler's tables, so a rule can reach its scope record and
 * the runtime API and nothing else.
 */
import type * as TS from 'typescript';
import type { TypeScript } from './ts-check.js';
import { FUNCTIONS, STRUCT_TIME_FIELDS, methodsOf } from './symbols.js';

/** The members of the rule-lib's `Rt` that generated code may call (api.ts). */
const RT_API = new Set([
  'stmt', 'tick', 'name', 'add', 'sub', 'mul', 'truediv', 'floordiv', 'mod', 'pow', 'lshift', 'rshift', 'bitand', 'bitor', 'bitxor',
  'inplace', 'neg', 'pos', 'invert', 'eq', 'ne', 'lt', 'le', 'gt', 'ge', 'is_', 'isNot', 'contains', 'notIn', 'truthy', 'not_',
  'getitem', 'setitem', 'getslice', 'setslice', 'getattr', 'unpack', 'iter', 'next', 'list', 'tuple', 'dict', 'fn', 'call',
  'callMethod', 'constant', 'print',
]);
const TIME = ['time', 'gmtime', 'localtime', 'mktime', 'strftime', 'strptime'].map((n) => `time.${n}`);
const CALLABLE = new Set([...[...FUNCTIONS.keys()].filter((n) => n !== 'print'), ...TIME]);
/** Every method name rules may call (spec §1.6), for rt.callMethod. */
export const SUPPORTED_METHODS: ReadonlySet<string> = new Set(
  (['str', 'list', 'dict', 'set', 'float', 'int', 'tuple'] as const).flatMap((k) => Object.keys(methodsOf(k === 'list' || k === 'tuple' || k === 'set' ? { k, of: [] } : k === 'dict' ? { k, key: [], value: [] } : { k }) ?? {})),
);
const CONSTANT_NAMES = new Set(['e', 'pi', 'inf', 'nan']);
const OPERATORS = new Set(['+', '-', '*', '/', '//', '%', '**', '<<', '>>', '&', '|', '^']);
const LOCAL = /^[tinua]\d+$/;
const LABEL = /^L\d+$/;
const VARIABLE = /^v_[A-Za-z_][A-Za-z0-9_]*$/;
const KEYWORD = /^[a-z][a-z0-9_]*$/;
/** A part of a long rule's body (emit-ts RULE_PART_STATEMENTS), called only from `rule`. */
const PART = /^rule_\d+$/;

export interface VerifierIssue {
  readonly start: number;
  readonly end: number;
  readonly message: string;
}

export function verifyRuleJs(ts: TypeScript, js: string): VerifierIssue[] {
  const sf = ts.createSourceFile('/rule.js', js, ts.ScriptTarget.ES2022, true, ts.ScriptKind.JS);
  return new Verifier(ts, sf).run();
}

class Verifier {
  private readonly issues: VerifierIssue[] = [];
  private declared = new Set<string>();
  private readonly labels: string[] = [];
  private functions = 0;
  /** The parts the file declares, and those `rule` has called (each exactly once). */
  private readonly parts = new Set<string>();
  private readonly called = new Set<string>();
  private inRule = false;

  constructor(private readonly ts: TypeScript, private readonly sf: TS.SourceFile) {}

  run(): VerifierIssue[] {
    const ts = this.ts;
    if ((this.sf as { parseDiagnostics?: unknown[] }).parseDiagnostics?.length) this.refuse(this.sf, 'the code does not parse');
    for (const st of this.sf.statements) if (ts.isFunctionDeclaration(st) && st.name && PART.test(st.name.text)) this.parts.add(st.name.text);
    for (const st of this.sf.statements) {
      if (ts.isFunctionDeclaration(st)) this.ruleFunction(st);
      else if (ts.isExportDeclaration(st) && !st.moduleSpecifier && st.exportClause && ts.isNamedExports(st.exportClause) && st.exportClause.elements.length === 0) continue;
      else this.refuse(st, 'only the rule function may appear at the top level');
    }
    if (this.functions !== 1 + this.parts.size) this.refuse(this.sf, 'exactly one rule function is expected');
    if (this.called.size !== this.parts.size) this.refuse(this.sf, 'every part of the rule must be called once from the rule function');
    return this.issues;
  }

  private refuse(node: TS.Node, message: string): void {
    this.issues.push({ start: node.getStart(this.sf), end: node.getEnd(), message: `${message}: ${node.getText(this.sf).slice(0, 60)}` });
  }

  private ruleFunction(f: TS.FunctionDeclaration): void {
    const ts = this.ts;
    this.functions++;
    const params = f.parameters.map((p) => (ts.isIdentifier(p.name) && !p.initializer && !p.dotDotDotToken ? p.name.text : '?'));
    const name = f.name?.text ?? '';
    if ((name !== 'rule' && !this.parts.has(name)) || f.modifiers?.length || f.asteriskToken || params.join(',') !== 'rt,s' || !f.body) {
      this.refuse(f, 'the rule function must be `function rule(rt, s)`');
      return;
    }
    // Each function's generator names are its own.
    this.declared = new Set();
    this.inRule = name === 'rule';
    for (const st of f.body.statements) this.statement(st);
  }

  private statement(st: TS.Statement): void {
    const ts = this.ts;
    if (ts.isBlock(st)) {
      for (const s of st.statements) this.statement(s);
    } else if (ts.isEmptyStatement(st)) {
      return;
    } else if (ts.isExpressionStatement(st) && this.inRule && this.isPartCall(st.expression)) {
      return;
    } else if (ts.isExpressionStatement(st)) {
      this.expression(st.expression);
    } else if (ts.isVariableStatement(st)) {
      const flags = st.declarationList.flags;
      if (!(flags & ts.NodeFlags.Let) && !(flags & ts.NodeFlags.Const)) return this.refuse(st, 'only let and const declarations are allowed');
      for (const d of st.declarationList.declarations) this.declaration(d);
    } else if (ts.isIfStatement(st)) {
      this.expression(st.expression);
      this.statement(st.thenStatement);
      if (st.elseStatement) this.statement(st.elseStatement);
    } else if (ts.isLabeledStatement(st) && LABEL.test(st.label.text) && ts.isForStatement(st.statement)) {
      const loop = st.statement;
      if (loop.initializer || loop.condition || loop.incrementor) return this.refuse(loop, 'only `for (;;)` loops are allowed');
      this.labels.push(st.label.text);
      this.statement(loop.statement);
      this.labels.pop();
    } else if ((ts.isBreakStatement(st) || ts.isContinueStatement(st)) && st.label && this.labels.includes(st.label.text)) {
      return;
    } else {
      this.refuse(st, 'statement not allowed in a rule');
    }
  }

  /** `rule_<n>(rt, s)` for a declared part not called before: the only call `rule` may make besides rt's. */
  private isPartCall(e: TS.Expression): boolean {
    const ts = this.ts;
    if (!ts.isCallExpression(e) || !ts.isIdentifier(e.expression) || !this.parts.has(e.expression.text) || this.called.has(e.expression.text)) return false;
    const args = e.arguments.map((a) => (ts.isIdentifier(a) ? a.text : '?'));
    if (args.join(',') !== 'rt,s') return false;
    this.called.add(e.expression.text);
    return true;
  }

  private declaration(d: TS.VariableDeclaration): void {
    const ts = this.ts;
    if (ts.isIdentifier(d.name) && LOCAL.test(d.name.text)) this.declared.add(d.name.text);
    else if (ts.isArrayBindingPattern(d.name) && d.name.elements.every((e) => ts.isBindingElement(e) && !e.dotDotDotToken && !e.initializer && !e.propertyName && ts.isIdentifier(e.name) && LOCAL.test(e.name.text))) {
      for (const e of d.name.elements) this.declared.add(((e as TS.BindingElement).name as TS.Identifier).text);
    } else return this.refuse(d, 'only generator names may be declared');
    if (!d.initializer) return this.refuse(d, 'declarations need an initial value');
    this.expression(d.initializer);
  }

  private expression(e: TS.Expression): void {
    const ts = this.ts;
    switch (e.kind) {
      case ts.SyntaxKind.NumericLiteral:
      case ts.SyntaxKind.BigIntLiteral:
      case ts.SyntaxKind.StringLiteral:
      case ts.SyntaxKind.TrueKeyword:
      case ts.SyntaxKind.FalseKeyword:
      case ts.SyntaxKind.NullKeyword:
        return;
    }
    if (ts.isIdentifier(e)) {
      if (e.text === 'undefined' || this.declared.has(e.text)) return;
      return this.refuse(e, 'undeclared identifier');
    }
    if (ts.isParenthesizedExpression(e)) return this.expression(e.expression);
    if (ts.isArrayLiteralExpression(e)) {
      for (const x of e.elements) {
        if (ts.isSpreadElement(x) || ts.isOmittedExpression(x)) this.refuse(x, 'spread and holes are not allowed');
        else this.expression(x);
      }
      return;
    }
    if (ts.isObjectLiteralExpression(e)) {
      for (const p of e.properties) {
        if (ts.isPropertyAssignment(p) && ts.isIdentifier(p.name) && KEYWORD.test(p.name.text)) this.expression(p.initializer);
        else this.refuse(p, 'only keyword-argument properties are allowed');
      }
      return;
    }
    if (ts.isPropertyAccessExpression(e)) {
      if (ts.isIdentifier(e.expression) && e.expression.text === 's' && VARIABLE.test(e.name.text) && !e.questionDotToken) return;
      return this.refuse(e, 'property access outside the scope record');
    }
    if (ts.isCallExpression(e)) return this.call(e);
    if (ts.isBinaryExpression(e)) {
      const op = e.operatorToken.kind;
      if (op === ts.SyntaxKind.EqualsToken) {
        const l = e.left;
        const ok = (ts.isIdentifier(l) && this.declared.has(l.text)) || (ts.isPropertyAccessExpression(l) && ts.isIdentifier(l.expression) && l.expression.text === 's' && VARIABLE.test(l.name.text));
        if (!ok) return this.refuse(l, 'assignment outside generator names and the scope record');
        return this.expression(e.right);
      }
      if (op !== ts.SyntaxKind.CommaToken && op !== ts.SyntaxKind.EqualsEqualsEqualsToken && op !== ts.SyntaxKind.ExclamationEqualsEqualsToken) return this.refuse(e, 'operator not allowed');
      this.expression(e.left);
      return this.expression(e.right);
    }
    if (ts.isPrefixUnaryExpression(e) && e.operator === ts.SyntaxKind.ExclamationToken) return this.expression(e.operand);
    if (ts.isConditionalExpression(e)) {
      this.expression(e.condition);
      this.expression(e.whenTrue);
      return this.expression(e.whenFalse);
    }
    this.refuse(e, 'expression not allowed in a rule');
  }

  private call(e: TS.CallExpression): void {
    const ts = this.ts;
    const callee = e.expression;
    if (!ts.isPropertyAccessExpression(callee) || !ts.isIdentifier(callee.expression) || callee.expression.text !== 'rt' || callee.questionDotToken || e.questionDotToken || !RT_API.has(callee.name.text)) {
      return this.refuse(e, 'only calls of the runtime API are allowed');
    }
    const name = callee.name.text;
    const literal = (i: number, allowed: ReadonlySet<string>): void => {
      const a = e.arguments[i];
      if (!a || !ts.isStringLiteral(a) || !allowed.has(a.text)) this.refuse(a ?? e, `rt.${name} needs a known name here`);
    };
    if (name === 'call' || name === 'fn') literal(0, CALLABLE);
    if (name === 'callMethod') literal(1, SUPPORTED_METHODS);
    if (name === 'getattr') literal(1, STRUCT_TIME_FIELDS);
    if (name === 'constant') literal(0, CONSTANT_NAMES);
    if (name === 'inplace') literal(0, OPERATORS);
    for (const a of e.arguments) {
      if (ts.isSpreadElement(a)) this.refuse(a, 'spread arguments are not allowed');
      else this.expression(a);
    }
  }
}
