/**
 * The language services over a Workspace: each method takes a document uri and
 * an offset, analyses the document (memoised) and answers in plain data.
 * Every method returns an empty answer, never throws, for a document that is
 * not open or whose analysis was cancelled.
 */
import { neverCancelled, type CancellationToken } from '../cancellation.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { Host } from '../host.js';
import type { AnalysedModel, ValidateOptions } from '../pipeline.js';
import type { SourceFile } from '../source/source-file.js';
import type { Span } from '../source/span.js';
import { Workspace, type Analysis } from '../workspace.js';
import { toolVersion } from '../cli/version.js';
import { codeActions } from './code-actions.js';
import { completion } from './completion.js';
import { extractPolicyType } from './extract-policy-type.js';
import { ruleCompletion } from './rule-completion.js';
import { ruleSignatureHelp } from './rule-signature.js';
import { semanticTokens } from './semantic-tokens.js';
import { hover } from './hover.js';
import { definition, highlights, prepareRename, references, rename } from './navigation.js';
import { foldingRanges, selectionRanges } from './structure.js';
import { documentSymbols, workspaceSymbols } from './symbols.js';
import type { CodeAction, CompiledPreview, CompletionList, DocumentSymbol, FoldingRange, Highlight, HoverInfo, RenameResult, SemanticToken, SignatureHelpInfo, WorkspaceSymbol } from './types.js';

export class AdtWorkspace {
  private readonly ws: Workspace;
  private options: ValidateOptions = {};

  constructor(host: Host) {
    this.ws = new Workspace(host);
  }

  /** Opens or updates a document; returns the open documents whose diagnostics may have changed. */
  setFile(uri: string, text: string, version: number): string[] {
    return this.ws.setFile(uri, text, version);
  }

  removeFile(uri: string): string[] {
    return this.ws.removeFile(uri);
  }

  fileChanged(uri: string): string[] {
    return this.ws.fileChanged(uri);
  }

  setOptions(options: ValidateOptions): void {
    this.options = options;
    this.ws.setOptions(options);
  }

  version(uri: string): number | undefined {
    return this.ws.version(uri);
  }

  openDocuments(): string[] {
    return this.ws.openDocuments();
  }

  /** Any file's text and line index (open documents, imports, bundled profiles), for converting offsets. */
  sourceFile(uri: string): SourceFile | undefined {
    return this.ws.sourceFile(uri);
  }

  analyse(uri: string, token: CancellationToken = neverCancelled): Analysis | undefined {
    return this.ws.analyse(uri, token);
  }

  /** The diagnostics of the document, the same as `adtc validate` reports; undefined when cancelled. */
  diagnostics(uri: string, token: CancellationToken = neverCancelled): readonly Diagnostic[] | undefined {
    return this.ws.analyse(uri, token)?.diagnostics;
  }

  completion(uri: string, offset: number, token: CancellationToken = neverCancelled): CompletionList | undefined {
    const m = this.model(uri, token);
    return m ? (ruleCompletion(m, offset) ?? completion(m, offset)) : undefined;
  }

  /** Signature help for a call being written in a scaling rule. */
  signatureHelp(uri: string, offset: number, token: CancellationToken = neverCancelled): SignatureHelpInfo | undefined {
    const m = this.model(uri, token);
    return m ? ruleSignatureHelp(m, offset) : undefined;
  }

  /** Highlighting of the scaling rules written in the document. */
  semanticTokens(uri: string, token: CancellationToken = neverCancelled): SemanticToken[] {
    const m = this.model(uri, token);
    return m ? semanticTokens(m) : [];
  }

  /**
   * The document compiled in memory, as `adtc compile` would write it: plan.json
   * and the Kubernetes manifests as one YAML stream; the diagnostics when it has errors.
   * The plan compiler (with the Kubernetes schemas) is loaded on first use, so an
   * editor that never asks for a plan never pays for loading it.
   */
  async compilePreview(uri: string, token: CancellationToken = neverCancelled): Promise<CompiledPreview | undefined> {
    if (this.ws.version(uri) === undefined) return undefined;
    const { compile } = await import('../plan/compile.js');
    if (this.ws.version(uri) === undefined) return undefined;
    const result = compile(uri, { readFile: (u) => this.ws.text(u) }, { severity: this.options.severity ?? {}, compilerVersion: toolVersion }, token);
    if (result.cancelled) return undefined;
    if (!result.output) return { diagnostics: result.diagnostics };
    return { plan: result.output.files.get('plan.json') ?? JSON.stringify(result.output.plan, null, 2), manifests: result.output.manifests.map((m) => `---\n${m}`).join('') };
  }

  hover(uri: string, offset: number, token: CancellationToken = neverCancelled): HoverInfo | undefined {
    const m = this.model(uri, token);
    return m ? hover(m, offset) : undefined;
  }

  definition(uri: string, offset: number, token: CancellationToken = neverCancelled): Span | undefined {
    const m = this.model(uri, token);
    return m ? definition(m, offset) : undefined;
  }

  references(uri: string, offset: number, includeDeclaration: boolean, token: CancellationToken = neverCancelled): Span[] {
    const m = this.model(uri, token);
    return m ? references(m, offset, this.models(token), includeDeclaration) : [];
  }

  highlights(uri: string, offset: number, token: CancellationToken = neverCancelled): Highlight[] {
    const m = this.model(uri, token);
    return m ? highlights(m, offset) : [];
  }

  prepareRename(uri: string, offset: number, token: CancellationToken = neverCancelled): { span: Span; placeholder: string } | { error: string } | undefined {
    const m = this.model(uri, token);
    return m ? prepareRename(m, offset) : undefined;
  }

  rename(uri: string, offset: number, newName: string, token: CancellationToken = neverCancelled): RenameResult {
    const m = this.model(uri, token);
    return m ? rename(m, offset, newName, this.models(token)) : { error: 'The document is not open.' };
  }

  documentSymbols(uri: string, token: CancellationToken = neverCancelled): DocumentSymbol[] {
    const m = this.model(uri, token);
    return m ? documentSymbols(m.adt) : [];
  }

  workspaceSymbols(query: string, token: CancellationToken = neverCancelled): WorkspaceSymbol[] {
    return workspaceSymbols(this.models(token), query);
  }

  foldingRanges(uri: string, token: CancellationToken = neverCancelled): FoldingRange[] {
    const m = this.model(uri, token);
    return m ? foldingRanges(m.adt.file, m.adt.root) : [];
  }

  selectionRanges(uri: string, offsets: readonly number[], token: CancellationToken = neverCancelled): Span[][] {
    const m = this.model(uri, token);
    return offsets.map((o) => (m ? selectionRanges(m.adt.file, m.adt.root, o) : []));
  }

  codeActions(uri: string, start: number, end: number, token: CancellationToken = neverCancelled): CodeAction[] {
    const a = this.ws.analyse(uri, token);
    if (!a) return [];
    const inRange = (d: Diagnostic) => d.span.uri === uri && d.span.end >= start && d.span.start <= end;
    return [...codeActions(this.ws.checkedFixes(a, inRange, token), uri, start, end), ...(a.model ? extractPolicyType(a.model, start, end) : [])];
  }

  private model(uri: string, token: CancellationToken): AnalysedModel | undefined {
    return this.ws.analyse(uri, token)?.model;
  }

  private models(token: CancellationToken): AnalysedModel[] {
    return this.ws.allAnalyses(token).flatMap((a) => (a.model ? [a.model] : []));
  }
}
