/**
 * Phase 3a, imports: loads the files an ADT imports, recursively, relative to
 * the importing file; maps MiCADO's type URLs to bundled profiles through an
 * `ImportLocator`; detects cycles. Reports ADT3002/3003/3005/3006/3007/3011/3012/3013.
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

/** Where an import's text comes from, as decided by the profile table (or not: undefined). */
export type ImportLocation =
  | { readonly kind: 'file'; readonly path: string; readonly bundled: boolean; readonly note?: string }
  | { readonly kind: 'error'; readonly code: 'ADT3005'; readonly args: { readonly ref: string; readonly hint: string } }
  | { readonly kind: 'error'; readonly code: 'ADT3011'; readonly args: { readonly url: string } }
  | { readonly kind: 'error'; readonly code: 'ADT3012'; readonly args: { readonly path: string; readonly ref: string; readonly known: string } };

/** Maps a URL import to a bundled file, or says why it cannot; undefined when the URL is not MiCADO's. */
export type ImportLocator = (url: string) => ImportLocation | undefined;

export interface LoadedFiles {
  readonly entry: ServiceTemplate;
  /** Every service template loaded, the entry first, then imports in load order. */
  readonly templates: readonly ServiceTemplate[];
  readonly sources: ReadonlyMap<string, SourceFile>;
  /** The uris of bundled profile files among them (checked by the profile tests, not per ADT). */
  readonly bundled: ReadonlySet<string>;
}

interface CachedProfile {
  readonly template: ServiceTemplate;
  readonly sink: DiagnosticSink;
}

export class ImportLoader {
  /** Bundled files never change while the process runs: model them once. */
  private static readonly profileCache = new Map<string, CachedProfile>();

  constructor(
    private readonly host: Host,
    private readonly locate: ImportLocator,
    private readonly sinkFactory: () => DiagnosticSink,
  ) {}

  load(entry: ServiceTemplate, sink: DiagnosticSink, implicit: readonly string[]): LoadedFiles {
    const templates: ServiceTemplate[] = [entry];
    const sources = new Map<string, SourceFile>([[entry.file.uri, entry.file]]);
    const loaded = new Map<string, ServiceTemplate>([[entry.file.uri, entry]]);
    const stack: string[] = [];

    const visit = (template: ServiceTemplate) => {
      stack.push(template.file.uri);
      for (const imp of template.imports) {
        const target = this.target(imp, template, sink);
        if (!target) continue;
        if (stack.includes(target.path)) {
          const cycle = [...stack.slice(stack.indexOf(target.path)), target.path].map((u) => u.split('/').pop()).join(' → ');
          sink.report('ADT3003', imp.span, { cycle }, { path: imp.path });
          continue;
        }
        if (target.note) sink.report('ADT3007', imp.span, { note: target.note }, { path: imp.path });
        if (loaded.has(target.path)) continue;
        const child = this.open(target.path, target.bundled, imp, sink);
        if (!child) continue;
        loaded.set(target.path, child);
        sources.set(child.file.uri, child.file);
        templates.push(child);
        visit(child);
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
      visit(t);
    }
    visit(entry);
    const bundled = new Set(templates.filter((t) => ImportLoader.profileCache.has(t.file.uri)).map((t) => t.file.uri));
    return { entry, templates, sources, bundled };
  }

  private target(imp: ImportDef, importer: ServiceTemplate, sink: DiagnosticSink): { path: string; bundled: boolean; note?: string } | undefined {
    const file = imp.file.trim();
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(file) && !file.startsWith('file://')) {
      const location = this.locate(file);
      if (!location) {
        sink.report('ADT3006', imp.span, { url: file }, { path: imp.path });
        return undefined;
      }
      if (location.kind === 'error') {
        sink.report(location.code, imp.span, location.args as never, { path: imp.path });
        return undefined;
      }
      return { path: location.path, bundled: location.bundled, ...(location.note ? { note: location.note } : {}) };
    }
    const local = file.startsWith('file://') ? fileURLToPath(file) : file;
    const path = isAbsolute(local) ? local : resolvePath(dirname(importer.file.uri), local);
    // A relative import inside a bundled profile stays inside the bundle.
    return { path, bundled: this.isBundled(importer.file.uri) };
  }

  private isBundled(uri: string): boolean {
    return ImportLoader.profileCache.has(uri);
  }

  private open(path: string, bundled: boolean, imp: ImportDef, sink: DiagnosticSink): ServiceTemplate | undefined {
    if (bundled) return this.openBundled(path, sink, imp);
    const text = this.host.readFile(path);
    if (text === undefined) {
      sink.report('ADT3002', imp.span, { file: imp.file, detail: 'no such file' }, { path: imp.path });
      return undefined;
    }
    const file = new SourceFile(path, text);
    const root = readYaml(file, sink).root;
    if (root === undefined || root.kind !== 'map') {
      sink.report('ADT3013', imp.span, { file: imp.file, actual: root === undefined ? 'empty' : 'not a mapping' }, { path: imp.path });
      return undefined;
    }
    return buildServiceTemplate(file, root, sink);
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
      const template = buildServiceTemplate(file, readYaml(file, own).root, own);
      cached = { template, sink: own };
      ImportLoader.profileCache.set(path, cached);
    }
    // Problems inside a bundled file are bugs of adtc; surface them rather than hide them.
    for (const d of cached.sink.diagnostics) sink.report(d.code, d.span, d.args as never, { path: d.path, related: d.related });
    return cached.template;
  }
}
