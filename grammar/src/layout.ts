/**
 * The layout pass (spec §1.1, §7): raw tokens to the parser's token stream,
 * with NEWLINE at the end of each logical line and INDENT/DEDENT around
 * blocks. Blank and comment-only lines never reach it (their `\n` is
 * collapsed); brackets join lines implicitly; continuations were skipped by
 * the lexer. Reports RL103 (indentation) and RL104 (tab) and merges a trailing
 * `++`/`--` into one IncDec token for RL112. The indentation stack lives in
 * each call.
 */
import { createTokenInstance, type IToken, type TokenType } from 'chevrotain';
import { Class, Colon, Dedent, Def, Elif, Else, Except, Finally, For, If, Try, While, With, Indent, IncDec, LBrace, LBracket, LParen, Minus, Newline, Plus, RBrace, RBracket, RParen, Semicolon } from './tokens.js';
import type { SyntaxProblem } from './problems.js';
import { tokenEnd } from './token-range.js';

export interface LayoutResult {
  readonly tokens: IToken[];
  readonly problems: SyntaxProblem[];
  /** A bracket was still open at the end; the parser's complaint about the end of the rule repeats that. */
  readonly unclosedBracket: boolean;
}

/**
 * A token the pass makes up. It takes the range of the next real token, so
 * that errors point at code; at the end of the text it is empty
 * (`endOffset` is inclusive, as in chevrotain).
 */
function synthetic(type: TokenType, at: IToken | undefined, textLength: number): IToken {
  return at ? createTokenInstance(type, '', at.startOffset, tokenEnd(at) - 1, NaN, NaN, NaN, NaN) : createTokenInstance(type, '', textLength, textLength - 1, NaN, NaN, NaN, NaN);
}

/** Keywords that open a block: an indented line after one of them is its body even when the `:` is missing (the parser reports that). */
const OPENERS = new Set<TokenType>([If, Elif, Else, For, While, Try, Except, Finally, Def, Class, With]);
const OPEN = new Set<TokenType>([LParen, LBracket, LBrace]);
const CLOSE = new Set<TokenType>([RParen, RBracket, RBrace]);

export function layout(text: string, raw: readonly IToken[]): LayoutResult {
  const out: IToken[] = [];
  const problems: SyntaxProblem[] = [];
  const stack = [0];
  let depth = 0;
  // The brackets still open, innermost last: an unclosed one is reported where it opens.
  const open: IToken[] = [];
  let atLineStart = true;
  // The `:` that ended the previous logical line, when it opened a block.
  let pendingColon: IToken | undefined;
  let lineOpensBlock = false;

  const dedentTo = (column: number, at: IToken | undefined) => {
    while (stack.length > 1 && column < stack[stack.length - 1]!) {
      stack.pop();
      out.push(synthetic(Dedent, at, text.length));
    }
  };
  const emptyBlock = (colon: IToken, next: IToken | undefined) => {
    problems.push({
      code: 'RL103',
      start: colon.startOffset,
      end: tokenEnd(colon),
      args: { detail: "the block after this ':' is empty", advice: 'Indent the statements of the block under this line, or write pass.' },
      ...(next ? { related: [{ start: next.startOffset, end: tokenEnd(next), message: 'This line is not indented further than the line that opens the block.' }] } : {}),
    });
    // An empty block keeps the parser in step: the parser accepts it and this pass reports it.
    out.push(synthetic(Indent, next, text.length), synthetic(Dedent, next, text.length));
  };

  for (let i = 0; i < raw.length; i++) {
    const tok = raw[i]!;
    if (tok.tokenType === Newline) {
      if (depth > 0 || atLineStart) continue;
      out.push(tok);
      atLineStart = true;
      continue;
    }
    if (atLineStart) {
      atLineStart = false;
      const column = indentation(text, tok, problems);
      const top = stack[stack.length - 1]!;
      if ((pendingColon || lineOpensBlock) && column > top) {
        stack.push(column);
        out.push(synthetic(Indent, tok, text.length));
      } else {
        if (pendingColon) emptyBlock(pendingColon, tok);
        else if (column > top) {
          problems.push({
            code: 'RL103',
            start: tok.startOffset,
            end: tokenEnd(tok),
            args: { detail: 'this line is indented, but the line before it does not open a block', advice: 'Indent it like the statement above it.' },
          });
        }
        dedentTo(column, tok);
        if (column < top && column !== stack[stack.length - 1]!) {
          problems.push({
            code: 'RL103',
            start: tok.startOffset,
            end: tokenEnd(tok),
            args: { detail: 'this line is indented less than the block it ends, but not as far as any enclosing block', advice: 'Indent it exactly like an enclosing statement.' },
          });
        }
      }
      pendingColon = undefined;
      lineOpensBlock = OPENERS.has(tok.tokenType);
    }
    if (OPEN.has(tok.tokenType)) {
      depth++;
      open.push(tok);
    } else if (CLOSE.has(tok.tokenType) && depth > 0) {
      depth--;
      open.pop();
    }
    const merged = incDec(raw, i, depth);
    if (merged) {
      out.push(merged);
      i++;
    } else out.push(tok);
    pendingColon = tok.tokenType === Colon && depth === 0 ? tok : undefined;
  }
  const unclosed = open[open.length - 1];
  if (unclosed) {
    const closer = { '(': "')'", '[': "']'", '{': "'}'" }[unclosed.image] ?? 'a closing bracket';
    problems.push({ code: 'RL100', start: unclosed.startOffset, end: tokenEnd(unclosed), args: { expected: `${closer} to close this '${unclosed.image}'`, found: 'the end of the rule' } });
  }
  if (!atLineStart) out.push(synthetic(Newline, undefined, text.length));
  if (pendingColon) emptyBlock(pendingColon, undefined);
  dedentTo(0, undefined);
  return { tokens: out, problems, unclosedBracket: unclosed !== undefined };
}

/**
 * The column of a logical line's first token. Tabs get RL104 (with a fix to
 * spaces) and count to the next multiple of 8, as CPython counts them.
 */
function indentation(text: string, tok: IToken, problems: SyntaxProblem[]): number {
  let lineStart = tok.startOffset;
  while (lineStart > 0 && text.charCodeAt(lineStart - 1) !== 10) lineStart--;
  const lead = text.slice(lineStart, tok.startOffset);
  let column = 0;
  for (const ch of lead) column = ch === '\t' ? (Math.floor(column / 8) + 1) * 8 : column + 1;
  const firstTab = lead.indexOf('\t');
  if (firstTab >= 0) {
    problems.push({
      code: 'RL104',
      start: lineStart + firstTab,
      end: lineStart + lead.lastIndexOf('\t') + 1,
      args: {},
      fix: { title: 'Replace the indentation with spaces', edits: [{ start: lineStart, end: tok.startOffset, newText: ' '.repeat(column) }] },
    });
  }
  return column;
}

/** `x++` or `x--` ending a statement: two adjacent signs followed by the end of the statement. */
function incDec(raw: readonly IToken[], i: number, depth: number): IToken | undefined {
  const a = raw[i]!;
  const b = raw[i + 1];
  if (depth > 0 || !b || (a.tokenType !== Plus && a.tokenType !== Minus) || b.tokenType !== a.tokenType) return undefined;
  if (b.startOffset !== a.startOffset + 1) return undefined;
  const after = raw[i + 2];
  if (after && after.tokenType !== Newline && after.tokenType !== Semicolon) return undefined;
  return createTokenInstance(IncDec, a.image + b.image, a.startOffset, a.startOffset + 1, NaN, NaN, NaN, NaN);
}
