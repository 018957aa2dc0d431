/**
 * The `create` inputs of a node's Kubernetes lifecycle (micado-reference 4.1):
 * the types' inputs overlaid by the template's, `spec` merged one level deep
 * and every other key replaced. Inherited through the types (spec 7 item 12).
 */
import { lifecycleOf } from '../../check/micado/micado-nodes.js';
import type { JsonObject } from '../json.js';
import { isObject } from '../json.js';
import type { PlanContext, PlanNode } from '../plan-context.js';
import { nodeValue } from '../values.js';

export function hasKubernetesLifecycle(node: PlanNode): boolean {
  return lifecycleOf(node.t, node.type, ['Kubernetes']) !== undefined;
}

export function createInputs(pc: PlanContext, node: PlanNode): JsonObject {
  const lifecycle = lifecycleOf(node.t, node.type, ['Kubernetes']);
  const out: JsonObject = {};
  for (const map of lifecycle?.inputs ?? []) {
    const value = nodeValue(pc, map, node);
    if (!isObject(value)) continue;
    for (const [k, v] of Object.entries(value)) {
      const before = out[k];
      if (k === 'spec' && isObject(before) && isObject(v)) {
        const merged: JsonObject = { ...before, ...v };
        pc.origins.note(merged, map.get(k)!);
        out[k] = merged;
      } else out[k] = v;
    }
  }
  return out;
}
