/** `adtc …` run as a user runs it, from the checkout's bin/, for the command-line tests, or in the test's own process. */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { main } from '../../compiler/src/cli/adtc.js';
import { repoRoot } from './paths.js';

export interface Run {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** The process's own environment with `env` over it; NO_COLOR is dropped unless `env` sets it, so colour is decided by the command. */
export function runAdtc(args: readonly string[], options: { cwd?: string; env?: Record<string, string>; timeoutMs?: number } = {}): Run {
  const env: Record<string, string | undefined> = { ...process.env, ...options.env };
  if (!options.env || !('NO_COLOR' in options.env)) delete env['NO_COLOR'];
  const r = spawnSync(process.execPath, [join(repoRoot, 'bin/adtc.js'), ...args], { cwd: options.cwd ?? repoRoot, env, encoding: 'utf8', ...(options.timeoutMs ? { timeout: options.timeoutMs } : {}) });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** `adtc …` run in this process (its `main`), for tests that also hold doubles and servers in this process. */
export async function adtcInProcess(args: readonly string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(args, { cwd: process.cwd(), isTerminal: false, stdout: (t) => void (out += t), stderr: (t) => void (err += t) });
  return { code, out, err };
}
