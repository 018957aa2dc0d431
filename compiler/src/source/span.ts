/**
 * A range of text in one file, in UTF-16 code units (what JavaScript strings,
 * the `yaml` package and the LSP's default position encoding all count).
 * `end` is exclusive. Every diagnostic carries a full span, never a bare point.
 */
export interface Span {
  readonly uri: string;
  readonly start: number;
  readonly end: number;
}

export function span(uri: string, start: number, end: number): Span {
  return { uri, start, end: Math.max(start, end) };
}

/** The smallest span that covers both `a` and `b` (which must be in the same file). */
export function cover(a: Span, b: Span): Span {
  return { uri: a.uri, start: Math.min(a.start, b.start), end: Math.max(a.end, b.end) };
}

export function containsOffset(s: Span, offset: number): boolean {
  return offset >= s.start && offset <= s.end;
}
