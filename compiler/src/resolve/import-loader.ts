/**
 * Phase 3a, imports: loads the files an ADT imports, recursively, relative to
 * the importing file or through one of its repositories; reads URLs under a
 * --map-url prefix from the mapped folder; maps MiCADO's type URLs to bundled
 * profiles (profiles/micado-refs.ts); records namespace prefixes; detects
 * cycles. Reports ADT3002/3003/3005/3006/3007/3011/3012/3013/3021/3022.
 * Bundled profile files are read and modelled once per process (their
 * diagnostics, which tests keep empty, are reported with them).
 */
import { dirname, isAbsolute, resolve as resolvePath } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DiagnosticSink } from '../diagnostics/sink.js';
import type { Host } from '../host.js';
import { buildServiceTemplate } from '../model/build-service-template.js';
import type { ImportDef, ServiceTemplate } from '../model/entities.js';
import { readYaml } from '../read/read-yaml.js';
import { SourceFile } from '../source/source-file.js';
import { cachedTree } from '../profiles/profile-cache.js';
import { profileFile, resolveMicadoUrl, resolveProfileImport, type ProfileName } from '../profiles/micado-refs.js';

/** How imports are resolved: MiCADO's effective resolution, or each tag pinned to its own types; which URLs are local folders. */
export interface ImportOptions {
  readonly pinnedProfiles: boolean;
  /** URL prefixes the user mapped to local folders (--map-url): adtc reads no network, so these stand in for downloads. */
  readonly urlMap?: readonly UrlMapping[];
}

export interface UrlMapping {
  readonly prefix: string;
  /** An absolute folder. */
  readonly folder: string;
}

/** Where a bundled file was reached from: the profile and the path inside it (shared files keep the profile that reached them). */
interface Origin {
  readonly profile: ProfileName;
  readonly path: string;
}

interface Target {
  readonly path: string;
  readonly origin: Origin | undefined;
  readonly note?: string;
  /** The URL a --map-url mapping turned into `path`. */
  readonly mappedFrom?: string;
}

