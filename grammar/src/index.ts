/**
 * The grammar's one public entry: rule text (after placeholder substitution)
 * to an AST plus syntax problems. Stages: lex, layout (NEWLINE/INDENT/DEDENT),
 * parse with recovery, CST to AST, dialect checks. Never throws on user input.
 */
import { checkDialect } from './dialect.js';
import { layout } from './layout.js';
import { lex, validateLexerDefinition } from './lexer.js';
import { parseProblems } from './parse-errors.js';
import { parseTokens, validateParserDefinition } from './parser.js';
import { python2Codes, type SyntaxProblem } from './problems.js';
import { toAst } from './to-ast.js';
import { parserTooDeep, tokenNestingProblem, treeNestingProblem } from './nesting-limits.js';
import type { Module } from './ast.js';

export type * from './ast.js';
export type { Fix, RelatedRange, SyntaxCode, SyntaxProblem, TextEdit } from './problems.js';

export interface ParsedRule {
  readonly module: Module;
  /** Sorted by start offset. */
  readonly problems: readonly SyntaxProblem[];
  /** The rule holds Python 2 syntax (RL110-RL112): later stages add RL308 to int divisions. */
  readonly python2: boolean;
}

/** The problems Chevrotain finds in the grammar itself (none, or adtc has a bug): run by the tests. */
export { MAX_BRACKET_DEPTH, MAX_BLOCK_DEPTH, MAX_TREE_DEPTH } from './nesting-limits.js';

export function grammarDefinitionErrors(): string[] {
  const errors: string[] = [];
  for (const check of [validateLexerDefinition, validateParserDefinition]) {
    try {
      check();
    } catch (error) {
      errors.push(error instanceof Error ? error.message : String(error));
    }
  }
  return errors;
}

export function parseRule(text: string): ParsedRule {
  if (text.length > MAX_RULE_LENGTH) return refused({ code: 'RL131', start: 0, end: text.length, args: { length: text.length, limit: MAX_RULE_LENGTH } });
  const lexed = lex(text);
  const laidOut = layout(text, lexed.tokens);
  // Too deep for the recursive stages: the one problem reported, and an empty rule for the later phases.
  const deepTokens = tokenNestingProblem(laidOut.tokens);
  if (deepTokens !== undefined) return refused(deepTokens);
  let parsed: ReturnType<typeof parseTokens>;
  let built: ReturnType<typeof toAst>;
  try {
    parsed = parseTokens(laidOut.tokens);
    built = toAst(parsed.cst, text.length);
  } catch (error) {
    // Right-nested chains (2**2**…, a if b else c if …) recurse in the parser; past its stack, the limit's diagnostic.
    if (error instanceof RangeError) return refused(parserTooDeep(text.length));
    throw error;
  }
  const deepTree = treeNestingProblem(built.module);
  if (deepTree !== undefined) return refused(deepTree);
  // An unclosed bracket is reported where it opens; the parser's complaint about the end of the rule says the same.
  const parseErrors = [...lexed.problems, ...parseProblems(parsed.errors, text.length).filter((p) => !(laidOut.unclosedBracket && p.end >= text.length))];
  // A later stage's RL100 over a span that already holds a parse error judges what recovery made up.
  const later = [...built.problems, ...checkDialect(built.module, text)].filter((p) => p.code !== 'RL100' || !parseErrors.some((e) => e.start >= p.start && e.start < p.end));
  const problems = [...parseErrors, ...laidOut.problems, ...later];
  problems.sort((a, b) => a.start - b.start || a.end - b.end);
  const reported = firstSyntaxErrorPerLine(problems, text);
  return { module: built.module, problems: reported, python2: reported.some((p) => python2Codes.has(p.code)) };
}

/** Rule text adtc accepts, in UTF-16 units (1 MiB); the compile benchmark's 40,000 statements take about 0.6 MiB. */
export const MAX_RULE_LENGTH = 1 << 20;

function refused(problem: SyntaxProblem): ParsedRule {
  return { module: { kind: 'Module', body: [], start: 0, end: 0 }, problems: [problem], python2: false };
}

/**
 * After the first RL100 on a line, recovery's follow-up errors on that line
 * only repeat it in other words (CPython stops at the first), so they are dropped.
 */
function firstSyntaxErrorPerLine(problems: readonly SyntaxProblem[], text: string): SyntaxProblem[] {
  const lines = new Set<number>();
  let line = 0;
  let scanned = 0;
  return problems.filter((p) => {
    if (p.code !== 'RL100') return true;
    for (; scanned < p.start && scanned < text.length; scanned++) if (text.charCodeAt(scanned) === 10) line++;
    if (lines.has(line)) return false;
    lines.add(line);
    return true;
  });
}
