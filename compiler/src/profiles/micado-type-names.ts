/**
 * The names of every type MiCADO's bundled profiles define, over all
 * generations. A MiCADO type file (custom_types/container/*.yaml and the like)
 * names types of its sibling files without importing them, because
 * micado_types.yaml imports them all together; such a name is only a warning
 * when a type file is validated on its own, while any other unknown name is
 * an error, as TOSCA has it.
 */
import { DiagnosticSink } from '../diagnostics/sink.js';
import type { Host } from '../host.js';
import { TYPE_SECTIONS } from '../model/entities.js';
import { readYaml } from '../read/read-yaml.js';
import { SourceFile } from '../source/source-file.js';
import { PROFILES, profileFile } from './micado-refs.js';
import { cachedTree } from './profile-cache.js';

let names: ReadonlySet<string> | undefined;

export function micadoTypeNames(host: Host): ReadonlySet<string> {
  if (names) return names;
  const found = new Set<string>();
  const files = new Set(PROFILES.flatMap((p) => p.paths.map((path) => profileFile(p.name, path)!)));
  for (const path of files) {
    const text = host.readFile(path);
    if (text === undefined) continue;
    const root = cachedTree(path, text) ?? readYaml(new SourceFile(path, text), new DiagnosticSink()).root;
    if (root?.kind !== 'map') continue;
    for (const section of Object.values(TYPE_SECTIONS)) {
      const defs = root.get(section);
      if (defs?.kind === 'map') for (const p of defs.pairs) found.add(p.name);
    }
  }
  names = found;
  return found;
}
