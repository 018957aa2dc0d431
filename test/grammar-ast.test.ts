/**
 * The AST of every accepted construct and literal form, and Python's
 * precedence. Trees are compared as compact s-expressions; spans are checked
 * separately on a few nodes.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { grammarDefinitionErrors, parseRule, type Expression, type Statement, type Slice, type TupleOfSlices } from '../grammar/src/index.js';

/** A compact rendering: `(op left right)`, names bare, literals with their value. */
function sx(n: Expression | Slice | TupleOfSlices | undefined): string {
  if (!n) return '_';
  switch (n.kind) {
    case 'Name': return n.id;
    case 'Int': return `${n.value}n`;
    case 'Float': return `${n.value}f`;
    case 'String': return JSON.stringify(n.value);
    case 'Bool': return String(n.value);
    case 'None': return 'None';
    case 'UnaryOp': return `(${n.op} ${sx(n.operand)})`;
    case 'BinOp': return `(${n.op} ${sx(n.left)} ${sx(n.right)})`;
    case 'BoolOp': return `(${n.op} ${n.values.map(sx).join(' ')})`;
    case 'Compare': return `(cmp ${sx(n.left)} ${n.ops.map((o, i) => `${o} ${sx(n.comparators[i])}`).join(' ')})`;
    case 'IfExp': return `(ifexp ${sx(n.test)} ${sx(n.body)} ${sx(n.orelse)})`;
    case 'Call': return `(call ${sx(n.func)}${n.args.map((a) => ` ${sx(a)}`).join('')}${n.keywords.map((k) => ` ${k.name}=${sx(k.value)}`).join('')})`;
    case 'Attribute': return `(. ${sx(n.value)} ${n.attr})`;
    case 'Subscript': return `(sub ${sx(n.value)} ${sx(n.index)})`;
    case 'Slice': return `(slice ${sx(n.lower)} ${sx(n.upper)} ${sx(n.step)})`;
    case 'TupleOfSlices': return `(tuple-slices ${n.elements.map(sx).join(' ')})`;
    case 'List': return `[${n.elements.map(sx).join(' ')}]`;
    case 'Tuple': return `(tuple${n.elements.map((e) => ` ${sx(e)}`).join('')})`;
    case 'Dict': return `{${n.keys.map((k, i) => `${sx(k)}: ${sx(n.values[i])}`).join(', ')}}`;
    case 'Starred': return `(${n.double ? '**' : '*'}${sx(n.value)})`;
    case 'NamedExpr': return `(:= ${sx(n.target)} ${sx(n.value)})`;
    case 'Backquote': return `(\` ${sx(n.value)})`;
    case 'UnsupportedExpression': return `<${n.expression}>`;
    case 'Missing': return '<missing>';
  }
}

function st(s: Statement): string {
  const block = (b: readonly Statement[]) => `[${b.map(st).join('; ')}]`;
  switch (s.kind) {
    case 'Assign': return `(= ${s.targets.map(sx).join(' ')} ${sx(s.value)})`;
    case 'AugAssign': return `(${s.op} ${sx(s.target)} ${sx(s.value)})`;
    case 'IncDec': return `(${s.op} ${sx(s.target)})`;
    case 'If': return `(${s.elif ? 'elif' : 'if'} ${sx(s.test)} ${block(s.body)} ${block(s.orelse)})`;
    case 'For': return `(for ${sx(s.target)} ${sx(s.iter)} ${block(s.body)} ${block(s.orelse)})`;
    case 'While': return `(while ${sx(s.test)} ${block(s.body)} ${block(s.orelse)})`;
    case 'Break': case 'Continue': case 'Pass': case 'MissingStatement': return s.kind.toLowerCase();
    case 'ExprStatement': return sx(s.value);
    case 'PrintStatement': return `(print2${s.destination ? ` >>${sx(s.destination)}` : ''} ${s.values.map(sx).join(' ')}${s.trailingComma ? ' ,' : ''})`;
    case 'ExecStatement': return `(exec2 ${sx(s.code)})`;
    case 'UnsupportedStatement': return `<${s.statement} ${block(s.body)}>`;
  }
}

function parseClean(text: string) {
  const parsed = parseRule(text);
  assert.equal(parsed.problems.map((p) => `${p.code} ${JSON.stringify(p.args)}`), [], `problems in ${JSON.stringify(text)}`);
  return parsed.module;
}
const expr = (text: string) => st(parseClean(`${text}\n`).body[0]!);
const stmts = (text: string) => parseClean(text).body.map(st).join('; ');

