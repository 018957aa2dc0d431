/**
 * The language services' answers: plain data in UTF-16 offsets and labels,
 * never protocol types; lsp/src/convert.ts is the one place that turns them
 * into LSP objects.
 */
import type { TextEdit } from '../diagnostics/diagnostic.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { Span } from '../source/span.js';

export interface HoverInfo {
  readonly span: Span;
  /** Markdown. */
  readonly contents: string;
}

export type CompletionKind = 'keyword' | 'property' | 'type' | 'node' | 'input' | 'repository' | 'constant' | 'value' | 'requirement' | 'interface' | 'operation' | 'function' | 'variable' | 'method' | 'module';

export interface CompletionEntry {
  readonly label: string;
  readonly kind: CompletionKind;
  readonly detail?: string;
  /** Markdown. */
  readonly documentation?: string;
  /** Text inserted in place of `replace`; the label when absent. */
  readonly insertText?: string;
  readonly sortText?: string;
}

export interface CompletionList {
  /** The word the entries replace (empty at the cursor when nothing is typed yet). */
  readonly replace: Span;
  readonly items: readonly CompletionEntry[];
}

export type SymbolKind = 'section' | 'node-template' | 'policy' | 'group' | 'type' | 'input' | 'output' | 'repository';

export interface DocumentSymbol {
  readonly name: string;
  readonly kind: SymbolKind;
  readonly detail?: string;
  /** The whole entry: key and value. */
  readonly span: Span;
  /** The name. */
  readonly selection: Span;
  readonly children: readonly DocumentSymbol[];
}

export interface WorkspaceSymbol {
  readonly name: string;
  readonly kind: SymbolKind;
  readonly container?: string;
  readonly span: Span;
}

export interface FoldingRange {
  /** Offsets of the first and last character folded; the converter turns them into lines. */
  readonly start: number;
  readonly end: number;
  readonly kind?: 'comment';
}

export interface Highlight {
  readonly span: Span;
  readonly kind: 'read' | 'write';
}

export interface CodeAction {
  readonly title: string;
  readonly kind: 'quickfix' | 'refactor.extract';
  readonly edits: readonly TextEdit[];
  /** The diagnostic a quick fix fixes; refactors have none. */
  readonly diagnostic?: Diagnostic;
  readonly preferred: boolean;
}

/** A rename is either a set of edits or the reason it cannot be done. */
export type RenameResult = { readonly edits: readonly TextEdit[] } | { readonly error: string };

export interface SignatureInfo {
  readonly label: string;
  readonly parameters: readonly string[];
  /** Markdown. */
  readonly documentation?: string;
}

export interface SignatureHelpInfo {
  readonly signatures: readonly SignatureInfo[];
  readonly activeSignature: number;
  readonly activeParameter: number;
}

/** Token types of scaling-rule highlighting; the protocol layer's legend lists them in this order. */
export const SEMANTIC_TOKEN_TYPES = ['keyword', 'variable', 'parameter', 'property', 'function', 'method', 'namespace', 'number', 'string', 'comment', 'event'] as const;
export type SemanticTokenType = (typeof SEMANTIC_TOKEN_TYPES)[number];
export const SEMANTIC_TOKEN_MODIFIERS = ['declaration', 'readonly', 'defaultLibrary'] as const;
export type SemanticTokenModifier = (typeof SEMANTIC_TOKEN_MODIFIERS)[number];

export interface SemanticToken {
  /** Within one line. */
  readonly start: number;
  readonly end: number;
  readonly type: SemanticTokenType;
  readonly modifiers: readonly SemanticTokenModifier[];
}

/** The result of the compiler's compile run for the editor: the plan and manifests, or why there are none. */
export type CompiledPreview = { readonly plan: string; readonly manifests: string } | { readonly diagnostics: readonly Diagnostic[] };
