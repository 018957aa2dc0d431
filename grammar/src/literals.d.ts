/**
 * Literal decoding (spec §1.1): number values and Python 3.8 string escapes.
 * Unknown escapes keep their backslash and get RL306; malformed escapes
 * (`\x4`, `\N{NO SUCH NAME}`) are syntax errors in Python, so RL100.
 */
import type { StringPart } from './ast.js';
import type { SyntaxProblem } from './problems.js';
export interface IntValue {
    readonly value: bigint;
    readonly imaginary: boolean;
}
/** `raw` matched the Int token: `0x1F`, `0o17`, `0b1`, `1_000`, and Python 2's `0777`, `10L`, or `2j`. */
export declare function intValue(raw: string): IntValue;
export declare function floatValue(raw: string): {
    value: number;
    imaginary: boolean;
};
/** Decodes one quoted piece starting at offset `start` of the rule text. */
export declare function decodeString(raw: string, start: number, terminated: boolean, problems: SyntaxProblem[]): StringPart;
