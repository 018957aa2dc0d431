/**
 * What `adtc deploy` created, kept under the state directory (`<stateDir>/<app-id>/deployment.json`) so that
 * update, undeploy, status and run know the app without the plan at hand. Written atomically.
 */
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { ObjectRef } from '../kubernetes/cluster.js';
import { writeDurably } from '../loop/state.js';

export interface DeploymentRecord {
  readonly appId: string;
  /** Absolute path of the plan directory deployed. */
  readonly planDir: string;
  readonly planSha256: string;
  readonly namespace: string;
  readonly objects: readonly ObjectRef[];
  /** Objects shared with other apps (the monitoring DaemonSets); the last app using them removes them. */
  readonly sharedObjects?: readonly ObjectRef[];
  /** Namespaces deploy created; undeploy removes them once empty (and leaves namespaces it found). */
  readonly createdNamespaces: readonly string[];
  /** Files written where Prometheus reads them. */
  readonly prometheusFiles: readonly string[];
  readonly nodeSets: readonly string[];
  readonly deployedAt: string;
  readonly updatedAt?: string;
}

export function recordFile(stateDir: string, appId: string): string {
  return join(stateDir, appId, 'deployment.json');
}

export async function readRecord(stateDir: string, appId: string): Promise<DeploymentRecord | undefined> {
  try {
    return JSON.parse(await readFile(recordFile(stateDir, appId), 'utf8')) as DeploymentRecord;
  } catch {
    return undefined;
  }
}

export function writeRecord(stateDir: string, record: DeploymentRecord): Promise<void> {
  return writeDurably(recordFile(stateDir, record.appId), `${JSON.stringify(record, null, 1)}\n`);
}

export async function deployedApps(stateDir: string): Promise<string[]> {
  const entries = await readdir(stateDir, { withFileTypes: true }).catch(() => []);
  const out: string[] = [];
  for (const e of entries) if (e.isDirectory() && (await readRecord(stateDir, e.name)) !== undefined) out.push(e.name);
  return out.sort();
}
