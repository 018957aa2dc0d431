/**
 * What the MiCADO checks share: the kind of a node template by ancestry
 * (micado-reference 1.5), its deployment lifecycle (4.1, 5.1; inherited through
 * the types, which fixes MiCADO's direct-type-only rule, spec 7 items 12 and 34),
 * the effective value of a property (template value, else the type default,
 * because MiCADO materialises defaults, 1.4), and spans inside scalars.
 */
import type { NodeTemplate, PolicyTemplate } from '../../model/entities.js';
import type { YMap, YNode, YScalar } from '../../read/yaml-tree.js';
import type { ResolvedType } from '../../resolve/resolved-type.js';
import type { Span } from '../../source/span.js';
import type { CheckContext } from '../check-context.js';

export const CONTAINER = 'tosca.nodes.MiCADO.Container.Application';
export const COMPUTE = 'tosca.nodes.MiCADO.Compute';
export const INIT = 'tosca.nodes.MiCADO.Container.Application.Docker.Init';
export const CONFIG = 'tosca.nodes.MiCADO.Container.Config';
export const VOLUME = 'tosca.nodes.MiCADO.Container.Volume';

/** The resolved type of a node template, or undefined when its type is unknown (already reported). */
export function nodeType(ctx: CheckContext, t: NodeTemplate): ResolvedType | undefined {
  return typeOf(ctx, t, 'node');
}

export function policyType(ctx: CheckContext, p: PolicyTemplate): ResolvedType | undefined {
  return typeOf(ctx, p, 'policy');
}

/** Each check asks again for the templates' types: looked up once per template and type registry. */
const typesOf = new WeakMap<NodeTemplate | PolicyTemplate, { readonly types: CheckContext['types']; readonly type: ResolvedType | undefined }>();

function typeOf(ctx: CheckContext, t: NodeTemplate | PolicyTemplate, kind: 'node' | 'policy'): ResolvedType | undefined {
  const known = typesOf.get(t);
  if (known?.types === ctx.types) return known.type;
  const def = t.type ? ctx.types.find(kind, t.type.name) : undefined;
  const type = def ? ctx.types.resolve(def) : undefined;
  typesOf.set(t, { types: ctx.types, type });
  return type;
}

/**
 * Whether the policy's type is, or derives from, a type whose name starts with `prefix` (MiCADO's families:
 * `tosca.policies.Scaling`, `tosca.policies.Monitoring`, …). What a policy is follows from its derivation, so a
 * custom type such as `example.policies.QueueLength` derived from MiCADO's scaling policy is a scaling policy.
 */
export function policyIs(ctx: CheckContext, p: PolicyTemplate, prefix: string): boolean {
  return policyType(ctx, p)?.chain.some((t) => t.name.startsWith(prefix)) ?? p.type?.name.startsWith(prefix) === true;
}

/**
 * A container workload: derived from Container.Application (1.5). Types before
 * v0.9.1 derived MiCADO's containers and pods from the normative types instead,
 * so a MiCADO container name anywhere in the ancestry counts too.
 */
export function isContainer(type: ResolvedType): boolean {
  return type.derivesFrom(CONTAINER) || type.chain.some((t) => /^tosca\.nodes\.MiCADO\.Container\.(Application|Pod)\b/.test(t.name));
}

/** Edge nodes are existing machines joined by Ansible, never provisioned (5.1), although Edge.<Cloud> types derive from the cloud's Compute. */
export function isEdge(type: ResolvedType): boolean {
  return type.chain.some((t) => t.name.startsWith('tosca.nodes.MiCADO.Edge'));
}

export function isVm(type: ResolvedType): boolean {
  return type.derivesFrom(COMPUTE) && !isEdge(type);
}

/** The Policy Keeper's own test for a VM target (6.1): "compute" in the type name or an ancestor's. */
export function isPkNode(type: ResolvedType): boolean {
  return type.chain.some((t) => t.name.toLowerCase().includes('compute'));
}

export type Backend = 'Kubernetes' | 'Occopus' | 'Terraform';

