/** The plan's Kubernetes objects as manifests, read from the files the compiler wrote. */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import type { Manifest } from '../kubernetes/cluster.js';
import type { Plan } from '../plan/plan-types.js';

export type ManifestsRead = { readonly ok: true; readonly manifests: Manifest[] } | { readonly ok: false; readonly errors: string[] };

export async function readManifests(planDir: string, plan: Plan): Promise<ManifestsRead> {
  const manifests: Manifest[] = [];
  const errors: string[] = [];
  for (const object of plan.kubernetes.objects) {
    let text: string;
    try {
      text = await readFile(join(planDir, object.file), 'utf8');
    } catch (error) {
      errors.push(`cannot read ${object.file}: ${(error as Error).message}`);
      continue;
    }
    for (const doc of parseAllDocuments(text)) {
      if (doc.errors.length > 0) {
        errors.push(`${object.file}: ${doc.errors[0]!.message}`);
        continue;
      }
      const value = doc.toJS() as Manifest | null;
      if (value !== null && typeof value === 'object' && typeof value.kind === 'string' && typeof value.metadata?.name === 'string') manifests.push(value);
    }
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, manifests };
}
