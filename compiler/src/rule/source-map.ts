/**
 * Maps rule-text offsets to file offsets (spec §8.3, §8.4). Each code unit of
 * the rule text knows the file range it came from: one unit for verbatim text,
 * the whole sequence for an escape or a fold, the whole `{{ NAME }}` for
 * substituted text. A rule span's start and end are mapped separately, so a
 * span that crosses an escape or a placeholder covers all of it.
 */
export class SourceMap {
  /** `from[i]`/`to[i]` + `base`: the file range of rule code unit i; entry `length` is the end of the text. */
  private constructor(
    private readonly from: Int32Array,
    private readonly to: Int32Array,
    private readonly base = 0,
  ) {}

  /** The same map for the same text `by` code units further in the file (the arrays are shared). */
  moved(by: number): SourceMap {
    return by === 0 ? this : new SourceMap(this.from, this.to, this.base + by);
  }

  get length(): number {
    return this.from.length - 1;
  }

  /** The file range of the rule range [start, end). An empty range maps to an empty range. */
  toFile(start: number, end: number): { start: number; end: number } {
    const s = this.clamp(start);
    const e = this.clamp(end);
    const fileStart = this.from[s]! + this.base;
    if (e <= s) return { start: fileStart, end: fileStart };
    return { start: fileStart, end: Math.max(fileStart, this.to[e - 1]! + this.base) };
  }

  /**
   * The rule offset of a file offset, for editor features: the first code
   * unit that comes from that place or after it (the end of the text when
   * none does). Inverse of toFile where the text maps one to one.
   */
  toRule(fileOffset: number): number {
    for (let i = 0; i < this.length; i++) if (this.to[i]! + this.base > fileOffset) return i;
    return this.length;
  }

  private clamp(offset: number): number {
    return Math.max(0, Math.min(offset, this.length));
  }

  /**
   * A map for text built by replacing pieces of this map's text: `pieces`
   * lists, in order, either a range of this text kept verbatim or a
   * replacement string standing for a range of this text.
   */
  compose(pieces: readonly Piece[]): SourceMap {
    const b = new SourceMapBuilder();
    for (const p of pieces) {
      if (p.text === undefined) {
        for (let i = p.start; i < p.end; i++) b.push(this.from[i]! + this.base, this.to[i]! + this.base);
      } else {
        const r = this.toFile(p.start, p.end);
        b.pushRange(p.text.length, r.start, r.end);
      }
    }
    const last = pieces.at(-1);
    return b.finish(last ? this.toFile(last.end, last.end).start : this.from[0]! + this.base);
  }

  /** Rule text that maps everything onto one file range (a folded scalar, or a rule whose scalar could not be re-scanned). */
  static uniform(length: number, start: number, end: number): SourceMap {
    const b = new SourceMapBuilder();
    b.pushRange(length, start, end);
    return b.finish(end);
  }

  static fromArrays(from: number[], to: number[], endOffset: number): SourceMap {
    const f = new Int32Array(from.length + 1);
    const t = new Int32Array(to.length + 1);
    f.set(from);
    t.set(to);
    f[from.length] = endOffset;
    t[to.length] = endOffset;
    return new SourceMap(f, t);
  }
}

/** A piece of a composed text: a kept range (`text` undefined) or a replacement. */
export interface Piece {
  readonly start: number;
  readonly end: number;
  readonly text?: string;
}

/** Collects the file range of each code unit while a scalar is decoded. */
export class SourceMapBuilder {
  private readonly from: number[] = [];
  private readonly to: number[] = [];

  /** One decoded code unit that came from the file range [start, end). */
  push(start: number, end: number): void {
    this.from.push(start);
    this.to.push(end);
  }

  /** `count` decoded code units that all stand for [start, end). */
  pushRange(count: number, start: number, end: number): void {
    for (let i = 0; i < count; i++) this.push(start, end);
  }

  get length(): number {
    return this.from.length;
  }

  /** Drops the last `count` code units (trailing breaks removed by chomping). */
  pop(count: number): void {
    this.from.length = Math.max(0, this.from.length - count);
    this.to.length = this.from.length;
  }

  finish(endOffset: number): SourceMap {
    return SourceMap.fromArrays(this.from, this.to, endOffset);
  }
}
