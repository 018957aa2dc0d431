/**
 * The build-time cache of the bundled profile files' positioned trees
 * (dist/profile-cache/, one JSON file per profile file, written by
 * `npm run build`), so a cold start reads only the profiles an ADT imports.
 * A file is taken from the cache only when its text still hashes to the
 * cached hash, so an edited or missing cache just means parsing as usual.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { decodeTree } from '../read/tree-codec.js';
import type { YNode } from '../read/yaml-tree.js';
import { profilesRoot } from './micado-refs.js';

export const profileCacheDir = fileURLToPath(new URL('../../../profile-cache/', import.meta.url));

export interface CacheEntry {
  readonly hash: string;
  readonly tree: readonly unknown[] | null;
}

export function textHash(text: string): string {
  return createHash('sha1').update(text).digest('hex');
}

/** Where the cache entry of the bundled file at `path` is kept. */
export function cacheFileOf(path: string): string {
  return profileCacheDir + relative(profilesRoot, path).split(/[\\/]/).join('__') + '.json';
}

/** The cached tree of a bundled file, or undefined when there is no fresh cache entry. */
export function cachedTree(path: string, text: string): YNode | null | undefined {
  let entry: CacheEntry;
  try {
    entry = JSON.parse(readFileSync(cacheFileOf(path), 'utf8')) as CacheEntry;
  } catch {
    return undefined;
  }
  if (entry.hash !== textHash(text)) return undefined;
  return entry.tree === null ? null : decodeTree(entry.tree, path);
}
