/**
 * Re-scans a string scalar's source to rebuild its value together with a
 * source map (spec §8.3): block literal (chomping and indentation indicators,
 * CRLF), double-quoted (escapes, folding), single-quoted (`''`, folding) and
 * plain scalars. The YAML parser's own value is the reference: if the re-scan
 * disagrees with it, the whole value maps onto the scalar, so a position may
 * be coarse but is never wrong.
 */
import type { YScalar } from '../read/yaml-tree.js';
import { SourceMap, SourceMapBuilder } from './source-map.js';

export interface DecodedScalar {
  readonly text: string;
  readonly map: SourceMap;
}

export function decodeScalar(scalar: YScalar, fileText: string): DecodedScalar {
  const value = typeof scalar.value === 'string' ? scalar.value : scalar.source.trim();
  const { start, end } = scalar.span;
  let decoded: { text: string; b: SourceMapBuilder } | undefined;
  switch (scalar.style) {
    case 'literal':
      decoded = decodeLiteral(fileText, start, end);
      break;
    case 'double-quoted':
      decoded = decodeFlow(fileText, start + 1, end - 1, 'double');
      break;
    case 'single-quoted':
      decoded = decodeFlow(fileText, start + 1, end - 1, 'single');
      break;
    case 'plain':
      decoded = decodeFlow(fileText, start, end, 'plain');
      break;
    case 'folded':
      break;
  }
  // Kept final breaks (`|+`) may lie after the scalar's span: they map to its end.
  if (decoded && value.startsWith(decoded.text) && /^\n*$/.test(value.slice(decoded.text.length))) {
    decoded.b.pushRange(value.length - decoded.text.length, end, end);
    return { text: value, map: decoded.b.finish(end) };
  }
  return { text: value, map: SourceMap.uniform(value.length, start, end) };
}

function isBreak(c: string | undefined): boolean {
  return c === '\n' || c === '\r';
}

function breakLength(text: string, i: number): number {
  return text[i] === '\r' && text[i + 1] === '\n' ? 2 : 1;
}

/** Leading-space count of the mapping that holds the scalar's key (`- ` entries count as indentation). */
function parentIndent(text: string, headerAt: number): number {
  let i = text.lastIndexOf('\n', headerAt - 1) + 1;
  const lineStart = i;
  while (text[i] === ' ' || (text[i] === '-' && text[i + 1] === ' ')) i++;
  return i - lineStart;
}

function decodeLiteral(text: string, start: number, end: number): { text: string; b: SourceMapBuilder } | undefined {
  let i = start + 1;
  let chomp: '' | '-' | '+' = '';
  let indicator = 0;
  for (; i < end; i++) {
    const c = text[i]!;
    if (c === '-' || c === '+') chomp = c;
    else if (c >= '1' && c <= '9') indicator = Number(c);
    else break;
  }
  while (i < end && !isBreak(text[i])) i++;
  if (i >= end) return { text: '', b: new SourceMapBuilder() };
  i += breakLength(text, i);
  // Lines: [start of text, end of text, break end].
  const lines: [number, number, number][] = [];
  while (i < end) {
    let e = i;
    while (e < text.length && !isBreak(text[e])) e++;
    const after = e < text.length ? e + breakLength(text, e) : e;
    lines.push([i, e, after]);
    i = after;
  }
  let indent = indicator > 0 ? parentIndent(text, start) + indicator : 0;
  if (indicator === 0) {
    const first = lines.find(([s, e]) => text.slice(s, e).trim() !== '');
    if (!first) return undefined;
    indent = first[0];
    while (text[indent] === ' ') indent++;
    indent -= first[0];
  }
  const b = new SourceMapBuilder();
  let out = '';
  let lastContentLength = 0;
  for (const [s, e, after] of lines) {
    const blank = e - s <= indent && text.slice(s, e).trim() === '';
    if (!blank) {
      for (let k = s + indent; k < e; k++) b.push(k, k + 1);
      out += text.slice(s + indent, e);
    }
    if (after > e) {
      b.push(e, after);
      out += '\n';
    }
    if (!blank) lastContentLength = out.length;
  }
  // Chomping (YAML 1.2 §8.1.1.2): strip drops every final break, clip keeps one, keep keeps all.
  const keepUpTo = chomp === '+' ? out.length : chomp === '-' ? lastContentLength - (out.endsWith('\n', lastContentLength) ? 1 : 0) : lastContentLength;
  b.pop(out.length - keepUpTo);
  return { text: out.slice(0, keepUpTo), b };
}

