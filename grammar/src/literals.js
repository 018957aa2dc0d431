/** `raw` matched the Int token: `0x1F`, `0o17`, `0b1`, `1_000`, and Python 2's `0777`, `10L`, or `2j`. */
export function intValue(raw) {
    const imaginary = /[jJ]$/.test(raw);
    const digits = raw.replace(/_/g, '').replace(/[lLjJ]$/, '');
    if (/^0[xXoObB]/.test(digits))
        return { value: BigInt(digits.toLowerCase()), imaginary };
    // Python 2 read `0777` as octal; keep that meaning so that messages and fixes agree.
    if (/^0[0-7]+$/.test(digits))
        return { value: BigInt(`0o${digits.slice(1)}`), imaginary };
    return { value: BigInt(digits), imaginary };
}
export function floatValue(raw) {
    return { value: Number(raw.replace(/_/g, '').replace(/[jJ]$/, '')), imaginary: /[jJ]$/.test(raw) };
}
/**
 * `\N{...}` names this compiler knows. Embedding Unicode's name table would
 * cost about a megabyte for a feature no rule in the corpus uses; these are
 * the names a metrics message plausibly needs. Others get RL100.
 */
const UNICODE_NAMES = {
    'NULL': '\u0000',
    'CHARACTER TABULATION': '\t',
    'LINE FEED': '\n',
    'CARRIAGE RETURN': '\r',
    'SPACE': ' ',
    'NO-BREAK SPACE': '\u00a0',
    'COPYRIGHT SIGN': '\u00a9',
    'DEGREE SIGN': '\u00b0',
    'PLUS-MINUS SIGN': '\u00b1',
    'MICRO SIGN': '\u00b5',
    'MULTIPLICATION SIGN': '\u00d7',
    'DIVISION SIGN': '\u00f7',
    'GREEK SMALL LETTER MU': '\u03bc',
    'EN DASH': '\u2013',
    'EM DASH': '\u2014',
    'BULLET': '\u2022',
    'HORIZONTAL ELLIPSIS': '\u2026',
    'EURO SIGN': '\u20ac',
    'RIGHTWARDS ARROW': '\u2192',
    'INFINITY': '\u221e',
    'LESS-THAN OR EQUAL TO': '\u2264',
    'GREATER-THAN OR EQUAL TO': '\u2265',
};
const SIMPLE = { '\\': '\\', "'": "'", '"': '"', n: '\n', r: '\r', t: '\t', a: '\x07', b: '\b', f: '\f', v: '\v' };
/** Decodes one quoted piece starting at offset `start` of the rule text. */
export function decodeString(raw, start, terminated, problems) {
    const prefixLength = /^[a-zA-Z]*/.exec(raw)[0].length;
    const prefix = raw.slice(0, prefixLength);
    const quoteLength = raw.startsWith(raw[prefixLength].repeat(3), prefixLength) && raw.length >= prefixLength + 3 ? 3 : 1;
    const bodyStart = prefixLength + quoteLength;
    const bodyEnd = terminated ? raw.length - quoteLength : raw.length;
    const body = raw.slice(bodyStart, Math.max(bodyStart, bodyEnd));
    const isRaw = /[rR]/.test(prefix);
    const value = isRaw ? body : decodeEscapes(body, start + bodyStart, problems);
    return { start, end: start + raw.length, prefix, raw, value, terminated };
}
function decodeEscapes(body, offset, problems) {
    let out = '';
    let i = 0;
    while (i < body.length) {
        const slash = body.indexOf('\\', i);
        if (slash < 0 || slash === body.length - 1) {
            out += body.slice(i);
            break;
        }
        out += body.slice(i, slash);
        const c = body[slash + 1];
        const at = offset + slash;
        i = slash + 2;
        if (c === '\n')
            continue;
        if (c in SIMPLE) {
            out += SIMPLE[c];
        }
        else if (c >= '0' && c <= '7') {
            const digits = /^[0-7]{1,3}/.exec(body.slice(slash + 1))[0];
            out += String.fromCharCode(parseInt(digits, 8));
            i = slash + 1 + digits.length;
        }
        else if (c === 'x' || c === 'u' || c === 'U') {
            const width = c === 'x' ? 2 : c === 'u' ? 4 : 8;
            const hex = body.slice(i, i + width);
            const code = /^[0-9a-fA-F]+$/.test(hex) && hex.length === width ? parseInt(hex, 16) : -1;
            if (code < 0 || code > 0x10ffff) {
                problems.push({ code: 'RL100', start: at, end: offset + Math.min(body.length, i + width), args: { expected: `'\\${c}' followed by ${width} hexadecimal digits`, found: `'${body.slice(slash, i + width)}'` } });
            }
            else {
                out += String.fromCodePoint(code);
                i += width;
            }
        }
        else if (c === 'N') {
            const m = /^\{([^}\n]*)\}/.exec(body.slice(i));
            const char = m ? UNICODE_NAMES[m[1].toUpperCase()] : undefined;
            if (char === undefined) {
                const end = m ? i + m[0].length : i;
                problems.push({ code: 'RL100', start: at, end: offset + end, args: { expected: `a character name this compiler knows inside '\\N{...}' (${Object.keys(UNICODE_NAMES).join(', ')}), or a '\\u' escape`, found: `'${body.slice(slash, end)}'` } });
            }
            else
                out += char;
            if (m)
                i += m[0].length;
        }
        else {
            // Python 3.8 keeps an unknown escape as written (and warns, as RL306 does).
            out += `\\${c}`;
            problems.push({ code: 'RL306', start: at, end: at + 2, args: { sequence: `\\${c}`, escaped: `\\\\${c}` } });
        }
    }
    return out;
}
//# sourceMappingURL=literals.js.map