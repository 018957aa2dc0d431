/**
 * TOSCA functions in the topology (TOSCA 4.3–4.5) and MiCADO's inline
 * `{{ get_input: name }}` form inside strings (micado-parser ≥ 0.12.2):
 * arity, that inputs, node templates and properties they name exist.
 */
import { didYouMean, suggest } from '../diagnostics/did-you-mean.js';
import type { ObjectPath } from '../diagnostics/diagnostic.js';
import type { NodeTemplate } from '../model/entities.js';
import type { YNode, YScalar } from '../read/yaml-tree.js';
import type { Span } from '../source/span.js';
import type { CheckContext } from './check-context.js';
import { asFunctionCall, type FunctionCall } from '../model/functions.js';
import { describeValue } from './describe-value.js';

const INLINE_GET_INPUT = /\{\{\s*get_input\s*:\s*['"]?([^'"\s}]+)['"]?\s*\}\}/g;
const ENTITY_KEYWORDS = new Set(['SELF', 'SOURCE', 'TARGET', 'HOST']);

/**
 * Keys whose value maps names (of properties, interfaces, operations…) to definitions or values: such a
 * mapping is never a function call, even when its only key is named `token` or `concat`.
 */
const NAME_MAPS = new Set(['properties', 'attributes', 'inputs', 'capabilities', 'interfaces', 'operations', 'artifacts', 'relationship']);
/** TOSCA evaluates no functions here. */
const INERT = new Set(['metadata', 'description']);

export function checkFunctionCalls(ctx: CheckContext): void {
  const topology = ctx.adt.topology;
  if (!topology) return;
  for (const t of topology.nodeTemplates.values()) walk(ctx, t.node, [...t.path], t, new Set(), false);
  for (const p of topology.policies) walk(ctx, p.node, [...p.path], undefined, new Set(), false);
  for (const o of topology.outputs.values()) if (o.value) walk(ctx, o.value, [...o.path, 'value'], undefined, new Set());
  for (const i of topology.inputs.values()) if (i.default) walk(ctx, i.default, [...i.path, 'default'], undefined, new Set());
}

/**
 * `isValue` is false for the template itself and for mappings of names, which are structure rather than values.
 * `path` is one stack for the whole walk (it visits every node of the topology on each keystroke), copied only
 * where a check may keep it.
 */
function walk(ctx: CheckContext, n: YNode, path: (string | number)[], self: NodeTemplate | undefined, seen: Set<YNode>, isValue = true): void {
  if (seen.has(n)) return;
  seen.add(n);
  const call = isValue ? asFunctionCall(n) : undefined;
  if (call) {
    checkCall(ctx, call, [...path, call.name], self);
    return;
  }
  if (n.kind === 'scalar') checkInlineInputs(ctx, n, path);
  else if (n.kind === 'seq') {
    for (let i = 0; i < n.items.length; i++) {
      path.push(i);
      walk(ctx, n.items[i]!, path, self, seen);
      path.pop();
    }
  } else {
    for (const p of n.pairs) {
      if (!isValue && INERT.has(p.name)) continue;
      path.push(p.name);
      walk(ctx, p.value, path, self, seen, isValue || !NAME_MAPS.has(p.name));
      path.pop();
    }
  }
}

function args(call: FunctionCall): readonly YNode[] {
  return call.args.kind === 'seq' ? call.args.items : [call.args];
}

function arity(ctx: CheckContext, call: FunctionCall, path: ObjectPath, min: number, max: number, expected: string): boolean {
  const n = call.args.kind === 'seq' ? call.args.items.length : call.args.kind === 'scalar' && call.args.value !== null ? 1 : 0;
  if (n >= min && n <= max) return true;
  ctx.sink.report('ADT4019', call.args.span, { function: call.name, expected, actual: `${n} argument${n === 1 ? '' : 's'}` }, { path });
  return false;
}

