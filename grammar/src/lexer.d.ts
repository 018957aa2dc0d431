/**
 * Rule text to raw tokens (spec §1.1). Whitespace, comments and backslash
 * continuations are skipped; `Newline` stays a real token for the layout pass.
 * Characters no token matches become RL100 problems. The chevrotain lexer
 * holds no state between calls, so one instance serves every rule.
 */
import { type IToken } from 'chevrotain';
import type { SyntaxProblem } from './problems.js';
export interface LexResult {
    readonly tokens: IToken[];
    readonly problems: SyntaxProblem[];
}
export declare function lex(text: string): LexResult;
