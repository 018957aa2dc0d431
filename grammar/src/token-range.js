export function tokenEnd(tok) {
    return tok.image.length > 0 ? tok.startOffset + tok.image.length : (tok.endOffset ?? tok.startOffset - 1) + 1;
}
//# sourceMappingURL=token-range.js.map