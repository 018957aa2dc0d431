/**
 * One loop per app on a machine: `<stateDir>/<app-id>/loop.lock`, created exclusively, naming the process
 * that holds it. A lock whose process is gone (killed with -9, the machine rebooted) is taken over; a live
 * one makes the second loop refuse with who holds it. In a cluster the Kubernetes Lease (lease.ts) does the
 * same across machines.
 */
import { hostname } from 'node:os';
import { mkdir, open, readFile, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';

export interface LockHolder {
  readonly pid: number;
  readonly host: string;
  readonly since: string;
}

export type LockResult = { readonly ok: true; readonly lock: LoopLock } | { readonly ok: false; readonly message: string; readonly holder?: LockHolder };

export function lockFile(stateDir: string, appId: string): string {
  return join(stateDir, appId, 'loop.lock');
}

/** The holder named in the lock file, if any. */
export async function readLock(file: string): Promise<LockHolder | undefined> {
  try {
    const holder = JSON.parse(await readFile(file, 'utf8')) as Partial<LockHolder>;
    return typeof holder.pid === 'number' && typeof holder.host === 'string' ? { pid: holder.pid, host: holder.host, since: String(holder.since ?? '') } : undefined;
  } catch {
    return undefined;
  }
}

/** Whether the holder may still be running: always on another host (we cannot tell), else whether its pid lives. */
export function holderAlive(holder: LockHolder): boolean {
  if (holder.host !== hostname()) return true;
  if (holder.pid === process.pid) return true;
  try {
    process.kill(holder.pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export class LoopLock {
  private constructor(
    readonly file: string,
    private readonly holder: LockHolder,
  ) {}

  static async acquire(stateDir: string, appId: string): Promise<LockResult> {
    const file = lockFile(stateDir, appId);
    await mkdir(dirname(file), { recursive: true });
    const holder: LockHolder = { pid: process.pid, host: hostname(), since: new Date().toISOString() };
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        const handle = await open(file, 'wx');
        try {
          await handle.writeFile(`${JSON.stringify(holder)}\n`);
          await handle.sync();
        } finally {
          await handle.close();
        }
        return { ok: true, lock: new LoopLock(file, holder) };
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') return { ok: false, message: `cannot create ${file}: ${(error as Error).message}` };
      }
      const current = await readLock(file);
      if (current !== undefined && holderAlive(current)) {
        return {
          ok: false,
          holder: current,
          message: `a scaling loop for ${appId} already runs (pid ${current.pid} on ${current.host}, since ${current.since}); stop it first, or remove ${file} if that process is gone`,
        };
      }
      // The holder died without releasing: take the lock over (once; a second race loser refuses).
      await rm(file, { force: true });
    }
    return { ok: false, message: `another process took ${file} while this one was taking it over` };
  }

  /** Removes the lock if it is still ours. */
  async release(): Promise<void> {
    const current = await readLock(this.file);
    if (current?.pid === this.holder.pid && current.host === this.holder.host) await rm(this.file, { force: true });
  }
}