/** A URL path segment as a file name; a malformed escape is kept as written. */
function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** A URL adtc would have to download (file:// URLs are local). */
function isRemote(spec: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(spec) && !spec.startsWith('file://');
}

export interface LoadedFiles {
  readonly entry: ServiceTemplate;
  /** Every service template loaded, the entry first, then imports in load order. */
  readonly templates: readonly ServiceTemplate[];
  readonly sources: ReadonlyMap<string, SourceFile>;
  /** The uris of bundled profile files among them (checked by the profile tests, not per ADT). */
  readonly bundled: ReadonlySet<string>;
  /**
   * Model-phase diagnostics of imported user files, held back: MiCADO only looks
   * at the imported definitions an ADT uses, so the pipeline reports those of
   * used definitions once it knows which they are.
   */
  readonly deferred: ReadonlyMap<string, DiagnosticSink>;
  /** The namespace prefixes (TOSCA 3.5.8) under which each file's types are also named, by uri; a prefix covers the prefixed file's own imports too. */
  readonly namespaces: ReadonlyMap<string, ReadonlySet<string>>;
}

interface CachedProfile {
  readonly template: ServiceTemplate;
  readonly sink: DiagnosticSink;
}

export class ImportLoader {
  /** Bundled files never change while the process runs: model them once. */
  private static readonly profileCache = new Map<string, CachedProfile>();

  private readonly deferred = new Map<string, DiagnosticSink>();

  constructor(
    private readonly host: Host,
    private readonly options: ImportOptions,
    private readonly sinkFactory: () => DiagnosticSink,
  ) {}

  private entryText = '';

  load(entry: ServiceTemplate, sink: DiagnosticSink, implicit: readonly string[]): LoadedFiles {
    this.entryText = entry.file.text;
    const templates: ServiceTemplate[] = [entry];
    const sources = new Map<string, SourceFile>([[entry.file.uri, entry.file]]);
    const loaded = new Map<string, ServiceTemplate>([[entry.file.uri, entry]]);
    const stack: string[] = [];
    const namespaces = new Map<string, Set<string>>();
    const addNamespaces = (uri: string, prefixes: readonly string[]) => {
      if (prefixes.length === 0) return;
      const set = namespaces.get(uri) ?? new Set<string>();
      for (const p of prefixes) set.add(p);
      namespaces.set(uri, set);
    };

    const visit = (template: ServiceTemplate, origin: Origin | undefined, inherited: readonly string[]) => {
      stack.push(template.file.uri);
      for (const imp of template.imports) {
        const target = this.target(imp, template, origin, sink);
        if (!target) continue;
        if (stack.includes(target.path)) {
          const cycle = [...stack.slice(stack.indexOf(target.path)), target.path].map((u) => u.split('/').pop()).join(' → ');
          sink.report('ADT3003', imp.span, { cycle }, { path: imp.path });
          continue;
        }
        if (target.note) sink.report('ADT3007', imp.span, { note: target.note }, { path: imp.path });
        const prefixes = imp.namespacePrefix ? [...inherited, imp.namespacePrefix.name] : inherited;
        addNamespaces(target.path, prefixes);
        if (loaded.has(target.path)) continue;
        const child = target.origin ? this.openBundled(target.path, sink, imp) : this.open(target.path, imp, sink, target.mappedFrom);
        if (!child) continue;
        loaded.set(target.path, child);
        sources.set(child.file.uri, child.file);
        templates.push(child);
        visit(child, target.origin, prefixes);
      }
      stack.pop();
    };
    for (const path of implicit) {
      if (loaded.has(path)) continue;
      const t = this.openBundled(path, sink);
      if (!t) continue;
      loaded.set(path, t);
      sources.set(path, t.file);
      templates.push(t);
    }
    visit(entry, undefined, []);
    const bundled = new Set(templates.filter((t) => ImportLoader.profileCache.has(t.file.uri)).map((t) => t.file.uri));
    return { entry, templates, sources, bundled, deferred: this.deferred, namespaces };
  }

  private target(imp: ImportDef, importer: ServiceTemplate, origin: Origin | undefined, sink: DiagnosticSink): Target | undefined {
    let spec = imp.file.trim();
    let repository: { readonly name: string; readonly url: string } | undefined;
    if (imp.repository && !origin) {
      const def = importer.repositories.get(imp.repository.name);
      // An unknown repository name is reported on the name (ADT4016); here, that the file is therefore not loaded.
      if (!def) {
        sink.report('ADT3022', imp.span, { file: imp.file, repository: imp.repository.name }, { path: imp.path });
        return undefined;
      }
      const url = def.url && typeof def.url.value === 'string' ? def.url.value.trim() : undefined;
      if (!url) return undefined;
      repository = { name: def.name, url };
      spec = `${url.replace(/\/+$/, '')}/${spec.replace(/^\/+/, '')}`;
    }
    const isUrl = isRemote(spec);
    const mapped = isUrl ? this.mapped(spec) : undefined;
    if (mapped) return { path: mapped, origin: undefined, mappedFrom: spec };
    if (isUrl || origin) {
      const found = origin && !isUrl ? resolveProfileImport(origin.profile, origin.path, spec, { pinned: this.options.pinnedProfiles }) : resolveMicadoUrl(spec, { pinned: this.options.pinnedProfiles });
      if (!found) {
        if (repository) sink.report('ADT3021', imp.nameSpan ?? imp.span, { file: imp.file, url: spec, prefix: repository.url }, { path: imp.path });
        else sink.report('ADT3006', imp.span, { url: spec }, { path: imp.path });
        return undefined;
      }
      switch (found.kind) {
        case 'profile': {
          // `master` held the 0.5/0.6 types while v0.5-era ADTs imported it; their Occopus.* node types tell them apart.
          const alternative = found.alternative && this.entryText.includes('tosca.nodes.MiCADO.Occopus.') ? profileFile(found.alternative.profile, found.path) : undefined;
          if (alternative && found.alternative) {
            return { path: alternative, origin: { profile: found.alternative.profile, path: found.path }, ...(found.noteMessage ? { note: found.noteMessage.replace(/adtc reads it as MiCADO [0-9.]+/, `this ADT uses its 0.5/0.6-era types (${found.alternative.when})`) } : {}) };
          }
          // MiCADO's own redirection of tags to main is its normal behaviour, not worth a warning; dead or renamed refs are.
          const warn = found.note === 'dead-ref' || found.note === 'renamed-branch';
          return { path: found.file, origin: { profile: found.profile, path: found.path }, ...(warn && found.noteMessage ? { note: found.noteMessage } : {}) };
        }
        case 'unknown-ref': {
          const hint = found.suggestion ? `Did you mean '${found.suggestion}'?` : `Known versions: ${found.known.join(', ')}.`;
          sink.report('ADT3005', imp.span, { ref: found.ref, hint }, { path: imp.path });
          return undefined;
        }
        case 'unknown-path':
          sink.report('ADT3012', imp.span, { path: found.path, ref: found.ref, known: found.known.join(', ') }, { path: imp.path });
          return undefined;
        case 'legacy':
          sink.report('ADT3011', imp.span, { url: spec }, { path: imp.path });
          return undefined;
      }
    }
    const local = spec.startsWith('file://') ? fileURLToPath(spec) : spec;
    return { path: isAbsolute(local) ? local : resolvePath(dirname(importer.file.uri), local), origin: undefined };
  }

  /** The local file a URL stands for under the longest --map-url prefix that matches it. */
  private mapped(url: string): string | undefined {
    const mapping = [...(this.options.urlMap ?? [])].sort((a, b) => b.prefix.length - a.prefix.length).find((m) => url.startsWith(m.prefix));
    if (!mapping) return undefined;
    const rest = url.slice(mapping.prefix.length).replace(/^\/+/, '');
    return resolvePath(mapping.folder, ...rest.split('/').map(decodeSegment));
  }

  private open(path: string, imp: ImportDef, sink: DiagnosticSink, mappedFrom?: string): ServiceTemplate | undefined {
    const text = this.host.readFile(path);
    if (text === undefined) {
      const detail = mappedFrom ? `--map-url maps ${mappedFrom} to ${path}, which does not exist` : (this.host.refusal?.(path) ?? 'no such file');
      sink.report('ADT3002', imp.span, { file: imp.file, detail }, { path: imp.path });
      return undefined;
    }
    const file = new SourceFile(path, text);
    const root = readYaml(file, sink, { imported: true }).root;
    if (root === undefined || root.kind !== 'map') {
      sink.report('ADT3013', imp.span, { file: imp.file, actual: root === undefined ? 'empty' : 'not a mapping' }, { path: imp.path });
      return undefined;
    }
    const modelSink = this.sinkFactory();
    this.deferred.set(path, modelSink);
    return buildServiceTemplate(file, root, modelSink);
  }

  private openBundled(path: string, sink: DiagnosticSink, imp?: ImportDef): ServiceTemplate | undefined {
    let cached = ImportLoader.profileCache.get(path);
    if (!cached) {
      const text = this.host.readFile(path);
      if (text === undefined) {
        if (imp) sink.report('ADT3002', imp.span, { file: imp.file, detail: 'the bundled profile file is missing from this installation' }, { path: imp.path });
        return undefined;
      }
      const file = new SourceFile(path, text);
      const own = this.sinkFactory();
      const tree = cachedTree(path, text);
      const template = buildServiceTemplate(file, tree === undefined ? readYaml(file, own).root : (tree ?? undefined), own);
      cached = { template, sink: own };
      ImportLoader.profileCache.set(path, cached);
    }
    // Problems inside a bundled file are bugs of adtc; surface them rather than hide them.
    for (const d of cached.sink.diagnostics) sink.report(d.code, d.span, d.args as never, { path: d.path, related: d.related });
    return cached.template;
  }
}
