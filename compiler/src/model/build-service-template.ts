/**
 * Phase 2, model: the positioned tree of one file to a ServiceTemplate
 * (TOSCA 3.10). Reports ADT2xxx; never stops at the first problem.
 * `isProfile` marks bundled type files, which hold no topology.
 */
import type { ObjectPath } from '../diagnostics/diagnostic.js';
import type { DiagnosticSink } from '../diagnostics/sink.js';
import { isNull, type YNode } from '../read/yaml-tree.js';
import type { SourceFile } from '../source/source-file.js';
import type { Span } from '../source/span.js';
import { TYPE_SECTIONS, type ImportDef, type Ref, type RepositoryDef, type ServiceTemplate, type TypeDef, type TypeKind } from './entities.js';
import { typeDef } from './build-definitions.js';
import { topologyTemplate } from './build-templates.js';
import { KEYNAMES, versionOfNamespaceUri } from './keynames.js';
import { checkHeaderValues, declaredVersion } from './header.js';
import { ModelReader } from './model-reader.js';

export function buildServiceTemplate(file: SourceFile, root: YNode | undefined, sink: DiagnosticSink): ServiceTemplate {
  const declared = root?.kind === 'map' ? root.get('tosca_definitions_version') : undefined;
  const declaredName = declared?.kind === 'scalar' ? String(declared.value) : '';
  const r = new ModelReader(file, sink, (versionOfNamespaceUri(declaredName) ?? declaredName) === 'tosca_simple_yaml_1_3');
  const empty: ServiceTemplate = { file, root: undefined, version: undefined, imports: [], repositories: new Map(), types: new Map(), topology: undefined };
  if (root === undefined || isNull(root)) {
    sink.report('ADT2007', { uri: file.uri, start: 0, end: 0 }, {});
    return empty;
  }
  const map = r.map(root, [], 'An ADT');
  if (!map) return empty;
  r.keys(map, [], 'a service template', KEYNAMES.serviceTemplate, true);
  const version = declaredVersion(r, map);
  checkHeaderValues(r, map);

  const types = new Map<TypeKind, Map<string, TypeDef>>();
  for (const [kind, section] of Object.entries(TYPE_SECTIONS) as [TypeKind, string][]) {
    const defs = new Map<string, TypeDef>();
    const sectionMap = r.map(map.get(section), [section], section);
    for (const pair of sectionMap?.pairs ?? []) {
      const def = typeDef(r, kind, pair.name, pair.key.span, pair.value, [section, pair.name]);
      if (def) defs.set(pair.name, def);
    }
    types.set(kind, defs);
  }

  return {
    file,
    root: map,
    version,
    imports: imports(r, map.get('imports'), ['imports']),
    repositories: repositories(r, map.get('repositories'), ['repositories']),
    types,
    topology: topologyTemplate(r, map.get('topology_template'), ['topology_template']),
  };
}

