/**
 * Parser errors to RL100 problems that name the expected token (Appendix A).
 * The message provider returns only "what was expected" (token labels from
 * tokens.ts, or a description of the rule); "what was found" and the range
 * come from the error's token.
 */
import { type IParserErrorMessageProvider, type IRecognitionException } from 'chevrotain';
import type { SyntaxProblem } from './problems.js';
export declare const errorMessageProvider: IParserErrorMessageProvider;
/** One problem per error, without the cascades recovery produces: the first error per offset, and errors at the very end only when nothing else failed. */
export declare function parseProblems(errors: readonly IRecognitionException[], textLength: number): SyntaxProblem[];
