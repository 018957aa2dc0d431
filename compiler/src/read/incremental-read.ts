/**
 * Incremental reading for documents being edited (the language server): an
 * edit that stays inside one entry of a block mapping re-reads only that
 * entry and splices it into the previous tree, instead of parsing the whole
 * file again. On a 16k-line ADT a keystroke re-reads a line or two.
 *
 * The splice must give exactly the tree a full read gives, so it is tried
 * only where that is easy to be sure of: the previous read was clean (no
 * diagnostics, no anchors, aliases or merge keys, one document), the entry's
 * key starts its line (block context, no flow collection around it), the
 * edit lies strictly after the key's first character and before the end of
 * the entry's last line, and the re-read entry is clean and is still exactly
 * one pair whose key is unique among its siblings. Anything else is a full
 * read. test/lsp-incremental.test.ts compares both over random edits.
 */
import { SourceFile } from '../source/source-file.js';
import type { Span } from '../source/span.js';
import { YMap, type YNode, type YPair } from './yaml-tree.js';

/** The last clean read of a retained document. */
interface Retained {
  readonly text: string;
  readonly root: YNode;
}

const retainedUris = new Set<string>();
const lastClean = new Map<string, Retained>();

/** Keep the tree of each clean read of `uri`, so the next read of it can be incremental. */
export function retainReads(uri: string): void {
  retainedUris.add(uri);
}

/** Stop keeping trees of `uri` (the document was closed). */
export function releaseReads(uri: string): void {
  retainedUris.delete(uri);
  lastClean.delete(uri);
}

export function isRetained(uri: string): boolean {
  return retainedUris.has(uri);
}

/** Records a read of a retained document; only clean reads can be spliced into later. */
export function rememberRead(file: SourceFile, root: YNode | undefined, clean: boolean): void {
  if (!retainedUris.has(file.uri)) return;
  if (clean && root) lastClean.set(file.uri, { text: file.text, root });
  else lastClean.delete(file.uri);
}

/** Reads text on its own (one block-mapping entry): the tree, and whether reading it was clean. */
export type ReadEntry = (file: SourceFile) => { readonly root: YNode | undefined; readonly clean: boolean };

/**
 * The tree of `file` built from the previous clean read of the same document,
 * or undefined when the edit is not one this can splice (read it whole then).
 */
export function spliceRead(file: SourceFile, readEntry: ReadEntry): YNode | undefined {
  const previous = lastClean.get(file.uri);
  if (!previous) return undefined;
  const edit = diff(previous.text, file.text);
  if (!edit) return previous.text === file.text ? previous.root : undefined;
  const path = locate(previous.root, previous.text, edit.start, edit.oldEnd);
  if (!path) return undefined;
  const { pair, regionEnd } = path.target;
  const keyStart = pair.key.span.start;
  const column = keyStart - (previous.text.lastIndexOf('\n', keyStart - 1) + 1);
  const delta = file.text.length - previous.text.length;
  const newRegionEnd = regionEnd + delta;
  const entryText = ' '.repeat(column) + file.text.slice(keyStart, newRegionEnd);
  const entry = readEntry(new SourceFile(file.uri, entryText));
  if (!entry.clean || !(entry.root instanceof YMap) || entry.root.pairs.length !== 1) return undefined;
  const offset = keyStart - column;
  const read = entry.root.pairs[0]!;
  if (read.name === '<<' || read.key.span.start !== column) return undefined;
  const newPair: YPair = { key: shiftScalar(read.key, offset, file.uri), name: read.name, value: shift(read.value, offset, file.uri) };
  const parent = path.containers.at(-1)!;
  if (parent instanceof YMap && parent.pairs.some((p) => p !== pair && p.name === newPair.name)) return undefined;

  // Collections end at their last content: shifted when that lies after the entry, found again in the new text when it is the entry's.
  const endOf = (n: YNode): number | undefined => {
    if (n.span.end > regionEnd) return n.span.end + delta;
    if (contentEnd(previous.text, regionEnd, n.span.start) !== n.span.end) return undefined;
    return contentEnd(file.text, newRegionEnd, n.span.start);
  };
  return rebuild(previous.root, path.containers, 0, pair, newPair, endOf, regionEnd, delta);
}

/** The changed range: [start, oldEnd) of the old text became [start, newEnd) of the new one. */
function diff(a: string, b: string): { start: number; oldEnd: number } | undefined {
  if (a === b) return undefined;
  const min = Math.min(a.length, b.length);
  // Whole blocks first (string comparison is a memory compare), then the characters of the block that differs.
  let start = 0;
  while (start + DIFF_BLOCK <= min && a.startsWith(b.slice(start, start + DIFF_BLOCK), start)) start += DIFF_BLOCK;
  while (start < min && a.charCodeAt(start) === b.charCodeAt(start)) start++;
  let suffix = 0;
  while (suffix + DIFF_BLOCK <= min - start && a.endsWith(b.slice(b.length - suffix - DIFF_BLOCK, b.length - suffix), a.length - suffix)) suffix += DIFF_BLOCK;
  while (suffix < min - start && a.charCodeAt(a.length - 1 - suffix) === b.charCodeAt(b.length - 1 - suffix)) suffix++;
  return { start, oldEnd: a.length - suffix };
}