/** `imports`: a list of file names, or of `{file, repository, namespace_prefix, …}` maps, or (TOSCA 1.0) of single-key `name: file` maps. */
function imports(r: ModelReader, node: YNode | undefined, path: ObjectPath): ImportDef[] {
  const out: ImportDef[] = [];
  const list = r.seq(node, path, 'imports');
  if (!list) return out;
  const prefixes = new Map<string, Ref>();
  list.items.forEach((item, i) => {
    const p = [...path, i];
    const plain = { repository: undefined, namespacePrefix: undefined, nameSpan: undefined };
    if (item.kind === 'scalar') {
      const ref = r.ref(item, p, 'An import');
      if (ref) out.push({ file: ref.name, span: ref.span, path: p, ...plain });
      return;
    }
    const map = r.map(item, p, 'An import');
    if (!map) return;
    // TOSCA 1.0 allows `- name: file` or `- name: {file: …}`.
    let def = map;
    let defPath: ObjectPath = p;
    let nameSpan: Span | undefined;
    const only = map.pairs[0]!;
    // A single key that is an import keyname (`- repository: x`) is an import definition lacking 'file', not a name.
    if (!map.has('file') && map.pairs.length === 1 && !(KEYNAMES.import as readonly string[]).includes(only.name)) {
      if (only.value.kind === 'scalar') {
        const ref = r.ref(only.value, [...p, only.name], 'An import');
        if (ref) out.push({ file: ref.name, span: ref.span, path: [...p, only.name], ...plain, nameSpan: only.key.span });
        return;
      }
      const inner = r.map(only.value, [...p, only.name], 'An import');
      if (!inner) return;
      def = inner;
      defPath = [...p, only.name];
      nameSpan = only.key.span;
    }
    r.keys(def, defPath, 'an import definition', KEYNAMES.import, true);
    const file = r.ref(def.get('file'), [...defPath, 'file'], 'The imported file');
    if (!file) {
      r.sink.report('ADT2004', nameSpan ?? def.span, { entity: 'The import definition', key: 'file' }, { path: defPath });
      return;
    }
    const namespacePrefix = r.ref(def.get('namespace_prefix'), [...defPath, 'namespace_prefix'], 'A namespace prefix');
    if (namespacePrefix) {
      const earlier = prefixes.get(namespacePrefix.name);
      if (earlier) {
        r.sink.report('ADT2024', namespacePrefix.span, { prefix: namespacePrefix.name }, {
          path: [...defPath, 'namespace_prefix'],
          related: [{ span: earlier.span, message: `'${namespacePrefix.name}' is given here first.` }],
        });
      } else prefixes.set(namespacePrefix.name, namespacePrefix);
    }
    const repository = r.ref(def.get('repository'), [...defPath, 'repository'], 'A repository');
    out.push({ file: file.name, span: file.span, path: [...defPath, 'file'], repository, namespacePrefix, nameSpan });
  });
  return out;
}

function repositories(r: ModelReader, node: YNode | undefined, path: ObjectPath): Map<string, RepositoryDef> {
  const out = new Map<string, RepositoryDef>();
  const map = r.map(node, path, 'repositories');
  if (!map) return out;
  for (const { name, key, value } of map.pairs) {
    const p = [...path, name];
    if (value.kind === 'scalar') {
      out.set(name, { name, nameSpan: key.span, node: value, path: p, url: value });
      continue;
    }
    const def = r.map(value, p, `Repository '${name}'`);
    if (!def) continue;
    r.keys(def, p, 'a repository definition', KEYNAMES.repository, true);
    const url = def.get('url');
    if (!url) r.sink.report('ADT2004', key.span, { entity: `Repository '${name}'`, key: 'url' }, { path: p });
    out.set(name, { name, nameSpan: key.span, node: def, path: p, url: url?.kind === 'scalar' ? url : undefined });
  }
  return out;
}

/** A topology_template of the entry file needs node templates (MiCADO refuses one without); a file without topology is check/micado/deployable.ts's. */
export function checkTopologyPresence(adt: ServiceTemplate, sink: DiagnosticSink): void {
  if (!adt.root || !adt.topology) return;
  // Node templates that are named but malformed, or a node_templates that is not a mapping, are reported where they are.
  const nodeTemplates = adt.topology.node.get('node_templates');
  if (isNull(nodeTemplates) || (nodeTemplates?.kind === 'map' && nodeTemplates.pairs.length === 0)) {
    const key = adt.root.pair('topology_template')!.key;
    sink.report('ADT2009', key.span, {}, { path: ['topology_template'] });
  }
}

/** A file of type definitions (or an index that only imports them) rather than an ADT. */
export function isTypeLibrary(adt: ServiceTemplate): boolean {
  return adt.root !== undefined && adt.topology === undefined && ([...adt.types.values()].some((m) => m.size > 0) || adt.imports.length > 0);
}
