/**
 * Limits on how deeply a rule may nest, checked before the recursive stages (parser, checker, code generator,
 * TypeScript) see the rule, so a deep rule gets a diagnostic at its place instead of overflowing a stack.
 * CPython 3.8's own parser gives up near 100 nested brackets and 100 indentation levels; real rules nest a
 * handful of levels. The limits are documented in the README (rule-language section).
 */
import type { IToken } from 'chevrotain';
import type { Module } from './ast.js';
import type { SyntaxProblem } from './problems.js';
import { Dedent, Indent, LBrace, LBracket, LParen, Minus, Not, Plus, RBrace, RBracket, RParen, Tilde } from './tokens.js';

export const MAX_BRACKET_DEPTH = 40;
export const MAX_BLOCK_DEPTH = 30;
/** Depth of the syntax tree: an operator chain such as 1+1+…+1 nests one level per operator. */
export const MAX_TREE_DEPTH = 150;

const PREFIX = new Set([Minus, Plus, Tilde, Not]);

const tokenEnd = (t: IToken): number => t.startOffset + t.image.length;

/** RL130 at the first bracket or block past its limit, from the laid-out tokens. */
export function tokenNestingProblem(tokens: readonly IToken[]): SyntaxProblem | undefined {
  let brackets = 0;
  let blocks = 0;
  // Prefix operators in a row (- - - 1, not not x) nest like brackets.
  let prefixes = 0;
  for (const t of tokens) {
    prefixes = PREFIX.has(t.tokenType) ? prefixes + 1 : 0;
    if (prefixes > MAX_BRACKET_DEPTH) return tooDeep(t.startOffset, tokenEnd(t), 'prefix operators', MAX_BRACKET_DEPTH);
    if (t.tokenType === LParen || t.tokenType === LBracket || t.tokenType === LBrace) {
      if (++brackets > MAX_BRACKET_DEPTH) return tooDeep(t.startOffset, tokenEnd(t), 'brackets', MAX_BRACKET_DEPTH);
    } else if (t.tokenType === RParen || t.tokenType === RBracket || t.tokenType === RBrace) {
      brackets = Math.max(0, brackets - 1);
    } else if (t.tokenType === Indent) {
      if (++blocks > MAX_BLOCK_DEPTH) return tooDeep(t.startOffset, Math.max(tokenEnd(t), t.startOffset + 1), 'indented blocks', MAX_BLOCK_DEPTH);
    } else if (t.tokenType === Dedent) {
      blocks = Math.max(0, blocks - 1);
    }
  }
  return undefined;
}

/** RL130 over the whole rule, for a chain the parser's recursion could not take (a last line of defence). */
export function parserTooDeep(textLength: number): SyntaxProblem {
  return tooDeep(0, textLength, 'operators', MAX_TREE_DEPTH);
}

/** RL130 at the outermost node of the first chain of nodes deeper than the tree limit; iterative. */
export function treeNestingProblem(module: Module): SyntaxProblem | undefined {
  const work: { node: object; depth: number; top: object }[] = [{ node: module, depth: 0, top: module }];
  for (let item = work.pop(); item !== undefined; item = work.pop()) {
    const { node, depth } = item;
    // The statement a too-deep chain starts in is the place to show: that is what the author splits.
    const top = isStatement(node) ? node : item.top;
    if (depth > MAX_TREE_DEPTH) {
      const span = top as { start: number; end: number };
      return tooDeep(span.start, span.end, 'operators, calls and subscripts', MAX_TREE_DEPTH);
    }
    for (const value of Object.values(node)) {
      if (Array.isArray(value)) for (const v of value) { if (isNode(v)) work.push({ node: v, depth: depth + 1, top }); }
      else if (isNode(value)) work.push({ node: value, depth: depth + 1, top });
    }
  }
  return undefined;
}

const isNode = (v: unknown): v is object => typeof v === 'object' && v !== null && typeof (v as { kind?: unknown }).kind === 'string';
const STATEMENTS = new Set(['Assign', 'AugAssign', 'IncDec', 'If', 'For', 'While', 'ExprStatement', 'PrintStatement']);
const isStatement = (v: object): boolean => STATEMENTS.has((v as { kind: string }).kind);

function tooDeep(start: number, end: number, what: string, limit: number): SyntaxProblem {
  return { code: 'RL130', start, end, args: { what, limit } };
}
