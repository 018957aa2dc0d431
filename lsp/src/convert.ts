/**
 * Compiler data to LSP types and back: the only file that knows both. The
 * compiler names files by absolute path and places by UTF-16 offset; the
 * protocol uses URIs and zero-based line/character positions (UTF-16 too).
 */
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as lsp from 'vscode-languageserver';
import { SEMANTIC_TOKEN_MODIFIERS, SEMANTIC_TOKEN_TYPES, type AdtWorkspace, type CodeAction, type CompletionEntry, type CompletionList, type Diagnostic, type DocumentSymbol, type FoldingRange, type Highlight, type HoverInfo, type SemanticToken, type SignatureHelpInfo, type Span, type SymbolKind, type TextEdit, type WorkspaceSymbol } from '../../compiler/src/index.js';

/** Maps between protocol URIs and compiler paths, keeping the URI spelling the client used. */
export class Paths {
  private readonly uris = new Map<string, string>();

  toPath(uri: string): string {
    let path = uri;
    if (uri.startsWith('file:')) {
      try {
        path = fileURLToPath(uri);
      } catch {
        path = uri;
      }
    }
    this.uris.set(path, uri);
    return path;
  }

  toUri(path: string): string {
    return this.uris.get(path) ?? (path.startsWith('/') ? pathToFileURL(path).href : path);
  }
}

export class Converter {
  constructor(
    private readonly ws: AdtWorkspace,
    readonly paths: Paths,
    private readonly codeDescriptionBase: string | undefined,
  ) {}

  offset(path: string, position: lsp.Position): number {
    return this.ws.sourceFile(path)?.lines.offsetAt(position) ?? 0;
  }

  position(path: string, offset: number): lsp.Position {
    return this.ws.sourceFile(path)?.lines.positionAt(offset) ?? { line: 0, character: 0 };
  }

  range(span: Span): lsp.Range {
    return { start: this.position(span.uri, span.start), end: this.position(span.uri, span.end) };
  }

  location(span: Span): lsp.Location {
    return { uri: this.paths.toUri(span.uri), range: this.range(span) };
  }

  diagnostic(d: Diagnostic): lsp.Diagnostic {
    const tags = (d.tags ?? []).map((t) => (t === 'unnecessary' ? lsp.DiagnosticTag.Unnecessary : lsp.DiagnosticTag.Deprecated));
    return {
      range: this.range(d.span),
      severity: SEVERITY[d.severity],
      code: d.code,
      ...(this.codeDescriptionBase ? { codeDescription: { href: `${this.codeDescriptionBase}#${d.code.toLowerCase()}` } } : {}),
      source: 'adtc',
      message: d.message,
      ...(d.related.length > 0 ? { relatedInformation: d.related.map((r) => ({ location: this.location(r.span), message: r.message })) } : {}),
      ...(tags.length > 0 ? { tags } : {}),
      // Code actions are recomputed from the analysis; the code and span identify the diagnostic again.
      data: { code: d.code, start: d.span.start, end: d.span.end },
    };
  }

  hover(h: HoverInfo): lsp.Hover {
    return { contents: { kind: lsp.MarkupKind.Markdown, value: h.contents }, range: this.range(h.span) };
  }

  completion(list: CompletionList): lsp.CompletionList {
    const range = this.range(list.replace);
    return { isIncomplete: false, items: list.items.map((e) => this.completionItem(e, range)) };
  }

  private completionItem(e: CompletionEntry, range: lsp.Range): lsp.CompletionItem {
    return {
      label: e.label,
      kind: COMPLETION_KIND[e.kind],
      ...(e.detail ? { detail: e.detail } : {}),
      ...(e.documentation ? { documentation: { kind: lsp.MarkupKind.Markdown, value: e.documentation } } : {}),
      ...(e.sortText ? { sortText: e.sortText } : {}),
      textEdit: { range, newText: e.insertText ?? e.label },
    };
  }

  edits(edits: readonly TextEdit[]): lsp.WorkspaceEdit {
    const changes: Record<string, lsp.TextEdit[]> = {};
    for (const e of edits) (changes[this.paths.toUri(e.span.uri)] ??= []).push({ range: this.range(e.span), newText: e.newText });
    return { changes };
  }

  codeAction(a: CodeAction): lsp.CodeAction {
    const kind = a.kind === 'quickfix' ? lsp.CodeActionKind.QuickFix : lsp.CodeActionKind.RefactorExtract;
    return { title: a.title, kind, ...(a.diagnostic ? { diagnostics: [this.diagnostic(a.diagnostic)] } : {}), isPreferred: a.preferred, edit: this.edits(a.edits) };
  }

