import { decodeString, floatValue, intValue } from './literals.js';
import { tokenEnd } from './token-range.js';
function isToken(e) {
    return e !== undefined && 'image' in e;
}
export function toAst(cst, textLength) {
    const builder = new AstBuilder();
    const body = builder.statements(cst.children);
    return { module: { kind: 'Module', body, start: 0, end: textLength }, problems: builder.problems };
}
const span = (start, end) => ({ start, end });
/** The offset of a CST node's first real token (Infinity when it has none). */
function firstOffset(n) {
    let first = Infinity;
    for (const list of Object.values(n.children)) {
        for (const e of list ?? []) {
            const offset = isToken(e) ? (Number.isNaN(e.startOffset) ? Infinity : e.startOffset) : firstOffset(e);
            if (offset < first)
                first = offset;
        }
    }
    return first;
}
class AstBuilder {
    problems = [];
    /** End of the last real token read: where a Missing node goes. */
    lastEnd = 0;
    node(c, key, i = 0) {
        const e = c[key]?.[i];
        return e && !isToken(e) ? e : undefined;
    }
    nodes(c, key) {
        return (c[key] ?? []).filter((e) => !isToken(e));
    }
    /** A real token, or undefined for one recovery inserted. */
    tok(c, key, i = 0) {
        const e = c[key]?.[i];
        if (!isToken(e) || e.isInsertedInRecovery || Number.isNaN(e.startOffset))
            return undefined;
        this.lastEnd = Math.max(this.lastEnd, tokenEnd(e));
        return e;
    }
    toks(c, key) {
        return (c[key] ?? []).filter((e) => isToken(e) && !e.isInsertedInRecovery && !Number.isNaN(e.startOffset));
    }
    missing() {
        return { kind: 'Missing', start: this.lastEnd, end: this.lastEnd };
    }
    // ----- statements
    /** The statements of a module or block, reporting the stray tokens between them. */
    statements(c) {
        const out = [];
        const strays = this.nodes(c, 'stray');
        let items = this.nodes(c, 'statement');
        if (strays.length > 0) {
            // The CST groups children by name; put strays back in source order (rare, so the cost is fine).
            const keyed = [...items, ...strays].map((n) => [firstOffset(n), n]);
            items = keyed.sort((a, b) => a[0] - b[0]).map(([, n]) => n);
        }
        for (const n of items) {
            if (n.name === 'statement') {
                out.push(...this.statement(n));
                continue;
            }
            const tok = Object.values(n.children).flat().find(isToken);
            if (!tok || tok.isInsertedInRecovery || Number.isNaN(tok.startOffset) || tok.image === '')
                continue;
            this.problems.push({ code: 'RL100', start: tok.startOffset, end: tokenEnd(tok), args: { expected: 'a statement', found: tok.image === '\n' ? 'the end of the line' : `'${tok.image}'` } });
        }
        return out;
    }
    statement(n) {
        const c = n.children;
        const simple = this.node(c, 'simpleStmts');
        if (simple)
            return this.simpleStatements(simple);
        const ifs = this.node(c, 'ifStmt');
        if (ifs)
            return [this.ifStatement(ifs)];
        const loop = this.node(c, 'forStmt') ?? this.node(c, 'whileStmt');
        if (loop)
            return [this.loop(loop)];
        const other = this.node(c, 'tryStmt') ?? this.node(c, 'rejectedCompound');
        if (other)
            return [this.rejectedCompound(other)];
        return [];
    }
    simpleStatements(n) {
        const out = [];
        for (const s of this.nodes(n.children, 'smallStmt')) {
            const stmt = this.smallStatement(s);
            if (stmt)
                out.push(stmt);
        }
        this.tok(n.children, 'Newline');
        return out;
    }
    smallStatement(n) {
        const c = n.children;
        for (const kind of ['Pass', 'Break', 'Continue']) {
            const t = this.tok(c, kind);
            if (t)
                return { kind, start: t.startOffset, end: tokenEnd(t) };
        }
        const expr = this.node(c, 'exprStmt');
        if (expr)
            return this.expressionStatement(expr);
        const print = this.node(c, 'print2Stmt');
        if (print)
            return this.printStatement(print);
        const exec = this.node(c, 'exec2Stmt');
        if (exec) {
            const kw = this.tok(exec.children, 'Identifier');
            const code = this.expr(this.node(exec.children, 'test'));
            return { kind: 'ExecStatement', code, start: kw?.startOffset ?? code.start, end: code.end };
        }
        const rejected = this.node(c, 'rejectedSimple');
        if (rejected) {
            const kw = this.tok(rejected.children, 'keyword');
            if (!kw)
                return undefined;
            let end = tokenEnd(kw);
            for (const key of ['HeaderAny', 'Colon'])
                for (const t of this.toks(rejected.children, key))
                    end = Math.max(end, tokenEnd(t));
            this.lastEnd = Math.max(this.lastEnd, end);
            return { kind: 'UnsupportedStatement', statement: kw.image, keyword: span(kw.startOffset, tokenEnd(kw)), body: [], start: kw.startOffset, end };
        }
        return undefined;
    }
    expressionStatement(n) {
        const c = n.children;
        const first = this.sequence(this.node(c, 'first'));
        const aug = this.tok(c, 'AugAssign');
        if (aug) {
            const value = this.sequence(this.node(c, 'value'));
            return { kind: 'AugAssign', target: first, op: aug.image, value, start: first.start, end: value.end };
        }
        const incDec = this.tok(c, 'IncDec');
        if (incDec)
            return { kind: 'IncDec', target: first, op: incDec.image, start: first.start, end: tokenEnd(incDec) };
        const rest = this.nodes(c, 'rest').map((r) => this.sequence(r));
        if (rest.length > 0) {
            const value = rest[rest.length - 1];
            return { kind: 'Assign', targets: [first, ...rest.slice(0, -1)], value, start: first.start, end: value.end };
        }
        return { kind: 'ExprStatement', value: first, start: first.start, end: first.end };
    }
    printStatement(n) {
        const c = n.children;
        const kw = this.tok(c, 'Identifier');
        const chevron = this.node(c, 'chevron');
        const destination = chevron ? this.expr(chevron) : undefined;
        const list = this.node(c, 'values');
        const values = list ? this.nodes(list.children, 'items').map((i) => this.expr(i)) : [];
        const trailing = list ? this.tok(list.children, 'trailing') : undefined;
        const start = kw?.startOffset ?? destination?.start ?? values[0]?.start ?? this.lastEnd;
        const end = Math.max(trailing ? tokenEnd(trailing) : 0, values.at(-1)?.end ?? 0, destination?.end ?? 0, kw ? tokenEnd(kw) : 0, start);
        return { kind: 'PrintStatement', values, trailingComma: trailing !== undefined, ...(destination ? { destination } : {}), start, end };
    }
    suite(n) {
        if (!n)
            return [];
        const simple = this.node(n.children, 'simpleStmts');
        return simple ? this.simpleStatements(simple) : this.statements(n.children);
    }
    ifStatement(n, keyword = 'If') {
        const c = n.children;
        const kw = this.tok(c, keyword);
        const test = this.expr(this.node(c, 'test'));
        this.tok(c, 'Colon');
        const body = this.suite(this.node(c, 'body'));
        const elifs = this.nodes(c, 'elifClause');
        const elseClause = this.node(c, 'elseClause');
        // Build the elif chain from the end: each elif is the orelse of the one before.
        let orelse = [];
        const parts = elifs.map((e) => this.ifStatement(e, 'Elif'));
        const elseBody = elseClause ? this.suite(this.node(elseClause.children, 'body')) : [];
        orelse = elseBody;
        for (let i = parts.length - 1; i >= 0; i--) {
            const p = parts[i];
            const chained = { ...p, orelse, end: Math.max(p.end, orelse.at(-1)?.end ?? p.end), elif: true };
            orelse = [chained];
        }
        const start = kw?.startOffset ?? test.start;
        return { kind: 'If', test, body, orelse, elif: keyword === 'Elif', start, end: this.endOf(test.end, body, orelse) };
    }
    /** A compound statement ends with its last block statement, or at `end` when its blocks are empty. */
    endOf(end, ...blocks) {
        for (const b of blocks)
            end = Math.max(end, b.at(-1)?.end ?? end);
        return end;
    }
    loop(n) {
        const c = n.children;
        const elseClause = this.node(c, 'elseClause');
        if (n.name === 'whileStmt') {
            const kw = this.tok(c, 'While');
            const test = this.expr(this.node(c, 'test'));
            const body = this.suite(this.node(c, 'body'));
            const orelse = elseClause ? this.suite(this.node(elseClause.children, 'body')) : [];
            const start = kw?.startOffset ?? test.start;
            return { kind: 'While', test, body, orelse, start, end: this.endOf(test.end, body, orelse) };
        }
        const kw = this.tok(c, 'For');
        const target = this.sequence(this.node(c, 'target'));
        const iter = this.sequence(this.node(c, 'iter'));
        const body = this.suite(this.node(c, 'body'));
        const orelse = elseClause ? this.suite(this.node(elseClause.children, 'body')) : [];
        const start = kw?.startOffset ?? target.start;
        return { kind: 'For', target, iter, body, orelse, start, end: this.endOf(iter.end, body, orelse) };
    }
    rejectedCompound(n) {
        const c = n.children;
        const kw = this.tok(c, 'keyword');
        const body = this.nodes(c, 'suite').flatMap((s) => this.suite(s));
        const start = kw.startOffset;
        return { kind: 'UnsupportedStatement', statement: kw.image, keyword: span(start, tokenEnd(kw)), body, start, end: this.endOf(tokenEnd(kw), body) };
    }
    // ----- expressions
    /** `a, b` lists (targetList, testList, exprList): one item without a comma is the item itself. */
    sequence(n) {
        if (!n)
            return this.missing();
        const items = this.nodes(n.children, 'items').map((i) => this.expr(i));
        const commas = this.toks(n.children, 'Comma').length + (this.tok(n.children, 'trailing') ? 1 : 0);
        if (items.length === 1 && commas === 0)
            return items[0];
        if (items.length === 0)
            return this.missing();
        const trailing = this.tok(n.children, 'trailing');
        return { kind: 'Tuple', elements: items, parenthesized: false, start: items[0].start, end: Math.max(items.at(-1).end, trailing ? tokenEnd(trailing) : 0) };
    }
    /** Any expression-level CST node. */
    expr(n) {
        if (!n)
            return this.missing();
        const c = n.children;
        switch (n.name) {
            case 'test':
                return this.test(n);
            case 'namedTest': {
                const target = this.expr(this.node(c, 'target'));
                if (!c['Walrus'])
                    return target;
                this.tok(c, 'Walrus');
                const value = this.expr(this.node(c, 'value'));
                return { kind: 'NamedExpr', target, value, start: target.start, end: value.end };
            }
            case 'starOrTest':
            case 'starOrBitOr': {
                const star = this.tok(c, 'Star');
                const inner = this.expr(this.node(c, 'bitOr') ?? this.node(c, 'namedTest'));
                return star ? { kind: 'Starred', value: inner, double: false, start: star.startOffset, end: inner.end } : inner;
            }
            case 'testList':
                return this.sequence(n);
            case 'orTest':
            case 'andTest': {
                const values = this.nodes(c, 'operands').map((o) => this.expr(o));
                if (values.length === 1)
                    return values[0];
                this.toks(c, n.name === 'orTest' ? 'Or' : 'And');
                return { kind: 'BoolOp', op: n.name === 'orTest' ? 'or' : 'and', values, start: values[0].start, end: values.at(-1).end };
            }
            case 'notTest': {
                const not = this.tok(c, 'Not');
                if (!not)
                    return this.expr(this.node(c, 'comparison'));
                const operand = this.expr(this.node(c, 'notTest'));
                return { kind: 'UnaryOp', op: 'not', operand, start: not.startOffset, end: Math.max(operand.end, tokenEnd(not)) };
            }
            case 'comparison':
                return this.comparison(n);
            case 'bitOr':
            case 'bitXor':
            case 'bitAnd':
            case 'shift':
            case 'arith':
            case 'term':
                return this.binary(n);
            case 'factor': {
                const op = this.tok(c, 'UnaryOp');
                if (!op)
                    return this.expr(this.node(c, 'power'));
                const operand = this.expr(this.node(c, 'factor'));
                return { kind: 'UnaryOp', op: op.image, operand, start: op.startOffset, end: Math.max(operand.end, tokenEnd(op)) };
            }
            case 'power':
                return this.power(n);
            case 'atomExpr':
                return this.atomExpression(n);
            default:
                return this.missing();
        }
    }
    test(n) {
        const c = n.children;
        const lambda = this.node(c, 'lambdef');
        if (lambda) {
            const kw = this.tok(lambda.children, 'Lambda');
            const body = this.expr(this.node(lambda.children, 'test'));
            return { kind: 'UnsupportedExpression', expression: 'lambda', start: kw?.startOffset ?? body.start, end: body.end };
        }
        const body = this.expr(this.node(c, 'body'));
        if (!c['If'])
            return body;
        this.tok(c, 'If');
        const test = this.expr(this.node(c, 'condition'));
        this.tok(c, 'Else');
        const orelse = this.expr(this.node(c, 'orelse'));
        return { kind: 'IfExp', test, body, orelse, start: body.start, end: orelse.end };
    }
    comparison(n) {
        const c = n.children;
        const operands = this.nodes(c, 'operands');
        const left = this.expr(operands[0]);
        const opNodes = this.nodes(c, 'ops');
        if (opNodes.length === 0)
            return left;
        const ops = [];
        const opSpans = [];
        const comparators = [];
        opNodes.forEach((o, i) => {
            const oc = o.children;
            const toks = [...this.toks(oc, 'CompareOp'), ...this.toks(oc, 'Is'), ...this.toks(oc, 'Not'), ...this.toks(oc, 'In')].sort((a, b) => a.startOffset - b.startOffset);
            if (toks.length === 0) {
                ops.push('==');
                opSpans.push(span(this.lastEnd, this.lastEnd));
            }
            else {
                toks.forEach((t) => (this.lastEnd = Math.max(this.lastEnd, tokenEnd(t))));
                ops.push(toks.map((t) => t.image).join(' '));
                opSpans.push(span(toks[0].startOffset, tokenEnd(toks.at(-1))));
            }
            comparators.push(this.expr(operands[i + 1]));
        });
        return { kind: 'Compare', left, ops, opSpans, comparators, start: left.start, end: comparators.at(-1).end };
    }
    binary(n) {
        const c = n.children;
        const operands = this.nodes(c, 'operands');
        const ops = (c['ops'] ?? []).filter(isToken);
        let left = this.expr(operands[0]);
        ops.forEach((op, i) => {
            this.tok(c, 'ops', i);
            const right = this.expr(operands[i + 1]);
            const opStart = Number.isNaN(op.startOffset) ? left.end : op.startOffset;
            left = { kind: 'BinOp', op: op.image, left, right, opSpan: span(opStart, opStart + op.image.length), start: left.start, end: Math.max(right.end, left.end) };
        });
        return left;
    }
    power(n) {
        const c = n.children;
        const awaitTok = this.tok(c, 'Await');
        let base = this.atomExpression(this.node(c, 'atomExpr'));
        if (awaitTok)
            base = { kind: 'UnsupportedExpression', expression: 'await', start: awaitTok.startOffset, end: base.end };
        const op = this.tok(c, 'DoubleStar');
        if (!c['DoubleStar'])
            return base;
        const right = this.expr(this.node(c, 'factor'));
        const opStart = op?.startOffset ?? base.end;
        return { kind: 'BinOp', op: '**', left: base, right, opSpan: span(opStart, opStart + 2), start: base.start, end: right.end };
    }
    atomExpression(n) {
        if (!n)
            return this.missing();
        let value = this.atom(this.node(n.children, 'atom'));
        for (const trailer of this.nodes(n.children, 'trailer'))
            value = this.trailer(value, trailer);
        return value;
    }
    trailer(value, n) {
        const c = n.children;
        if (c['Dot']) {
            this.tok(c, 'Dot');
            const name = this.tok(c, 'Identifier');
            if (!name)
                return { kind: 'Attribute', value, attr: '', attrSpan: span(this.lastEnd, this.lastEnd), start: value.start, end: this.lastEnd };
            return { kind: 'Attribute', value, attr: name.image, attrSpan: span(name.startOffset, tokenEnd(name)), start: value.start, end: tokenEnd(name) };
        }
        if (c['LParen']) {
            this.tok(c, 'LParen');
            const { args, keywords } = this.argumentList(this.node(c, 'argList'));
            const close = this.tok(c, 'RParen');
            return { kind: 'Call', func: value, args, keywords, start: value.start, end: close ? tokenEnd(close) : this.lastEnd };
        }
        this.tok(c, 'LBracket');
        const index = this.subscriptList(this.node(c, 'subscriptList'));
        const close = this.tok(c, 'RBracket');
        return { kind: 'Subscript', value, index, start: value.start, end: close ? tokenEnd(close) : this.lastEnd };
    }
    argumentList(n) {
        const args = [];
        const keywords = [];
        for (const a of n ? this.nodes(n.children, 'items') : []) {
            const c = a.children;
            const star = this.tok(c, 'Star') ?? this.tok(c, 'DoubleStar');
            if (star) {
                const value = this.expr(this.node(c, 'starred'));
                args.push({ kind: 'Starred', value, double: star.image === '**', start: star.startOffset, end: value.end });
                continue;
            }
            const value = this.expr(this.node(c, 'value'));
            if (c['Assign']) {
                this.tok(c, 'Assign');
                const kwValue = this.expr(this.node(c, 'keywordValue'));
                if (value.kind !== 'Name') {
                    this.problems.push({ code: 'RL100', start: value.start, end: value.end, args: { expected: "a parameter name before '='", found: 'an expression' } });
                    continue;
                }
                keywords.push({ name: value.id, nameSpan: span(value.start, value.end), value: kwValue, start: value.start, end: kwValue.end });
                continue;
            }
            const comp = this.node(c, 'compFor');
            const positional = comp ? { kind: 'UnsupportedExpression', expression: 'generator expression', start: value.start, end: this.compEnd(comp, value.end) } : value;
            if (keywords.length > 0) {
                this.problems.push({ code: 'RL100', start: positional.start, end: positional.end, args: { expected: 'a keyword argument (name=value), because positional arguments come first', found: 'a positional argument' } });
            }
            args.push(positional);
        }
        if (n)
            this.tok(n.children, 'trailing');
        return { args, keywords };
    }
    /** The end of a comprehension clause: its parts are not kept, but the span must cover them. */
    compEnd(comp, fallback) {
        let end = fallback;
        const visit = (e) => {
            if (isToken(e)) {
                if (!e.isInsertedInRecovery && !Number.isNaN(e.startOffset))
                    end = Math.max(end, tokenEnd(e));
            }
            else
                for (const list of Object.values(e.children))
                    list?.forEach(visit);
        };
        visit(comp);
        this.lastEnd = Math.max(this.lastEnd, end);
        return end;
    }
    subscriptList(n) {
        if (!n)
            return this.missing();
        const items = this.nodes(n.children, 'items').map((i) => this.subscript(i));
        const trailing = this.tok(n.children, 'trailing');
        if (items.length === 1 && !trailing)
            return items[0];
        if (items.length === 0)
            return this.missing();
        const start = items[0].start;
        const end = Math.max(items.at(-1).end, trailing ? tokenEnd(trailing) : 0);
        const plain = items.filter((i) => i.kind !== 'Slice');
        if (plain.length === items.length)
            return { kind: 'Tuple', elements: plain, parenthesized: false, start, end };
        return { kind: 'TupleOfSlices', elements: items, start, end };
    }
    subscript(n) {
        const c = n.children;
        const lowerNode = this.node(c, 'lower');
        const lower = lowerNode ? this.expr(lowerNode) : undefined;
        const rest = this.node(c, 'sliceRest');
        if (!rest)
            return lower ?? this.missing();
        const rc = rest.children;
        const colon = this.tok(rc, 'Colon');
        const upperNode = this.node(rc, 'upper');
        const upper = upperNode ? this.expr(upperNode) : undefined;
        const stepColon = this.tok(rc, 'stepColon');
        const stepNode = this.node(rc, 'step');
        const step = stepNode ? this.expr(stepNode) : undefined;
        const start = lower?.start ?? colon?.startOffset ?? this.lastEnd;
        const end = Math.max(start, step?.end ?? 0, stepColon ? tokenEnd(stepColon) : 0, upper?.end ?? 0, colon ? tokenEnd(colon) : 0);
        return { kind: 'Slice', ...(lower ? { lower } : {}), ...(upper ? { upper } : {}), ...(step ? { step } : {}), start, end };
    }
    atom(n) {
        if (!n)
            return this.missing();
        const c = n.children;
        const name = this.tok(c, 'Identifier');
        if (name)
            return { kind: 'Name', id: name.image, start: name.startOffset, end: tokenEnd(name) };
        const int = this.tok(c, 'Int');
        if (int)
            return { kind: 'Int', raw: int.image, ...intValue(int.image), start: int.startOffset, end: tokenEnd(int) };
        const float = this.tok(c, 'Float');
        if (float)
            return { kind: 'Float', raw: float.image, ...floatValue(float.image), start: float.startOffset, end: tokenEnd(float) };
        if (c['String'] || c['UnterminatedString'])
            return this.string(c);
        for (const [key, value] of [['True', true], ['False', false]]) {
            const t = this.tok(c, key);
            if (t)
                return { kind: 'Bool', value, start: t.startOffset, end: tokenEnd(t) };
        }
        const none = this.tok(c, 'None');
        if (none)
            return { kind: 'None', start: none.startOffset, end: tokenEnd(none) };
        const ellipsis = this.tok(c, 'Ellipsis');
        if (ellipsis)
            return { kind: 'UnsupportedExpression', expression: 'ellipsis', start: ellipsis.startOffset, end: tokenEnd(ellipsis) };
        const yieldTok = this.tok(c, 'Yield');
        if (yieldTok) {
            const value = this.node(c, 'yielded');
            const end = value ? this.expr(value).end : tokenEnd(yieldTok);
            return { kind: 'UnsupportedExpression', expression: 'yield', start: yieldTok.startOffset, end };
        }
        const tick = this.tok(c, 'Backtick');
        if (tick) {
            const value = this.sequence(this.node(c, 'repr'));
            const close = this.tok(c, 'Backtick', 1);
            return { kind: 'Backquote', value, start: tick.startOffset, end: close ? tokenEnd(close) : value.end };
        }
        if (c['LParen'] || c['LBracket'])
            return this.display(c);
        if (c['LBrace'])
            return this.braces(c);
        return this.missing();
    }
    string(c) {
        const toks = [...this.toks(c, 'String').map((t) => [t, true]), ...this.toks(c, 'UnterminatedString').map((t) => [t, false])].sort((a, b) => a[0].startOffset - b[0].startOffset);
        const parts = toks.map(([t, terminated]) => decodeString(t.image, t.startOffset, terminated, this.problems));
        return { kind: 'String', value: parts.map((p) => p.value).join(''), parts, start: parts[0].start, end: parts.at(-1).end };
    }
    /** `( ... )` and `[ ... ]`. */
    display(c) {
        const isList = c['LBracket'] !== undefined;
        const open = this.tok(c, isList ? 'LBracket' : 'LParen');
        const itemsNode = this.node(c, 'items');
        const items = itemsNode ? this.nodes(itemsNode.children, 'items').map((i) => this.expr(i)) : [];
        const comp = itemsNode ? this.node(itemsNode.children, 'compFor') : undefined;
        if (comp)
            this.compEnd(comp, this.lastEnd);
        const trailing = itemsNode ? this.tok(itemsNode.children, 'trailing') : undefined;
        const close = this.tok(c, isList ? 'RBracket' : 'RParen');
        const start = open?.startOffset ?? items[0]?.start ?? this.lastEnd;
        const end = close ? tokenEnd(close) : this.lastEnd;
        if (comp)
            return { kind: 'UnsupportedExpression', expression: isList ? 'list comprehension' : 'generator expression', start, end };
        if (isList)
            return { kind: 'List', elements: items, start, end };
        const commas = itemsNode ? (itemsNode.children['Comma']?.length ?? 0) + (trailing ? 1 : 0) : 0;
        // A parenthesised expression keeps its own span, as in Python's ast.
        if (items.length === 1 && commas === 0)
            return items[0];
        return { kind: 'Tuple', elements: items, parenthesized: true, start, end };
    }
    /** `{ ... }`: a dict, `{}`, or the refused set display and comprehensions. */
    braces(c) {
        const open = this.tok(c, 'LBrace');
        const entries = this.node(c, 'entries');
        const keys = [];
        const values = [];
        let setItems = 0;
        let firstHasColon = false;
        let comp;
        if (entries) {
            this.nodes(entries.children, 'items').forEach((item, i) => {
                const ic = item.children;
                const star = this.tok(ic, 'DoubleStar') ?? this.tok(ic, 'Star');
                if (star) {
                    const value = this.expr(this.node(ic, 'starred'));
                    const starred = { kind: 'Starred', value, double: star.image === '**', start: star.startOffset, end: value.end };
                    if (starred.double) {
                        keys.push(starred);
                        values.push(value);
                    }
                    else
                        setItems++;
                    return;
                }
                const key = this.expr(this.node(ic, 'key'));
                if (ic['Colon']) {
                    const colon = this.tok(ic, 'Colon');
                    if (setItems > 0 && colon)
                        this.problems.push({ code: 'RL100', start: colon.startOffset, end: tokenEnd(colon), args: { expected: "',' or '}', as after the set's other items", found: "':'" } });
                    keys.push(key);
                    values.push(this.expr(this.node(ic, 'value')));
                    if (i === 0)
                        firstHasColon = true;
                }
                else {
                    setItems++;
                    if (keys.length > 0)
                        this.problems.push({ code: 'RL100', start: key.end, end: key.end + 1, args: { expected: "':' and a value, as in the dict's other entries", found: 'an item without a value' } });
                }
            });
            comp = this.node(entries.children, 'compFor');
            if (comp)
                this.compEnd(comp, this.lastEnd);
            this.tok(entries.children, 'trailing');
        }
        const close = this.tok(c, 'RBrace');
        const start = open?.startOffset ?? this.lastEnd;
        const end = close ? tokenEnd(close) : this.lastEnd;
        if (comp)
            return { kind: 'UnsupportedExpression', expression: firstHasColon ? 'dict comprehension' : 'set comprehension', start, end };
        if (setItems > 0 && keys.length === 0)
            return { kind: 'UnsupportedExpression', expression: 'set display', start, end };
        return { kind: 'Dict', keys, values, start, end };
    }
}
//# sourceMappingURL=to-ast.js.map