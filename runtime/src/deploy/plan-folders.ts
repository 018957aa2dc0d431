/**
 * Where an ADT compiled for deploy or update is written: a new folder per compile, `<stateDir>/plans/<app>/<time>`.
 * A compile never rewrites the folder a deployment runs from, so a failed update leaves the deployed plan as it
 * was (a loop restarted later still runs what was deployed), and a half-written plan is never read as a whole.
 * Once a deploy or update has recorded its plan, the app's other folders are removed: running loops hold their
 * rule modules in memory (scaling-loop.ts), so removing the folder a loop was opened from takes nothing from it.
 */
import { randomBytes } from 'node:crypto';
import { readdir, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';

const appFolder = (stateDir: string, appId: string) => join(stateDir, 'plans', appId);

/** A folder no earlier compile used; its name sorts by time. */
export function newPlanFolder(stateDir: string, appId: string): string {
  const stamp = new Date().toISOString().replace(/[-:.]/g, '');
  return join(appFolder(stateDir, appId), `${stamp}-${randomBytes(3).toString('hex')}`);
}

/** Removes the app's compiled plans except `keep` (the one its deployment record names); `keep` undefined removes them all. */
export async function removeOtherPlans(stateDir: string, appId: string, keep: string | undefined): Promise<void> {
  const folder = appFolder(stateDir, appId);
  let names: string[];
  try {
    names = await readdir(folder);
  } catch {
    return;
  }
  const kept = keep === undefined ? undefined : resolve(keep);
  for (const name of names) if (resolve(folder, name) !== kept) await rm(join(folder, name), { recursive: true, force: true });
  if (kept === undefined) await rm(folder, { recursive: true, force: true });
}
