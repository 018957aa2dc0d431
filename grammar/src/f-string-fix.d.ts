/**
 * The RL121 quick fix: `f"a{x}b{y:.2f}"` becomes `"a{}b{:.2f}".format(x, y)`.
 * Offered only when every field is a plain expression with an optional format
 * spec (no `!r`, no nested fields, no quotes); otherwise there is no fix.
 */
import type { StringPart } from './ast.js';
import type { Fix } from './problems.js';
export declare function fStringFix(part: StringPart): Fix | undefined;
