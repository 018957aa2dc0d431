export function fStringFix(part) {
    const prefix = part.prefix.replace(/[fF]/, '');
    const quoteStart = part.prefix.length;
    const quote = part.raw.slice(quoteStart).startsWith(part.raw[quoteStart].repeat(3)) ? part.raw[quoteStart].repeat(3) : part.raw[quoteStart];
    if (!part.terminated)
        return undefined;
    const body = part.raw.slice(quoteStart + quote.length, part.raw.length - quote.length);
    let template = '';
    const args = [];
    let i = 0;
    while (i < body.length) {
        const c = body[i];
        if ((c === '{' || c === '}') && body[i + 1] === c) {
            template += c + c;
            i += 2;
            continue;
        }
        if (c === '}')
            return undefined;
        if (c !== '{') {
            template += c;
            i++;
            continue;
        }
        const close = body.indexOf('}', i);
        if (close < 0)
            return undefined;
        const field = body.slice(i + 1, close);
        if (/[{'"!\\]/.test(field))
            return undefined;
        const colon = topLevelColon(field);
        const expression = (colon < 0 ? field : field.slice(0, colon)).trim();
        if (expression === '')
            return undefined;
        args.push(expression);
        template += colon < 0 ? '{}' : `{${field.slice(colon)}}`;
        i = close + 1;
    }
    return {
        title: 'Use str.format',
        edits: [{ start: part.start, end: part.end, newText: `${prefix}${quote}${template}${quote}.format(${args.join(', ')})` }],
    };
}
/** The `:` that starts a format spec: the first one outside brackets. */
function topLevelColon(field) {
    let depth = 0;
    for (let i = 0; i < field.length; i++) {
        const c = field[i];
        if (c === '(' || c === '[')
            depth++;
        else if (c === ')' || c === ']')
            depth--;
        else if (c === ':' && depth === 0)
            return i;
    }
    return -1;
}
//# sourceMappingURL=f-string-fix.js.map