const SIMPLE_ESCAPES: Readonly<Record<string, string>> = {
  '0': '\0', a: '\x07', b: '\b', t: '\t', '\t': '\t', n: '\n', v: '\v', f: '\f', r: '\r', e: '\x1b', ' ': ' ', '"': '"', '/': '/', '\\': '\\',
  N: '\x85', _: '\xa0', L: '\u2028', P: '\u2029',
};
const HEX_LENGTH: Readonly<Record<string, number>> = { x: 2, u: 4, U: 8 };

/** Flow scalars: quoted or plain, with YAML line folding. */
function decodeFlow(text: string, start: number, end: number, style: 'double' | 'single' | 'plain'): { text: string; b: SourceMapBuilder } | undefined {
  const b = new SourceMapBuilder();
  let out = '';
  // Literal whitespace waits here: it is dropped if a line break follows.
  let pendingWs: number[] = [];
  const flushWs = () => {
    for (const k of pendingWs) {
      b.push(k, k + 1);
      out += text[k];
    }
    pendingWs = [];
  };
  const emit = (s: string, from: number, to: number) => {
    flushWs();
    for (let k = 0; k < s.length; k++) b.push(from, to);
    out += s;
  };
  let i = start;
  while (i < end) {
    const c = text[i]!;
    if (isBreak(c)) {
      const foldStart = pendingWs[0] ?? i;
      pendingWs = [];
      let j = i + breakLength(text, i);
      let emptyLines = 0;
      for (;;) {
        while (j < end && (text[j] === ' ' || text[j] === '\t')) j++;
        if (j < end && isBreak(text[j])) {
          emptyLines++;
          j += breakLength(text, j);
          continue;
        }
        break;
      }
      if (emptyLines === 0) emit(' ', foldStart, j);
      else for (let k = 0; k < emptyLines; k++) emit('\n', foldStart, j);
      i = j;
      continue;
    }
    if (c === ' ' || c === '\t') {
      pendingWs.push(i);
      i++;
      continue;
    }
    if (style === 'single' && c === "'" && text[i + 1] === "'") {
      emit("'", i, i + 2);
      i += 2;
      continue;
    }
    if (style === 'double' && c === '\\') {
      const next = text[i + 1];
      if (next === undefined || i + 1 >= end) return undefined;
      if (isBreak(next)) {
        // An escaped break joins the lines without a space and drops the next line's indentation.
        flushWs();
        let j = i + 1 + breakLength(text, i + 1);
        while (j < end && (text[j] === ' ' || text[j] === '\t')) j++;
        i = j;
        continue;
      }
      const simple = SIMPLE_ESCAPES[next];
      if (simple !== undefined) {
        emit(simple, i, i + 2);
        i += 2;
        continue;
      }
      const digits = HEX_LENGTH[next];
      if (digits === undefined) return undefined;
      const hex = text.slice(i + 2, i + 2 + digits);
      if (!/^[0-9a-fA-F]+$/.test(hex) || hex.length !== digits) return undefined;
      emit(String.fromCodePoint(parseInt(hex, 16)), i, i + 2 + digits);
      i += 2 + digits;
      continue;
    }
    emit(c, i, i + 1);
    i++;
  }
  if (style !== 'plain') flushWs();
  return { text: out, b };
}
