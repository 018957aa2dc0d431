/**
 * VM node sets (micado-reference 3.5, 5.1–5.3; spec 7 item 37): what the
 * chosen provisioning back-end needs of a node derived from
 * tosca.nodes.MiCADO.Compute.
 * - The cloud, found as MiCADO does (a cloud name inside the lowercased type
 *   name or an ancestor's), must be one the back-end supports.
 * - Occopus needs `endpoint` in the create inputs or the properties.
 * - Terraform reads some properties unconditionally (a KeyError without them),
 *   although the types make them optional: Nova security_groups and auth_url
 *   (or endpoint); OCI source_id and ssh_keys; GCE ssh-keys.
 * - All EC2 nodes under Terraform share one provider, hence one region.
 */
import type { NodeTemplate } from '../../model/entities.js';
import type { YNode } from '../../read/yaml-tree.js';
import type { ResolvedType } from '../../resolve/resolved-type.js';
import type { Span } from '../../source/span.js';
import type { CheckContext } from '../check-context.js';
import { effectiveProperty, isVm, lastValue, lifecycleOf, nodeType, stringOf, type Lifecycle } from './micado-nodes.js';

type Cloud = 'ec2' | 'nova' | 'cloudsigma' | 'cloudbroker' | 'azure' | 'gce' | 'oci' | 'egi';

/** In MiCADO's order of detection. */
const CLOUDS: Readonly<Record<'Occopus' | 'Terraform', readonly Cloud[]>> = {
  Occopus: ['ec2', 'nova', 'cloudsigma', 'cloudbroker'],
  Terraform: ['ec2', 'nova', 'azure', 'gce', 'oci', 'egi'],
};

const CLOUD_NAMES: Readonly<Record<Cloud, string>> = {
  ec2: 'EC2', nova: 'Nova', cloudsigma: 'CloudSigma', cloudbroker: 'CloudBroker', azure: 'Azure', gce: 'GCE', oci: 'OCI', egi: 'EGI',
};

/**
 * Properties Terraform's translation reads unconditionally although the types make them optional;
 * alternatives in one entry. (EC2's region_name and image_id are required by the type already.)
 */
const TERRAFORM_NEEDS: Readonly<Partial<Record<Cloud, readonly (readonly string[])[]>>> = {
  nova: [['security_groups'], ['auth_url', 'endpoint', 'endpoint_cloud']],
  oci: [['source_id'], ['ssh_keys']],
  gce: [['ssh-keys']],
};

/** Occopus reads the endpoint under these names (the last two are pre-0.9). */
const OCCOPUS_ENDPOINT = ['endpoint', 'endpoint_cloud', 'interface_cloud'];

interface Region {
  readonly node: NodeTemplate;
  readonly region: string;
  readonly span: Span;
}

export function checkVmNodes(ctx: CheckContext): void {
  const topology = ctx.adt.topology;
  if (!topology) return;
  let firstRegion: Region | undefined;
  for (const t of topology.nodeTemplates.values()) {
    const type = nodeType(ctx, t);
    if (!type || !isVm(type)) continue;
    const lifecycle = lifecycleOf(t, type, ['Occopus', 'Terraform']);
    if (!lifecycle || lifecycle.backend === 'Kubernetes') continue;
    const backend = lifecycle.backend;
    const anchor = lifecycle.templateKey ?? t.type?.span ?? t.nameSpan;
    const cloud = cloudOf(type, CLOUDS[backend]);
    if (!cloud) {
      reportUnsupported(ctx, t, type, backend, anchor);
      continue;
    }
    const has = (names: readonly string[]) => names.some((n) => given(effectiveProperty(t, type, n)) || given(lastValue(lifecycle.inputs, n)));
    if (backend === 'Occopus') {
      if (!has(OCCOPUS_ENDPOINT)) ctx.sink.report('ADT4571', anchor, { node: t.name }, { path: t.path });
      continue;
    }
    for (const names of TERRAFORM_NEEDS[cloud] ?? []) {
      if (has(names)) continue;
      ctx.sink.report('ADT4570', anchor, { node: t.name, cloud: CLOUD_NAMES[cloud], property: names.join("' or '") }, { path: t.path });
    }
    if (cloud === 'ec2') {
      const region = regionOf(ctx, t, type, lifecycle);
      if (!region) continue;
      if (!firstRegion) firstRegion = region;
      else if (region.region !== firstRegion.region) {
        ctx.sink.report('ADT4573', region.span, { node: t.name, region: region.region, other: firstRegion.node.name, otherRegion: firstRegion.region }, {
          path: [...t.path, 'properties', 'region_name'],
          related: [{ span: firstRegion.span, message: `'${firstRegion.node.name}' uses region '${firstRegion.region}' here.` }],
        });
      }
    }
  }
}

function cloudOf(type: ResolvedType, clouds: readonly Cloud[]): Cloud | undefined {
  for (const t of type.chain) {
    const name = t.name.toLowerCase();
    const found = clouds.find((c) => name.includes(c));
    if (found) return found;
  }
  return undefined;
}

function reportUnsupported(ctx: CheckContext, t: NodeTemplate, type: ResolvedType, backend: 'Occopus' | 'Terraform', anchor: Span): void {
  const other = backend === 'Occopus' ? 'Terraform' : 'Occopus';
  const supported = CLOUDS[backend].map((c) => CLOUD_NAMES[c]).join(', ');
  const hint = cloudOf(type, CLOUDS[other]) ? `Provision '${t.name}' with ${other} instead.` : `Use a node type of one of those clouds.`;
  const quote = backend === 'Occopus' ? ` ("Cloud type not supported: ${type.name}")` : '';
  ctx.sink.report('ADT4572', anchor, { node: t.name, type: type.name, backend, supported, quote, hint }, { path: t.path });
}

/** Python truthiness, roughly: a missing, null or empty value is not given. */
function given(n: YNode | undefined): boolean {
  return n !== undefined && !(n.kind === 'scalar' && (n.value === null || n.value === ''));
}

function regionOf(ctx: CheckContext, t: NodeTemplate, type: ResolvedType, lifecycle: Lifecycle): Region | undefined {
  const n = lastValue(lifecycle.inputs, 'region_name') ?? effectiveProperty(t, type, 'region_name');
  const region = stringOf(n);
  if (!n || region === undefined) return undefined;
  return { node: t, region, span: n.span.uri === ctx.adt.file.uri ? n.span : t.nameSpan };
}
