import { fStringFix } from './f-string-fix.js';
import { unsupported } from './unsupported.js';
export function checkDialect(module, text) {
    const check = new DialectCheck(text);
    check.statements(module.body, false);
    return check.problems;
}
const NON_ASCII = /[^\x00-\x7f]/;
class DialectCheck {
    text;
    problems = [];
    constructor(text) {
        this.text = text;
    }
    report(problem) {
        this.problems.push(problem);
    }
    refuse(construct, at) {
        this.report({ code: 'RL120', start: at.start, end: at.end, args: unsupported(construct) });
    }
    statements(list, inLoop) {
        for (const s of list)
            this.statement(s, inLoop);
    }
    statement(s, inLoop) {
        switch (s.kind) {
            case 'Assign':
                s.targets.forEach((t) => this.target(t, '='));
                this.expr(s.value);
                return;
            case 'AugAssign':
                if (s.op === '@=')
                    this.refuse('@', { start: s.target.end, end: s.value.start });
                this.target(s.target, s.op);
                this.expr(s.value);
                return;
            case 'IncDec': {
                const target = this.text.slice(s.target.start, s.target.end);
                const replacement = `${target} ${s.op[0]}= 1`;
                this.report({
                    code: 'RL112',
                    start: s.end - 2,
                    end: s.end,
                    args: { operator: s.op, replacement },
                    fix: { title: `Replace with '${replacement}'`, edits: [{ start: s.target.end, end: s.end, newText: ` ${s.op[0]}= 1` }] },
                });
                this.target(s.target, s.op);
                return;
            }
            case 'If':
                this.expr(s.test);
                this.statements(s.body, inLoop);
                this.statements(s.orelse, inLoop);
                return;
            case 'For':
                this.target(s.target, 'for');
                this.expr(s.iter);
                this.statements(s.body, true);
                // A loop's else clause runs after the loop, so break there belongs to an enclosing loop.
                this.statements(s.orelse, inLoop);
                return;
            case 'While':
                this.expr(s.test);
                this.statements(s.body, true);
                this.statements(s.orelse, inLoop);
                return;
            case 'Break':
            case 'Continue':
                if (!inLoop)
                    this.report({ code: 'RL101', start: s.start, end: s.end, args: { keyword: s.kind.toLowerCase() } });
                return;
            case 'Pass':
            case 'MissingStatement':
                return;
            case 'ExprStatement':
                this.expr(s.value);
                return;
            case 'PrintStatement':
                this.printStatement(s);
                return;
            case 'ExecStatement': {
                const code = this.text.slice(s.code.start, s.code.end);
                this.report({
                    code: 'RL111',
                    start: s.start,
                    end: s.end,
                    args: { construct: 'The exec statement', replacement: `exec(${code})` },
                    fix: { title: 'Call exec as a function', edits: [{ start: s.start + 4, end: s.code.start, newText: '(' }, { start: s.code.end, end: s.code.end, newText: ')' }] },
                });
                this.expr(s.code);
                return;
            }
            case 'UnsupportedStatement':
                this.refuse(s.statement, s.keyword);
                this.statements(s.body, inLoop);
                return;
        }
    }
    printStatement(s) {
        const values = s.values.map((v) => this.text.slice(v.start, v.end));
        const end = s.trailingComma ? ', end=" "' : '';
        const replacement = `print(${values.join(', ')}${end})`;
        const first = s.values[0];
        const last = s.values.at(-1);
        // `print >>f, x` writes to a file, which rules cannot do: no mechanical rewrite.
        const fix = s.destination === undefined && first && last
            ? { title: 'Use the print function', edits: [{ start: s.start + 'print'.length, end: first.start, newText: '(' }, { start: last.end, end: s.end, newText: `${end})` }] }
            : undefined;
        this.report({ code: 'RL110', start: s.start, end: s.end, args: { replacement }, ...(fix ? { fix } : {}) });
        if (s.destination)
            this.expr(s.destination);
        s.values.forEach((v) => this.expr(v));
    }
    /** Assignment, augmented assignment and `for` targets. */
    target(t, context) {
        switch (t.kind) {
            case 'Name':
                this.expr(t);
                return;
            case 'Subscript':
                this.expr(t);
                return;
            case 'Attribute':
                this.report({ code: 'RL122', start: t.start, end: t.end, args: { attribute: t.attr } });
                this.expr(t.value);
                return;
            case 'Tuple':
            case 'List':
                if (context !== '=' && context !== 'for')
                    break;
                t.elements.forEach((e) => this.target(e, context));
                return;
            case 'Starred':
                if (context !== '=' && context !== 'for')
                    break;
                this.refuse('starred target', t);
                this.target(t.value, context);
                return;
            case 'Missing':
                return;
            default:
                break;
        }
        this.report({
            code: 'RL100',
            start: t.start,
            end: t.end,
            args: { expected: context === '=' || context === 'for' ? 'a name, a subscript, or a tuple or list of them' : 'a name or a subscript', found: describe(t) },
        });
    }
    expr(e) {
        if (!e)
            return;
        switch (e.kind) {
            case 'Name':
                if (NON_ASCII.test(e.id))
                    this.report({ code: 'RL105', start: e.start, end: e.end, args: { name: e.id } });
                return;
            case 'Int':
                this.intLiteral(e);
                return;
            case 'Float':
                if (e.imaginary)
                    this.refuse('complex literal', e);
                return;
            case 'String':
                this.stringLiteral(e);
                return;
            case 'Bool':
            case 'None':
            case 'Missing':
                return;
            case 'UnaryOp':
                this.expr(e.operand);
                return;
            case 'BinOp':
                this.expr(e.left);
                if (e.op === '@')
                    this.refuse('@', e.opSpan);
                this.expr(e.right);
                return;
            case 'BoolOp':
                e.values.forEach((v) => this.expr(v));
                return;
            case 'Compare':
                this.expr(e.left);
                e.ops.forEach((op, i) => {
                    const at = e.opSpans[i];
                    if (op === '<>') {
                        this.report({ code: 'RL111', start: at.start, end: at.end, args: { construct: "The '<>' operator", replacement: '!=' }, fix: { title: "Replace '<>' with '!='", edits: [{ ...at, newText: '!=' }] } });
                    }
                    this.expr(e.comparators[i]);
                });
                return;
            case 'IfExp':
                this.expr(e.body);
                this.expr(e.test);
                this.expr(e.orelse);
                return;
            case 'Call':
                if (e.func.kind === 'Name' && e.func.id === 'long') {
                    this.report({ code: 'RL111', start: e.func.start, end: e.func.end, args: { construct: "The function 'long'", replacement: 'int' }, fix: { title: "Replace 'long' with 'int'", edits: [{ start: e.func.start, end: e.func.end, newText: 'int' }] } });
                }
                else
                    this.expr(e.func);
                e.args.forEach((a) => this.expr(a));
                e.keywords.forEach((k) => {
                    if (NON_ASCII.test(k.name))
                        this.report({ code: 'RL105', start: k.nameSpan.start, end: k.nameSpan.end, args: { name: k.name } });
                    this.expr(k.value);
                });
                return;
            case 'Attribute':
                this.expr(e.value);
                if (/^__.*__$/.test(e.attr))
                    this.report({ code: 'RL123', start: e.attrSpan.start, end: e.attrSpan.end, args: { attribute: e.attr } });
                else if (NON_ASCII.test(e.attr))
                    this.report({ code: 'RL105', start: e.attrSpan.start, end: e.attrSpan.end, args: { name: e.attr } });
                return;
            case 'Subscript':
                this.expr(e.value);
                this.expr(e.index);
                return;
            case 'Slice':
                this.expr(e.lower);
                this.expr(e.upper);
                this.expr(e.step);
                return;
            case 'TupleOfSlices':
            case 'List':
            case 'Tuple':
                e.elements.forEach((x) => this.expr(x));
                return;
            case 'Dict':
                e.keys.forEach((k, i) => {
                    // `**d` sits in keys with its value repeated in values; check it once.
                    if (k.kind === 'Starred')
                        this.expr(k);
                    else {
                        this.expr(k);
                        this.expr(e.values[i]);
                    }
                });
                return;
            case 'Starred':
                this.refuse(e.double ? 'double starred' : 'starred', e);
                this.expr(e.value);
                return;
            case 'NamedExpr':
                this.refuse(':=', e);
                this.expr(e.value);
                return;
            case 'Backquote': {
                this.report({
                    code: 'RL111',
                    start: e.start,
                    end: e.end,
                    args: { construct: 'A backquoted expression', replacement: `repr(${this.text.slice(e.value.start, e.value.end)})` },
                    fix: { title: 'Use repr()', edits: [{ start: e.start, end: e.value.start, newText: 'repr(' }, { start: e.value.end, end: e.end, newText: ')' }] },
                });
                this.expr(e.value);
                return;
            }
            case 'UnsupportedExpression':
                this.refuse(e.expression, e);
                return;
        }
    }
    intLiteral(e) {
        if (e.imaginary) {
            this.refuse('complex literal', e);
            return;
        }
        const digits = e.raw.replace(/_/g, '');
        if (/[lL]$/.test(digits)) {
            const fixed = e.raw.slice(0, -1);
            this.report({ code: 'RL111', start: e.start, end: e.end, args: { construct: `The long integer literal '${e.raw}'`, replacement: fixed }, fix: { title: `Replace with '${fixed}'`, edits: [{ start: e.start, end: e.end, newText: fixed }] } });
        }
        else if (/^0\d/.test(digits) && /[1-9]/.test(digits)) {
            if (/^0[0-7]+$/.test(digits)) {
                const fixed = `0o${e.raw.slice(1)}`;
                this.report({ code: 'RL111', start: e.start, end: e.end, args: { construct: `The octal literal '${e.raw}'`, replacement: fixed }, fix: { title: `Replace with '${fixed}'`, edits: [{ start: e.start, end: e.end, newText: fixed }] } });
            }
            else {
                this.report({ code: 'RL100', start: e.start, end: e.end, args: { expected: 'a number without leading zeros', found: `'${e.raw}'` } });
            }
        }
    }
    stringLiteral(e) {
        for (const part of e.parts) {
            const prefix = part.prefix.toLowerCase();
            if (!part.terminated) {
                const triple = part.raw.length >= part.prefix.length + 3 && /^('''|""")/.test(part.raw.slice(part.prefix.length));
                this.report({ code: 'RL100', start: part.start, end: part.start + part.prefix.length + (triple ? 3 : 1), args: { expected: 'a closing quote for this string', found: triple ? 'the end of the rule' : 'the end of the line' } });
            }
            if (prefix.includes('b'))
                this.refuse('bytes literal', part);
            else if (prefix.includes('f')) {
                const fix = fStringFix(part);
                this.report({ code: 'RL121', start: part.start, end: part.end, args: {}, ...(fix ? { fix } : {}) });
            }
            else if (prefix === 'ur') {
                // Python 2's ur'' was raw except for \u escapes; keep it raw when it holds a backslash.
                const newText = part.raw.includes('\\') ? part.prefix.replace(/[uU]/, '') : '';
                const replacement = `${newText}${part.raw.slice(part.prefix.length)}`;
                this.report({
                    code: 'RL111',
                    start: part.start,
                    end: part.start + part.prefix.length,
                    args: { construct: `The string prefix '${part.prefix}'`, replacement: replacement.length > 40 ? `${newText}'...'` : replacement },
                    fix: { title: `Remove the '${part.prefix}' prefix`, edits: [{ start: part.start, end: part.start + part.prefix.length, newText }] },
                });
            }
        }
    }
}
function describe(e) {
    switch (e.kind) {
        case 'Call':
            return 'a function call';
        case 'Int':
        case 'Float':
        case 'String':
        case 'Bool':
        case 'None':
            return 'a literal';
        case 'Compare':
            return 'a comparison';
        default:
            return 'an expression';
    }
}
//# sourceMappingURL=dialect.js.map