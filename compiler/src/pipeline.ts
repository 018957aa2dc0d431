/**
 * The one function that runs the ADT phases in order. Every phase returns a
 * value even for broken input; an exception escaping a phase is a bug in adtc
 * and becomes ADT9001 on the file, never a stack trace.
 */
import { dirname, relative } from 'node:path';
import { Cancelled, neverCancelled, throwIfCancelled, type CancellationToken } from './cancellation.js';
import type { Diagnostic } from './diagnostics/diagnostic.js';
import { DiagnosticSink, type SeverityOverrides } from './diagnostics/sink.js';
import type { Host } from './host.js';
import { readYaml } from './read/read-yaml.js';
import { SourceFile } from './source/source-file.js';
import { buildServiceTemplate, checkTopologyPresence, isTypeLibrary } from './model/build-service-template.js';
import { ImportLoader, type UrlMapping } from './resolve/import-loader.js';
import { TypeRegistry } from './resolve/type-registry.js';
import { implicitTypeFiles, tosca13TypesFile } from './profiles/micado-refs.js';
import { micadoTypeNames } from './profiles/micado-type-names.js';
import type { CheckContext } from './check/check-context.js';
import { checkDefinitions } from './check/definitions.js';
import { checkInputs } from './check/inputs.js';
import { checkNodeTemplates, checkRepository } from './check/node-templates.js';
import { checkPolicies } from './check/policies.js';
import { checkGroups } from './check/groups.js';
import { checkFunctionCalls } from './check/function-calls.js';
import { checkSubstitutionMappings } from './check/substitution-mappings.js';
import { checkWorkflows } from './check/workflows.js';
import { TYPE_SECTIONS, type ServiceTemplate, type TypeDef } from './model/entities.js';
import { checkNodeNames } from './check/micado/node-names.js';
import { checkK8sNames } from './check/micado/k8s-names.js';
import { checkLifecycles } from './check/micado/lifecycles.js';
import { checkWorkloads } from './check/micado/workloads.js';
import { checkPlaceholders } from './check/micado/placeholders.js';
import { checkScalingPolicies } from './check/micado/scaling-policies.js';
import { checkPorts } from './check/micado/ports.js';
import { checkRepositories } from './check/micado/repositories.js';
import { checkVmNodes } from './check/micado/vm-nodes.js';
import { checkCloudInit } from './check/micado/cloud-init.js';
import { checkDemoPlaceholders } from './check/micado/demo-placeholders.js';
import { checkSecurityPolicies } from './check/micado/security-policies.js';
import { checkDeployable } from './check/micado/deployable.js';
import { checkRules } from './rule/check-rules.js';
import { reportBinary } from './read/binary-file.js';
import { withCheckedFixes } from './checked-fixes.js';
import { IMPORT_FAILURES } from './resolve/import-failures.js';

export interface ValidateOptions {
  readonly severity?: SeverityOverrides;
  /** Resolve each MiCADO tag to its own historical types instead of MiCADO's effective resolution. */
  readonly pinnedProfiles?: boolean;
  /** Also warn where the Policy Keeper images built since mid-2024 (Python 3.9) run rules differently. */
  readonly pkLatest?: boolean;
  /** The run is for compile or deploy, which need node templates (ADT4031) rather than only warn of their absence (ADT4030). */
  readonly forDeployment?: boolean;
  /** URL prefixes mapped to local folders: imports under them are read there instead of refused (ADT3006, ADT3021). */
  readonly urlMap?: readonly UrlMapping[];
  /**
   * Withdraw fixes that would add an error (checked-fixes.ts). Each check validates the file again, so the
   * command line asks for it and the language server, which re-validates on every edit, does not.
   */
  readonly checkFixes?: boolean;
}

export interface ValidationResult {
  readonly uri: string;
  readonly diagnostics: readonly Diagnostic[];
  /** Every file read while validating (the ADT and its imports), by uri. */
  readonly files: ReadonlyMap<string, SourceFile>;
  readonly cancelled: boolean;
  /** What the phases built, for the language services; absent when reading the file failed or the run was cancelled. */
  readonly model?: AnalysedModel;
}

/** The model and resolved types of a run: the entry, every template it loaded (entry first), the type registry. */
export interface AnalysedModel {
  readonly adt: ServiceTemplate;
  readonly templates: readonly ServiceTemplate[];
  readonly types: TypeRegistry;
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
  if (reportBinary(uri, text, sink)) {
    // No code frame: the file's "lines" are not text.
    files.set(uri, new SourceFile(uri, ''));
    return { uri, diagnostics: sink.diagnostics, files, cancelled: false };
  }
  const file = new SourceFile(uri, text);
  files.set(uri, file);
  let model: AnalysedModel | undefined;
  try {
    model = runPhases(file, host, options, sink, files, token);
  } catch (error) {
    if (error instanceof Cancelled) return { uri, diagnostics: [], files, cancelled: true };
    const detail = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    sink.report('ADT9001', { uri, start: 0, end: Math.min(1, text.length) }, { detail });
  }
  let diagnostics = withoutCascade(sink.diagnostics, uri);
  if (options.checkFixes) {
    diagnostics = withCheckedFixes(diagnostics, uri, text, host, (overlay) => validate(uri, overlay, { ...options, checkFixes: false }, token).diagnostics);
  }
  return { uri, diagnostics, files, cancelled: false, ...(model ? { model } : {}) };
}

/**
 * After a YAML error in the ADT itself, what later phases say is about a tree
 * the error broke ("'policies' is not a keyname" for a mis-indented block, an
 * empty rule cut short by a tab): only the read errors, and internal ones, are
 * kept. The model is still built, for the language services. After an import
 * that could not be loaded, unknown types are not reported.
 */
