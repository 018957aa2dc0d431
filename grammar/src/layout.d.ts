/**
 * The layout pass (spec §1.1, §7): raw tokens to the parser's token stream,
 * with NEWLINE at the end of each logical line and INDENT/DEDENT around
 * blocks. Blank and comment-only lines never reach it (their `\n` is
 * collapsed); brackets join lines implicitly; continuations were skipped by
 * the lexer. Reports RL103 (indentation) and RL104 (tab) and merges a trailing
 * `++`/`--` into one IncDec token for RL112. The indentation stack lives in
 * each call.
 */
import { type IToken } from 'chevrotain';
import type { SyntaxProblem } from './problems.js';
export interface LayoutResult {
    readonly tokens: IToken[];
    readonly problems: SyntaxProblem[];
}
export declare function layout(text: string, raw: readonly IToken[]): LayoutResult;
