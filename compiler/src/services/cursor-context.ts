/**
 * Where the cursor is in the YAML structure, read from the text by
 * indentation. Completion runs while the user is typing, when the line under
 * the cursor is usually not valid YAML yet ("    ima"), so the positioned tree
 * cannot say where the cursor is; indentation still can.
 */

export interface CursorContext {
  /** Keys from the root to the mapping holding the cursor; '-' stands for a list item. */
  readonly path: readonly string[];
  /**
   * 'key': writing a key; 'value': writing the value of `key`; 'item': writing a
   * list item of the list under the last key of `path`; 'block': inside a block scalar.
   */
  readonly position: 'key' | 'value' | 'item' | 'block';
  readonly key?: string;
  /** The text of the value before the cursor (value and item positions). */
  readonly valueBefore: string;
  /** Offsets of the word under the cursor, which a completion replaces. */
  readonly wordStart: number;
  readonly wordEnd: number;
}

const WORD = /[A-Za-z0-9_.:\-]/;

interface LineShape {
  /** Column of the first character after indentation and list markers. */
  readonly keyColumn: number;
  /** Column of each list marker on the line. */
  readonly dashes: readonly number[];
  readonly rest: string;
}

function shape(line: string): LineShape {
  let i = 0;
  const dashes: number[] = [];
  for (;;) {
    while (line[i] === ' ') i++;
    if (line[i] === '-' && (line[i + 1] === ' ' || i + 1 === line.length)) {
      dashes.push(i);
      i++;
      continue;
    }
    break;
  }
  return { keyColumn: i, dashes, rest: line.slice(i) };
}

const KEY_LINE = /^("[^"]*"|'[^']*'|[^\s#'"{[][^:#]*?)\s*:(\s+(.*))?$/;

function unquote(k: string): string {
  const t = k.trim();
  return (t.startsWith('"') && t.endsWith('"')) || (t.startsWith("'") && t.endsWith("'")) ? t.slice(1, -1) : t;
}

export function cursorContext(text: string, offset: number): CursorContext {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const before = text.slice(lineStart, offset);
  let wordStart = offset;
  while (wordStart > lineStart && WORD.test(text[wordStart - 1]!)) wordStart--;
  let wordEnd = offset;
  while (wordEnd < text.length && WORD.test(text[wordEnd]!)) wordEnd++;
  // A key being typed ends at the colon; do not treat the colon as part of the word.
  if (text[wordEnd - 1] === ':' && wordEnd > offset) wordEnd--;

  const own = shape(before);
  const blank = own.rest.trim() === '';
  let position: CursorContext['position'];
  let key: string | undefined;
  let valueBefore = '';
  const keyMatch = KEY_LINE.exec(own.rest);
  if (keyMatch && keyMatch[2] !== undefined) {
    position = 'value';
    key = unquote(keyMatch[1]!);
    valueBefore = keyMatch[3] ?? '';
  } else if (own.dashes.length > 0 && !blank && !own.rest.includes(':')) {
    position = 'item';
    valueBefore = own.rest;
  } else {
    position = 'key';
  }

  // The column that parents must be left of, and whether a parent may sit at it (a list's key above its items).
  const tail: string[] = [];
  let column: number;
  let allowEqual = false;
  if (own.dashes.length > 0) {
    for (let i = 0; i < own.dashes.length; i++) tail.push('-');
    column = own.dashes[0]!;
    allowEqual = true;
    if (position === 'item') tail.pop();
  } else {
    column = blank ? before.length : own.keyColumn;
  }

  const path: string[] = [];
  let blockParent: string | undefined;
  let end = lineStart - 1;
  while (end > 0 && column > 0) {
    const start = text.lastIndexOf('\n', end - 1) + 1;
    const line = text.slice(start, end).replace(/\r$/, '');
    end = start - 1;
    if (line.trim() === '' || /^\s*#/.test(line)) continue;
    const s = shape(line);
    const m = KEY_LINE.exec(s.rest);
    const fits = s.keyColumn < column || (allowEqual && s.keyColumn === column && s.dashes.length === 0);
    if (!fits) continue;
    if (!m) {
      // A plain list item or a continuation line at a lower indentation: only its list markers matter.
      if (s.dashes.length > 0 && s.dashes[0]! < column) {
        for (let i = 0; i < s.dashes.length; i++) path.unshift('-');
        column = s.dashes[0]!;
        allowEqual = true;
      } else if (s.dashes.length === 0) {
        column = s.keyColumn;
        allowEqual = false;
      }
      continue;
    }
    const k = unquote(m[1]!);
    const value = (m[3] ?? '').trim();
    if (path.length === 0 && tail.length === 0 && /^[|>][-+0-9]*$/.test(value)) blockParent = k;
    path.unshift(k);
    column = s.keyColumn;
    allowEqual = false;
    if (s.dashes.length > 0) {
      for (let i = 0; i < s.dashes.length; i++) path.unshift('-');
      column = s.dashes[0]!;
      allowEqual = true;
    }
  }
  if (blockParent !== undefined && position !== 'value') {
    return { path: path.slice(0, -1), position: 'block', key: blockParent, valueBefore: before, wordStart, wordEnd };
  }
  return { path: [...path, ...tail], position, ...(key !== undefined ? { key } : {}), valueBefore, wordStart, wordEnd };
}
