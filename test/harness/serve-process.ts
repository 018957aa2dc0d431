/**
 * `adtc serve` in a process of its own, for tests that kill it (SIGKILL) or run two side by side: the options
 * come as JSON in argv[2], the compiler's tools are the CLI's; SIGTERM stops it as the CLI does. What it prints goes
 * to stdout and stderr.
 */
import { serveTools } from '../../compiler/src/cli/serve-tools.js';
import { serveCommand } from '../../runtime/src/commands.js';
import type { ServeOptions } from '../../runtime/src/commands.js';

const options = JSON.parse(process.argv[2] ?? '{}') as Omit<ServeOptions, 'tools' | 'signal' | 'all' | 'once'>;
const stop = new AbortController();
process.once('SIGTERM', () => stop.abort());
const code = await serveCommand({ ...options, tools: serveTools, signal: stop.signal }, { out: (t) => process.stdout.write(t), err: (t) => process.stderr.write(t) });
process.exit(code);
