import { LineIndex } from './line-index.js';

/** The text of one file the compiler has read, with its line index built on first use. */
export class SourceFile {
  private index: LineIndex | undefined;

  constructor(
    readonly uri: string,
    readonly text: string,
  ) {}

  get lines(): LineIndex {
    return (this.index ??= new LineIndex(this.text));
  }
}