const ast = suite('grammar ast');

ast('precedence follows Python', () => {
  assert.is(expr('-2**2'), '(- (** 2n 2n))');
  assert.is(expr('2**-1'), '(** 2n (- 1n))');
  assert.is(expr('2**3**2'), '(** 2n (** 3n 2n))');
  assert.is(expr('1 + 2 * 3'), '(+ 1n (* 2n 3n))');
  assert.is(expr('1 - 2 - 3'), '(- (- 1n 2n) 3n)');
  assert.is(expr('a | b ^ c & d << 1 + 2'), '(| a (^ b (& c (<< d (+ 1n 2n)))))');
  assert.is(expr('a // b % c / d'), '(/ (% (// a b) c) d)');
  assert.is(expr('not a == b and c or d'), '(or (and (not (cmp a == b)) c) d)');
  assert.is(expr('a or b or c'), '(or a b c)');
  assert.is(expr('~a + -b'), '(+ (~ a) (- b))');
  assert.is(expr('x if c else y if d else z'), '(ifexp c x (ifexp d y z))');
  assert.is(expr('a < b + 1 <= c'), '(cmp a < (+ b 1n) <= c)');
  assert.is(expr('a in b and c not in d and e is None and f is not None'), '(and (cmp a in b) (cmp c not in d) (cmp e is None) (cmp f is not None))');
});

ast('literals', () => {
  assert.is(expr('0x1F'), '31n');
  assert.is(expr('0o17'), '15n');
  assert.is(expr('0b101'), '5n');
  assert.is(expr('1_000_000'), '1000000n');
  assert.is(expr('123456789012345678901234567890'), '123456789012345678901234567890n');
  assert.is(expr('1.'), '1f');
  assert.is(expr('.5'), '0.5f');
  assert.is(expr('1e3'), '1000f');
  assert.is(expr('1_000.5'), '1000.5f');
  assert.is(expr('2.5E-3'), '0.0025f');
  assert.is(expr('True'), 'true');
  assert.is(expr('None'), 'None');
  const n = parseClean('0x1F\n').body[0]!;
  assert.ok(n.kind === 'ExprStatement' && n.value.kind === 'Int' && n.value.raw === '0x1F');
});

ast('strings: quotes, prefixes, concatenation, escapes', () => {
  assert.is(expr(`'a' "b"`), '"ab"');
  assert.is(expr(`'''x\ny'''`), '"x\\ny"');
  assert.is(expr(`"""q"q"""`), '"q\\"q"');
  assert.is(expr(`r'\\d\\n'`), '"\\\\d\\\\n"');
  assert.is(expr(`u'x' U'y' R'z'`), '"xyz"');
  assert.is(expr(`'\\t\\n\\r\\\\\\'\\"\\a\\b\\f\\v'`), JSON.stringify('\t\n\r\\\'"\x07\b\f\v'));
  assert.is(expr(`'\\101\\x41\\u00e9\\U0001F600\\N{DEGREE SIGN}'`), JSON.stringify('AAé😀°'));
  assert.is(expr(`'a\\\nb'`), '"ab"');
  const s = parseClean(`x = 'a' 'bc'\n`).body[0]!;
  assert.ok(s.kind === 'Assign' && s.value.kind === 'String');
  if (s.kind === 'Assign' && s.value.kind === 'String') {
    assert.equal(s.value.parts.map((p) => [p.raw, p.start, p.end]), [["'a'", 4, 7], ["'bc'", 8, 12]]);
  }
});

ast('calls, attributes, subscripts, slices, displays', () => {
  assert.is(expr('f(a, b, key=v, reverse=True)'), '(call f a b key=v reverse=true)');
  assert.is(expr('f(a,)'), '(call f a)');
  assert.is(expr('time.time()'), '(call (. time time))');
  assert.is(expr('x[i]'), '(sub x i)');
  assert.is(expr('x[i:j]'), '(sub x (slice i j _))');
  assert.is(expr('x[::k]'), '(sub x (slice _ _ k))');
  assert.is(expr('x[:]'), '(sub x (slice _ _ _))');
  assert.is(expr('d[a, b]'), '(sub d (tuple a b))');
  assert.is(expr('[1, 2,]'), '[1n 2n]');
  assert.is(expr('[]'), '[]');
  assert.is(expr('(1,)'), '(tuple 1n)');
  assert.is(expr('()'), '(tuple)');
  assert.is(expr('(a)'), 'a');
  assert.is(expr('{}'), '{}');
  assert.is(expr("{'a': 1, 'b': [2]}"), '{"a": 1n, "b": [2n]}');
  assert.is(expr('(1 +\n  2)'), '(+ 1n 2n)');
  assert.is(expr('1 + \\\n  2'), '(+ 1n 2n)');
});

