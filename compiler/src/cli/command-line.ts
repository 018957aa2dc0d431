/**
 * Every subcommand's argument parsing: `node:util` parseArgs with positionals, its error followed by the
 * usage (exit 2), and `-h`/`--help`, which every command takes, printing the usage (exit 0). A number is
 * the exit code to return at once.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { CliIo } from './io.js';

type Options = NonNullable<ParseArgsConfig['options']>;
const HELP = { help: { type: 'boolean', short: 'h', default: false } } as const;
type Parsed<O extends Options> = ReturnType<typeof parseArgs<{ args: string[]; allowPositionals: true; options: O & typeof HELP }>>;

export function parseCommandLine<O extends Options>(command: string, usage: string, argv: readonly string[], options: O, io: CliIo): Parsed<O> | number {
  let parsed: Parsed<O>;
  try {
    parsed = parseArgs({ args: [...argv], allowPositionals: true, options: { ...options, ...HELP } });
  } catch (error) {
    io.stderr(`adtc ${command}: ${(error as Error).message}\n\n${usage}`);
    return 2;
  }
  if ((parsed.values as { help?: boolean }).help) {
    io.stdout(usage);
    return 0;
  }
  return parsed;
}
