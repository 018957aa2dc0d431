/**
 * The rule grammar (spec §1.2, §1.3): tokens from the layout pass to a CST.
 * It accepts a superset of the dialect (rejected statements with loosely
 * parsed headers, comprehensions, starred items, Python 2 print and exec
 * statements, backticks) so that the dialect pass can name what it refuses.
 * Expression rules follow Python 3.8's grammar, so precedence is Python's.
 * Construction costs tens of milliseconds (spec §7): one instance serves every
 * parse, reset by assigning `input`.
 */
import { type CstNode, type IToken } from 'chevrotain';
/** Parses layout tokens to a CST; errors are in `parser.errors` until the next call. */
export declare function parseTokens(tokens: IToken[]): {
    cst: CstNode;
    errors: import("chevrotain").IRecognitionException[];
};
