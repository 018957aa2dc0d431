/**
 * `--map-url <url-prefix>=<folder>`: adtc never downloads imports, so a user who
 * keeps copies of remote type files (or a repository's checkout) names the
 * folder that stands for a URL prefix. Shared by validate and compile.
 */
import { resolve } from 'node:path';
import type { UrlMapping } from '../resolve/import-loader.js';

export const urlMapUsage = `  --map-url <url-prefix>=<folder>      read imports under this URL prefix (directly or
                                       through a repository) from a local folder; repeat for several`;

/** The mappings, or the message that explains a malformed one. */
export function parseUrlMaps(values: readonly string[], cwd: string): UrlMapping[] | string {
  const out: UrlMapping[] = [];
  for (const value of values) {
    const m = /^([a-z][a-z0-9+.-]*:\/\/[^=]+)=(.+)$/i.exec(value);
    if (!m) return `--map-url needs <url-prefix>=<folder>, such as https://example.com/types/=./types, not '${value}'.`;
    out.push({ prefix: m[1]!, folder: resolve(cwd, m[2]!) });
  }
  return out;
}