function checkCall(ctx: CheckContext, call: FunctionCall, path: ObjectPath, self: NodeTemplate | undefined): void {
  const a = args(call);
  switch (call.name) {
    case 'get_input': {
      if (!arity(ctx, call, path, 1, 8, 'an input name (optionally followed by indexes)')) return;
      checkInputName(ctx, a[0]!, path);
      return;
    }
    case 'get_property':
    case 'get_attribute': {
      const item = call.name === 'get_property' ? 'property' : 'attribute';
      if (!arity(ctx, call, path, 2, 16, `[entity, ${item}] or [entity, requirement or capability, ${item}]`)) return;
      const entity = checkEntity(ctx, a[0]!, path, self);
      if (call.name === 'get_property' && entity) checkPropertyPath(ctx, entity, a.slice(1), path);
      if (call.name === 'get_attribute' && entity) checkAttributePath(ctx, entity, a.slice(1), path);
      return;
    }
    case 'get_operation_output':
      if (arity(ctx, call, path, 4, 4, '[entity, interface, operation, output]')) checkEntity(ctx, a[0]!, path, self);
      return;
    case 'get_nodes_of_type':
      if (arity(ctx, call, path, 1, 1, 'a node type name') && a[0]!.kind === 'scalar' && typeof a[0]!.value === 'string') {
        ctx.types.lookup('node', { name: a[0]!.value, span: a[0]!.span }, path);
      }
      return;
    case 'get_artifact': {
      if (!arity(ctx, call, path, 2, 4, '[entity, artifact name, location, remove]')) return;
      const entity = checkEntity(ctx, a[0]!, path, self);
      if (entity) checkArtifactName(ctx, entity, a[1]!, path);
      return;
    }
    case 'concat':
      if (call.args.kind !== 'seq') {
        ctx.sink.report('ADT4019', call.args.span, { function: 'concat', expected: 'a list of values', actual: 'a single value' }, { path });
        return;
      }
      a.forEach((x, i) => walk(ctx, x, [...path, i], self, new Set()));
      return;
    case 'join': {
      if (!arity(ctx, call, path, 1, 2, '[list of values, delimiter]')) return;
      const [values, delimiter] = a;
      // TOSCA 4.3.3: the first argument is the list to join (or a function that yields one), the second a string.
      if (values!.kind !== 'seq' && !asFunctionCall(values)) {
        ctx.sink.report('ADT4019', values!.span, { function: 'join', expected: 'a list of values as its first argument', actual: describeValue(values!) }, { path });
      }
      if (delimiter && delimiter.kind !== 'scalar') {
        ctx.sink.report('ADT4019', delimiter.span, { function: 'join', expected: 'a string delimiter as its second argument', actual: describeValue(delimiter) }, { path });
      }
      a.forEach((x, i) => walk(ctx, x, [...path, i], self, new Set()));
      return;
    }
    case 'token': {
      if (!arity(ctx, call, path, 3, 3, '[string, separator characters, index]')) return;
      const index = a[2]!;
      if (!(index.kind === 'scalar' && index.type === 'int')) {
        ctx.sink.report('ADT4019', index.span, { function: 'token', expected: 'an integer index as its third argument', actual: describeValue(index) }, { path });
      }
      walk(ctx, a[0]!, [...path, 0], self, new Set());
      return;
    }
  }
}

/** The artifact get_artifact names: one of the node template's own artifacts or its type's. */
function checkArtifactName(ctx: CheckContext, entity: NodeTemplate, node: YNode, path: ObjectPath): void {
  if (node.kind !== 'scalar' || typeof node.value !== 'string') return;
  const typeDef = entity.type ? ctx.types.find('node', entity.type.name) : undefined;
  if (!typeDef && !entity.artifacts.size) return;
  const known = new Set([...entity.artifacts.keys(), ...(typeDef ? ctx.types.resolve(typeDef).artifacts.keys() : [])]);
  if (known.has(node.value)) return;
  const hint = didYouMean(node.value, known, known.size ? `Its artifacts are ${[...known].join(', ')}.` : 'It has no artifacts; define one under artifacts.');
  ctx.sink.report('ADT4034', node.span, { entity: `Node template '${entity.name}'`, artifact: node.value, hint }, { path });
}

function checkInputName(ctx: CheckContext, node: YNode, path: ObjectPath): void {
  if (node.kind !== 'scalar' || node.value === null) return;
  const name = String(node.value);
  reportUnknownInput(ctx, name, node.span, path);
}

function reportUnknownInput(ctx: CheckContext, name: string, span: Span, path: ObjectPath): void {
  const inputs = ctx.adt.topology?.inputs ?? new Map();
  if (inputs.has(name)) return;
  const { hint, fixes } = suggest(name, inputs.keys(), span, inputs.size ? 'Declare it under topology_template.inputs.' : 'This ADT declares no inputs; declare it under topology_template.inputs.');
  ctx.sink.report('ADT4018', span, { input: name, hint }, { path, fixes });
}

