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

export type CompletionKind = 'keyword' | 'property' | 'type' | 'node' | 'input' | 'repository' | 'constant' | 'value' | 'requirement' | 'interface' | 'operation' | 'function';

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
  readonly kind: 'quickfix';
  readonly edits: readonly TextEdit[];
  /** The diagnostic the action fixes. */
  readonly diagnostic: Diagnostic;
  readonly preferred: boolean;
}

/** A rename is either a set of edits or the reason it cannot be done. */
export type RenameResult = { readonly edits: readonly TextEdit[] } | { readonly error: string };
