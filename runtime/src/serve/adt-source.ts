/**
 * Where each app's ADT is, so the dashboard's editor can open the text that was deployed: an uploaded ADT stays
 * in the app's upload folder, one named by `input` stays where it is. The path is noted beside the uploads
 * when the ADT has compiled; the editor reads the file from there.
 */
import { readFile, writeFile, mkdir } from 'node:fs/promises';
import { basename, join } from 'node:path';

const noteFile = (stateDir: string, appId: string) => join(stateDir, 'uploads', `${appId}.source.json`);

export async function rememberAdt(stateDir: string, appId: string, adtPath: string): Promise<void> {
  await mkdir(join(stateDir, 'uploads'), { recursive: true });
  await writeFile(noteFile(stateDir, appId), `${JSON.stringify({ path: adtPath })}\n`);
}

/** The app's ADT: its file name and text; undefined when it was never noted or is gone. */
export async function readAdt(stateDir: string, appId: string): Promise<{ name: string; text: string } | undefined> {
  try {
    const { path } = JSON.parse(await readFile(noteFile(stateDir, appId), 'utf8')) as { path: string };
    return { name: basename(path), text: await readFile(path, 'utf8') };
  } catch {
    return undefined;
  }
}
