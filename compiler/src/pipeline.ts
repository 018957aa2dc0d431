/**
 * The one function that runs the ADT phases in order. Every phase returns a
 * value even for broken input; an exception escaping a phase is a bug in adtc
 * and becomes ADT9001 on the file, never a stack trace.
 */
import { Cancelled, neverCancelled, throwIfCancelled, type CancellationToken } from './cancellation.js';
import type { Diagnostic } from './diagnostics/diagnostic.js';
import { DiagnosticSink, type SeverityOverrides } from './diagnostics/sink.js';
import type { Host } from './host.js';
import { readYaml } from './read/read-yaml.js';
import { SourceFile } from './source/source-file.js';
import { buildServiceTemplate } from './model/build-service-template.js';
import { ImportLoader } from './resolve/import-loader.js';
import { TypeRegistry } from './resolve/type-registry.js';
import { normativeTypesFile } from './profiles/micado-refs.js';
import type { CheckContext } from './check/check-context.js';
import { checkDefinitions } from './check/definitions.js';
import { checkInputs } from './check/inputs.js';
import { checkNodeTemplates } from './check/node-templates.js';
import { checkPolicies } from './check/policies.js';
import { checkGroups } from './check/groups.js';
import { checkFunctionCalls } from './check/function-calls.js';
import type { ServiceTemplate } from './model/entities.js';
import { checkRules } from './rule/check-rules.js';

export interface ValidateOptions {
  readonly severity?: SeverityOverrides;
  /** Resolve each MiCADO tag to its own historical types instead of MiCADO's effective resolution. */
  readonly pinnedProfiles?: boolean;
}

export interface ValidationResult {
  readonly uri: string;
  readonly diagnostics: readonly Diagnostic[];
  /** Every file read while validating (the ADT and its imports), by uri. */
  readonly files: ReadonlyMap<string, SourceFile>;
  readonly cancelled: boolean;
}

export function validate(uri: string, host: Host, options: ValidateOptions = {}, token: CancellationToken = neverCancelled): ValidationResult {
  const sink = new DiagnosticSink(options.severity);
  const files = new Map<string, SourceFile>();
  const text = host.readFile(uri);
  if (text === undefined) {
    const file = new SourceFile(uri, '');
    files.set(uri, file);
    sink.report('ADT9002', { uri, start: 0, end: 0 }, { detail: 'no such file, or it is not readable' });
    return { uri, diagnostics: sink.diagnostics, files, cancelled: false };
  }
  const file = new SourceFile(uri, text);
  files.set(uri, file);
  try {
    runPhases(file, host, options, sink, files, token);
  } catch (error) {
    if (error instanceof Cancelled) return { uri, diagnostics: [], files, cancelled: true };
    const detail = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    sink.report('ADT9001', { uri, start: 0, end: Math.min(1, text.length) }, { detail });
  }
  return { uri, diagnostics: sink.diagnostics, files, cancelled: false };
}

function runPhases(file: SourceFile, host: Host, options: ValidateOptions, sink: DiagnosticSink, files: Map<string, SourceFile>, token: CancellationToken): void {
  // Phase 1, read: YAML text to the positioned tree (ADT1xxx).
  const root = readYaml(file, sink).root;
  // Phase 2, model: the tree to TOSCA entities (ADT2xxx).
  const adt = buildServiceTemplate(file, root, sink);
  throwIfCancelled(token);
  // Phase 3, resolve: imports, then every type with its derivation (ADT3xxx).
  const loader = new ImportLoader(host, { pinnedProfiles: options.pinnedProfiles ?? false }, () => new DiagnosticSink());
  const loaded = loader.load(adt, sink, [normativeTypesFile]);
  for (const [u, f] of loaded.sources) files.set(u, f);
  const types = new TypeRegistry(loaded.templates, sink, (u) => u.split('/').slice(-3).join('/'));
  throwIfCancelled(token);
  // Phase 4, check: definitions, then the topology (ADT4xxx).
  const ctx: CheckContext = { sink, types, adt, token };
  checkTopologyPresence(adt, sink);
  checkDefinitions(ctx, loaded.templates.filter((t) => !loaded.bundled.has(t.file.uri)));
  checkInputs(ctx);
  checkNodeTemplates(ctx);
  checkPolicies(ctx);
  checkGroups(ctx);
  checkFunctionCalls(ctx);
  checkRules(ctx, loaded.bundled);
  throwIfCancelled(token);
}

/** An ADT needs node templates; a file of type definitions only (an import) needs none. */
function checkTopologyPresence(adt: ServiceTemplate, sink: DiagnosticSink): void {
  if (!adt.root) return;
  if (!adt.topology) {
    const definesTypes = [...adt.types.values()].some((m) => m.size > 0);
    if (!definesTypes && !adt.root.has('topology_template')) sink.report('ADT2014', adt.root.pairs[0]?.key.span ?? adt.root.span, {}, { path: [] });
    return;
  }
  if (adt.topology.nodeTemplates.size === 0) {
    const key = adt.root.pair('topology_template')!.key;
    sink.report('ADT2009', key.span, {}, { path: ['topology_template'] });
  }
}
