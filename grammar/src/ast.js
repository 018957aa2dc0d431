/**
 * The rule AST. Every node has `start`/`end`: half-open UTF-16 offsets into
 * the rule text (spec §8.5). The shapes follow Python's `ast` module where the
 * dialect has the construct; forms the dialect refuses but can name are kept
 * (`PrintStatement`, `Unsupported`, `Starred` ...) so that the dialect pass
 * can report them; where error recovery skipped input there is a `Missing`.
 */
export {};
//# sourceMappingURL=ast.js.map