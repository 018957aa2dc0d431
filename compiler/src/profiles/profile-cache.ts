/**
 * The build-time cache of the bundled profile files' positioned trees
 * (dist/profile-cache.json, written by `npm run build`). A file is taken from
 * the cache only when its text still hashes to the cached hash, so an edited or
 * missing cache just means parsing as usual.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { decodeTree } from '../read/tree-codec.js';
import type { YNode } from '../read/yaml-tree.js';

export const profileCacheFile = fileURLToPath(new URL('../../../profile-cache.json', import.meta.url));

export interface CacheEntry {
  readonly hash: string;
  readonly tree: readonly unknown[] | null;
}

let cache: Record<string, CacheEntry> | undefined;

export function textHash(text: string): string {
  return createHash('sha1').update(text).digest('hex');
}

/** The cached tree of a bundled file, or undefined when there is no fresh cache entry. */
export function cachedTree(path: string, text: string): YNode | null | undefined {
  if (cache === undefined) {
    try {
      cache = JSON.parse(readFileSync(profileCacheFile, 'utf8')) as Record<string, CacheEntry>;
    } catch {
      cache = {};
    }
  }
  const entry = cache[path];
  if (!entry || entry.hash !== textHash(text)) return undefined;
  return entry.tree === null ? null : decodeTree(entry.tree, path);
}
