/**
 * CST to AST. Recovery leaves holes in the CST (absent children, tokens
 * inserted without a position); each hole becomes a `Missing` node placed
 * after the last real token seen, so this pass never throws. It reports the
 * syntax errors the grammar leaves to it (keyword argument names, argument
 * order, mixed dict/set displays) and literal problems (escapes).
 */
import type { CstNode } from 'chevrotain';
import type * as A from './ast.js';
import type { SyntaxProblem } from './problems.js';
export declare function toAst(cst: CstNode, textLength: number): {
    module: A.Module;
    problems: SyntaxProblem[];
};
