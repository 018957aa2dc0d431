/** `npm run bench`: every benchmark script in this folder, one process each, so cold figures stay cold. */
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));
for (const file of readdirSync(here).filter((f) => f.endsWith('-bench.js')).sort()) {
  execFileSync(process.execPath, [here + file], { stdio: 'inherit' });
}
