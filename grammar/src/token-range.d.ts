/**
 * Token ranges as half-open UTF-16 offsets. The lexer tracks only start
 * offsets (it is faster), so a real token ends after its image; a synthetic
 * token (empty image) carries the range of the real token it stands on.
 */
import type { IToken } from 'chevrotain';
export declare function tokenEnd(tok: IToken): number;
