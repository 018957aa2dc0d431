/**
 * The ADT language server: advertises capabilities and registers one thin
 * handler per feature. Handlers convert positions, ask the compiler's
 * workspace, and convert the plain answer back (convert.ts).
 */
import { pathToFileURL } from 'node:url';
import { TextDocuments, type Connection, type InitializeParams, type InitializeResult, TextDocumentSyncKind, ResponseError, ErrorCodes, LSPErrorCodes, DocumentDiagnosticReportKind } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { cataloguePagePath, createWorkspace, expandTargets, fileSystemHost, toolVersion, validate, type Diagnostic, type ValidateOptions } from '../../compiler/src/index.js';
import { Converter, Paths, SEMANTIC_TOKENS_LEGEND } from './convert.js';
import { Scheduler } from './scheduler.js';
import { readSettings, type Settings } from './settings.js';

/** Documents are ADTs only when they declare a TOSCA version; other YAML is left to other tools. */
export function isToscaText(text: string): boolean {
  return /^tosca_definitions_version\s*:/m.test(text);
}

export const VALIDATE_WORKSPACE_COMMAND = 'adt.validateWorkspace';

/**
 * `adt/compilePreview` { uri } → { plan, manifests } (plan.json and the
 * Kubernetes manifests as one YAML stream) or { diagnostics } when the
 * document does not compile; null for a document the server does not hold.
 */
export const COMPILE_PREVIEW_REQUEST = 'adt/compilePreview';

