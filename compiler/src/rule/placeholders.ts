/**
 * `{{ NAME }}` substitution (spec §8.4, micado-reference §6.2). The Policy
 * Keeper renders the whole policy text as a template before anything runs, so
 * a placeholder becomes code: `str(value)` of the constant, strings unquoted.
 * The substituted text maps back to the whole placeholder. Other template
 * syntax is RL501 (blanked out for the parser); an undefined name is RL502 (MiCADO would insert empty text;
 * here it stands for `0` so the rest of the rule is still checked). `{{stack}}`
 * (the application id, known at deployment) becomes the name `stack`, and
 * check-rule-text reports it unless it lies in a string literal.
 */
import type { RuleProblem } from './problem.js';
import type { Piece, SourceMap } from './source-map.js';

export interface Substitution {
  /** Range of the substituted text in the new rule text. */
  readonly start: number;
  readonly end: number;
  readonly name: string;
  readonly value: string;
}

export interface Substituted {
  readonly text: string;
  readonly map: SourceMap;
  readonly substitutions: readonly Substitution[];
  /** Ranges in the new text where `{{stack}}` was. */
  readonly stack: readonly { start: number; end: number }[];
  /** Offsets are in the new text. */
  readonly problems: readonly RuleProblem[];
}

const PLACEHOLDER = /\{\{\s*([A-Za-z_]\w*)\s*\}\}/y;
const OPENERS: Readonly<Record<string, string>> = { '{{': '}}', '{%': '%}', '{#': '#}' };

export function substitutePlaceholders(text: string, map: SourceMap, constants: ReadonlyMap<string, string>): Substituted {
  const pieces: Piece[] = [];
  const substitutions: Substitution[] = [];
  const stack: { start: number; end: number }[] = [];
  const problems: RuleProblem[] = [];
  let out = '';
  let kept = 0;
  const replace = (start: number, end: number, value: string) => {
    if (kept < start) pieces.push({ start: kept, end: start });
    out += text.slice(kept, start);
    pieces.push({ start, end, text: value });
    const at = { start: out.length, end: out.length + value.length };
    out += value;
    kept = end;
    return at;
  };
  for (let i = text.indexOf('{'); i >= 0 && i < text.length; i = text.indexOf('{', i)) {
    const opener = text.slice(i, i + 2);
    const closer = OPENERS[opener];
    if (!closer) {
      i++;
      continue;
    }
    PLACEHOLDER.lastIndex = i;
    const m = opener === '{{' ? PLACEHOLDER.exec(text) : null;
    if (m) {
      const name = m[1]!;
      const end = i + m[0].length;
      const value = constants.get(name);
      if (name === 'stack' && value === undefined) {
        stack.push(replace(i, end, 'stack'));
      } else if (value === undefined) {
        const at = replace(i, end, '0');
        problems.push({ code: 'RL502', ...at, args: { placeholder: m[0], problem: `names no constant of this ADT, so MiCADO would replace it with empty text`, advice: `Define '${name}' under the constants of a scaling policy, or correct the name.` } });
      } else {
        substitutions.push({ ...replace(i, end, value), name, value });
      }
      i = end;
      continue;
    }
    const lineEnd = text.indexOf('\n', i);
    const close = text.indexOf(closer, i + 2);
    const end = close >= 0 && (lineEnd < 0 || close < lineEnd) ? close + 2 : i + 2;
    const reference = opener === '{{' ? "fails on anything but a constant's name (or inserts nothing)" : opener === '{%' ? 'evaluates it before the constants are known' : 'removes it as a template comment';
    // The unsupported syntax is blanked out (same length, so positions stay), so the parser does not report it a second time.
    const at = replace(i, end, ' '.repeat(end - i));
    problems.push({ code: 'RL501', ...at, args: { text: text.slice(i, end), reference } });
    i = end;
  }
  if (pieces.length === 0) return { text, map, substitutions, stack, problems };
  if (kept < text.length) pieces.push({ start: kept, end: text.length });
  out += text.slice(kept);
  return { text: out, map: map.compose(pieces), substitutions, stack, problems };
}
