/**
 * The optimiser inside the loop. Rules run in a separate process and receive only data, so `m_opt_advice` reaches a
 * rule as an input computed before it runs: the loop samples this cycle's metric values into the optimiser
 * (as MiCADO posts /sample before the rule), asks it for advice and passes the dict as input `m_opt_advice`
 * (ints as bigint, like every rule input). A compiled rule reads `m_opt_advice()` as a copy of that input.
 */
import { nodeBounds } from './decide.js';
import type { ScalingPolicy } from '../plan/plan-types.js';
import { disabledAdvice } from '../optimiser/disabled.js';
import { addSample, advise, freshKnowledge, signatureOf } from '../optimiser/optimiser.js';
import type { Advice, Knowledge } from '../optimiser/optimiser.js';
import { optimiserConfigOf } from '../optimiser/optimiser-config.js';

/** Whether the rule module reads `m_opt_advice` (the compiled rule names it among its inputs). */
export function ruleUsesAdvice(source: Uint8Array): boolean {
  return Buffer.from(source.buffer, source.byteOffset, source.byteLength).includes('m_opt_advice');
}

export interface AdviceStep {
  readonly advice: Advice;
  /** The knowledge to keep; undefined when the optimiser did not run (disabled or misconfigured). */
  readonly knowledge: Knowledge | undefined;
}

/**
 * One cycle of the optimiser for a VM policy: learn the sample from the rule's metric inputs, then advise.
 * `nodes` is len(m_nodes); MiCADO samples max(len(m_nodes), 1) and so does this.
 */
export function optimiserStep(
  policy: ScalingPolicy,
  values: Readonly<Record<string, unknown>>,
  nodes: number,
  previous: Knowledge | undefined,
  nowSeconds: number,
  dryRun: boolean,
): AdviceStep {
  const vmNumber = Math.max(nodes, 1);
  if (dryRun) return { advice: disabledAdvice('dryrun', vmNumber), knowledge: previous };
  const read = optimiserConfigOf(policy, nodeBounds(policy.bounds));
  if (!read.ok) return { advice: disabledAdvice(read.message, vmNumber), knowledge: previous };
  const { config } = read;
  const number = (name: string) => (typeof values[name] === 'number' ? (values[name] as number) : null);
  const base = previous !== undefined && previous.signature === signatureOf(config) ? previous : freshKnowledge(config);
  const learnt = addSample(base, config, {
    inputs: Object.fromEntries(config.inputs.map((q) => [q, number(q)])),
    targets: Object.fromEntries(config.targets.map((t) => [t.name, number(t.query)])),
    vmNumber,
    at: nowSeconds,
  });
  return advise(learnt, config, nowSeconds);
}

/** The advice as the rule receives it: a dict whose ints are Python ints. */
export function adviceInput(advice: Advice): Record<string, unknown> {
  return { ...advice, vm_number: BigInt(advice.vm_number), reliability: BigInt(advice.reliability) };
}

/** On a new plan: knowledge of policies asking `m_opt_init_knowledge_base: build_new` (the default) is dropped. */
export function keptKnowledge(policies: readonly ScalingPolicy[], knowledge: Readonly<Record<string, Knowledge>>): Record<string, Knowledge> {
  const kept: Record<string, Knowledge> = {};
  for (const policy of policies) {
    const read = optimiserConfigOf(policy, nodeBounds(policy.bounds));
    if (read.ok && read.config.knowledgeBase === 'use_existing' && knowledge[policy.name] !== undefined) kept[policy.name] = knowledge[policy.name]!;
  }
  return kept;
}
