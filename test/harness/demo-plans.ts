/**
 * Plans of MiCADO's demo ADTs compiled by the real `adtc compile` (with their
 * scaling rules as verified modules), for runtime tests that must run what
 * users deploy rather than hand-written stand-ins.
 */
import { execFile } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { corpusRoot, repoRoot } from './paths.js';

const run = promisify(execFile);

/** Compiles demos/<path> into a fresh temporary plan directory and returns it. */
export async function compileDemo(path: string): Promise<string> {
  const out = join(await mkdtemp(join(tmpdir(), 'adtc-demo-plan-')), 'plan');
  await run(process.execPath, [join(repoRoot, 'bin/adtc.js'), 'compile', join(corpusRoot, 'micado-scale+ansible-micado/demos', path), '-o', out]);
  return out;
}
