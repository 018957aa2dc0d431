/**
 * Imperative workflows (TOSCA 1.3 3.7.9, 3.7.10) and policy triggers (3.6.25):
 * a step targets a node template or group; on_success/on_failure name steps of
 * the same workflow; activities are delegate, set_state, call_operation
 * (<interface>.<operation> of the target's type) or inline (another workflow).
 * A trigger needs an event, and its action is a list of the same activities.
 */
import { didYouMean } from '../diagnostics/did-you-mean.js';
import type { ObjectPath } from '../diagnostics/diagnostic.js';
import type { NodeTemplate } from '../model/entities.js';
import { scalarText, type YMap, type YNode } from '../read/yaml-tree.js';
import type { CheckContext } from './check-context.js';

const ACTIVITIES = ['delegate', 'set_state', 'call_operation', 'inline'];
/** Interfaces every node has (TOSCA 5.8.4), whose operations need no declaration on the type. */
const IMPLICIT_INTERFACES = new Set(['Standard', 'tosca.interfaces.node.lifecycle.Standard']);

export function checkWorkflows(ctx: CheckContext): void {
  const topology = ctx.adt.topology;
  const workflows = topology?.node.get('workflows');
  if (!topology) return;
  const names = workflows?.kind === 'map' ? workflows.pairs.map((p) => p.name) : [];
  if (workflows?.kind === 'map') {
    for (const { name, value } of workflows.pairs) {
      const steps = value.kind === 'map' ? value.get('steps') : undefined;
      if (steps?.kind === 'map') checkSteps(ctx, name, steps, [...topology.path, 'workflows', name, 'steps'], names);
    }
  }
  for (const p of topology.policies) {
    const triggers = p.node.kind === 'map' ? p.node.get('triggers') : undefined;
    if (triggers?.kind !== 'map') continue;
    for (const { name, key, value } of triggers.pairs) {
      const path = [...p.path, 'triggers', name];
      if (value.kind !== 'map') continue;
      if (!value.has('event')) ctx.sink.report('ADT4042', key.span, { trigger: name }, { path });
      checkActivities(ctx, value.get('action'), undefined, [...path, 'action'], names);
    }
  }
}

function checkSteps(ctx: CheckContext, workflow: string, steps: YMap, path: ObjectPath, workflows: readonly string[]): void {
  const topology = ctx.adt.topology!;
  const stepNames = steps.pairs.map((p) => p.name);
  for (const { name, value } of steps.pairs) {
    if (value.kind !== 'map') continue;
    const p = [...path, name];
    const targetNode = value.get('target');
    const target = scalarText(targetNode);
    let template: NodeTemplate | undefined;
    if (target) {
      template = topology.nodeTemplates.get(target);
      if (!template && !topology.groups.has(target)) {
        const hint = didYouMean(target, [...topology.nodeTemplates.keys(), ...topology.groups.keys()], 'Name a node template or a group.');
        ctx.sink.report('ADT4038', targetNode!.span, { target, hint }, { path: [...p, 'target'] });
      }
    }
    for (const next of ['on_success', 'on_failure']) {
      const list = value.get(next);
      const items = list?.kind === 'seq' ? list.items : list ? [list] : [];
      for (const item of items) {
        const step = scalarText(item);
        if (step === undefined || stepNames.includes(step)) continue;
        const hint = didYouMean(step, stepNames, `Its steps are ${stepNames.join(', ')}.`);
        ctx.sink.report('ADT4037', item.span, { step, workflow, hint }, { path: [...p, next] });
      }
    }
    checkActivities(ctx, value.get('activities'), template, [...p, 'activities'], workflows);
  }
}

function checkActivities(ctx: CheckContext, list: YNode | undefined, target: NodeTemplate | undefined, path: ObjectPath, workflows: readonly string[]): void {
  if (list?.kind !== 'seq') return;
  list.items.forEach((item, i) => {
    if (item.kind !== 'map' || item.pairs.length !== 1) return;
    const { name, key, value } = item.pairs[0]!;
    const p = [...path, i, name];
    if (!ACTIVITIES.includes(name)) {
      ctx.sink.report('ADT4039', key.span, { activity: name }, { path: p });
      return;
    }
    const argument = value.kind === 'map' ? (name === 'inline' ? value.get('workflow') : value.get('operation')) : value;
    const text = scalarText(argument);
    if (!text || !argument) return;
    if (name === 'inline' && !workflows.includes(text)) {
      ctx.sink.report('ADT4040', argument.span, { workflow: text, hint: didYouMean(text, workflows, workflows.length ? `Its workflows are ${workflows.join(', ')}.` : 'Define it under workflows.') }, { path: p });
    }
    if (name === 'call_operation' && target) checkOperationCall(ctx, text, argument, target, p);
  });
}

function checkOperationCall(ctx: CheckContext, call: string, node: YNode, target: NodeTemplate, path: ObjectPath): void {
  const typeDef = target.type ? ctx.types.find('node', target.type.name) : undefined;
  if (!typeDef) return;
  const dot = call.lastIndexOf('.');
  const iface = dot > 0 ? call.slice(0, dot) : '';
  const operation = call.slice(dot + 1);
  if (IMPLICIT_INTERFACES.has(iface)) return;
  const interfaces = ctx.types.resolve(typeDef).interfaces;
  const def = interfaces.get(iface);
  const ifaceType = def?.type ? ctx.types.find('interface', def.type) : undefined;
  const operations = new Set([...(def?.operations.keys() ?? []), ...(ifaceType ? ctx.types.resolve(ifaceType).operations.keys() : []), ...(target.interfaces.get(iface)?.operations.keys() ?? [])]);
  if (def && operations.has(operation)) return;
  const known = [...interfaces.values()].flatMap((d) => {
    const t = d.type ? ctx.types.find('interface', d.type) : undefined;
    return [...new Set([...d.operations.keys(), ...(t ? ctx.types.resolve(t).operations.keys() : [])])].map((o) => `${d.name}.${o}`);
  });
  const hint = didYouMean(call, known, known.length ? `Its operations are ${known.join(', ')}.` : 'Its type defines no interfaces.');
  ctx.sink.report('ADT4041', node.span, { call, target: target.name, hint }, { path });
}
