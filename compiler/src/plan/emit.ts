/**
 * The plan and every file of the output directory, as text keyed by relative
 * path. Deterministic: nothing depends on time, the machine or map order, and
 * plan.json has its keys sorted. The scaling rules go through `compileRule`,
 * the one seam for the rule compiler: given a rule it returns the JavaScript
 * module text, written to policies/<name>.js and named in the plan with its
 * SHA-256; without it the plan carries the rule's source.
 */
import { createHash } from 'node:crypto';
import { stringify } from 'yaml';
import type { Manifest } from './kubernetes/manifest.js';
import type { NetworkPolicyPlan } from './kubernetes/network-security.js';
import { SecretValue, stableJson } from './json.js';
import type { NodeSetDraft } from './nodes/node-set-types.js';
import { occopusInfraId, occopusInfrastructure, occopusNodeDefinition } from './nodes/occopus.js';
import { CLOUD_INIT_FILE, terraformConfig } from './nodes/terraform.js';
import type { PlanContext } from './plan-context.js';
import type { PolicyDraft } from './policies.js';
import type { PrometheusFiles } from './prometheus.js';
import { inputsSecretName } from './kubernetes/secrets.js';
import { plainJson } from './values.js';
import { asFunctionCall } from '../model/functions.js';
import type { YNode } from '../read/yaml-tree.js';

export const PLAN_FORMAT_VERSION = 1;

/**
 * What the rule compiler receives for one policy: what the rule checker knew
 * about it, so that the module behaves as the checked rule does.
 */
export interface RuleRequest {
  readonly name: string;
  /** The rule text after placeholder substitution, as the checker saw it. */
  readonly source: string;
  readonly kind: 'vm' | 'container';
  /** The constants as YAML nodes, so they are typed as PyYAML types them (a YAML `60.0` is a float, not an int). */
  readonly constants: ReadonlyMap<string, YNode>;
  /** The queries the rule names, with their form: 'list' for `NAME: [expr, label]` (list[str] or None), else 'number'. */
  readonly queries: Readonly<Record<string, 'number' | 'list'>>;
  readonly alerts: readonly string[];
  /** The ADT line (1-based) of each line of `source`: rule line k is ADT line `lines[k - 1]`. */
  readonly lines: readonly number[];
}

/** The seam for the scaling-rule compiler: the ES module text for a rule, or undefined to keep its source in the plan. */
export type CompileRule = (rule: RuleRequest) => string | undefined;

export interface EmitInput {
  readonly pc: PlanContext;
  readonly compilerVersion: string;
  readonly sourceText: string;
  readonly sourceName: string;
  readonly manifests: readonly Manifest[];
  readonly monitoring: { readonly nodeMetrics: boolean; readonly containerMetrics: boolean };
  readonly networkPolicies: readonly NetworkPolicyPlan[];
  readonly nodeSets: readonly NodeSetDraft[];
  readonly policies: readonly PolicyDraft[];
  readonly prometheus: PrometheusFiles;
  readonly compileRule: CompileRule | undefined;
}

