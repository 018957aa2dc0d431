/**
 * Type erasure of exactly the text that was type-checked (spec §6.1 item 5:
 * transpile the checked text, never regenerate it): the checked Program emits
 * the one rule file (cheaper than a separate transpileModule, which builds a
 * program of its own), and the SHA-256 of both texts goes into the record.
 */
import { createHash } from 'node:crypto';
import type * as TS from 'typescript';

export interface Transpiled {
  readonly js: string;
  readonly tsSha256: string;
  readonly jsSha256: string;
}

export function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** The JavaScript of one checked file of `program`; undefined if TypeScript emitted nothing. */
export function eraseTypes(program: TS.Program, fileName: string): Transpiled | undefined {
  const sf = program.getSourceFile(fileName);
  if (!sf) return undefined;
  let js: string | undefined;
  const result = program.emit(sf, (name, text) => {
    if (name.endsWith('.js')) js = text;
  });
  if (js === undefined || result.emitSkipped) return undefined;
  return { js, tsSha256: sha256(sf.text), jsSha256: sha256(js) };
}
