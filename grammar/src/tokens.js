/**
 * Token types of the scaling-rule dialect (spec §1.1).
 * The lexer accepts a superset of the dialect (Python 2 forms, bytes and
 * f-strings, every Python 3.8 keyword) so that the dialect pass can refuse
 * them with a dedicated message instead of a generic syntax error.
 * Order matters: chevrotain takes the first pattern that matches, so strings
 * (which may start with a prefix letter) precede names, and floats precede ints.
 */
import { createToken, Lexer } from 'chevrotain';
/** Every token a rejected statement's header may contain (everything but `:`, `;` and layout tokens). */
export const HeaderAny = createToken({ name: 'HeaderAny', pattern: Lexer.NA });
/** Augmented assignment operators. */
export const AugAssign = createToken({ name: 'AugAssign', pattern: Lexer.NA, label: 'an augmented assignment' });
/** `< > <= >= == != <>`; `in`, `not in`, `is`, `is not` are parsed separately. */
export const CompareOp = createToken({ name: 'CompareOp', pattern: Lexer.NA, label: 'a comparison' });
export const AddOp = createToken({ name: 'AddOp', pattern: Lexer.NA });
export const MulOp = createToken({ name: 'MulOp', pattern: Lexer.NA });
export const ShiftOp = createToken({ name: 'ShiftOp', pattern: Lexer.NA });
export const UnaryOp = createToken({ name: 'UnaryOp', pattern: Lexer.NA });
const real = (name, pattern, label, categories = [], extra = {}) => createToken({ name, pattern, label, categories: [HeaderAny, ...categories], ...extra });
// Layout tokens come from the layout pass; the lexer itself only produces `Newline`.
export const Newline = createToken({ name: 'Newline', pattern: /\n/, label: 'the end of the line', line_breaks: true });
export const Indent = createToken({ name: 'Indent', pattern: Lexer.NA, label: 'an indented block' });
export const Dedent = createToken({ name: 'Dedent', pattern: Lexer.NA, label: 'the end of the indented block' });
export const Whitespace = createToken({ name: 'Whitespace', pattern: /[ \t\f\r]+/, group: Lexer.SKIPPED });
export const Comment = createToken({ name: 'Comment', pattern: /#[^\n]*/, group: Lexer.SKIPPED });
export const Continuation = createToken({ name: 'Continuation', pattern: /\\\r?\n/, group: Lexer.SKIPPED, line_breaks: true });
const PREFIX = '(?:[rRuUbBfF]|[bBfF][rR]|[rR][bBfF]|[uU][rR])?';
export const String = real('String', new RegExp(`${PREFIX}(?:'''(?:[^\\\\]|\\\\[\\s\\S])*?'''|"""(?:[^\\\\]|\\\\[\\s\\S])*?"""|(?!''')'(?:[^\\\\'\\n]|\\\\[\\s\\S])*'|(?!""")"(?:[^\\\\"\\n]|\\\\[\\s\\S])*")`), 'a string', [], { line_breaks: true });
/** A string without its closing quote: reported as RL100 by the dialect pass, parsed like a string. */
export const UnterminatedString = real('UnterminatedString', new RegExp(`${PREFIX}(?:'''[\\s\\S]*|"""[\\s\\S]*|'(?:[^\\\\\\n]|\\\\[\\s\\S])*|"(?:[^\\\\\\n]|\\\\[\\s\\S])*)`), 'a string', [], { line_breaks: true });
// `1.`, `.5`, `1e3`, `1_000.5`; a trailing j marks an imaginary literal (RL120).
export const Float = real('Float', /(?:\d(?:_?\d)*\.(?:\d(?:_?\d)*)?|\.\d(?:_?\d)*)(?:[eE][+-]?\d(?:_?\d)*)?[jJ]?|\d(?:_?\d)*[eE][+-]?\d(?:_?\d)*[jJ]?/, 'a number');
// Decimal ints also match Python 2's `0777` and `10L` and imaginary `2j`, which the dialect pass reports.
export const Int = real('Int', /0[xX](?:_?[0-9a-fA-F])+[lL]?|0[oO](?:_?[0-7])+|0[bB](?:_?[01])+|\d(?:_?\d)*[lLjJ]?/, 'a number');
// Non-ASCII letters are lexed as part of names so that RL105 can name the identifier.
export const Identifier = real('Identifier', /[A-Za-z_\u00aa-\u1fff\u2070-\u2fff\u3040-\uffef][A-Za-z0-9_\u00aa-\u1fff\u2070-\u2fff\u3040-\uffef]*/, 'a name');
const keyword = (word) => real(word[0].toUpperCase() + word.slice(1), new RegExp(word), `'${word}'`, [], { longer_alt: Identifier });
export const False = keyword('False');
export const None = keyword('None');
export const True = keyword('True');
export const And = keyword('and');
export const As = keyword('as');
export const Assert = keyword('assert');
export const Async = keyword('async');
export const Await = keyword('await');
export const Break = keyword('break');
export const Class = keyword('class');
export const Continue = keyword('continue');
export const Def = keyword('def');
export const Del = keyword('del');
export const Elif = keyword('elif');
export const Else = keyword('else');
export const Except = keyword('except');
export const Finally = keyword('finally');
export const For = keyword('for');
export const From = keyword('from');
export const Global = keyword('global');
export const If = keyword('if');
export const Import = keyword('import');
export const In = keyword('in');
export const Is = keyword('is');
export const Lambda = keyword('lambda');
export const Nonlocal = keyword('nonlocal');
export const Not = keyword('not');
export const Or = keyword('or');
export const Pass = keyword('pass');
export const Raise = keyword('raise');
export const Return = keyword('return');
export const Try = keyword('try');
export const While = keyword('while');
export const With = keyword('with');
export const Yield = keyword('yield');
const op = (name, text, categories = []) => real(name, new RegExp(text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')), `'${text}'`, categories);
// Longest operators first, so that `**=` is not read as `**` and `=`.
export const DoubleStarAssign = op('DoubleStarAssign', '**=', [AugAssign]);
export const FloorDivAssign = op('FloorDivAssign', '//=', [AugAssign]);
export const ShiftRightAssign = op('ShiftRightAssign', '>>=', [AugAssign]);
export const ShiftLeftAssign = op('ShiftLeftAssign', '<<=', [AugAssign]);
export const Ellipsis = op('Ellipsis', '...');
export const DoubleStar = op('DoubleStar', '**');
export const FloorDiv = op('FloorDiv', '//', [MulOp]);
export const ShiftRight = op('ShiftRight', '>>', [ShiftOp]);
export const ShiftLeft = op('ShiftLeft', '<<', [ShiftOp]);
export const LessEqual = op('LessEqual', '<=', [CompareOp]);
export const GreaterEqual = op('GreaterEqual', '>=', [CompareOp]);
export const EqualEqual = op('EqualEqual', '==', [CompareOp]);
export const NotEqual = op('NotEqual', '!=', [CompareOp]);
export const LessGreater = op('LessGreater', '<>', [CompareOp]);
export const Arrow = op('Arrow', '->');
export const PlusAssign = op('PlusAssign', '+=', [AugAssign]);
export const MinusAssign = op('MinusAssign', '-=', [AugAssign]);
export const StarAssign = op('StarAssign', '*=', [AugAssign]);
export const SlashAssign = op('SlashAssign', '/=', [AugAssign]);
export const PercentAssign = op('PercentAssign', '%=', [AugAssign]);
export const AmpAssign = op('AmpAssign', '&=', [AugAssign]);
export const PipeAssign = op('PipeAssign', '|=', [AugAssign]);
export const CaretAssign = op('CaretAssign', '^=', [AugAssign]);
export const AtAssign = op('AtAssign', '@=', [AugAssign]);
export const Walrus = op('Walrus', ':=');
export const Plus = op('Plus', '+', [AddOp, UnaryOp]);
export const Minus = op('Minus', '-', [AddOp, UnaryOp]);
export const Star = op('Star', '*', [MulOp]);
export const Slash = op('Slash', '/', [MulOp]);
export const Percent = op('Percent', '%', [MulOp]);
export const At = op('At', '@', [MulOp]);
export const Amp = op('Amp', '&');
export const Pipe = op('Pipe', '|');
export const Caret = op('Caret', '^');
export const Tilde = op('Tilde', '~', [UnaryOp]);
export const Less = op('Less', '<', [CompareOp]);
export const Greater = op('Greater', '>', [CompareOp]);
export const LParen = op('LParen', '(');
export const RParen = op('RParen', ')');
export const LBracket = op('LBracket', '[');
export const RBracket = op('RBracket', ']');
export const LBrace = op('LBrace', '{');
export const RBrace = op('RBrace', '}');
export const Comma = op('Comma', ',');
export const Dot = op('Dot', '.');
export const Assign = op('Assign', '=');
export const Backtick = op('Backtick', '`');
// Not in HeaderAny: they end a header or a simple statement.
export const Colon = createToken({ name: 'Colon', pattern: /:/, label: "':'" });
export const Semicolon = createToken({ name: 'Semicolon', pattern: /;/, label: "';'" });
/** `x++` / `x--` at the end of a statement; made by the layout pass from two adjacent signs (RL112). */
export const IncDec = createToken({ name: 'IncDec', pattern: Lexer.NA, label: "'++'" });
/** Longest first, so that `as` does not hide `assert` (`longer_alt` then turns `assertion` into a name). */
const keywords = [
    False, None, True, And, As, Assert, Async, Await, Break, Class, Continue, Def, Del, Elif, Else, Except, Finally,
    For, From, Global, If, Import, In, Is, Lambda, Nonlocal, Not, Or, Pass, Raise, Return, Try, While, With, Yield,
].sort((a, b) => b.PATTERN.source.length - a.PATTERN.source.length);
/** The lexer's token list, in matching order. */
export const lexedTokens = [
    Newline, Whitespace, Comment, Continuation,
    String, UnterminatedString, Float, Int,
    ...keywords,
    Identifier,
    DoubleStarAssign, FloorDivAssign, ShiftRightAssign, ShiftLeftAssign, Ellipsis, DoubleStar, FloorDiv, ShiftRight, ShiftLeft,
    LessEqual, GreaterEqual, EqualEqual, NotEqual, LessGreater, Arrow,
    PlusAssign, MinusAssign, StarAssign, SlashAssign, PercentAssign, AmpAssign, PipeAssign, CaretAssign, AtAssign, Walrus,
    Plus, Minus, Star, Slash, Percent, At, Amp, Pipe, Caret, Tilde, Less, Greater,
    LParen, RParen, LBracket, RBracket, LBrace, RBrace, Comma, Dot, Assign, Backtick, Colon, Semicolon,
];
/** Every token type the parser knows: lexed ones, layout tokens and categories. */
export const allTokens = [...lexedTokens, Indent, Dedent, IncDec, HeaderAny, AugAssign, CompareOp, AddOp, MulOp, ShiftOp, UnaryOp];
//# sourceMappingURL=tokens.js.map