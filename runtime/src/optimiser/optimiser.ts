/**
 * The built-in optimiser: MiCADO's external optimiser contract (micado-reference 6.12) served in-process. Each
 * cycle the loop hands it one sample (input metrics, target metrics, node count); per target metric it learns
 * an online regression of the target on the inputs and the node count, and advises the node count that brings
 * every target under its maximum threshold (or, when all are below their minimum, the fewest nodes that keep
 * them under it), within the maximum deltas, held for the freeze interval. Its knowledge is plain JSON that the
 * loop keeps in its state file, so a restart goes on learning where it stopped.
 */
import type { OptimiserConfig, TargetMetric } from './optimiser-config.js';
import { emptyRegression, learn, predict, reliability } from './regression.js';
import type { RegressionState } from './regression.js';

export interface Advice {
  readonly valid: boolean;
  readonly phase: 'training' | 'production';
  readonly vm_number: number;
  /** 0–100: how well the models predicted the samples they had not seen yet. */
  readonly reliability: number;
  readonly error_msg: string;
}

export interface Sample {
  /** Input metric values by query name; null when the query had no value. */
  readonly inputs: Readonly<Record<string, number | null>>;
  readonly targets: Readonly<Record<string, number | null>>;
  readonly vmNumber: number;
  /** Epoch seconds. */
  readonly at: number;
}

export interface Knowledge {
  /** Which inputs and targets the models were learnt for; a different set starts afresh. */
  readonly signature: string;
  /** Complete samples learnt. */
  readonly samples: number;
  readonly models: Readonly<Record<string, RegressionState>>;
  /** The last complete sample: the state the advice starts from. */
  readonly last?: Sample;
  readonly held?: { readonly at: number; readonly advice: Advice };
}

export function signatureOf(config: OptimiserConfig): string {
  return JSON.stringify([config.inputs, config.targets.map((t) => t.name)]);
}

export function freshKnowledge(config: OptimiserConfig): Knowledge {
  const dimension = features(config, {}, 1).length;
  return { signature: signatureOf(config), samples: 0, models: Object.fromEntries(config.targets.map((t) => [t.name, emptyRegression(dimension)])) };
}

/**
 * The regression's features: for each input its value per node (load shared out) and its raw value, plus the
 * node count and a constant. A target such as mean CPU ≈ k·requests/nodes is then linear in them.
 */
function features(config: OptimiserConfig, inputs: Readonly<Record<string, number | null>>, vmNumber: number): number[] {
  const x = [1, vmNumber];
  for (const name of config.inputs) {
    const v = inputs[name] ?? 0;
    x.push(v / Math.max(vmNumber, 1), v);
  }
  return x;
}

/** Learns one sample. A sample missing any value (or holding NaN/Inf) is skipped: it cannot place a point. */
export function addSample(knowledge: Knowledge, config: OptimiserConfig, sample: Sample): Knowledge {
  const values = [...config.inputs.map((n) => sample.inputs[n]), ...config.targets.map((t) => sample.targets[t.name])];
  if (!values.every((v) => typeof v === 'number' && Number.isFinite(v))) return knowledge;
  const x = features(config, sample.inputs, sample.vmNumber);
  const models = Object.fromEntries(config.targets.map((t) => [t.name, learn(knowledge.models[t.name]!, x, sample.targets[t.name]!)]));
  return { ...knowledge, samples: knowledge.samples + 1, models, last: sample };
}

/** The advice for `now` (epoch seconds), and the knowledge with the advice held when it is a production one. */
export function advise(knowledge: Knowledge, config: OptimiserConfig, now: number): { advice: Advice; knowledge: Knowledge } {
  const last = knowledge.last;
  const current = clamp(last?.vmNumber ?? config.minVm, config);
  const score = Math.min(...config.targets.map((t) => reliability(knowledge.models[t.name]!, features(config, {}, 1).length)));
  if (knowledge.samples < config.trainingSamplesRequired || last === undefined) {
    const advice: Advice = {
      valid: false,
      phase: 'training',
      vm_number: current,
      reliability: score,
      error_msg: `training: ${knowledge.samples} of ${config.trainingSamplesRequired} samples collected`,
    };
    return { advice, knowledge };
  }
  if (knowledge.held !== undefined && now - knowledge.held.at < config.adviceFreezeInterval) return { advice: knowledge.held.advice, knowledge };
  const advice: Advice = { valid: true, phase: 'production', vm_number: choose(knowledge, config, last, current), reliability: score, error_msg: '' };
  return { advice, knowledge: { ...knowledge, held: { at: now, advice } } };
}

function choose(knowledge: Knowledge, config: OptimiserConfig, last: Sample, current: number): number {
  const predicted = (t: TargetMetric, n: number) => predict(knowledge.models[t.name]!, features(config, last.inputs, n));
  const fits = (n: number) => config.targets.every((t) => predicted(t, n) <= t.maxThreshold);
  const above = config.targets.some((t) => last.targets[t.name]! > t.maxThreshold);
  const below = config.targets.every((t) => last.targets[t.name]! < t.minThreshold);
  if (above) {
    // The fewest extra nodes the models expect to be enough; all the allowed ones when none is.
    const hi = clamp(current + config.maxUpscaleDelta, config);
    for (let n = current + 1; n <= hi; n++) if (fits(n)) return n;
    return Math.max(hi, current);
  }
  if (below) {
    // The fewest nodes the models expect to keep every target under its maximum; no change when none would.
    const lo = clamp(current - config.maxDownscaleDelta, config);
    for (let n = lo; n < current; n++) if (fits(n)) return n;
  }
  return current;
}

function clamp(n: number, config: OptimiserConfig): number {
  return Math.min(Math.max(n, config.minVm), config.maxVm);
}
