/**
 * A language server started as an editor starts it, over stdio, for the tests of what users install (the
 * npm package, the unpacked .vsix): the connection, the first diagnostics it publishes, and the shutdown
 * handshake that must end the process.
 */
import { spawn } from 'node:child_process';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node.js';
import type { PublishDiagnosticsParams } from 'vscode-languageserver-protocol';

export interface StdioServer {
  readonly connection: MessageConnection;
  /** The first textDocument/publishDiagnostics the server sends. */
  readonly firstDiagnostics: Promise<PublishDiagnosticsParams>;
  /** shutdown, then exit: resolves when the process has ended; kills it if it never does. */
  stop(): Promise<void>;
}

export function startStdioServer(command: string, args: readonly string[], cwd: string): StdioServer {
  const child = spawn(command, [...args], { cwd, stdio: ['pipe', 'pipe', 'inherit'] });
  const connection = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  const firstDiagnostics = new Promise<PublishDiagnosticsParams>((resolve) => connection.onNotification('textDocument/publishDiagnostics', resolve));
  connection.listen();
  return {
    connection,
    firstDiagnostics,
    async stop() {
      try {
        await connection.sendRequest('shutdown');
        const exited = new Promise((resolve) => child.once('exit', resolve));
        await connection.sendNotification('exit');
        await exited;
      } finally {
        connection.dispose();
        child.kill();
      }
    },
  };
}
