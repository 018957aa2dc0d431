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
  /**
   * What the server showed its user so far: its stderr (also copied to the test's stderr, so a crash shows
   * there) and its window/logMessage notifications, which is where an editor's output panel gets
   * console.error from a server that vscode-languageserver runs (Node's own warnings included).
   */
  output(): string;
}

export function startStdioServer(command: string, args: readonly string[], cwd: string, env: NodeJS.ProcessEnv = process.env): StdioServer {
  const child = spawn(command, [...args], { cwd, env, stdio: ['pipe', 'pipe', 'pipe'] });
  let output = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    output += chunk;
    process.stderr.write(chunk);
  });
  const connection = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  connection.onNotification('window/logMessage', (m: { message: string }) => (output += m.message + '\n'));
  const firstDiagnostics = new Promise<PublishDiagnosticsParams>((resolve) => connection.onNotification('textDocument/publishDiagnostics', resolve));
  connection.listen();
  return {
    connection,
    firstDiagnostics,
    output: () => output,
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