export function startServer(connection: Connection): void {
  const ws = createWorkspace(fileSystemHost);
  const paths = new Paths();
  const documents = new TextDocuments(TextDocument);
  const codeDescriptionBase = pathToFileURL(cataloguePagePath).href;
  const convert = new Converter(ws, paths, codeDescriptionBase);
  let pull = false;
  let settings: Settings = readSettings(undefined);
  /** Files last published by "validate workspace" that are not open, so closing does not clear them. */
  const published = new Set<string>();
  // The last report sent for each document. When an edit leaves its problems as they were (typing in a
  // comment, a value with no problem), the answer is "unchanged" and the editor keeps what it shows instead
  // of receiving, parsing and redrawing the whole list again.
  const reports = new Map<string, { readonly resultId: string; readonly items: string }>();
  let lastResultId = 0;

  const applySettings = (s: Settings) => {
    settings = s;
    const options: ValidateOptions = { severity: s.severity, pinnedProfiles: s.pinnedProfiles, urlMap: s.urlMap };
    ws.setOptions(options);
  };

  const publish = (path: string, diagnostics: readonly Diagnostic[], version?: number) => {
    void connection.sendDiagnostics({ uri: paths.toUri(path), ...(version !== undefined ? { version } : {}), diagnostics: diagnostics.filter((d) => d.span.uri === path).map((d) => convert.diagnostic(d)) });
  };

  const scheduler = new Scheduler(
    { get debounceMs() { return settings.debounceMs; } },
    (path) => ws.version(path),
    (path, isCurrent) => {
      const version = ws.version(path);
      const diagnostics = ws.diagnostics(path, { get isCancellationRequested() { return !isCurrent(); } });
      if (diagnostics && isCurrent()) publish(path, diagnostics, version);
    },
  );

  /** Re-analyses `paths` after an edit: pushed to clients without pull diagnostics, a refresh request for the rest. */
  const changed = (affected: readonly string[]) => {
    if (pull) {
      if (affected.length > 1) connection.languages.diagnostics.refresh();
      return;
    }
    for (const p of affected) scheduler.schedule(p);
  };

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    pull = params.capabilities.textDocument?.diagnostic !== undefined;
    applySettings(readSettings(params.initializationOptions));
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        completionProvider: { triggerCharacters: [':', ' ', '[', ',', '{'] },
        hoverProvider: true,
        definitionProvider: true,
        referencesProvider: true,
        documentHighlightProvider: true,
        renameProvider: { prepareProvider: true },
        documentSymbolProvider: true,
        workspaceSymbolProvider: true,
        foldingRangeProvider: true,
        selectionRangeProvider: true,
        codeActionProvider: { codeActionKinds: ['quickfix', 'refactor.extract'] },
        signatureHelpProvider: { triggerCharacters: ['(', ','], retriggerCharacters: [','] },
        semanticTokensProvider: { legend: SEMANTIC_TOKENS_LEGEND, full: true },
        executeCommandProvider: { commands: [VALIDATE_WORKSPACE_COMMAND] },
        ...(pull ? { diagnosticProvider: { interFileDependencies: true, workspaceDiagnostics: false } } : {}),
      },
      serverInfo: { name: 'adtc', version: toolVersion },
    };
  });

  connection.onDidChangeConfiguration((change) => {
    const section = (change.settings as { adt?: unknown } | undefined)?.adt;
    if (section === undefined) return;
    applySettings(readSettings(section));
    changed(ws.openDocuments());
  });

  const track = (doc: TextDocument) => {
    const path = paths.toPath(doc.uri);
    const text = doc.getText();
    if (!isToscaText(text)) {
      // A document that stopped declaring a TOSCA version is no longer ours.
      if (ws.version(path) !== undefined) {
        ws.removeFile(path);
        scheduler.cancel(path);
        reports.delete(path);
        void connection.sendDiagnostics({ uri: doc.uri, diagnostics: [] });
      }
      return;
    }
    if (pull && published.delete(path)) {
      // Opened after "validate workspace" pushed its problems: from now on the client pulls them.
      void connection.sendDiagnostics({ uri: doc.uri, diagnostics: [] });
    }
    changed(ws.setFile(path, text, doc.version));
  };
  // TextDocuments reports an opened document as a change of content too; tracking it twice made the scheduler
  // take the open for a burst of typing and wait its debounce (150 ms) before the first diagnostics.
  documents.onDidChangeContent((e) => track(e.document));
  documents.onDidClose((e) => {
    const path = paths.toPath(e.document.uri);
    if (ws.version(path) === undefined) return;
    scheduler.cancel(path);
    reports.delete(path);
    const affected = ws.removeFile(path);
    if (!published.has(path)) void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
    changed(affected);
  });
  connection.onDidChangeWatchedFiles((e) => {
    for (const c of e.changes) changed(ws.fileChanged(paths.toPath(c.uri)));
  });

  connection.languages.diagnostics.on((params, token) => {
    const path = paths.toPath(params.textDocument.uri);
    const diagnostics = ws.diagnostics(path, token) ?? [];
    if (token.isCancellationRequested) throw new ResponseError(LSPErrorCodes.ServerCancelled, 'The document changed.', { retriggerRequest: true });
    const items = diagnostics.filter((d) => d.span.uri === path).map((d) => convert.diagnostic(d));
    const serialised = JSON.stringify(items);
    const last = reports.get(path);
    if (last?.items === serialised && params.previousResultId === last.resultId) return { kind: DocumentDiagnosticReportKind.Unchanged, resultId: last.resultId };
    const resultId = last?.items === serialised ? last.resultId : String(++lastResultId);
    reports.set(path, { resultId, items: serialised });
    return { kind: DocumentDiagnosticReportKind.Full, resultId, items };
  });

  const at = (p: { textDocument: { uri: string }; position: { line: number; character: number } }) => {
    const path = paths.toPath(p.textDocument.uri);
    return { path, offset: convert.offset(path, p.position) };
  };

  connection.onCompletion((params, token) => {
    const { path, offset } = at(params);
    const list = ws.completion(path, offset, token);
    return list ? convert.completion(list) : null;
  });
  connection.onHover((params, token) => {
    const { path, offset } = at(params);
    const h = ws.hover(path, offset, token);
    return h ? convert.hover(h) : null;
  });
  connection.onDefinition((params, token) => {
    const { path, offset } = at(params);
    const target = ws.definition(path, offset, token);
    return target ? convert.location(target) : null;
  });
  connection.onReferences((params, token) => {
    const { path, offset } = at(params);
    return ws.references(path, offset, params.context.includeDeclaration, token).map((s) => convert.location(s));
  });
  connection.onDocumentHighlight((params, token) => {
    const { path, offset } = at(params);
    return ws.highlights(path, offset, token).map((h) => convert.highlight(h));
  });
  connection.onPrepareRename((params, token) => {
    const { path, offset } = at(params);
    const r = ws.prepareRename(path, offset, token);
    if (!r) return null;
    if ('error' in r) throw new ResponseError(ErrorCodes.InvalidRequest, r.error);
    return { range: convert.range(r.span), placeholder: r.placeholder };
  });
  connection.onRenameRequest((params, token) => {
    const { path, offset } = at(params);
    const r = ws.rename(path, offset, params.newName, token);
    if ('error' in r) throw new ResponseError(ErrorCodes.InvalidRequest, r.error);
    return convert.edits(r.edits);
  });
  connection.onDocumentSymbol((params, token) => ws.documentSymbols(paths.toPath(params.textDocument.uri), token).map((s) => convert.documentSymbol(s)));
  connection.onWorkspaceSymbol((params, token) => ws.workspaceSymbols(params.query, token).map((s) => convert.workspaceSymbol(s)));
  connection.onFoldingRanges((params, token) => {
    const path = paths.toPath(params.textDocument.uri);
    return ws.foldingRanges(path, token).map((f) => convert.foldingRange(path, f));
  });
  connection.onSelectionRanges((params, token) => {
    const path = paths.toPath(params.textDocument.uri);
    const offsets = params.positions.map((p) => convert.offset(path, p));
    return ws.selectionRanges(path, offsets, token).map((spans, i) => convert.selectionRange(spans, params.positions[i]!));
  });
  connection.onCodeAction((params, token) => {
    const path = paths.toPath(params.textDocument.uri);
    const start = convert.offset(path, params.range.start);
    const end = convert.offset(path, params.range.end);
    return ws.codeActions(path, start, end, token).map((a) => convert.codeAction(a));
  });

  connection.onSignatureHelp((params, token) => {
    const { path, offset } = at(params);
    const h = ws.signatureHelp(path, offset, token);
    return h ? convert.signatureHelp(h) : null;
  });
  connection.languages.semanticTokens.on((params, token) => {
    const path = paths.toPath(params.textDocument.uri);
    return convert.semanticTokens(path, ws.semanticTokens(path, token));
  });
  connection.onRequest(COMPILE_PREVIEW_REQUEST, async (params: { uri?: unknown }, token) => {
    if (typeof params?.uri !== 'string') return null;
    const path = paths.toPath(params.uri);
    const preview = await ws.compilePreview(path, token);
    if (!preview) return null;
    return 'diagnostics' in preview ? { diagnostics: preview.diagnostics.map((d) => ({ uri: paths.toUri(d.span.uri), diagnostic: convert.diagnostic(d) })) } : preview;
  });

  connection.onExecuteCommand(async (params) => {
    if (params.command !== VALIDATE_WORKSPACE_COMMAND) return null;
    const folders = (params.arguments ?? []).filter((a): a is string => typeof a === 'string').map((u) => paths.toPath(u));
    const roots = folders.length > 0 ? folders : ((await connection.workspace.getWorkspaceFolders()) ?? []).map((f) => paths.toPath(f.uri));
    let errors = 0;
    let warnings = 0;
    const files = roots.length > 0 ? expandTargets(roots, process.cwd()).files : [];
    for (const file of files) {
      const open = ws.version(file) !== undefined;
      const diagnostics = open ? (ws.diagnostics(file) ?? []) : validate(file, fileSystemHost, { severity: settings.severity, pinnedProfiles: settings.pinnedProfiles, urlMap: settings.urlMap }).diagnostics;
      errors += diagnostics.filter((d) => d.span.uri === file && d.severity === 'error').length;
      warnings += diagnostics.filter((d) => d.span.uri === file && d.severity === 'warning').length;
      // A client that pulls already has an open file's problems; pushing them too would list each twice.
      if (open && pull) continue;
      if (!open) published.add(file);
      publish(file, diagnostics, ws.version(file));
    }
    return { files: files.length, errors, warnings };
  });

  documents.listen(connection);
  connection.listen();
}