export interface EmittedFiles {
  readonly plan: Record<string, unknown>;
  /** Relative path → text, sorted by path; plan.json included. */
  readonly files: ReadonlyMap<string, string>;
  /** The Kubernetes manifests in apply order, as YAML documents. */
  readonly manifests: readonly string[];
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

function yamlOf(value: unknown): string {
  return stringify(JSON.parse(JSON.stringify(value)), { lineWidth: 0, aliasDuplicateObjects: false });
}

export function emit(e: EmitInput): EmittedFiles {
  const { pc } = e;
  const files = new Map<string, string>();
  const manifests: string[] = [];
  const width = String(e.manifests.length).length < 2 ? 2 : String(e.manifests.length).length;
  const objects = e.manifests.map((m, i) => {
    const o = m.object;
    const meta = (o['metadata'] ?? {}) as Record<string, unknown>;
    const name = String(meta['name'] ?? '');
    const kind = String(o['kind'] ?? 'Object');
    const file = `kubernetes/${String(i + 1).padStart(width, '0')}-${kind.toLowerCase()}-${name.replace(/[^a-z0-9.-]/gi, '-')}.yaml`;
    const text = yamlOf(o);
    files.set(file, text);
    manifests.push(text);
    return {
      apiVersion: String(o['apiVersion'] ?? ''),
      kind,
      name,
      ...(typeof meta['namespace'] === 'string' ? { namespace: meta['namespace'] } : {}),
      file,
      origin: m.origin,
      ...(m.shared ? { shared: true } : {}),
    };
  });

  files.set('prometheus/scrape.yml', e.prometheus.scrape);
  const ruleFile = `prometheus/${pc.appId}.rules`;
  if (e.prometheus.rules !== undefined) files.set(ruleFile, e.prometheus.rules);

  const nodeSets = e.nodeSets.map((s) => {
    const dir = `nodes/${s.name}`;
    files.set(`${dir}/${CLOUD_INIT_FILE}`, s.cloudInit);
    const entry: Record<string, unknown> = {
      name: s.name,
      node: s.node,
      type: s.type,
      cloud: s.cloud,
      backend: s.backend,
      properties: JSON.parse(JSON.stringify(s.properties)) as unknown,
      count: s.count,
      contextualisation: { mode: s.mode, file: `${dir}/${CLOUD_INIT_FILE}` },
      description: `${dir}/node-set.json`,
    };
    if (s.backend === 'terraform') {
      const tf = terraformConfig(s);
      files.set(`${dir}/main.tf.json`, tf.config);
      files.set(`${dir}/adtc.tfvars.json`, tf.variables);
      entry['terraform'] = { config: `${dir}/main.tf.json`, variables: `${dir}/adtc.tfvars.json`, variable: s.name, variableStyle: 'keys', output: s.name };
    } else {
      files.set(`${dir}/occopus-node.yaml`, occopusNodeDefinition(s));
      entry['occopus'] = { nodeDefinition: `${dir}/occopus-node.yaml`, infrastructure: 'nodes/occopus-infrastructure.yaml', infraName: occopusInfraId(pc.appId) };
    }
    files.set(`${dir}/node-set.json`, stableJson(entry));
    return entry;
  });
  const occopusSets = e.nodeSets.filter((s) => s.backend === 'occopus');
  if (occopusSets.length > 0) files.set('nodes/occopus-infrastructure.yaml', occopusInfrastructure(pc.appId, occopusSets));

  const policies = e.policies.map((p, order) => {
    const queries = Object.fromEntries(Object.entries(p.queries).map(([k, q]) => [k, 'label' in q ? ('list' as const) : ('number' as const)]));
    const module = e.compileRule?.({ name: p.name, source: p.rule, kind: p.kind, constants: p.constantNodes, queries, alerts: p.alerts, lines: p.ruleLines });
    let rule: Record<string, string>;
    if (module === undefined) rule = { source: p.rule };
    else {
      const path = `policies/${p.name}.js`;
      files.set(path, module);
      rule = { module: path, sha256: sha256(module) };
    }
    return {
      name: p.name,
      target: p.target,
      kind: p.kind,
      ...(p.workload ? { workload: p.workload } : {}),
      hosts: p.hosts,
      bounds: p.bounds,
      stage: p.stage,
      priority: p.priority,
      constants: JSON.parse(JSON.stringify(p.constants)) as unknown,
      queries: p.queries,
      alerts: p.alerts,
      order,
      rule,
    };
  });

  const plan = {
    formatVersion: PLAN_FORMAT_VERSION,
    app: { id: pc.appId, compiler: { name: 'adtc', version: e.compilerVersion }, source: { file: e.sourceName, sha256: sha256(e.sourceText) } },
    inputs: [...pc.inputs.values()].map((i) =>
      i.value instanceof SecretValue
        ? { name: i.def.name, type: i.type, from: i.from, ref: { secret: inputsSecretName(pc.appId), namespace: 'default', key: i.def.name } }
        : { name: i.def.name, type: i.type, from: i.from, value: i.value },
    ),
    nodeSets,
    kubernetes: { objects },
    monitoring: e.monitoring,
    prometheus: {
      scrapeConfig: 'prometheus/scrape.yml',
      ...(e.prometheus.rules !== undefined ? { ruleFile } : {}),
      staticTargets: e.prometheus.staticTargets,
      kubeServices: e.prometheus.kubeServices,
    },
    policies,
    secrets: e.manifests
      .map((m, i) => ({ m, o: objects[i]! }))
      .filter(({ m }) => m.object['kind'] === 'Secret')
      .map(({ m, o }) => ({ name: o.name, namespace: o.namespace ?? 'default', keys: Object.keys((m.object['stringData'] ?? {}) as object).sort(), file: o.file, origin: o.origin })),
    networkSecurity: e.networkPolicies.map((n) => ({ name: n.policy.name, type: n.type, targets: n.targets, ports: n.ports, secrets: n.secrets })),
    outputs: [...(pc.adt.topology?.outputs.values() ?? [])].map((o) => {
      const call = o.value ? asFunctionCall(o.value) : undefined;
      const args = call?.name === 'get_attribute' && call.args.kind === 'seq' ? call.args.items : undefined;
      const base = { name: o.name, ...(o.description !== undefined ? { description: o.description } : {}) };
      if (args && args[0]?.kind === 'scalar' && args[1]?.kind === 'scalar') {
        return { ...base, attribute: { node: String(args[0].value).replace(/[_.]/g, '-'), name: String(args[1].value) } };
      }
      return o.value ? { ...base, value: plainJson(o.value) } : base;
    }),
  };
  files.set('plan.json', stableJson(plan));
  const sorted = new Map([...files].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return { plan, files: sorted, manifests };
}