  signatureHelp(h: SignatureHelpInfo): lsp.SignatureHelp {
    return {
      signatures: h.signatures.map((s) => ({
        label: s.label,
        parameters: s.parameters.map((p) => ({ label: p })),
        ...(s.documentation ? { documentation: { kind: lsp.MarkupKind.Markdown, value: s.documentation } } : {}),
      })),
      activeSignature: h.activeSignature,
      activeParameter: h.activeParameter,
    };
  }

  /** Tokens in document order to the protocol's relative encoding (line delta, start delta, length, type, modifier bits). */
  semanticTokens(path: string, tokens: readonly SemanticToken[]): lsp.SemanticTokens {
    const data: number[] = [];
    let line = 0;
    let character = 0;
    for (const t of tokens) {
      const start = this.position(path, t.start);
      const end = this.position(path, t.end);
      if (end.line !== start.line) continue;
      data.push(start.line - line, start.line === line ? start.character - character : start.character, end.character - start.character, SEMANTIC_TOKEN_TYPES.indexOf(t.type), t.modifiers.reduce((bits, m) => bits | (1 << SEMANTIC_TOKEN_MODIFIERS.indexOf(m)), 0));
      line = start.line;
      character = start.character;
    }
    return { data };
  }

  highlight(h: Highlight): lsp.DocumentHighlight {
    return { range: this.range(h.span), kind: h.kind === 'write' ? lsp.DocumentHighlightKind.Write : lsp.DocumentHighlightKind.Read };
  }

  documentSymbol(s: DocumentSymbol): lsp.DocumentSymbol {
    return {
      name: s.name,
      kind: SYMBOL_KIND[s.kind],
      ...(s.detail ? { detail: s.detail } : {}),
      range: this.range(s.span),
      selectionRange: this.range(s.selection),
      children: s.children.map((c) => this.documentSymbol(c)),
    };
  }

  workspaceSymbol(s: WorkspaceSymbol): lsp.SymbolInformation {
    return { name: s.name, kind: SYMBOL_KIND[s.kind], location: this.location(s.span), ...(s.container ? { containerName: s.container } : {}) };
  }

  foldingRange(path: string, f: FoldingRange): lsp.FoldingRange {
    const start = this.position(path, f.start);
    const end = this.position(path, f.end);
    return { startLine: start.line, endLine: end.line, ...(f.kind ? { kind: lsp.FoldingRangeKind.Comment } : {}) };
  }

  selectionRange(spans: readonly Span[], fallback: lsp.Position): lsp.SelectionRange {
    let parent: lsp.SelectionRange | undefined;
    for (const s of [...spans].reverse()) parent = { range: this.range(s), ...(parent ? { parent } : {}) };
    return parent ?? { range: { start: fallback, end: fallback } };
  }
}

const SEVERITY: Record<Diagnostic['severity'], lsp.DiagnosticSeverity> = {
  error: lsp.DiagnosticSeverity.Error,
  warning: lsp.DiagnosticSeverity.Warning,
  info: lsp.DiagnosticSeverity.Information,
  hint: lsp.DiagnosticSeverity.Hint,
};

const COMPLETION_KIND: Record<CompletionEntry['kind'], lsp.CompletionItemKind> = {
  keyword: lsp.CompletionItemKind.Keyword,
  property: lsp.CompletionItemKind.Property,
  type: lsp.CompletionItemKind.Class,
  node: lsp.CompletionItemKind.Reference,
  input: lsp.CompletionItemKind.Variable,
  repository: lsp.CompletionItemKind.Module,
  constant: lsp.CompletionItemKind.Constant,
  value: lsp.CompletionItemKind.Value,
  requirement: lsp.CompletionItemKind.Field,
  interface: lsp.CompletionItemKind.Interface,
  operation: lsp.CompletionItemKind.Method,
  function: lsp.CompletionItemKind.Function,
  variable: lsp.CompletionItemKind.Variable,
  method: lsp.CompletionItemKind.Method,
  module: lsp.CompletionItemKind.Module,
};

/** The legend the server advertises; the converter encodes token types and modifiers by their place in it. */
export const SEMANTIC_TOKENS_LEGEND: lsp.SemanticTokensLegend = { tokenTypes: [...SEMANTIC_TOKEN_TYPES], tokenModifiers: [...SEMANTIC_TOKEN_MODIFIERS] };

const SYMBOL_KIND: Record<SymbolKind, lsp.SymbolKind> = {
  section: lsp.SymbolKind.Namespace,
  'node-template': lsp.SymbolKind.Object,
  policy: lsp.SymbolKind.Event,
  group: lsp.SymbolKind.Array,
  type: lsp.SymbolKind.Class,
  input: lsp.SymbolKind.Variable,
  output: lsp.SymbolKind.Property,
  repository: lsp.SymbolKind.Module,
};
