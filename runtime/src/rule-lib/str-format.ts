/** str.format(): replacement fields, conversions and nested specs (spec §4.14). */
import type { PyValue } from './values.js';
import { PyError, indexError, valueError } from './errors.js';
import { format } from './format-spec.js';
import { repr, str } from './repr.js';
import { getitem } from './subscript.js';
import type { Kw } from './builtins.js';
import { reserveString } from './budget.js';

export function formatMethod(fmt: string, args: PyValue[], kw: Kw, depth = 0): string {
  let out = '';
  let auto = 0;
  let mode: 'auto' | 'manual' | '' = '';
  let i = 0;
  while (i < fmt.length) {
    const c = fmt[i]!;
    if (c === '}') {
      if (fmt[i + 1] === '}') { out += '}'; i += 2; continue; }
      throw valueError("Single '}' encountered in format string");
    }
    if (c !== '{') { out += c; i++; continue; }
    if (fmt[i + 1] === '{') { out += '{'; i += 2; continue; }
    // Find the matching close brace, allowing one level of nested {} in the spec.
    let j = i + 1, nest = 1;
    while (j < fmt.length && nest > 0) {
      if (fmt[j] === '{') nest++;
      else if (fmt[j] === '}') nest--;
      if (nest > 0) j++;
    }
    if (nest > 0) throw valueError("expected '}' before end of string");
    const field = fmt.slice(i + 1, j);
    i = j + 1;
    const m = /^([^!:[.]*)((?:\[[^\]]*\]|\.[^![.:]*)*)(?:!(.))?(?::(.*))?$/s.exec(field);
    if (!m) throw valueError('unmatched field in format string');
    const [, name = '', access = '', conv, specRaw = ''] = m;
    let value: PyValue;
    if (name === '') {
      if (mode === 'manual') throw valueError('cannot switch from manual field specification to automatic field numbering');
      mode = 'auto';
      if (auto >= args.length) throw indexError(`Replacement index ${auto} out of range for positional args tuple`);
      value = args[auto++]!;
    } else if (/^\d+$/.test(name)) {
      if (mode === 'auto') throw valueError('cannot switch from automatic field numbering to manual field specification');
      mode = 'manual';
      const k = Number(name);
      if (k >= args.length) throw indexError(`Replacement index ${k} out of range for positional args tuple`);
      value = args[k]!;
    } else {
      if (!(name in kw)) throw new PyError('KeyError', repr(name));
      value = kw[name]!;
    }
    for (const part of access.match(/\[[^\]]*\]|\.[^[.]*/g) ?? []) {
      if (part[0] === '.') throw new PyError('AttributeError', `attribute access '${part}' is not supported in rules`);
      const key = part.slice(1, -1);
      value = getitem(value, /^\d+$/.test(key) ? BigInt(key) : key);
    }
    if (conv !== undefined) {
      if (conv === 'r' || conv === 'a') value = repr(value);
      else if (conv === 's') value = str(value);
      else throw valueError(`Unknown conversion specifier ${conv}`);
    }
    let spec = specRaw;
    if (spec.includes('{')) {
      if (depth > 0) throw valueError('Max string recursion exceeded');
      // Nested fields share the automatic numbering of the outer string.
      const inner = formatMethod(spec, args.slice(auto), kw, depth + 1);
      auto += (spec.match(/\{\}/g) ?? []).length;
      spec = inner;
    }
    const text = format(value, spec);
    reserveString(out.length + text.length);
    out += text;
  }
  return out;
}
