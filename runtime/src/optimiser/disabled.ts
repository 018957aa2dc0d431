/**
 * The advice a rule gets when the optimiser cannot advise: under `m_dryrun: [optimizer]` or with settings it
 * cannot use. MiCADO's dry-run stub uses other keys and the truthy string 'False' (item 60); this one has the
 * real shape and `valid: false`, so `if adv['valid']:` does what the rule's author meant.
 */
import type { Advice } from './optimiser.js';

export function disabledAdvice(reason: string, vmNumber: number): Advice {
  return { valid: false, phase: 'training', vm_number: vmNumber, reliability: 0, error_msg: `Optimizer is disabled! (${reason})` };
}