function withoutCascade(diagnostics: readonly Diagnostic[], uri: string): readonly Diagnostic[] {
  const readError = (d: Diagnostic) => d.severity === 'error' && d.code.startsWith('ADT1') && d.span.uri === uri;
  if (!diagnostics.some(readError)) {
    // An import that could not be loaded is where the types it should have defined went: naming each of them unknown
    // (with a guess at a similar name) would blame the templates for the import's problem.
    if (!diagnostics.some((d) => IMPORT_FAILURES.has(d.code))) return diagnostics;
    return diagnostics.filter((d) => d.code !== 'ADT3001');
  }
  // A tab in the indentation misplaces everything below it: the syntax errors after the first tab follow from it.
  const firstTab = diagnostics.find((d) => d.code === 'ADT1003' && d.span.uri === uri);
  const afterTab = (d: Diagnostic) => firstTab !== undefined && d.span.uri === uri && d.code !== 'ADT1003' && d.span.start >= firstTab.span.start;
  return diagnostics.filter((d) => (d.code.startsWith('ADT1') && !afterTab(d)) || d.code.startsWith('ADT9'));
}

function runPhases(file: SourceFile, host: Host, options: ValidateOptions, sink: DiagnosticSink, files: Map<string, SourceFile>, token: CancellationToken): AnalysedModel {
  // Phase 1, read: YAML text to the positioned tree (ADT1xxx).
  const root = readYaml(file, sink).root;
  // Phase 2, model: the tree to TOSCA entities (ADT2xxx).
  const adt = buildServiceTemplate(file, root, sink);
  checkTopologyPresence(adt, sink);
  throwIfCancelled(token);
  // Phase 3, resolve: imports, then every type with its derivation (ADT3xxx).
  const loader = new ImportLoader(host, { pinnedProfiles: options.pinnedProfiles ?? false, urlMap: options.urlMap ?? [] }, () => new DiagnosticSink());
  const loaded = loader.load(adt, sink, implicitTypeFiles);
  for (const [u, f] of loaded.sources) files.set(u, f);
  // Messages name a user's file relative to the ADT, and a bundled file by its place among the profiles.
  const displayName = (u: string) => (loaded.bundled.has(u) ? u.split('/').slice(-3).join('/') : relative(dirname(file.uri), u));
  const library = isTypeLibrary(adt) ? { definedByMicado: (name: string) => micadoTypeNames(host).has(name) } : undefined;
  const types = new TypeRegistry(loaded.templates, sink, displayName, { ...(library ? { library } : {}), namespaces: loaded.namespaces, fallbacks: new Set([tosca13TypesFile]) });
  throwIfCancelled(token);
  // Phase 4, check: definitions, then the topology (ADT4xxx).
  const micado = [...loaded.bundled].some((u) => !implicitTypeFiles.includes(u));
  const ctx: CheckContext = { sink, types, adt, token, pkLatest: options.pkLatest ?? false, micado };
  checkDefinitions(ctx, [adt]);
  checkInputs(ctx);
  for (const imp of adt.imports) if (imp.repository) checkRepository(ctx, imp.repository, [...imp.path.slice(0, -1), 'repository']);
  checkNodeTemplates(ctx);
  checkPolicies(ctx);
  checkGroups(ctx);
  checkFunctionCalls(ctx);
  checkSubstitutionMappings(ctx);
  checkWorkflows(ctx);
  // MiCADO's conventions and its own checks (ADT45xx–47xx).
  checkNodeNames(ctx);
  checkK8sNames(ctx);
  checkLifecycles(ctx);
  checkWorkloads(ctx);
  checkPlaceholders(ctx);
  checkScalingPolicies(ctx);
  checkPorts(ctx);
  checkRepositories(ctx);
  checkVmNodes(ctx);
  checkCloudInit(ctx);
  checkDemoPlaceholders(ctx);
  checkSecurityPolicies(ctx);
  checkDeployable(ctx, options.forDeployment ?? false);
  // Scaling rules: located in the ADT, parsed and checked (ADT5xxx, ADT6xxx).
  checkRules(ctx, loaded.bundled);
  // Imported files: only the definitions the ADT uses, as MiCADO reads them (a type file is checked whole when validated itself).
  const used = types.resolvedDefinitions();
  const imported = loaded.templates.filter((t) => t !== adt && !loaded.bundled.has(t.file.uri));
  checkDefinitions(ctx, imported, used);
  reportDeferred(loaded.deferred, imported, used, sink);
  throwIfCancelled(token);
  return { adt, templates: loaded.templates, types };
}

/** Model-phase diagnostics of imported files, except those inside definitions the ADT does not use. */
function reportDeferred(deferred: ReadonlyMap<string, DiagnosticSink>, imported: readonly ServiceTemplate[], used: ReadonlySet<TypeDef>, sink: DiagnosticSink): void {
  for (const t of imported) {
    const held = deferred.get(t.file.uri);
    if (!held) continue;
    const unused = new Set<string>();
    for (const [kind, defs] of t.types) for (const def of defs.values()) if (!used.has(def)) unused.add(`${TYPE_SECTIONS[kind]}\u0000${def.name}`);
    for (const d of held.diagnostics) {
      const [section, name] = d.path;
      if (unused.has(`${String(section)}\u0000${String(name)}`)) continue;
      sink.report(d.code, d.span, d.args as never, { path: d.path, related: d.related, fixes: d.fixes });
    }
  }
}
