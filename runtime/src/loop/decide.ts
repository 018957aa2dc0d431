/**
 * From a rule's outputs to a scaling decision (micado-reference 6.10, rule-language 3.4), with MiCADO's bugs
 * fixed: the drop list compares numbers with numbers (item 55), and an unconvertible output fails only its own
 * policy instead of the whole cycle (item 53).
 */
import type { Bounds } from '../plan/plan-types.js';
import { clampCount, pyInt } from './py-int.js';

export type NodeDecision =
  | { readonly ok: true; readonly count: number; readonly drop: readonly string[]; readonly requested?: bigint }
  | { readonly ok: false; readonly message: string };

/** `requested` is the rule's count before the policy's bounds clamped it. */
export type ContainerDecision = { readonly ok: true; readonly count: number; readonly requested: bigint } | { readonly ok: false; readonly message: string };

/** VM bounds as the Policy Keeper reads them: min defaults to 1, max to min, and max is raised to min. */
export function nodeBounds(bounds: Bounds): Bounds {
  const min = Number.isInteger(bounds.min) && bounds.min >= 0 ? bounds.min : 1;
  return { min, max: Math.max(min, Number.isInteger(bounds.max) ? bounds.max : min) };
}

export function decideNodes(outputs: Readonly<Record<string, unknown>>, inputCount: number, bounds: Bounds): NodeDecision {
  const { min, max } = nodeBounds(bounds);
  const todrop = outputs['m_nodes_todrop'];
  if (todrop !== undefined && todrop !== null && !Array.isArray(todrop)) return { ok: false, message: 'm_nodes_todrop must be a list of node names or addresses' };
  if (Array.isArray(todrop) && todrop.length > 0) {
    if (!todrop.every((n) => typeof n === 'string')) {
      return { ok: false, message: "m_nodes_todrop holds something other than strings; name nodes by ID or address, e.g. m_nodes[-1]['ID']" };
    }
    // The rule's m_node_count is ignored: each listed node goes while the set stays above its minimum.
    let count = inputCount;
    const drop: string[] = [];
    for (const node of todrop as string[]) {
      if (count <= min) break;
      if (drop.includes(node)) continue;
      drop.push(node);
      count--;
    }
    return { ok: true, count, drop };
  }
  const n = pyInt(outputs['m_node_count']);
  if (!n.ok) return { ok: false, message: `m_node_count: ${n.message}` };
  return { ok: true, count: clampCount(n.value, min, max), drop: [], requested: n.value };
}

export function decideContainers(outputs: Readonly<Record<string, unknown>>, bounds: Bounds): ContainerDecision {
  const n = pyInt(outputs['m_container_count']);
  if (!n.ok) return { ok: false, message: `m_container_count: ${n.message}` };
  return { ok: true, count: clampCount(n.value, bounds.min, bounds.max), requested: n.value };
}
