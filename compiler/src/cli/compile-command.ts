/**
 * `adtc compile <adt> [-o <dir>] [--app-id ID] [--input NAME=VALUE …] [--stdout [--show-secrets]] [--dry-run]`
 * Exit codes as validate: 0 compiled; 1 errors in the ADT; 2 usage or I/O failure.
 * Diagnostics go to stderr as validate prints them; with --stdout the
 * manifests go to stdout as one multi-document YAML stream.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { parseInputFlags } from './input-flags.js';
import { planFolderProblem, removeStaleFiles } from './plan-folder.js';
import { dirname, join, relative, resolve } from 'node:path';
import { renderText, summaryLine } from '../diagnostics/render-text.js';
import { fileSystemHost } from '../host.js';
import type { Host } from '../host.js';
import { compile } from '../plan/compile.js';
import type { EmittedFiles } from '../plan/emit.js';
import { parseCommandLine } from './command-line.js';
import type { CliIo } from './io.js';
import { parseUrlMaps } from './url-map.js';
import { toolVersion } from './version.js';

export const compileUsage = `Usage: adtc compile [options] <adt>

Compiles a MiCADO ADT into a deployable plan: plan.json, Kubernetes manifests,
Prometheus configuration, VM node-set descriptions and scaling-rule modules.

Options:
  -o, --output <dir>       write into this directory (default: ./<app-id>.plan)
  --app-id <id>            application id, a DNS-1123 label (default: from the file name)
  --input <name=value>     value of a topology input; repeat for several
  --stdout                 print the Kubernetes manifests as one YAML stream for kubectl apply -f -
                           (with the Namespaces they need, without Secrets), write nothing
  --show-secrets           with --stdout, print the Secrets too, values included
  --dry-run                list the files that would be written, write nothing
  --map-url <prefix>=<dir> read imports under this URL prefix from a local folder; repeat for several
  --color / --no-color     force or disable colour (default: on a terminal)
  -h, --help               show this help
`;

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;

/** `host` is the file system unless adtc serve confines an uploaded ADT. */
export async function runCompile(argv: readonly string[], io: CliIo, host: Host = fileSystemHost): Promise<number> {
  const parsed = parseCommandLine('compile', compileUsage, argv, {
    output: { type: 'string', short: 'o' },
    'app-id': { type: 'string' },
    input: { type: 'string', multiple: true, default: [] },
    stdout: { type: 'boolean', default: false },
    'show-secrets': { type: 'boolean', default: false },
    'dry-run': { type: 'boolean', default: false },
    'map-url': { type: 'string', multiple: true, default: [] },
    color: { type: 'boolean' },
    'no-color': { type: 'boolean' },
  }, io);
  if (typeof parsed === 'number') return parsed;
  const { values, positionals } = parsed;
  if (positionals.length !== 1) {
    io.stderr(`adtc compile: name exactly one ADT file.\n\n${compileUsage}`);
    return 2;
  }
  const appId = values['app-id'];
  if (appId !== undefined && !DNS_LABEL.test(appId)) {
    io.stderr(`adtc compile: --app-id '${appId}' is not a DNS-1123 label (lowercase letters, digits and '-', at most 63, starting and ending alphanumeric).\n`);
    return 2;
  }
  const flags = parseInputFlags(values.input ?? []);
  if ('error' in flags) {
    io.stderr(`adtc compile: ${flags.error}.\n`);
    return 2;
  }
  const urlMap = parseUrlMaps(values['map-url'] ?? [], io.cwd);
  if (typeof urlMap === 'string') {
    io.stderr(`adtc compile: ${urlMap}\n`);
    return 2;
  }
  const { inputs } = flags;
  const uri = resolve(io.cwd, positionals[0]!);
  // The rule compiler loads TypeScript: only here, never for validate.
  const { createRuleCompiler } = await import('../rule/compile-rule.js');
  const { planRuleCompiler } = await import('../rule/plan-rules.js');
  const compileRule = planRuleCompiler(await createRuleCompiler());
  const result = compile(uri, host, { ...(appId ? { appId } : {}), inputs, compilerVersion: toolVersion, compileRule, validation: { urlMap } });
  const errors = result.diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = result.diagnostics.filter((d) => d.severity === 'warning').length;
  const color = values['no-color'] ? false : (values.color ?? (io.isTerminal && !process.env['NO_COLOR']));
  const displayPath = (u: string) => relative(io.cwd, u) || u;
  if (result.diagnostics.length > 0 || errors > 0) {
    io.stderr(renderText(result.diagnostics, { color, displayPath, source: (u) => result.files.get(u) }) + summaryLine({ errors, warnings, files: 1 }) + '\n');
  }
  if (result.diagnostics.some((d) => d.code === 'ADT9002')) return 2;
  if (errors > 0 || !result.output) return 1;

  const output = result.output;
  if (values.stdout) {
    const stream = applyStream(output, values['show-secrets']);
    if (stream.withheld.length > 0) io.stderr(`note: ${stream.withheld.join(', ')} not printed: they hold secret values (adtc deploy creates them; --show-secrets prints them)\n`);
    io.stdout(stream.text);
    return 0;
  }
  const dir = resolve(io.cwd, values.output ?? `${String((output.plan['app'] as { id: string }).id)}.plan`);
  if (values['dry-run']) {
    io.stdout(`Would write ${output.files.size} files into ${displayPath(dir)}:\n`);
    for (const [path, text] of output.files) io.stdout(`  ${path} (${Buffer.byteLength(text)} bytes)\n`);
    return 0;
  }
  const refused = planFolderProblem(dir, String((output.plan['app'] as { id: string }).id));
  if (refused !== undefined) {
    io.stderr(`adtc compile: ${displayPath(dir)} ${refused}.\n`);
    return 2;
  }
  try {
    removeStaleFiles(dir, output.files);
    for (const [path, text] of output.files) {
      const target = join(dir, path);
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, text);
    }
  } catch (error) {
    io.stderr(`adtc compile: cannot write into '${displayPath(dir)}': ${(error as Error).message}\n`);
    return 2;
  }
  io.stdout(`Wrote ${output.files.size} files into ${displayPath(dir)}.\n`);
  return 0;
}

/**
 * The manifests as one stream `kubectl apply -f -` accepts on a fresh cluster: the Namespaces they name first
 * (except `default`, which every cluster has), then the objects in apply order; Secrets only when asked, since
 * a console or a CI log is no place for their values.
 */
function applyStream(output: EmittedFiles, showSecrets: boolean): { text: string; withheld: string[] } {
  const objects = (output.plan['kubernetes'] as { objects: { kind: string; name: string; namespace?: string }[] }).objects;
  const namespaces = [...new Set(objects.flatMap((o) => (o.namespace !== undefined && o.namespace !== 'default' && o.kind !== 'Namespace' ? [o.namespace] : [])))];
  const declared = new Set(objects.filter((o) => o.kind === 'Namespace').map((o) => o.name));
  const documents = namespaces.filter((n) => !declared.has(n)).map((n) => `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ${n}\n`);
  const withheld: string[] = [];
  output.manifests.forEach((text, i) => {
    const o = objects[i]!;
    if (o.kind === 'Secret' && !showSecrets) withheld.push(`Secret ${o.namespace ?? 'default'}/${o.name}`);
    else documents.push(text);
  });
  return { text: documents.map((d) => `---\n${d}`).join(''), withheld };
}
