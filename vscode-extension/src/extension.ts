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
let languageClient: client.LanguageClient | undefined;

function claim(doc: vscode.TextDocument): void {
  if (doc.languageId === 'yaml' && TOSCA.test(doc.getText())) void vscode.languages.setTextDocumentLanguage(doc, 'micado-adt');
}

function settings(): Record<string, unknown> {
  const c = vscode.workspace.getConfiguration('adt');
  return { profiles: c.get('profiles'), severity: c.get('severity'), debounceMs: c.get('debounceMs') };
}

async function activate(context: vscode.ExtensionContext): Promise<void> {
  const server = context.asAbsolutePath(path.join('server', 'bin', 'adtc.js'));
  const run: client.NodeModule = { module: server, args: ['lsp'], transport: client.TransportKind.ipc };
  languageClient = new client.LanguageClient(
    'adt',
    'MiCADO ADT',
    { run, debug: run },
    {
      documentSelector: [{ language: 'micado-adt' }],
      initializationOptions: settings(),
      synchronize: { configurationSection: 'adt', fileEvents: vscode.workspace.createFileSystemWatcher('**/*.{yaml,yml}') },
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

  context.subscriptions.push(
    vscode.commands.registerCommand('adt.validateWorkspace', async () => {
      const folders = (vscode.workspace.workspaceFolders ?? []).map((f) => f.uri.toString());
      const result = (await languageClient!.sendRequest('workspace/executeCommand', { command: 'adt.validateWorkspace', arguments: folders })) as { files: number; errors: number; warnings: number } | null;
      if (result) void vscode.window.showInformationMessage(`ADT: ${result.files} files checked, ${result.errors} errors, ${result.warnings} warnings.`);
    }),
  );
  await languageClient.start();
}

async function deactivate(): Promise<void> {
  await languageClient?.stop();
}

export = { activate, deactivate };
