/**
 * The `adtc` command. Dispatches to one module per subcommand, loaded only
 * when that subcommand runs, so `adtc validate` in CI never loads the plan
 * emitter's schemas or the language-server packages. The subcommand modules
 * are the only compiler modules that touch the process, the disk or the runtime.
 */
import { importModule } from '../import-module.js';
import { loadBundle } from './bundle-loader.js';
import type { CliIo } from './io.js';
import { asksForHelp, namesLspTransport } from './lsp-transport.js';
import { toolVersion } from './version.js';

const usage = `Usage: adtc <command> [options]

Commands:
  validate <file|directory|glob>...   check ADTs and report every problem
  compile <adt>                       turn an ADT into a deployable plan
  rule eval <adt> --policy <target>   run one scaling rule on given inputs
  lsp --stdio | --node-ipc            start the language server
  deploy <adt|plan-dir>               apply a plan to a cluster
  update <adt|plan-dir>               apply a changed plan, pruning what left it
  undeploy <app-id>                   remove everything an app created
  status [<app-id>]                   node sets, workloads, policies, alerts
  run <app-id|plan-dir>               run the scaling loop in the foreground
  serve                               run every app's loop and MiCADO's submitter REST API
  simulate <adt|plan-dir>             run the policies against a simulated cluster

Run 'adtc <command> --help' for the options of a command.
`;

const lspUsage = `Usage: adtc lsp (--stdio | --node-ipc | --socket=<port> | --pipe=<name>)

Starts the language server for ADTs on the given transport; editors start it
themselves (see the README for VS Code, Neovim and Emacs).
`;

/** Defined by scripts/bundle.mjs in the bundled command: the bundled server beside it. */
declare const ADTC_LSP_BUNDLE: string | undefined;

/** The language server's module: the bundle beside the bundled command, or the build's own module. */
async function loadServer(): Promise<{ start(): void }> {
  if (typeof ADTC_LSP_BUNDLE === 'string') return loadBundle(new URL(ADTC_LSP_BUNDLE, import.meta.url), 'lsp', importModule) as unknown as { start(): void };
  return (await importModule(new URL('../../../lsp/src/main.js', import.meta.url).href)) as { start(): void };
}

export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'validate':
      return (await import('./validate-command.js')).runValidate(rest, io);
    case 'compile':
      return (await import('./compile-command.js')).runCompile(rest, io);
    case 'rule':
      return (await import('./rule-command.js')).runRule(rest, io);
    case 'lsp': {
      if (asksForHelp(rest)) {
        io.stdout(lspUsage);
        return 0;
      }
      if (!namesLspTransport(rest)) {
        io.stderr(`adtc lsp: name the transport the editor speaks: --stdio or --node-ipc (or --socket=PORT, --pipe=NAME).\n\n${lspUsage}`);
        return 2;
      }
      // Resolved at run time (the compiler never imports lsp/): the server keeps the process alive through its connection.
      (await loadServer()).start();
      return 0;
    }
    case 'deploy':
    case 'update':
    case 'undeploy':
    case 'status':
    case 'run':
    case 'serve':
      return (await import('./runtime-commands.js')).runRuntimeCommand(command, rest, io);
    case 'simulate':
      return (await import('./simulate-command.js')).runSimulate(rest, io);
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