export interface Lifecycle {
  readonly backend: Backend;
  /** The interface's name in the template, when the template chooses the lifecycle. */
  readonly templateKey: Span | undefined;
  /** The interface's `create` inputs, least specific first: the types' (inherited), then the template's. */
  readonly inputs: readonly YMap[];
}

/**
 * The lifecycle that deploys a node: an interface of the template named after a
 * back-end (for Kubernetes, any name containing it, as MiCADO tests), else an
 * interface of that name with a `create` operation anywhere in the type's ancestry.
 * A type that merely declares the interface (Container.Application.Docker, EC2.Compute)
 * does not deploy: that is MiCADO's sidecar and "not provisioned" mechanism.
 */
export function lifecycleOf(t: NodeTemplate, type: ResolvedType, backends: readonly Backend[]): Lifecycle | undefined {
  for (const iface of t.interfaces.values()) {
    const backend = backends.find((b) => (b === 'Kubernetes' ? iface.name.includes(b) : iface.name === b));
    if (!backend) continue;
    const inherited = inheritedCreateInputs(type, backend);
    const own = iface.operations.get('create')?.inputs;
    return { backend, templateKey: iface.nameSpan, inputs: own ? [...inherited, own] : inherited };
  }
  for (const backend of backends) {
    const inherited = type.interfaces.get(backend);
    if (inherited?.operations.has('create')) return { backend, templateKey: undefined, inputs: inheritedCreateInputs(type, backend) };
  }
  return undefined;
}

/** The `create` inputs the types declare for `iface`, least derived first. */
function inheritedCreateInputs(type: ResolvedType, iface: string): YMap[] {
  const out: YMap[] = [];
  for (const t of [...type.chain].reverse()) {
    const inputs = t.def.interfaces.get(iface)?.operations.get('create')?.inputs;
    if (inputs) out.push(inputs);
  }
  return out;
}

/** The last (most specific) value of `key` among overlaid mappings. */
export function lastValue(maps: readonly YMap[], key: string): YNode | undefined {
  for (let i = maps.length - 1; i >= 0; i--) {
    const v = maps[i]!.get(key);
    if (v !== undefined) return v;
  }
  return undefined;
}

/** A property as MiCADO sees it: the template's value, else the most derived default. */
export function effectiveProperty(t: NodeTemplate, type: ResolvedType, name: string): YNode | undefined {
  return t.properties?.get(name) ?? type.properties.get(name)?.default;
}

/** A mapping's value at a path of keys, or undefined when any step is not a mapping. */
export function at(n: YNode | undefined, ...keys: string[]): YNode | undefined {
  let cur = n;
  for (const k of keys) {
    if (cur?.kind !== 'map') return undefined;
    cur = cur.get(k);
  }
  return cur;
}

/** A scalar's string value (not for null), else undefined. */
export function stringOf(n: YNode | undefined): string | undefined {
  return n?.kind === 'scalar' && typeof n.value === 'string' ? n.value : undefined;
}

/** Python truthiness of a YAML boolean, also for 'true'/'false' strings (tosca-parser accepts them, 1.4). */
export function isTrue(n: YNode | undefined): boolean {
  if (n?.kind !== 'scalar') return false;
  return n.value === true || (typeof n.value === 'string' && n.value.toLowerCase() === 'true');
}

/**
 * The span of each occurrence of `needles` (substrings of the scalar's value, in
 * order) inside what the user wrote. Quoting and block indentation do not change
 * text without quotes, escapes or line breaks, so each needle is searched in the
 * source after the previous one; a needle not found verbatim (escaped or folded)
 * gets the whole scalar.
 */
export function spansInScalar(n: YScalar, needles: readonly string[]): Span[] {
  let from = n.style === 'literal' || n.style === 'folded' ? n.source.indexOf('\n') + 1 : 0;
  return needles.map((needle) => {
    const at = n.source.indexOf(needle, from);
    if (at < 0 || needle.includes('\n')) return n.span;
    from = at + needle.length;
    return { uri: n.span.uri, start: n.span.start + at, end: n.span.start + at + needle.length };
  });
}
