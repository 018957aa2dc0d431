/**
 * The optimiser's settings as MiCADO declares them in a VM policy (micado-reference 6.12): `m_opt_init_<X>`
 * constants, `m_opt_input_<NAME>` queries (input metrics), `m_opt_target_query_<T>` queries with literal
 * `m_opt_target_minth_<T>` / `m_opt_target_maxth_<T>` constants (target metrics), and the node bounds.
 */
import type { Bounds, ScalingPolicy } from '../plan/plan-types.js';

export interface TargetMetric {
  readonly name: string;
  /** The query (input name) whose value is the target metric. */
  readonly query: string;
  readonly minThreshold: number;
  readonly maxThreshold: number;
}

export interface OptimiserConfig {
  readonly knowledgeBase: 'build_new' | 'use_existing';
  readonly trainingSamplesRequired: number;
  readonly maxUpscaleDelta: number;
  readonly maxDownscaleDelta: number;
  /** Seconds a production advice is held before a new one is computed. */
  readonly adviceFreezeInterval: number;
  /** Query names of the input metrics. */
  readonly inputs: readonly string[];
  readonly targets: readonly TargetMetric[];
  readonly minVm: number;
  readonly maxVm: number;
}

export type ConfigRead = { readonly ok: true; readonly config: OptimiserConfig } | { readonly ok: false; readonly message: string };

const INIT = 'm_opt_init_';
const TARGET_QUERY = 'm_opt_target_query_';

/** Whether a policy declares optimiser names at all (MiCADO's activation test). */
export function declaresOptimiser(policy: ScalingPolicy): boolean {
  return [...Object.keys(policy.constants), ...Object.keys(policy.queries)].some((name) => name.includes('m_opt_'));
}

/** The policy's optimiser settings, the documented defaults filling the gaps; `bounds` are the clamped node bounds. */
export function optimiserConfigOf(policy: ScalingPolicy, bounds: Bounds): ConfigRead {
  const c = policy.constants;
  const int = (name: string, fallback: number): number | string => {
    const value = c[`${INIT}${name}`];
    if (value === undefined) return fallback;
    const n = typeof value === 'string' ? Number(value) : value;
    return typeof n === 'number' && Number.isInteger(n) && n >= 0 ? n : `${INIT}${name} must be a whole number ≥ 0, not ${JSON.stringify(value)}`;
  };
  const knowledgeBase = c[`${INIT}knowledge_base`] ?? 'build_new';
  if (knowledgeBase !== 'build_new' && knowledgeBase !== 'use_existing') return { ok: false, message: `${INIT}knowledge_base must be build_new or use_existing, not ${JSON.stringify(knowledgeBase)}` };
  const training = int('training_samples_required', 300);
  const up = int('max_upscale_delta', 6);
  const down = int('max_downscale_delta', 6);
  const freeze = int('advice_freeze_interval', 0);
  for (const v of [training, up, down, freeze]) if (typeof v === 'string') return { ok: false, message: v };
  const targets: TargetMetric[] = [];
  for (const query of Object.keys(policy.queries).filter((q) => q.startsWith(TARGET_QUERY))) {
    const name = query.slice(TARGET_QUERY.length);
    const min = Number(c[`m_opt_target_minth_${name}`]);
    const max = Number(c[`m_opt_target_maxth_${name}`]);
    if (!Number.isFinite(min) || !Number.isFinite(max) || min > max) {
      return { ok: false, message: `target metric ${name} needs numeric constants m_opt_target_minth_${name} ≤ m_opt_target_maxth_${name}` };
    }
    targets.push({ name, query, minThreshold: min, maxThreshold: max });
  }
  if (targets.length === 0) return { ok: false, message: `no target metric: declare a query ${TARGET_QUERY}<T> with constants m_opt_target_minth_<T> and m_opt_target_maxth_<T>` };
  return {
    ok: true,
    config: {
      knowledgeBase,
      trainingSamplesRequired: training as number,
      maxUpscaleDelta: up as number,
      maxDownscaleDelta: down as number,
      adviceFreezeInterval: freeze as number,
      inputs: Object.keys(policy.queries).filter((q) => q.startsWith('m_opt_input_')),
      targets,
      minVm: bounds.min,
      maxVm: bounds.max,
    },
  };
}
