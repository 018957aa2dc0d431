/**
 * Fixture discovery: every `*.valid.<ext>` / `*.invalid.<ext>` file below a
 * folder is one test, and a folder holding `main.valid.<ext>` or
 * `main.invalid.<ext>` is one multi-file test. Adding a test means adding a file.
 */
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fixturesRoot } from './paths.js';

export interface Fixture {
  /** Name shown by uvu: the path below test/fixtures. */
  readonly name: string;
  /** The file analysed. */
  readonly entry: string;
  /** The folder of a multi-file case; diagnostics in any file of it are compared. */
  readonly folder?: string;
  readonly expectation: 'valid' | 'invalid';
}

export function fixtures(subfolder: string, ext: string): Fixture[] {
  const out: Fixture[] = [];
  const pattern = new RegExp(`\\.(valid|invalid)\\.${ext}$`);
  const walk = (dir: string) => {
    const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1));
    const main = entries.find((e) => e.isFile() && new RegExp(`^main\\.(valid|invalid)\\.${ext}$`).test(e.name));
    if (main && dir !== join(fixturesRoot, subfolder)) {
      out.push({
        name: relative(fixturesRoot, dir),
        entry: join(dir, main.name),
        folder: dir,
        expectation: main.name.includes('.invalid.') ? 'invalid' : 'valid',
      });
      return;
    }
    for (const e of entries) {
      const path = join(dir, e.name);
      if (e.isDirectory()) walk(path);
      else {
        const m = pattern.exec(e.name);
        if (m) out.push({ name: relative(fixturesRoot, path), entry: path, expectation: m[1] as 'valid' | 'invalid' });
      }
    }
  };
  walk(join(fixturesRoot, subfolder));
  return out;
}
