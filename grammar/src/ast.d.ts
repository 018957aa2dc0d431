/**
 * The rule AST. Every node has `start`/`end`: half-open UTF-16 offsets into
 * the rule text (spec §8.5). The shapes follow Python's `ast` module where the
 * dialect has the construct; forms the dialect refuses but can name are kept
 * (`PrintStatement`, `Unsupported`, `Starred` ...) so that the dialect pass
 * can report them; where error recovery skipped input there is a `Missing`.
 */
export interface Span {
    readonly start: number;
    readonly end: number;
}
export interface Module extends Span {
    readonly kind: 'Module';
    readonly body: readonly Statement[];
}
export type Statement = Assign | AugAssign | IncDec | If | For | While | Break | Continue | Pass | ExprStatement | PrintStatement | ExecStatement | UnsupportedStatement | MissingStatement;
/** `a = b = value`: `targets` in source order. */
export interface Assign extends Span {
    readonly kind: 'Assign';
    readonly targets: readonly Expression[];
    readonly value: Expression;
}
export type AugOperator = '+=' | '-=' | '*=' | '/=' | '//=' | '%=' | '**=' | '&=' | '|=' | '^=' | '<<=' | '>>=' | '@=';
export interface AugAssign extends Span {
    readonly kind: 'AugAssign';
    readonly target: Expression;
    readonly op: AugOperator;
    readonly value: Expression;
}
/** `x++` / `x--`: not Python (RL112). */
export interface IncDec extends Span {
    readonly kind: 'IncDec';
    readonly target: Expression;
    readonly op: '++' | '--';
}
/** `elif` becomes an `If` alone in `orelse`, with `elif: true`. */
export interface If extends Span {
    readonly kind: 'If';
    readonly test: Expression;
    readonly body: readonly Statement[];
    readonly orelse: readonly Statement[];
    readonly elif: boolean;
}
export interface For extends Span {
    readonly kind: 'For';
    readonly target: Expression;
    readonly iter: Expression;
    readonly body: readonly Statement[];
    readonly orelse: readonly Statement[];
}
export interface While extends Span {
    readonly kind: 'While';
    readonly test: Expression;
    readonly body: readonly Statement[];
    readonly orelse: readonly Statement[];
}
export interface Break extends Span {
    readonly kind: 'Break';
}
export interface Continue extends Span {
    readonly kind: 'Continue';
}
export interface Pass extends Span {
    readonly kind: 'Pass';
}
export interface ExprStatement extends Span {
    readonly kind: 'ExprStatement';
    readonly value: Expression;
}
/** Python 2 `print a, b` / `print >>f, a` (RL110). */
export interface PrintStatement extends Span {
    readonly kind: 'PrintStatement';
    readonly values: readonly Expression[];
    readonly trailingComma: boolean;
    readonly destination?: Expression;
}
/** Python 2 `exec "code"` (RL111). */
export interface ExecStatement extends Span {
    readonly kind: 'ExecStatement';
    readonly code: Expression;
}
export type UnsupportedStatementKind = 'def' | 'class' | 'with' | 'async' | 'try' | 'return' | 'del' | 'raise' | 'assert' | 'import' | 'from' | 'global' | 'nonlocal';
/** A statement the dialect refuses (RL120); `keyword` is the span of its keyword, `body` its parsed block. */
export interface UnsupportedStatement extends Span {
    readonly kind: 'UnsupportedStatement';
    readonly statement: UnsupportedStatementKind;
    readonly keyword: Span;
    readonly body: readonly Statement[];
}
/** Where recovery skipped a whole statement. */
export interface MissingStatement extends Span {
    readonly kind: 'MissingStatement';
}
export type Expression = Name | IntLiteral | FloatLiteral | StringLiteral | BoolLiteral | NoneLiteral | UnaryOp | BinOp | BoolOp | Compare | IfExp | Call | Attribute | Subscript | ListDisplay | TupleDisplay | DictDisplay | Starred | NamedExpr | Backquote | UnsupportedExpression | Missing;
export interface Name extends Span {
    readonly kind: 'Name';
    readonly id: string;
}
/** `raw` is the literal as written (`0x1F`, `1_000`, Python 2 `0777` / `10L`); `imaginary` marks `2j` (RL120). */
export interface IntLiteral extends Span {
    readonly kind: 'Int';
    readonly value: bigint;
    readonly raw: string;
    readonly imaginary: boolean;
}
export interface FloatLiteral extends Span {
    readonly kind: 'Float';
    readonly value: number;
    readonly raw: string;
    readonly imaginary: boolean;
}
/** One quoted piece of a (possibly concatenated) string literal. */
export interface StringPart extends Span {
    readonly prefix: string;
    readonly raw: string;
    readonly value: string;
    readonly terminated: boolean;
}
/** Adjacent literals concatenate: `value` is the decoded whole. */
export interface StringLiteral extends Span {
    readonly kind: 'String';
    readonly value: string;
    readonly parts: readonly StringPart[];
}
export interface BoolLiteral extends Span {
    readonly kind: 'Bool';
    readonly value: boolean;
}
export interface NoneLiteral extends Span {
    readonly kind: 'None';
}
export interface UnaryOp extends Span {
    readonly kind: 'UnaryOp';
    readonly op: '+' | '-' | '~' | 'not';
    readonly operand: Expression;
}
export type BinaryOperator = '+' | '-' | '*' | '/' | '//' | '%' | '**' | '@' | '&' | '|' | '^' | '<<' | '>>';
export interface BinOp extends Span {
    readonly kind: 'BinOp';
    readonly op: BinaryOperator;
    readonly left: Expression;
    readonly right: Expression;
    /** The operator token. */
    readonly opSpan: Span;
}
export interface BoolOp extends Span {
    readonly kind: 'BoolOp';
    readonly op: 'and' | 'or';
    readonly values: readonly Expression[];
}
export type CompareOperator = '<' | '>' | '<=' | '>=' | '==' | '!=' | '<>' | 'in' | 'not in' | 'is' | 'is not';
/** `a < b <= c`: `ops[i]` sits between `comparators[i-1]` (or `left`) and `comparators[i]`. */
export interface Compare extends Span {
    readonly kind: 'Compare';
    readonly left: Expression;
    readonly ops: readonly CompareOperator[];
    readonly opSpans: readonly Span[];
    readonly comparators: readonly Expression[];
}
export interface IfExp extends Span {
    readonly kind: 'IfExp';
    readonly test: Expression;
    readonly body: Expression;
    readonly orelse: Expression;
}
export interface Keyword extends Span {
    readonly name: string;
    readonly nameSpan: Span;
    readonly value: Expression;
}
export interface Call extends Span {
    readonly kind: 'Call';
    readonly func: Expression;
    /** Positional arguments; `Starred` for `*xs` / `**kw` (RL120). */
    readonly args: readonly Expression[];
    readonly keywords: readonly Keyword[];
}
export interface Attribute extends Span {
    readonly kind: 'Attribute';
    readonly value: Expression;
    readonly attr: string;
    readonly attrSpan: Span;
}
export interface Slice extends Span {
    readonly kind: 'Slice';
    readonly lower?: Expression;
    readonly upper?: Expression;
    readonly step?: Expression;
}
/** `x[i]`, `x[i:j:k]`; `d[a, b]` has a `TupleDisplay` index. */
export interface Subscript extends Span {
    readonly kind: 'Subscript';
    readonly value: Expression;
    readonly index: Expression | Slice | TupleOfSlices;
}
/** `x[a:b, c]`: a tuple index holding a slice (numpy style). */
export interface TupleOfSlices extends Span {
    readonly kind: 'TupleOfSlices';
    readonly elements: readonly (Expression | Slice)[];
}
export interface ListDisplay extends Span {
    readonly kind: 'List';
    readonly elements: readonly Expression[];
}
/** `(a,)`, `a, b`, `()`: `parenthesized` tells the two spellings apart. */
export interface TupleDisplay extends Span {
    readonly kind: 'Tuple';
    readonly elements: readonly Expression[];
    readonly parenthesized: boolean;
}
/** `{k: v}`; `{}` is an empty dict. */
export interface DictDisplay extends Span {
    readonly kind: 'Dict';
    readonly keys: readonly Expression[];
    readonly values: readonly Expression[];
}
/** `*xs`, or `**kw` in a call or dict (RL120). */
export interface Starred extends Span {
    readonly kind: 'Starred';
    readonly value: Expression;
    readonly double: boolean;
}
/** `name := value` (RL120). */
export interface NamedExpr extends Span {
    readonly kind: 'NamedExpr';
    readonly target: Expression;
    readonly value: Expression;
}
/** Python 2 `` `x` `` (RL111). */
export interface Backquote extends Span {
    readonly kind: 'Backquote';
    readonly value: Expression;
}
export type UnsupportedExpressionKind = 'lambda' | 'yield' | 'await' | 'list comprehension' | 'set comprehension' | 'dict comprehension' | 'generator expression' | 'set display' | 'ellipsis';
/** An expression the dialect refuses (RL120); its parts are not kept. */
export interface UnsupportedExpression extends Span {
    readonly kind: 'UnsupportedExpression';
    readonly expression: UnsupportedExpressionKind;
}
/** Where recovery skipped an expression; the span is where it was expected (may be empty). */
export interface Missing extends Span {
    readonly kind: 'Missing';
}
export type Node = Module | Statement | Expression | Slice | TupleOfSlices;
