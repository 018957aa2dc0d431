/**
 * What RL120 says about each refused construct (spec §1.4): what the
 * reference would do on reaching it, and what to write instead.
 */
import type { UnsupportedExpressionKind, UnsupportedStatementKind } from './ast.js';
export type UnsupportedConstruct = UnsupportedStatementKind | UnsupportedExpressionKind | 'starred' | 'double starred' | 'starred target' | ':=' | '@' | 'complex literal' | 'bytes literal';
export declare function unsupported(construct: UnsupportedConstruct): {
    construct: string;
    reference: string;
    advice: string;
};