const DIFF_BLOCK = 1024;

interface Target {
  readonly pair: YPair;
  /** Where the entry's text ends: the start of the line after its value (or the end of the file). */
  readonly regionEnd: number;
}

/** The deepest block-mapping entry that contains the edit, with the collections from the root down to its map. */
function locate(root: YNode, text: string, start: number, oldEnd: number): { containers: YNode[]; target: Target } | undefined {
  const containers: YNode[] = [];
  let best: { containers: YNode[]; target: Target } | undefined;
  let node: YNode | undefined = root;
  while (node && node.kind !== 'scalar') {
    // A flow collection ('{', '[') has no line structure to re-read by.
    if (text[node.span.start] === '{' || text[node.span.start] === '[') break;
    containers.push(node);
    let next: YNode | undefined;
    if (node instanceof YMap) {
      for (const pair of node.pairs) {
        const end = lineAfter(text, Math.max(pair.key.span.end, pair.value.span.end));
        if (start <= pair.key.span.start || oldEnd >= end) continue;
        if (!startsLine(text, pair.key.span.start)) return best;
        best = { containers: [...containers], target: { pair, regionEnd: end } };
        next = pair.value;
        break;
      }
    } else if (node.kind === 'seq') {
      next = node.items.find((item) => item.span.start <= start && oldEnd <= item.span.end);
    }
    node = next;
  }
  return best;
}

/** Only indentation and list markers come before `offset` on its line. */
function startsLine(text: string, offset: number): boolean {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  return /^(?: *- +)* *$/.test(text.slice(lineStart, offset));
}

function lineAfter(text: string, offset: number): number {
  if (offset > 0 && text[offset - 1] === '\n') return offset;
  const nl = text.indexOf('\n', offset);
  return nl < 0 ? text.length : nl + 1;
}

/** Where a block collection's span ends when its content ends before `end`: trailing space and comment lines left out (read-yaml's collectionSpan). */
function contentEnd(text: string, end: number, start: number): number {
  for (;;) {
    while (end > start && /\s/.test(text[end - 1]!)) end--;
    const lineStart = text.lastIndexOf('\n', end - 1) + 1;
    if (lineStart <= start || !text.slice(lineStart, end).trimStart().startsWith('#')) return end;
    end = lineStart;
  }
}

/** The root with the entry replaced: collections on the way rebuilt, everything after the entry shifted, everything before reused. */
function rebuild(node: YNode, containers: readonly YNode[], depth: number, old: YPair, replacement: YPair, endOf: (n: YNode) => number | undefined, regionEnd: number, delta: number): YNode | undefined {
  const end = endOf(node);
  if (end === undefined) return undefined;
  const span: Span = { uri: node.span.uri, start: node.span.start, end };
  const child = containers[depth + 1];
  const after = (n: YNode) => (n.span.start >= regionEnd ? shift(n, delta, n.span.uri) : n);
  if (node instanceof YMap) {
    const pairs: YPair[] = [];
    for (const p of node.pairs) {
      if (p === old) pairs.push(replacement);
      else if (child && p.value === child) {
        const value = rebuild(child, containers, depth + 1, old, replacement, endOf, regionEnd, delta);
        if (!value) return undefined;
        pairs.push({ key: p.key, name: p.name, value });
      } else if (p.key.span.start >= regionEnd && delta !== 0) pairs.push({ key: shiftScalar(p.key, delta, p.key.span.uri), name: p.name, value: shift(p.value, delta, p.value.span.uri) });
      else pairs.push(p);
    }
    return new YMap(span, pairs, node.tag);
  }
  if (node.kind === 'seq') {
    const items: YNode[] = [];
    for (const item of node.items) {
      if (child && item === child) {
        const value = rebuild(child, containers, depth + 1, old, replacement, endOf, regionEnd, delta);
        if (!value) return undefined;
        items.push(value);
      } else items.push(after(item));
    }
    return { ...node, span, items };
  }
  return undefined;
}

function shiftSpan(s: Span, by: number, uri: string): Span {
  return { uri, start: s.start + by, end: s.end + by };
}

function shiftScalar<T extends YNode & { kind: 'scalar' }>(n: T, by: number, uri: string): T {
  if (by === 0 && n.span.uri === uri) return n;
  return { ...n, span: shiftSpan(n.span, by, uri) };
}

/**
 * A copy of a subtree (a tree: clean reads hold no aliases) with every span moved by `by`; the subtree itself
 * when nothing moves (an edit that keeps the length), so a same-length edit reuses every node after it.
 */
function shift(n: YNode, by: number, uri: string): YNode {
  if (by === 0 && n.span.uri === uri) return n;
  switch (n.kind) {
    case 'scalar':
      return shiftScalar(n, by, uri);
    case 'seq':
      return { ...n, span: shiftSpan(n.span, by, uri), items: n.items.map((i) => shift(i, by, uri)) };
    case 'map':
      return new YMap(
        shiftSpan(n.span, by, uri),
        n.pairs.map((p) => ({ key: shiftScalar(p.key, by, uri), name: p.name, value: shift(p.value, by, uri) })),
        n.tag,
      );
  }
}
