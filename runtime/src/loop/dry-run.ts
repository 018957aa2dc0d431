/**
 * m_dryrun (micado-reference 6.13): a constant listing components the loop must not call. prometheus: queries
 * yield their own text and no alert fires; k8s: one dummy node, replicas read as 1, no scaling; occopus and
 * terraform: node counts read as 1, no scaling; optimizer: the built-in optimiser neither learns nor advises,
 * and m_opt_advice is a "disabled" dict with valid False. A value that is not a list is ignored, as in MiCADO.
 */
import type { Plan } from '../plan/plan-types.js';

export type DryRunComponent = 'prometheus' | 'k8s' | 'occopus' | 'terraform' | 'optimizer';

const COMPONENTS: readonly DryRunComponent[] = ['prometheus', 'k8s', 'occopus', 'terraform', 'optimizer'];

export function dryRunOf(plan: Plan): ReadonlySet<DryRunComponent> {
  const out = new Set<DryRunComponent>();
  for (const policy of plan.policies) {
    const value = policy.constants['m_dryrun'];
    if (!Array.isArray(value)) continue;
    for (const item of value) if (typeof item === 'string' && (COMPONENTS as readonly string[]).includes(item.toLowerCase())) out.add(item.toLowerCase() as DryRunComponent);
  }
  return out;
}

export const DRY_RUN_NODES = [{ ID: 'dummyID', Addr: '127.0.0.1' }] as const;
