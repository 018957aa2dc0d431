/** Folding and selection ranges, from the positioned YAML tree. */
import type { YNode } from '../read/yaml-tree.js';
import type { SourceFile } from '../source/source-file.js';
import type { Span } from '../source/span.js';
import type { FoldingRange } from './types.js';

/** Every mapping entry or list item whose value runs over more than one line, plus runs of comment lines. */
export function foldingRanges(file: SourceFile, root: YNode | undefined): FoldingRange[] {
  const out: FoldingRange[] = [];
  const lines = file.lines;
  const add = (start: number, end: number) => {
    // The last character of the value decides the last folded line (the span's end is exclusive).
    const last = Math.max(start, end - 1);
    if (lines.positionAt(last).line > lines.positionAt(start).line) out.push({ start, end: last });
  };
  const seen = new Set<YNode>();
  const walk = (n: YNode) => {
    // Aliases share nodes; fold each once, where it is written.
    if (seen.has(n)) return;
    seen.add(n);
    if (n.kind === 'map') {
      for (const p of n.pairs) {
        if (p.value.span.uri !== file.uri || p.value.span.start < p.key.span.start) continue;
        add(p.key.span.start, trimEnd(file.text, p.value.span.end));
        walk(p.value);
      }
    } else if (n.kind === 'seq') {
      for (const item of n.items) {
        add(item.span.start, trimEnd(file.text, item.span.end));
        walk(item);
      }
    }
  };
  if (root) walk(root);
  // Runs of two or more comment lines.
  let runStart = -1;
  let runEnd = -1;
  for (let line = 0; line < lines.lineCount; line++) {
    const isComment = /^\s*#/.test(lines.lineText(line));
    if (isComment) {
      if (runStart < 0) runStart = lines.lineStart(line);
      runEnd = lines.lineEnd(line);
    }
    if ((!isComment || line === lines.lineCount - 1) && runStart >= 0) {
      if (lines.positionAt(runEnd).line > lines.positionAt(runStart).line) out.push({ start: runStart, end: runEnd, kind: 'comment' });
      runStart = -1;
    }
  }
  return out.sort((a, b) => a.start - b.start);
}

/** Block values end after their trailing newlines; folding should stop at the last written character. */
function trimEnd(text: string, end: number): number {
  let e = end;
  while (e > 0 && /\s/.test(text[e - 1]!)) e--;
  return e;
}

/** The nested spans around `offset`, innermost first: scalar, entry (key and value), mapping, and so on up. */
export function selectionRanges(file: SourceFile, root: YNode | undefined, offset: number): Span[] {
  const chain: Span[] = [];
  const within = (s: Span) => s.uri === file.uri && offset >= s.start && offset <= s.end;
  const push = (s: Span) => {
    const last = chain[chain.length - 1];
    // Trimming trailing whitespace is monotonic, so trimmed ranges stay nested.
    const trimmed = { uri: s.uri, start: s.start, end: Math.max(s.start, trimEnd(file.text, s.end)) };
    if (!last || last.start !== trimmed.start || last.end !== trimmed.end) chain.push(trimmed);
  };
  let n: YNode | undefined = root;
  const outer: Span[] = [];
  while (n) {
    outer.push(n.span);
    let next: YNode | undefined;
    if (n.kind === 'map') {
      for (const p of n.pairs) {
        const entry = { uri: file.uri, start: p.key.span.start, end: Math.max(p.key.span.end, p.value.span.end) };
        if (!within(entry)) continue;
        outer.push(entry);
        if (within(p.key.span)) {
          outer.push(p.key.span);
          next = undefined;
        } else next = p.value;
        break;
      }
    } else if (n.kind === 'seq') {
      next = n.items.find((i) => within(i.span));
    }
    n = next;
  }
  for (const s of outer.reverse()) push(s);
  return chain;
}
