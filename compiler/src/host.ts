/**
 * The compiler does no I/O of its own: every file it reads comes through a Host.
 * The CLI uses the file system; the language server overlays open editor buffers.
 */
import { readFileSync } from 'node:fs';

export interface Host {
  /** The text of the file at `uri` (an absolute path), or undefined when it cannot be read. */
  readFile(uri: string): string | undefined;
}

export const fileSystemHost: Host = {
  readFile(uri) {
    try {
      return readFileSync(uri, 'utf8');
    } catch {
      return undefined;
    }
  },
};
