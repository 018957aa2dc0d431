/**
 * Rule text to raw tokens (spec §1.1). Whitespace, comments and backslash
 * continuations are skipped; `Newline` stays a real token for the layout pass.
 * Characters no token matches become RL100 problems. The chevrotain lexer
 * holds no state between calls, so one instance serves every rule.
 */
import { Lexer } from 'chevrotain';
import { lexedTokens } from './tokens.js';
const lexer = new Lexer(lexedTokens, { ensureOptimizations: true, positionTracking: 'onlyOffset' });
export function lex(text) {
    const result = lexer.tokenize(text);
    const problems = result.errors.map((e) => {
        const found = text.slice(e.offset, e.offset + e.length);
        // A lone backslash is the usual culprit: a continuation followed by a space or comment.
        const expected = found.startsWith('\\') ? 'a line break right after the backslash' : 'Python code';
        return { code: 'RL100', start: e.offset, end: e.offset + e.length, args: { expected, found: `'${found}'` } };
    });
    return { tokens: result.tokens, problems };
}
//# sourceMappingURL=lexer.js.map