/**
 * The output folder of `adtc compile -o`: it ends up holding exactly the current plan. A folder holding a
 * previous plan of the same app loses the files that left the plan; a folder holding another app's plan, or
 * files that are no plan at all, is refused rather than mixed with or overwritten.
 */
import { existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((path) => statSync(join(dir, path)).isFile());
}

/** Why `dir` cannot take the plan of `appId`, or undefined when it can. */
export function planFolderProblem(dir: string, appId: string): string | undefined {
  if (!existsSync(dir)) return undefined;
  if (!statSync(dir).isDirectory()) return 'is not a folder';
  const planFile = join(dir, 'plan.json');
  if (!existsSync(planFile)) return readdirSync(dir).length === 0 ? undefined : 'holds files but no plan; write the plan into an empty folder or one holding a plan of the same app';
  let owner: unknown;
  try {
    owner = (JSON.parse(readFileSync(planFile, 'utf8')) as { app?: { id?: unknown } }).app?.id;
  } catch {
    return 'holds a plan.json that is not a plan; remove it or choose another folder';
  }
  return owner === appId ? undefined : `holds the plan of app ${String(owner)}; choose another folder (or remove it) for ${appId}`;
}

/** Removes the files of a previous plan that the new one does not write, and the folders left empty. */
export function removeStaleFiles(dir: string, files: ReadonlyMap<string, string>): void {
  if (!existsSync(join(dir, 'plan.json'))) return;
  for (const path of filesUnder(dir)) if (!files.has(path.split('\\').join('/'))) rmSync(join(dir, path));
  const folders = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((p) => statSync(join(dir, p)).isDirectory()).sort((a, b) => b.length - a.length);
  for (const folder of folders) if (readdirSync(join(dir, folder)).length === 0) rmSync(join(dir, folder), { recursive: true });
}
