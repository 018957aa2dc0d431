/**
 * `adtc validate [options] <file|directory|glob>...`
 * Exit codes: 0 no errors; 1 errors, or more warnings than --max-warnings
 * (counted also under --quiet, which only hides them); 2 usage or I/O
 * failure, such as a path that names nothing (the others are still checked).
 */
import { writeFileSync } from 'node:fs';
import { relative } from 'node:path';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { compareDiagnostics } from '../diagnostics/diagnostic.js';
import { renderGithub, renderJson, renderSarif } from '../diagnostics/render-json.js';
import { renderText, summaryLine } from '../diagnostics/render-text.js';
import { fileSystemHost } from '../host.js';
import type { Host } from '../host.js';
import { compile } from '../plan/compile.js';
import type { SourceFile } from '../source/source-file.js';
import { parseInputFlags } from './input-flags.js';
import { parseCommandLine } from './command-line.js';
import type { CliIo } from './io.js';
import { expandTargets } from './targets.js';
import { parseUrlMaps, urlMapUsage } from './url-map.js';
import { toolVersion } from './version.js';

export const validateUsage = `Usage: adtc validate [options] <file|directory|glob>...

Checks MiCADO ADTs and reports every problem with its place in the file, including
everything adtc compile would refuse (an ADT that validates without errors compiles).
A directory means every *.yaml/*.yml below it that declares tosca_definitions_version.

Options:
  --format <pretty|json|sarif|github>  output format (default: pretty)
  --max-warnings <n>                   exit with 1 when there are more than n warnings
  --quiet                              report errors only
  --pin-profiles                       read each MiCADO tag's own historical types (default:
                                       what MiCADO resolves them to, main's types for tags ≥ 0.10)
  --pk-latest                          also warn where the Policy Keeper images built since
                                       mid-2024 (Python 3.9) run scaling rules differently
${urlMapUsage}
  --input <name=value>                 value of a topology input, checked as compile checks it;
                                       inputs without a value are planned with a stand-in
  --output-file <path>                 write the report to a file instead of stdout
  --color / --no-color                 force or disable colour (default: on a terminal)
  -h, --help                           show this help
`;

const FORMATS = ['pretty', 'json', 'sarif', 'github'] as const;
type Format = (typeof FORMATS)[number];

/** `host` is the file system unless adtc serve confines an uploaded ADT. */
export function runValidate(argv: readonly string[], io: CliIo, host: Host = fileSystemHost): number {
  const parsed = parseCommandLine('validate', validateUsage, argv, {
    format: { type: 'string', default: 'pretty' },
    'max-warnings': { type: 'string' },
    quiet: { type: 'boolean', default: false },
    'pin-profiles': { type: 'boolean', default: false },
    'pk-latest': { type: 'boolean', default: false },
    'map-url': { type: 'string', multiple: true, default: [] },
    'output-file': { type: 'string' },
    input: { type: 'string', multiple: true, default: [] },
    color: { type: 'boolean' },
    'no-color': { type: 'boolean' },
  }, io);
  if (typeof parsed === 'number') return parsed;
  const { values, positionals } = parsed;
  const format = values.format as Format;
  if (!FORMATS.includes(format)) {
    io.stderr(`adtc validate: unknown format '${values.format}'; use one of ${FORMATS.join(', ')}.\n`);
    return 2;
  }
  let maxWarnings = Infinity;
  if (values['max-warnings'] !== undefined) {
    maxWarnings = Number(values['max-warnings']);
    if (!Number.isInteger(maxWarnings) || maxWarnings < 0) {
      io.stderr(`adtc validate: --max-warnings needs a whole number, not '${values['max-warnings']}'.\n`);
      return 2;
    }
  }
  const urlMap = parseUrlMaps(values['map-url'] ?? [], io.cwd);
  if (typeof urlMap === 'string') {
    io.stderr(`adtc validate: ${urlMap}\n`);
    return 2;
  }
  const flags = parseInputFlags(values.input ?? []);
  if ('error' in flags) {
    io.stderr(`adtc validate: ${flags.error}.\n`);
    return 2;
  }
  if (positionals.length === 0) {
    io.stderr(`adtc validate: name at least one file, directory or glob.\n\n${validateUsage}`);
    return 2;
  }
  // A path that names nothing is reported, and the others are still checked; the exit code is then 2.
  const targets = expandTargets(positionals, io.cwd);
  for (const m of targets.missing) io.stderr(`adtc validate: '${m}' matches no file or directory.\n`);
  if (targets.files.length === 0 && targets.missing.length > 0) return 2;
  if (targets.files.length === 0) {
    io.stderr('adtc validate: no ADT files found (no *.yaml or *.yml file declares tosca_definitions_version).\n');
    return 2;
  }

  const sources = new Map<string, SourceFile>();
  const all: Diagnostic[] = [];
  for (const uri of targets.files) {
    // Planning too (without the rule compiler, which only turns checked rules into modules) finds what compile
    // would refuse; 'nothing to deploy' stays a warning here, as MiCADO's own rule, not TOSCA's.
    const validation = { pinnedProfiles: values['pin-profiles'], pkLatest: values['pk-latest'], urlMap, forDeployment: false, checkFixes: true };
    const result = compile(uri, host, { validation, inputs: flags.inputs, standInInputs: true, checkOnly: true });
    for (const [u, f] of result.files) sources.set(u, f);
    all.push(...result.diagnostics);
  }
  const shown = (values.quiet ? all.filter((d) => d.severity === 'error') : all).slice().sort(compareDiagnostics);
  const errors = all.filter((d) => d.severity === 'error').length;
  const warnings = all.filter((d) => d.severity === 'warning').length;

  const displayPath = (uri: string) => relative(io.cwd, uri) || uri;
  const source = (uri: string) => sources.get(uri);
  const color = values['no-color'] ? false : (values.color ?? (io.isTerminal && !process.env['NO_COLOR']));
  let report: string;
  switch (format) {
    case 'pretty':
      report = renderText(shown, { color, displayPath, source }) + summaryLine({ errors, warnings: values.quiet ? 0 : warnings, files: targets.files.length, hiddenWarnings: values.quiet ? warnings : 0 }) + '\n';
      break;
    case 'json':
      report = renderJson(targets.files, shown, { displayPath, source, toolVersion }) + '\n';
      break;
    case 'sarif':
      report = renderSarif(shown, { displayPath, source, toolVersion }) + '\n';
      break;
    case 'github':
      report = renderGithub(shown, { displayPath, source, toolVersion });
      if (report) report += '\n';
      break;
  }
  if (values['output-file']) {
    try {
      writeFileSync(values['output-file'], report);
    } catch (error) {
      io.stderr(`adtc validate: cannot write '${values['output-file']}': ${(error as Error).message}\n`);
      return 2;
    }
  } else {
    io.stdout(report);
  }
  if (targets.missing.length > 0) return 2;
  if (errors > 0) return 1;
  if (warnings > maxWarnings) {
    io.stderr(`adtc validate: ${warnings} ${warnings === 1 ? 'warning exceeds' : 'warnings exceed'} --max-warnings ${maxWarnings}.\n`);
    return 1;
  }
  return 0;
}
