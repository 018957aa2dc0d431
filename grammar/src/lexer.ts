/**
 * Rule text to raw tokens (spec §1.1). Whitespace, comments and backslash
 * continuations are skipped; `Newline` stays a real token for the layout pass.
 * Characters no token matches become RL100 problems. The chevrotain lexer
 * holds no state between calls, so one instance serves every rule.
 */
import { Lexer, type IToken } from 'chevrotain';
import { lexedTokens } from './tokens.js';
import type { SyntaxProblem } from './problems.js';

/**
 * The token definitions are fixed, so their validation (and the check that the
 * first-character optimisation applies) runs in a test, `grammarDefinitionErrors`,
 * instead of at every start-up, where it cost about half of the lexer's construction.
 * The lexer is built on the first rule lexed, not when the module loads, so a
 * language server answers `initialize` (and an ADT without rules validates) without it.
 */
let lexer: Lexer | undefined;

/** Builds the lexer with every validation on; throws if the token definitions are wrong. */
export function validateLexerDefinition(): void {
  new Lexer(lexedTokens, { ensureOptimizations: true, positionTracking: 'onlyOffset' });
}

export interface LexResult {
  readonly tokens: IToken[];
  readonly problems: SyntaxProblem[];
}

export function lex(text: string): LexResult {
  lexer ??= new Lexer(lexedTokens, { positionTracking: 'onlyOffset', skipValidations: true });
  const result = lexer.tokenize(text);
  const problems: SyntaxProblem[] = result.errors.map((e) => {
    const found = text.slice(e.offset, e.offset + e.length);
    // A lone backslash is the usual culprit: a continuation followed by a space or comment.
    const expected = found.startsWith('\\') ? 'a line break right after the backslash' : 'Python code';
    return { code: 'RL100', start: e.offset, end: e.offset + e.length, args: { expected, found: `'${found}'` } };
  });
  return { tokens: result.tokens, problems };
}
