/**
 * VM node sets (micado-reference 5): every node derived from MiCADO's Compute
 * with an Occopus or Terraform lifecycle (inherited through the types, spec 7
 * item 34), its cloud, its properties with the create inputs applied, its
 * bounds (5.5) and its contextualisation (5.4).
 */
import { dirname, join } from 'node:path';
import { effectiveProperty, isTrue, isVm, lifecycleOf, stringOf } from '../../check/micado/micado-nodes.js';
import { scalingPolicies, policyValues, constantValues, substitute } from '../../check/micado/scaling-data.js';
import type { Host } from '../../host.js';
import type { JsonObject } from '../json.js';
import { isObject } from '../json.js';
import type { PlanContext, PlanNode } from '../plan-context.js';
import { allProperties, countValue, nodeValue } from '../values.js';
import type { Span } from '../../source/span.js';
import { withoutCredentials } from './credentials.js';
import { terraformConfig } from './terraform.js';
import { mergeCloudInit, renderTemplate, unfilledPlaceholders, WORKER_TEMPLATE } from './cloud-init.js';
import type { Cloud, CloudInitMode, NodeSetDraft } from './node-set-types.js';

const CLOUDS: Readonly<Record<'Occopus' | 'Terraform', readonly Cloud[]>> = {
  Occopus: ['ec2', 'nova', 'cloudsigma', 'cloudbroker'],
  Terraform: ['ec2', 'nova', 'azure', 'gce', 'oci'],
};

export function nodeSets(pc: PlanContext, host: Host): NodeSetDraft[] {
  const out: NodeSetDraft[] = [];
  for (const node of pc.nodes.values()) {
    if (!isVm(node.type)) continue;
    const lifecycle = lifecycleOf(node.t, node.type, ['Occopus', 'Terraform']);
    if (!lifecycle || lifecycle.backend === 'Kubernetes') continue;
    const cloud = node.type.chain.map((t) => t.name.toLowerCase()).map((n) => CLOUDS[lifecycle.backend as 'Occopus' | 'Terraform'].find((c) => n.includes(c))).find((c) => c);
    if (!cloud) continue; // ADT4572 reported it
    const properties: JsonObject = allProperties(pc, node);
    /** Where the ADT itself sets each property (type defaults aside): the template, then the create inputs. */
    const written = new Map<string, Span>((node.t.properties?.pairs ?? []).map((p) => [p.name, p.key.span]));
    for (const inputs of lifecycle.inputs) {
      const v = nodeValue(pc, inputs, node);
      if (isObject(v)) Object.assign(properties, v);
      if (inputs.kind === 'map') for (const p of inputs.pairs) written.set(p.name, p.key.span);
    }
    const context = properties['context'];
    delete properties['context'];
    const backend = lifecycle.backend === 'Occopus' ? 'occopus' : 'terraform';
    const { mode, text } = contextualisation(pc, host, node, backend, isObject(context) ? context : undefined);
    const credentialsFound = (property: string, variable: string) =>
      pc.sink.report('ADT8051', node.t.nameSpan, { property, node: node.t.name, variable: `TF_VAR_${variable}` }, { path: node.t.path });
    const draft: NodeSetDraft = {
      name: node.name,
      node: node.t.name,
      type: node.type.name,
      cloud,
      backend,
      properties: backend === 'terraform' ? withoutCredentials(node.name, properties, credentialsFound) : properties,
      count: countOf(pc, node),
      mode,
      cloudInit: text,
    };
    if (backend === 'terraform') {
      for (const property of terraformConfig(draft).unused) {
        const at = written.get(property);
        if (at !== undefined) pc.sink.report('ADT8052', at, { property, node: node.t.name, cloud: node.type.name }, { path: node.t.path });
      }
    }
    out.push(draft);
  }
  return out;
}

function contextualisation(pc: PlanContext, host: Host, node: PlanNode, backend: 'occopus' | 'terraform', context: JsonObject | undefined): { mode: CloudInitMode; text: string } {
  const contextNode = effectiveProperty(node.t, node.type, 'context');
  const flag = (k: string) => contextNode?.kind === 'map' && isTrue(contextNode.get(k));
  const mode: CloudInitMode = flag('insert') ? 'insert' : flag('append') ? 'append' : flag('overwrite') ? 'overwrite' : 'append';
  const config = typeof context?.['cloud_config'] === 'string' ? context['cloud_config'] : undefined;
  if (backend === 'terraform' && config !== undefined && !flag('insert') && !flag('append') && !flag('overwrite')) {
    pc.sink.report('ADT8031', contextNode?.span ?? node.t.nameSpan, { node: node.t.name }, { path: [...node.t.path, 'properties', 'context'] });
  }
  let base = WORKER_TEMPLATE;
  const path = typeof context?.['path'] === 'string' ? context['path'] : undefined;
  if (path !== undefined) {
    const found = findTemplate(host, pc.adt.file.uri, path);
    if (found !== undefined) base = found;
    else {
      const at = contextNode?.kind === 'map' ? contextNode.get('path') : undefined;
      pc.sink.report('ADT8030', at?.span ?? node.t.nameSpan, { path }, { path: [...node.t.path, 'properties', 'context', 'path'] });
    }
  }
  const text = mergeCloudInit(renderTemplate(base, node.name.toLowerCase()), config, mode);
  const unfilled = unfilledPlaceholders(text);
  if (unfilled.length > 0) {
    const at = contextNode?.kind === 'map' ? (contextNode.get('cloud_config') ?? contextNode.get('path')) : undefined;
    pc.sink.report('ADT8050', at?.span ?? node.t.nameSpan, { node: node.t.name, placeholders: unfilled.map((n) => `{{ ${n} }}`).join(', ') }, { path: [...node.t.path, 'properties', 'context'] });
  }
  return { mode, text };
}

/** A relative template path beside the ADT, else in the folders above it (MiCADO reads it from its working directory). */
function findTemplate(host: Host, adt: string, path: string): string | undefined {
  if (path.startsWith('/')) return host.readFile(path);
  for (let dir = dirname(adt); ; dir = dirname(dir)) {
    const text = host.readFile(join(dir, path));
    if (text !== undefined) return text;
    if (dirname(dir) === dir) return undefined;
  }
}

/** Bounds (5.5): the template's scalable capability, else the last policy targeting the node, else 1/1; Terraform and Occopus start at min. */
function countOf(pc: PlanContext, node: PlanNode): { min: number; max: number; initial: number } {
  let min = 1;
  let max = 1;
  const constants = constantValues(pc);
  const num = (n: Parameters<typeof stringOf>[0]): number | undefined => countValue(pc, n, (text) => substitute(text, constants) ?? text).value;
  for (const p of scalingPolicies(pc)) {
    if (!p.targets.some((t) => t.name === node.t.name)) continue;
    const values = policyValues(pc, p);
    min = num(values.get('min_instances')?.value) ?? min;
    max = num(values.get('max_instances')?.value) ?? max;
  }
  const scalable = node.t.capabilities.get('scalable')?.properties;
  min = num(scalable?.get('min_instances')) ?? min;
  max = num(scalable?.get('max_instances')) ?? max;
  if (max < min) max = min;
  return { min, max, initial: min };
}
