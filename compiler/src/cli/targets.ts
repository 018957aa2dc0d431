/**
 * Expands the command line's files, directories and globs into ADT files.
 * A directory contributes every *.yaml / *.yml below it that declares
 * `tosca_definitions_version`, so type files and other YAML are left alone.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { globSync, isDynamicPattern } from 'tinyglobby';

export interface Targets {
  readonly files: readonly string[];
  /** Arguments that named nothing readable; the command fails with exit code 2. */
  readonly missing: readonly string[];
}

const SKIPPED_DIRECTORIES = new Set(['node_modules', '.git', 'dist']);
const TOSCA_MARKER = /^tosca_definitions_version\s*:/m;

export function expandTargets(args: readonly string[], cwd: string): Targets {
  const files: string[] = [];
  const missing: string[] = [];
  const add = (file: string) => {
    if (!files.includes(file)) files.push(file);
  };
  for (const arg of args) {
    if (isDynamicPattern(arg)) {
      const matches = globSync(arg, { cwd, absolute: true, ignore: ['**/node_modules/**', '**/.git/**'] }).sort();
      if (matches.length === 0) missing.push(arg);
      for (const m of matches) if (isYamlFile(m)) add(m);
      continue;
    }
    const path = resolve(cwd, arg);
    let kind: 'file' | 'dir' | undefined;
    try {
      const st = statSync(path);
      kind = st.isDirectory() ? 'dir' : st.isFile() ? 'file' : undefined;
    } catch {
      kind = undefined;
    }
    if (kind === 'file') add(path);
    else if (kind === 'dir') for (const f of adtFilesIn(path)) add(f);
    else missing.push(arg);
  }
  return { files, missing };
}

function isYamlFile(path: string): boolean {
  return /\.ya?ml$/i.test(path);
}

function adtFilesIn(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    let entries;
    try {
      entries = readdirSync(d, { withFileTypes: true });
    } catch {
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      const p = join(d, e.name);
      if (e.isDirectory()) {
        if (!SKIPPED_DIRECTORIES.has(e.name)) walk(p);
      } else if (e.isFile() && isYamlFile(e.name) && declaresTosca(p)) {
        out.push(p);
      }
    }
  };
  walk(dir);
  return out;
}

function declaresTosca(path: string): boolean {
  try {
    return TOSCA_MARKER.test(readFileSync(path, 'utf8'));
  } catch {
    return false;
  }
}
