/**
 * The syntax-level checks of the dialect (spec §1.4, §1.5): walks the AST and
 * reports what the parser accepted only to refuse it here with a dedicated
 * message: rejected constructs (RL120-RL123), Python 2 leftovers
 * (RL110-RL112, with fixes), `break`/`continue` outside loops (RL101),
 * non-ASCII names (RL105), invalid assignment targets and unterminated
 * strings (RL100).
 */
import type * as A from './ast.js';
import type { SyntaxProblem } from './problems.js';
export declare function checkDialect(module: A.Module, text: string): SyntaxProblem[];
