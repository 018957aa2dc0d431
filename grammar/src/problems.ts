/**
 * The records grammar/ hands on instead of diagnostics: grammar/ does not know
 * the catalogue, so compiler/src/rule turns each record into ADT5<RL number>,
 * formatting the catalogue message with `args`.
 * Offsets are UTF-16 offsets into the rule text.
 */
export type SyntaxCode =
  | 'RL100' | 'RL101' | 'RL103' | 'RL104' | 'RL105'
  | 'RL110' | 'RL111' | 'RL112'
  | 'RL120' | 'RL121' | 'RL122' | 'RL123'
  | 'RL130' | 'RL131'
  | 'RL306';

export interface TextEdit {
  readonly start: number;
  readonly end: number;
  readonly newText: string;
}

export interface Fix {
  readonly title: string;
  readonly edits: readonly TextEdit[];
}

export interface RelatedRange {
  readonly start: number;
  readonly end: number;
  readonly message: string;
}

export interface SyntaxProblem {
  readonly code: SyntaxCode;
  readonly start: number;
  readonly end: number;
  readonly args: Readonly<Record<string, string | number>>;
  readonly fix?: Fix;
  readonly related?: readonly RelatedRange[];
}

/** The Python 2 codes: a rule with any of them was written for Python 2 (spec §1.5). */
export const python2Codes: ReadonlySet<SyntaxCode> = new Set(['RL110', 'RL111', 'RL112']);
