/**
 * The `adtc` command. Dispatches to one module per subcommand; those are the
 * only compiler modules that touch the process, the disk or the runtime.
 */
import type { CliIo } from './io.js';
import { runValidate } from './validate-command.js';
import { toolVersion } from './version.js';

const usage = `Usage: adtc <command> [options]

Commands:
  validate <file|directory|glob>...   check ADTs and report every problem
  lsp --stdio | --node-ipc            start the language server

Run 'adtc <command> --help' for the options of a command.
`;

export function main(argv: readonly string[], io: CliIo): number {
  const [command, ...rest] = argv;
  switch (command) {
    case 'validate':
      return runValidate(rest, io);
    case 'lsp':
      // Loaded lazily so validate never loads the protocol packages; the connection keeps the process alive.
      void import(new URL('../../../lsp/src/main.js', import.meta.url).href).then((m: { start(): void }) => m.start());
      return 0;
    case '--version':
    case '-v':
      io.stdout(`${toolVersion}\n`);
      return 0;
    case undefined:
    case '--help':
    case '-h':
    case 'help':
      io.stdout(usage);
      return command === undefined ? 2 : 0;
    default:
      io.stderr(`adtc: unknown command '${command}'.\n\n${usage}`);
      return 2;
  }
}
