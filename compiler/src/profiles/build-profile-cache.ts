/**
 * Writes dist/profile-cache/: the positioned tree of every bundled profile
 * file, with the hash of the text it was read from.
 * Run by `npm run build`; a profile file that does not read cleanly is an adtc
 * bug and fails the build.
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DiagnosticSink } from '../diagnostics/sink.js';
import { readYaml } from '../read/read-yaml.js';
import { encodeTree } from '../read/tree-codec.js';
import { SourceFile } from '../source/source-file.js';
import { profilesRoot } from './micado-refs.js';
import { cacheFileOf, profileCacheDir, textHash, type CacheEntry } from './profile-cache.js';

rmSync(profileCacheDir, { recursive: true, force: true });
mkdirSync(profileCacheDir, { recursive: true });
for (const entry of readdirSync(profilesRoot, { recursive: true, encoding: 'utf8' })) {
  if (!entry.endsWith('.yaml')) continue;
  const path = join(profilesRoot, entry);
  const text = readFileSync(path, 'utf8');
  const sink = new DiagnosticSink();
  const root = readYaml(new SourceFile(path, text), sink).root;
  if (sink.diagnostics.length > 0) {
    throw new Error(`${path}: ${sink.diagnostics.map((d) => d.message).join('; ')}`);
  }
  const cached: CacheEntry = { hash: textHash(text), tree: root ? encodeTree(root) : null };
  writeFileSync(cacheFileOf(path), JSON.stringify(cached));
}
