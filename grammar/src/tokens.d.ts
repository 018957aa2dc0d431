/**
 * Token types of the scaling-rule dialect (spec §1.1).
 * The lexer accepts a superset of the dialect (Python 2 forms, bytes and
 * f-strings, every Python 3.8 keyword) so that the dialect pass can refuse
 * them with a dedicated message instead of a generic syntax error.
 * Order matters: chevrotain takes the first pattern that matches, so strings
 * (which may start with a prefix letter) precede names, and floats precede ints.
 */
import { type TokenType } from 'chevrotain';
/** Every token a rejected statement's header may contain (everything but `:`, `;` and layout tokens). */
export declare const HeaderAny: TokenType;
/** Augmented assignment operators. */
export declare const AugAssign: TokenType;
/** `< > <= >= == != <>`; `in`, `not in`, `is`, `is not` are parsed separately. */
export declare const CompareOp: TokenType;
export declare const AddOp: TokenType;
export declare const MulOp: TokenType;
export declare const ShiftOp: TokenType;
export declare const UnaryOp: TokenType;
export declare const Newline: TokenType;
export declare const Indent: TokenType;
export declare const Dedent: TokenType;
export declare const Whitespace: TokenType;
export declare const Comment: TokenType;
export declare const Continuation: TokenType;
export declare const String: TokenType;
/** A string without its closing quote: reported as RL100 by the dialect pass, parsed like a string. */
export declare const UnterminatedString: TokenType;
export declare const Float: TokenType;
export declare const Int: TokenType;
export declare const Identifier: TokenType;
export declare const False: TokenType;
export declare const None: TokenType;
export declare const True: TokenType;
export declare const And: TokenType;
export declare const As: TokenType;
export declare const Assert: TokenType;
export declare const Async: TokenType;
export declare const Await: TokenType;
export declare const Break: TokenType;
export declare const Class: TokenType;
export declare const Continue: TokenType;
export declare const Def: TokenType;
export declare const Del: TokenType;
export declare const Elif: TokenType;
export declare const Else: TokenType;
export declare const Except: TokenType;
export declare const Finally: TokenType;
export declare const For: TokenType;
export declare const From: TokenType;
export declare const Global: TokenType;
export declare const If: TokenType;
export declare const Import: TokenType;
export declare const In: TokenType;
export declare const Is: TokenType;
export declare const Lambda: TokenType;
export declare const Nonlocal: TokenType;
export declare const Not: TokenType;
export declare const Or: TokenType;
export declare const Pass: TokenType;
export declare const Raise: TokenType;
export declare const Return: TokenType;
export declare const Try: TokenType;
export declare const While: TokenType;
export declare const With: TokenType;
export declare const Yield: TokenType;
export declare const DoubleStarAssign: TokenType;
export declare const FloorDivAssign: TokenType;
export declare const ShiftRightAssign: TokenType;
export declare const ShiftLeftAssign: TokenType;
export declare const Ellipsis: TokenType;
export declare const DoubleStar: TokenType;
export declare const FloorDiv: TokenType;
export declare const ShiftRight: TokenType;
export declare const ShiftLeft: TokenType;
export declare const LessEqual: TokenType;
export declare const GreaterEqual: TokenType;
export declare const EqualEqual: TokenType;
export declare const NotEqual: TokenType;
export declare const LessGreater: TokenType;
export declare const Arrow: TokenType;
export declare const PlusAssign: TokenType;
export declare const MinusAssign: TokenType;
export declare const StarAssign: TokenType;
export declare const SlashAssign: TokenType;
export declare const PercentAssign: TokenType;
export declare const AmpAssign: TokenType;
export declare const PipeAssign: TokenType;
export declare const CaretAssign: TokenType;
export declare const AtAssign: TokenType;
export declare const Walrus: TokenType;
export declare const Plus: TokenType;
export declare const Minus: TokenType;
export declare const Star: TokenType;
export declare const Slash: TokenType;
export declare const Percent: TokenType;
export declare const At: TokenType;
export declare const Amp: TokenType;
export declare const Pipe: TokenType;
export declare const Caret: TokenType;
export declare const Tilde: TokenType;
export declare const Less: TokenType;
export declare const Greater: TokenType;
export declare const LParen: TokenType;
export declare const RParen: TokenType;
export declare const LBracket: TokenType;
export declare const RBracket: TokenType;
export declare const LBrace: TokenType;
export declare const RBrace: TokenType;
export declare const Comma: TokenType;
export declare const Dot: TokenType;
export declare const Assign: TokenType;
export declare const Backtick: TokenType;
export declare const Colon: TokenType;
export declare const Semicolon: TokenType;
/** `x++` / `x--` at the end of a statement; made by the layout pass from two adjacent signs (RL112). */
export declare const IncDec: TokenType;
/** The lexer's token list, in matching order. */
export declare const lexedTokens: TokenType[];
/** Every token type the parser knows: lexed ones, layout tokens and categories. */
export declare const allTokens: TokenType[];
