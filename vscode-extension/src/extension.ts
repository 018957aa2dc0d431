/**
 * A thin client: starts the bundled adtc language server over node IPC and
 * gives it the ADTs. A YAML document that declares tosca_definitions_version
 * is switched to the micado-adt language, so Red Hat's YAML extension (which
 * serves the yaml language) does not report the same file a second time.
 */
import vscode = require('vscode');
import path = require('node:path');
import client = require('vscode-languageclient/node');

const TOSCA = /^tosca_definitions_version\s*:/m;
/** The server's command (lsp/src/server.ts); contributed in package.json so the palette lists it. */
const VALIDATE_WORKSPACE = 'adt.validateWorkspace';
let languageClient: client.LanguageClient | undefined;

function claim(doc: vscode.TextDocument): void {
  if (doc.languageId === 'yaml' && TOSCA.test(doc.getText())) void vscode.languages.setTextDocumentLanguage(doc, 'micado-adt');
}

function settings(): Record<string, unknown> {
  const c = vscode.workspace.getConfiguration('adt');
  return { profiles: c.get('profiles'), severity: c.get('severity'), debounceMs: c.get('debounceMs') };
}

async function activate(context: vscode.ExtensionContext): Promise<void> {
  const server = context.asAbsolutePath(path.join('server', 'bin', 'adtc-language-server.js'));
  const run: client.NodeModule = { module: server, transport: client.TransportKind.ipc };
  languageClient = new client.LanguageClient(
    'adt',
    'MiCADO ADT',
    { run, debug: run },
    {
      documentSelector: [{ language: 'micado-adt' }],
      initializationOptions: settings(),
      synchronize: { configurationSection: 'adt', fileEvents: vscode.workspace.createFileSystemWatcher('**/*.{yaml,yml}') },
      // The client library registers "ADT: Validate workspace" from the server's executeCommandProvider;
      // this only fills in the workspace folders and tells the user what the server found.
      middleware: {
        async executeCommand(command, args, next) {
          if (command !== VALIDATE_WORKSPACE) return next(command, args);
          const folders = (vscode.workspace.workspaceFolders ?? []).map((f) => f.uri.toString());
          const result = (await next(command, args.length > 0 ? args : folders)) as { files: number; errors: number; warnings: number } | null | undefined;
          if (result) void vscode.window.showInformationMessage(`ADT: ${result.files} files checked, ${result.errors} errors, ${result.warnings} warnings.`);
          return result;
        },
      },
    },
  );

  for (const doc of vscode.workspace.textDocuments) claim(doc);
  context.subscriptions.push(vscode.workspace.onDidOpenTextDocument(claim));

  const status = vscode.window.createStatusBarItem(vscode.StatusBarAlignment.Left, 10);
  status.command = 'workbench.actions.view.problems';
  const count = () => {
    let errors = 0;
    let warnings = 0;
    for (const [, list] of vscode.languages.getDiagnostics()) {
      for (const d of list) {
        if (d.source !== 'adtc') continue;
        if (d.severity === vscode.DiagnosticSeverity.Error) errors++;
        else if (d.severity === vscode.DiagnosticSeverity.Warning) warnings++;
      }
    }
    status.text = `$(error) ${errors} $(warning) ${warnings} ADT`;
    status.tooltip = 'Problems adtc found in ADTs';
    status.show();
  };
  context.subscriptions.push(status, vscode.languages.onDidChangeDiagnostics(count));
  count();

  context.subscriptions.push(...previews());
  await languageClient.start();
}

/**
 * "ADT: Show compiled plan" and "ADT: Preview Kubernetes manifests": the
 * server compiles the active ADT in memory (adt/compilePreview) and the
 * result opens as a read-only virtual document; when the ADT does not
 * compile, the document lists its diagnostics instead.
 */
const SCHEME = 'adt-preview';

interface Preview {
  readonly plan?: string;
  readonly manifests?: string;
  readonly diagnostics?: readonly { uri: string; diagnostic: { range: { start: { line: number; character: number } }; code?: string | number; message: string } }[];
}

function previews(): vscode.Disposable[] {
  const changed = new vscode.EventEmitter<vscode.Uri>();
  const provider: vscode.TextDocumentContentProvider = {
    onDidChange: changed.event,
    async provideTextDocumentContent(uri) {
      const source = uri.query;
      const what = uri.path.endsWith('.json') ? 'plan' : 'manifests';
      const result = (await languageClient?.sendRequest('adt/compilePreview', { uri: source })) as Preview | null | undefined;
      if (!result) return `# ${source} is not an ADT the language server holds.\n`;
      if (result.diagnostics) {
        const problems = result.diagnostics.map((d) => `${vscode.Uri.parse(d.uri).fsPath}:${d.diagnostic.range.start.line + 1}:${d.diagnostic.range.start.character + 1} ${String(d.diagnostic.code ?? '')} ${d.diagnostic.message}`);
        const heading = 'The ADT does not compile; fix these first:';
        // Valid in the document's own language, so VS Code does not report the explanation as a broken file.
        if (what === 'plan') return JSON.stringify({ error: heading, problems }, null, 2) + '\n';
        return [`# ${heading}`, ...problems.map((p) => `# ${p}`), ''].join('\n');
      }
      return (what === 'plan' ? result.plan : result.manifests) ?? '';
    },
  };
  const open = (file: string, language: string) => async () => {
    const editor = vscode.window.activeTextEditor;
    if (!editor || editor.document.languageId !== 'micado-adt') {
      void vscode.window.showWarningMessage('ADT: open an ADT first.');
      return;
    }
    const uri = vscode.Uri.from({ scheme: SCHEME, path: `/${path.basename(editor.document.uri.path)}/${file}`, query: editor.document.uri.toString() });
    changed.fire(uri);
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.languages.setTextDocumentLanguage(doc, language);
    await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.Beside, preview: true });
  };
  return [
    changed,
    vscode.workspace.registerTextDocumentContentProvider(SCHEME, provider),
    vscode.commands.registerCommand('adt.showCompiledPlan', open('plan.json', 'json')),
    vscode.commands.registerCommand('adt.previewManifests', open('manifests.yaml', 'yaml')),
  ];
}

async function deactivate(): Promise<void> {
  await languageClient?.stop();
}

export = { activate, deactivate };
