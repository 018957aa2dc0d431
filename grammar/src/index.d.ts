import { type SyntaxProblem } from './problems.js';
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
export declare function parseRule(text: string): ParsedRule;
