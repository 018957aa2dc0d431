/**
 * Parser errors to RL100 problems that name the expected token (Appendix A).
 * The message provider returns only "what was expected" (token labels from
 * tokens.ts, or a description of the rule); "what was found" and the range
 * come from the error's token.
 */
import { EOF } from 'chevrotain';
import { Dedent, Indent, Newline } from './tokens.js';
import { tokenEnd } from './token-range.js';
/** What a rule starts with, for errors where several tokens would do. */
const RULE_DESCRIPTIONS = {
    module: 'a statement',
    statement: 'a statement',
    smallStmt: 'a statement',
    simpleStmts: 'a statement',
    suite: 'a statement or an indented block',
    atom: 'an expression',
    factor: 'an expression',
    test: 'an expression',
    namedTest: 'an expression',
    starOrTest: 'an expression',
    starOrBitOr: 'a target',
    argument: 'an argument',
    subscript: 'an index or a slice',
    trailer: "'(', '[' or '.'",
    compOp: 'a comparison operator',
    dictItem: 'a key',
    rejectedSimple: 'a statement',
    rejectedCompound: 'a statement',
};
const label = (t) => (typeof t.LABEL === 'string' ? t.LABEL : t.name);
function expectedFromPaths(paths, ruleName) {
    const described = RULE_DESCRIPTIONS[ruleName];
    if (described)
        return described;
    const firsts = [...new Set(paths.map((p) => p[0]).filter((t) => t !== undefined).map(label))];
    if (firsts.length === 0)
        return 'more code';
    return firsts.length <= 3 ? firsts.join(' or ') : `${firsts.slice(0, 3).join(', ')} or another token`;
}
export const errorMessageProvider = {
    buildMismatchTokenMessage: ({ expected }) => label(expected),
    buildNotAllInputParsedMessage: () => 'a statement',
    buildNoViableAltMessage: ({ expectedPathsPerAlt, ruleName }) => expectedFromPaths(expectedPathsPerAlt.flat(), ruleName),
    buildEarlyExitMessage: ({ expectedIterationPaths, ruleName }) => expectedFromPaths(expectedIterationPaths, ruleName),
};
function found(tok, textLength) {
    if (tok.tokenType === EOF || (tok.tokenType === Newline && tok.startOffset >= textLength))
        return 'the end of the rule';
    if (tok.tokenType === Newline)
        return 'the end of the line';
    if (tok.tokenType === Indent)
        return 'an indented line';
    if (tok.tokenType === Dedent)
        return 'the end of the indented block';
    const image = tok.image.length > 30 ? `${tok.image.slice(0, 27)}...` : tok.image;
    return `'${image.replace(/\n/g, '\\n')}'`;
}
/** One problem per error, without the cascades recovery produces: the first error per offset, and errors at the very end only when nothing else failed. */
export function parseProblems(errors, textLength) {
    const out = [];
    const seen = new Set();
    for (const e of errors) {
        const tok = e.token;
        const atEnd = tok.tokenType === EOF || Number.isNaN(tok.startOffset) || tok.startOffset >= textLength;
        if (atEnd && out.length > 0)
            continue;
        // At the end, point at the last character: a zero-width range would not show in an editor.
        const start = atEnd ? Math.max(0, textLength - 1) : tok.startOffset;
        const end = atEnd ? textLength : Math.max(tokenEnd(tok), start + 1);
        if (seen.has(start))
            continue;
        seen.add(start);
        out.push({ code: 'RL100', start, end, args: { expected: e.message, found: found(tok, textLength) } });
    }
    return out;
}
//# sourceMappingURL=parse-errors.js.map