ast('statements', () => {
  assert.is(stmts('a = b = 1\n'), '(= a b 1n)');
  assert.is(stmts('a, b = b, a\n'), '(= (tuple a b) (tuple b a))');
  assert.is(stmts('(a, (b, c)) = x\n[d, e] = y\n'), '(= (tuple a (tuple b c)) x); (= [d e] y)');
  assert.is(stmts('xs[1:2] = ys\nd[k] += 1\n'), '(= (sub xs (slice 1n 2n _)) ys); (+= (sub d k) 1n)');
  assert.is(stmts('x = 1; y = 2;\n'), '(= x 1n); (= y 2n)');
  assert.is(stmts('if a: b = 1; c = 2\n'), '(if a [(= b 1n); (= c 2n)] [])');
  assert.is(stmts('if a:\n  b\nelif c:\n  d\nelif e:\n  f\nelse:\n  g\n'), '(if a [b] [(elif c [d] [(elif e [f] [g])])])');
  assert.is(stmts('for k, v in d.items():\n  continue\nelse:\n  pass\n'), '(for (tuple k v) (call (. d items)) [continue] [pass])');
  assert.is(stmts('while x:\n  break\n'), '(while x [break] [])');
  assert.is(stmts('# comment\n\nif a:\n\n  # inside\n  b\n\n  c\nd\n'), '(if a [b; c] []); d');
  assert.is(stmts('if a:\n  if b:\n    c\nd\n'), '(if a [(if b [c] [])] []); d');
});

ast('Python 2 and refused forms keep a node', () => {
  assert.is(st(parseRule('print "a", b,\n').module.body[0]!), '(print2 "a" b ,)');
  assert.is(st(parseRule('print >>f, x\n').module.body[0]!), '(print2 >>f x)');
  assert.is(st(parseRule('exec "x"\n').module.body[0]!), '(exec2 "x")');
  assert.is(st(parseRule('x++\n').module.body[0]!), '(++ x)');
  assert.is(st(parseRule('def f(x):\n  return x\n').module.body[0]!), '<def [<return []>]>');
  assert.is(st(parseRule('y = [x for x in xs]\n').module.body[0]!), '(= y <list comprehension>)');
});

ast('spans are UTF-16 offsets into the rule text', () => {
  const text = 'é = 1\nif x > 10:\n  y = f(a)[0]\n';
  const body = parseRule(text).module.body;
  const iff = body[1]!;
  assert.is(text.slice(iff.start, iff.end), 'if x > 10:\n  y = f(a)[0]');
  assert.ok(iff.kind === 'If');
  if (iff.kind === 'If') {
    assert.is(text.slice(iff.test.start, iff.test.end), 'x > 10');
    const assign = iff.body[0]!;
    assert.ok(assign.kind === 'Assign');
    if (assign.kind === 'Assign') assert.is(text.slice(assign.value.start, assign.value.end), 'f(a)[0]');
  }
});

ast('recovery: a Missing node where input was skipped, and the rest of the rule is parsed', () => {
  const parsed = parseRule('x = \ny = 2\n');
  assert.is(parsed.problems.length, 1);
  assert.is(parsed.module.body.map(st).join('; '), '(= x <missing>); (= y 2n)');
  const broken = parseRule('if x >:\n  y = 1\nz = print "a"\nw = 3\n');
  assert.ok(broken.problems.filter((p) => p.code === 'RL100').length >= 2, 'one error per broken line');
  assert.ok(broken.module.body.some((s) => st(s) === '(= w 3n)'), 'statements after the errors are kept');
});

ast('never throws on odd input', () => {
  for (const text of ['', '\n', ')', '(((', 'if', ':', '\t', '"', "'''", 'x = [1, 2', 'elif x:', '\\', 'a.b.', 'f(,)', 'x[', 'lambda', '{1:', '**', 'not', '@', 'x = 1 if', 'for in:', 'print >>']) {
    const parsed = parseRule(text);
    assert.ok(Array.isArray(parsed.module.body));
    for (const p of parsed.problems) assert.ok(p.start <= p.end && p.end <= Math.max(1, text.length), `range of ${p.code} in ${JSON.stringify(text)}`);
  }
});

ast('the grammar and the token definitions pass all of Chevrotain\'s validations', () => {
  assert.equal(grammarDefinitionErrors(), []);
});

ast.run();