function checkEntity(ctx: CheckContext, node: YNode, path: ObjectPath, self: NodeTemplate | undefined): NodeTemplate | undefined {
  if (node.kind !== 'scalar' || typeof node.value !== 'string') return undefined;
  if (ENTITY_KEYWORDS.has(node.value)) return node.value === 'SELF' ? self : undefined;
  const topology = ctx.adt.topology!;
  const t = topology.nodeTemplates.get(node.value);
  if (t) return t;
  if (topology.relationshipTemplates.has(node.value)) return undefined;
  const hint = didYouMean(node.value, topology.nodeTemplates.keys(), 'Use SELF, SOURCE, TARGET, HOST or the name of a node template.');
  ctx.sink.report('ADT4008', node.span, { name: node.value, hint }, { path });
  return undefined;
}

/** [property] or [capability-or-requirement, property], then nested field names that are not checked. */
function checkPropertyPath(ctx: CheckContext, entity: NodeTemplate, rest: readonly YNode[], path: ObjectPath): void {
  const typeDef = entity.type ? ctx.types.find('node', entity.type.name) : undefined;
  if (!typeDef || rest.length === 0) return;
  const type = ctx.types.resolve(typeDef);
  const first = rest[0]!;
  if (first.kind !== 'scalar' || typeof first.value !== 'string') return;
  if (type.properties.has(first.value)) return;
  const cap = type.capabilities.get(first.value);
  if (cap && rest.length > 1) {
    const second = rest[1]!;
    const capType = cap.type ? ctx.types.find('capability', cap.type.name) : undefined;
    const props = new Map([...(capType ? ctx.types.resolve(capType).properties : []), ...cap.properties]);
    if (second.kind === 'scalar' && typeof second.value === 'string' && !props.has(second.value)) {
      ctx.sink.report('ADT4020', second.span, { entity: `Capability '${cap.name}' of '${entity.name}'`, property: second.value, hint: didYouMean(second.value, props.keys(), 'Check the capability type.') }, { path });
    }
    return;
  }
  if (cap || type.requirements.some((r) => r.name === first.value)) return;
  const hint = didYouMean(first.value, type.properties.keys(), `Its type '${type.name}' defines ${type.properties.size ? [...type.properties.keys()].join(', ') : 'no properties'}.`);
  ctx.sink.report('ADT4020', first.span, { entity: `Node template '${entity.name}'`, property: first.value, hint }, { path });
}

/**
 * [attribute] or [capability-or-requirement, attribute]. Every property is an attribute too (TOSCA 3.6.12),
 * so a property name is accepted; names below a capability or requirement are not checked.
 */
function checkAttributePath(ctx: CheckContext, entity: NodeTemplate, rest: readonly YNode[], path: ObjectPath): void {
  const typeDef = entity.type ? ctx.types.find('node', entity.type.name) : undefined;
  const first = rest[0];
  if (!typeDef || first?.kind !== 'scalar' || typeof first.value !== 'string') return;
  const type = ctx.types.resolve(typeDef);
  const name = first.value;
  if (type.attributes.has(name) || type.properties.has(name) || type.capabilities.has(name) || type.requirements.some((r) => r.name === name)) return;
  const known = [...type.attributes.keys(), ...type.properties.keys()];
  const hint = didYouMean(name, known, `Its type '${type.name}' defines ${known.length ? known.join(', ') : 'no attributes'}.`);
  ctx.sink.report('ADT4024', first.span, { entity: `Node template '${entity.name}'`, attribute: name, hint }, { path });
}

function checkInlineInputs(ctx: CheckContext, n: YScalar, walkPath: ObjectPath): void {
  if (typeof n.value !== 'string' || !n.value.includes('get_input')) return;
  const path = [...walkPath];
  for (const m of n.value.matchAll(INLINE_GET_INPUT)) {
    const at = n.source.indexOf(m[0]);
    const span = at >= 0 ? { uri: n.span.uri, start: n.span.start + at, end: n.span.start + at + m[0].length } : n.span;
    reportUnknownInput(ctx, m[1]!, span, path);
  }
}
