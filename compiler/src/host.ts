/**
 * The compiler does no I/O of its own: every file it reads comes through a Host.
 * The CLI uses the file system; the language server overlays open editor buffers; `adtc serve` confines an
 * uploaded ADT to its upload folder and the bundled profiles.
 */
import { readFileSync, realpathSync } from 'node:fs';
import { isAbsolute, relative, resolve } from 'node:path';

export interface Host {
  /** The text of the file at `uri` (an absolute path), or undefined when it cannot be read. */
  readFile(uri: string): string | undefined;
  /** Why this host will not read `uri` at all (said instead of "no such file"), or undefined. */
  refusal?(uri: string): string | undefined;
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

/** The path with symbolic links resolved as far as it exists, so a link cannot lead out of a root. */
function real(path: string): string {
  try {
    return realpathSync.native(path);
  } catch {
    return resolve(path);
  }
}

/**
 * Reads only files under `roots` (links resolved): an ADT uploaded to a server can import, and take cloud-init
 * templates from, nothing of the server's but what was uploaded with it and the bundled profiles.
 */
export function confinedHost(roots: readonly string[], inner: Host = fileSystemHost): Host {
  const allowed = roots.map(real);
  const refusal = (uri: string): string | undefined => {
    const path = real(uri);
    const inside = allowed.some((root) => {
      const rel = relative(root, path);
      return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
    });
    return inside ? undefined : 'an uploaded ADT reads only the files uploaded with it and the bundled profiles, not files of the server';
  };
  return { readFile: (uri) => (refusal(uri) === undefined ? inner.readFile(uri) : undefined), refusal };
}
