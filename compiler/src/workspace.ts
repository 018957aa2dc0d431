/**
 * The language server's state, like rust-analyzer's host: open documents over
 * a Host, and one memoised analysis per document. An analysis is the pipeline's
 * result (read → model → resolve → check) and stays valid while the versions
 * of the document and of every file it read are unchanged; bundled profiles are
 * modelled once per process by the import loader, so they never count here.
 * A reverse import index tells which documents an edit of an imported file
 * affects, so the server can re-publish their diagnostics.
 */
import { neverCancelled, type CancellationToken } from './cancellation.js';
import type { Diagnostic } from './diagnostics/diagnostic.js';
import type { Host } from './host.js';
import { withCheckedFixes } from './checked-fixes.js';
import { validate, type AnalysedModel, type ValidateOptions } from './pipeline.js';
import { releaseReads, retainReads } from './read/incremental-read.js';
import { SourceFile } from './source/source-file.js';

export interface Analysis {
  readonly uri: string;
  readonly file: SourceFile;
  readonly diagnostics: readonly Diagnostic[];
  /** The model and types; undefined only when the pipeline failed before building them (ADT9001). */
  readonly model: AnalysedModel | undefined;
  /** Every file the run read, the document first. */
  readonly files: ReadonlyMap<string, SourceFile>;
}

interface Memo {
  readonly analysis: Analysis;
  /** The stamp of each file the run read, when it read it. */
  readonly stamps: ReadonlyMap<string, string>;
}

interface OpenDocument {
  readonly text: string;
  readonly version: number;
}

export class Workspace {
  private readonly open = new Map<string, OpenDocument>();
  private readonly memo = new Map<string, Memo>();
  /** Files not open in the editor change only when told (a file watcher); each notice bumps this counter. */
  private readonly diskGeneration = new Map<string, number>();
  /** Imported uri → the documents whose last analysis read it. */
  private readonly importers = new Map<string, Set<string>>();
  private readonly sources = new Map<string, { readonly stamp: string; readonly file: SourceFile }>();
  private options: ValidateOptions = {};
  private readonly overlay: Host;

  constructor(private readonly host: Host) {
    this.overlay = { readFile: (uri) => this.open.get(uri)?.text ?? this.host.readFile(uri) };
  }

  /**
   * Opens or updates a document. Returns the open documents whose analysis the
   * edit invalidates: the document itself and, transitively, its importers.
   */
  setFile(uri: string, text: string, version: number): string[] {
    this.open.set(uri, { text, version });
    // Open documents are edited a keystroke at a time: their next read can splice into the last tree.
    retainReads(uri);
    return this.affected(uri);
  }

  /** Closes a document (the disk copy is read again from now on); returns the open documents affected. */
  removeFile(uri: string): string[] {
    this.open.delete(uri);
    this.memo.delete(uri);
    releaseReads(uri);
    this.sources.delete(uri);
    return this.fileChanged(uri);
  }

  /** A file changed on disk (not through the editor); returns the open documents affected. */
  fileChanged(uri: string): string[] {
    this.diskGeneration.set(uri, (this.diskGeneration.get(uri) ?? 0) + 1);
    return this.affected(uri);
  }

  /** New settings (severity overrides, profile pinning) invalidate every analysis. */
  setOptions(options: ValidateOptions): void {
    this.options = options;
    this.memo.clear();
  }

  isOpen(uri: string): boolean {
    return this.open.has(uri);
  }

  version(uri: string): number | undefined {
    return this.open.get(uri)?.version;
  }

  openDocuments(): string[] {
    return [...this.open.keys()];
  }

  /** The text of an open document, or of a file on disk. */
  text(uri: string): string | undefined {
    return this.overlay.readFile(uri);
  }

  /** A source file for positions in any file (open, imported or bundled), kept per stamp so its line index is built once. */
  sourceFile(uri: string): SourceFile | undefined {
    const stamp = this.stamp(uri);
    const cached = this.sources.get(uri);
    if (cached?.stamp === stamp) return cached.file;
    const text = this.text(uri);
    if (text === undefined) return undefined;
    const analysed = this.memo.get(uri)?.analysis.file;
    const file = analysed?.text === text ? analysed : new SourceFile(uri, text);
    this.sources.set(uri, { stamp, file });
    return file;
  }

  /** The analysis of an open document (memoised), or undefined when cancelled or not open. */
  analyse(uri: string, token: CancellationToken = neverCancelled): Analysis | undefined {
    if (!this.open.has(uri)) return undefined;
    const cached = this.memo.get(uri);
    if (cached && [...cached.stamps].every(([u, s]) => this.stamp(u) === s)) return cached.analysis;
    const result = validate(uri, this.overlay, this.options, token);
    if (result.cancelled) return undefined;
    const file = result.files.get(uri) ?? new SourceFile(uri, this.text(uri) ?? '');
    // The sink's list can still grow when a service resolves a type lazily; the analysis keeps what validation found.
    const analysis: Analysis = { uri, file, diagnostics: [...result.diagnostics], model: result.model, files: result.files };
    const stamps = new Map<string, string>();
    for (const u of result.files.keys()) stamps.set(u, this.stamp(u));
    this.forgetImports(uri);
    for (const u of result.files.keys()) if (u !== uri) this.importersOf(u).add(uri);
    this.memo.set(uri, { analysis, stamps });
    return analysis;
  }

  /**
   * The analysis's diagnostics that `wanted` picks, with only the fixes that add no error (checked-fixes.ts):
   * checked when quick fixes are asked for, since each check validates the document again.
   */
  checkedFixes(analysis: Analysis, wanted: (d: Diagnostic) => boolean, token: CancellationToken = neverCancelled): readonly Diagnostic[] {
    const text = this.text(analysis.uri) ?? '';
    const checked = withCheckedFixes(analysis.diagnostics, analysis.uri, text, this.overlay, (host) => validate(analysis.uri, host, { ...this.options, checkFixes: false }, token).diagnostics, wanted);
    return checked.filter(wanted);
  }

  /** Analyses of every open document that has one cached or can be built now. */
  allAnalyses(token: CancellationToken = neverCancelled): Analysis[] {
    const out: Analysis[] = [];
    for (const uri of this.open.keys()) {
      const a = this.analyse(uri, token);
      if (a) out.push(a);
    }
    return out;
  }

  private stamp(uri: string): string {
    const doc = this.open.get(uri);
    return doc ? `v${doc.version}:${doc.text.length}` : `d${this.diskGeneration.get(uri) ?? 0}`;
  }

  private importersOf(uri: string): Set<string> {
    let set = this.importers.get(uri);
    if (!set) this.importers.set(uri, (set = new Set()));
    return set;
  }

  private forgetImports(uri: string): void {
    for (const set of this.importers.values()) set.delete(uri);
  }

  private affected(uri: string): string[] {
    const out = new Set<string>();
    const visit = (u: string) => {
      if (out.has(u)) return;
      out.add(u);
      for (const importer of this.importers.get(u) ?? []) visit(importer);
    };
    visit(uri);
    return [...out].filter((u) => this.open.has(u));
  }
}
