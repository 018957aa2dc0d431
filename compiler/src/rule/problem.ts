/**
 * What the rule checks hand on before positions are mapped into the ADT: an
 * RL code, a range of the rule text and the catalogue message's arguments.
 * The same shape as grammar/'s SyntaxProblem, so both map through one path.
 */
import type { Fix, RelatedRange, SyntaxCode } from '../../../grammar/src/index.js';

export type RuleCode =
  | 'RL201' | 'RL202' | 'RL203' | 'RL204' | 'RL205' | 'RL206' | 'RL207' | 'RL208'
  | 'RL210' | 'RL211' | 'RL212' | 'RL213' | 'RL214' | 'RL220' | 'RL221' | 'RL222'
  | 'RL301' | 'RL302' | 'RL303' | 'RL305' | 'RL307' | 'RL308'
  | 'RL311' | 'RL312' | 'RL313' | 'RL314' | 'RL315' | 'RL316' | 'RL317' | 'RL320' | 'RL321'
  | 'RL401' | 'RL402' | 'RL403' | 'RL404' | 'RL408' | 'RL405' | 'RL406' | 'RL407' | 'RL409' | 'RL410'
  | 'RL501' | 'RL502' | 'RL503'
  /** Checks the spec asks for without a number (catalogue ADT6600-6602). */
  | 'TYPE' | 'OUTPUT' | 'ENDLESS'
  /** A function called through a variable (catalogue ADT6701). */
  | 'CALL_VARIABLE'
  /** Compiler defects found while emitting (ADT7901-7903): never the user's mistake. */
  | 'RL901' | 'EMIT' | 'VERIFY';

/** Grammar problems (SyntaxProblem) fit this shape too. */
export interface RuleProblem {
  readonly code: RuleCode | SyntaxCode;
  readonly start: number;
  readonly end: number;
  readonly args: Readonly<Record<string, string | number>>;
  readonly fix?: Fix;
  readonly related?: readonly RelatedRange[];
}

/** The catalogue code of a grammar or checker RL code. */
export function catalogueCode(code: string): string {
  if (code === 'TYPE') return 'ADT6600';
  if (code === 'OUTPUT') return 'ADT6601';
  if (code === 'ENDLESS') return 'ADT6602';
  if (code === 'CALL_VARIABLE') return 'ADT6701';
  if (code === 'RL901') return 'ADT7901';
  if (code === 'EMIT') return 'ADT7902';
  if (code === 'VERIFY') return 'ADT7903';
  const n = Number(code.slice(2));
  return `ADT${n < 200 || code === 'RL306' ? 5 : 6}${code.slice(2)}`;
}
