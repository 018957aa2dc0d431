/** The corpus YAML files whose text matches `marker` (e.g. ADTs: a top-level topology_template), sorted. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { corpusRoot } from './paths.js';

export const TOSCA_FILE = /^tosca_definitions_version\s*:/m;
export const ADT_FILE = /^topology_template\s*:/m;

export function corpusFiles(marker: RegExp): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.ya?ml$/.test(e.name) && marker.test(readFileSync(p, 'utf8'))) out.push(p);
    }
  };
  walk(corpusRoot);
  return out.sort();
}
