/**
 * Phase 5, plan: a valid ADT to everything needed to deploy it. Runs only when
 * validation reported no error; its own problems are ADT8xxx. The model is
 * rebuilt from the validated files (the pipeline does not hand it out), and an
 * exception in this phase is reported as ADT9001, like any other phase's.
 */
import { basename } from 'node:path';
import type { CancellationToken } from '../cancellation.js';
import { neverCancelled } from '../cancellation.js';
import { normaliseNodeName } from '../check/micado/node-names.js';
import { nodeType } from '../check/micado/micado-nodes.js';
import type { CheckContext } from '../check/check-context.js';
import { compareDiagnostics, type Diagnostic } from '../diagnostics/diagnostic.js';
import { DiagnosticSink, type SeverityOverrides } from '../diagnostics/sink.js';
import type { Host } from '../host.js';
import { validate, type AnalysedModel, type ValidateOptions, type ValidationResult } from '../pipeline.js';
import type { SourceFile } from '../source/source-file.js';
import { emit, type CompileRule, type EmittedFiles } from './emit.js';
import { resolveInputs } from './inputs.js';
import { checkManifests } from './kubernetes/check-manifests.js';
import { translateKubernetes } from './kubernetes/translate.js';
import { hostsOf } from './kubernetes/workloads.js';
import { nodeSets } from './nodes/node-sets.js';
import { Origins, type PlanContext, type PlanNode } from './plan-context.js';
import { scalingData } from './policies.js';
import { prometheusFiles, prometheusTargets } from './prometheus.js';

export type { CompileRule, RuleRequest } from './emit.js';

export interface CompileOptions {
  /** The application id (a DNS-1123 label); default: derived from the file name. */
  readonly appId?: string;
  /** Input values as given on the command line (NAME=VALUE), parsed by the input's type. */
  readonly inputs?: ReadonlyMap<string, string>;
  readonly compileRule?: CompileRule;
  readonly compilerVersion?: string;
  readonly severity?: SeverityOverrides;
  /** How to validate first (profiles, Policy Keeper generation). */
  readonly validation?: Omit<ValidateOptions, 'severity'>;
  /** Plan with stand-ins for inputs that have no value (what validate does to report what compile would refuse). */
  readonly standInInputs?: boolean;
  /**
   * Stop once the plan's checks have run, without writing the plan's files out: validate reports what compile
   * would refuse, and serialising manifests and Prometheus files (which cannot fail) was a tenth of its cold start.
   */
  readonly checkOnly?: boolean;
}

export interface CompileResult extends ValidationResult {
  /** Present when there were no errors. */
  readonly output?: EmittedFiles;
}

export function compile(uri: string, host: Host, options: CompileOptions = {}, token: CancellationToken = neverCancelled): CompileResult {
  // Compile is for deployment: MiCADO's 'nothing to deploy' is an error here (validate passes forDeployment: false).
  const validated = validate(uri, host, { forDeployment: true, ...options.validation, severity: options.severity ?? {} }, token);
  if (validated.cancelled || validated.diagnostics.some((d) => d.severity === 'error')) return validated;
  const file = validated.files.get(uri)!;
  const sink = new DiagnosticSink(options.severity);
  let output: EmittedFiles | undefined;
  try {
    // A run without errors always hands on its model.
    output = plan(file, validated.model!, host, options, sink, token);
  } catch (error) {
    const detail = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    sink.report('ADT9001', { uri, start: 0, end: Math.min(1, file.text.length) }, { detail });
  }
  const diagnostics: Diagnostic[] = [...validated.diagnostics, ...sink.diagnostics].sort(compareDiagnostics);
  const failed = sink.diagnostics.some((d) => d.severity === 'error');
  return { ...validated, diagnostics, ...(output && !failed ? { output } : {}) };
}

/** The application id from a file name: lowercase letters, digits and '-', at most 63. */
export function appIdFromFile(uri: string): string {
  const id = basename(uri).replace(/\.[^.]*$/, '').toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 63).replace(/-+$/, '');
  return id || 'app';
}

/** Phase 5 on the model validation built (its diagnostics were reported by validate). */
function plan(file: SourceFile, model: AnalysedModel, host: Host, options: CompileOptions, sink: DiagnosticSink, token: CancellationToken): EmittedFiles | undefined {
  const { adt, types } = model;
  const ctx: CheckContext = { sink, types, adt, token };

  const inputs = resolveInputs(ctx, options.inputs ?? new Map(), options.standInInputs);
  const nodes = new Map<string, PlanNode>();
  for (const t of adt.topology?.nodeTemplates.values() ?? []) {
    const type = nodeType(ctx, t);
    if (type) nodes.set(t.name, { t, type, name: normaliseNodeName(t.name) });
  }
  const pc: PlanContext = { ...ctx, appId: options.appId ?? appIdFromFile(file.uri), inputs, origins: new Origins(), nodes };

  const k8s = translateKubernetes(pc, normaliseNodeName);
  checkManifests(pc, k8s.manifests);
  const sets = nodeSets(pc, host);
  const data = scalingData(pc, k8s.workloads, (n) => hostsOf(pc, n));
  const serviceNamespace = (name: string) => {
    const svc = k8s.manifests.find((m) => m.object['kind'] === 'Service' && (m.object['metadata'] as Record<string, unknown>)['name'] === name);
    const ns = svc ? (svc.object['metadata'] as Record<string, unknown>)['namespace'] : undefined;
    return typeof ns === 'string' ? ns : 'default';
  };
  const targets = prometheusTargets(data.sources);
  const services = new Set(k8s.manifests.filter((m) => m.object['kind'] === 'Service').map((m) => (m.object['metadata'] as Record<string, unknown>)['name']));
  for (const source of targets.kubeServices) {
    const service = source.slice(0, source.lastIndexOf(':'));
    if (!services.has(service)) sink.report('ADT8053', data.sourceSpans.get(source)!, { source, service }, { path: [] });
  }
  if (sink.errorCount > 0 || options.checkOnly) return undefined;
  const prometheus = prometheusFiles(pc.appId, targets, data.alerts, serviceNamespace);
  return emit({
    pc,
    compilerVersion: options.compilerVersion ?? '0.0.0',
    sourceText: file.text,
    sourceName: basename(file.uri),
    manifests: k8s.manifests,
    monitoring: k8s.monitoring,
    networkPolicies: k8s.networkPolicies,
    nodeSets: sets,
    policies: data.policies,
    prometheus,
    compileRule: options.compileRule,
  });
}
