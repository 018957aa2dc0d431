/**
 * Starts the language server on the transport named on the command line
 * (--stdio, --node-ipc or --socket=N, as vscode-languageserver reads them).
 */
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node.js';
import { startServer } from './server.js';

export function start(): void {
  startServer(createConnection(ProposedFeatures.all));
}
