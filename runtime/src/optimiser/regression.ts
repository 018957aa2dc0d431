/**
 * Online ridge regression kept as its sufficient statistics (XᵀX, Xᵀy), so each sample is O(d²) to add, the
 * whole model is a few numbers that serialise to JSON with the loop state, and a solve is exact for the data
 * seen. d is small (a handful of features), so Gaussian elimination per solve costs nothing.
 */

export interface RegressionState {
  readonly xtx: readonly (readonly number[])[];
  readonly xty: readonly number[];
  readonly count: number;
  /** Exponentially weighted squared error of each prediction made before its sample was learnt. */
  readonly errEwma: number;
  readonly meanEwma: number;
  readonly varEwma: number;
}

/** Weight of the newest sample in the error and variance averages: about the last 20 samples count. */
const EWMA_ALPHA = 0.05;
/** Ridge penalty: keeps the solve defined while features are collinear (e.g. the node count never changed yet). */
const RIDGE = 1e-6;

export function emptyRegression(dimension: number): RegressionState {
  return {
    xtx: Array.from({ length: dimension }, () => Array<number>(dimension).fill(0)),
    xty: Array<number>(dimension).fill(0),
    count: 0,
    errEwma: 0,
    meanEwma: 0,
    varEwma: 0,
  };
}

export function learn(state: RegressionState, x: readonly number[], y: number): RegressionState {
  const predicted = state.count > x.length ? predict(state, x) : undefined;
  const xtx = state.xtx.map((row, i) => row.map((v, j) => v + x[i]! * x[j]!));
  const xty = state.xty.map((v, i) => v + x[i]! * y);
  const first = state.count === 0;
  const meanEwma = first ? y : state.meanEwma + EWMA_ALPHA * (y - state.meanEwma);
  const varEwma = first ? 0 : (1 - EWMA_ALPHA) * (state.varEwma + EWMA_ALPHA * (y - state.meanEwma) ** 2);
  // Until the model has more samples than coefficients its predictions say nothing, so they are not scored.
  // The first scored prediction seeds the average instead of being diluted by a starting zero.
  const errEwma = predicted === undefined ? state.errEwma : state.count === x.length + 1 ? (y - predicted) ** 2 : state.errEwma + EWMA_ALPHA * ((y - predicted) ** 2 - state.errEwma);
  return { xtx, xty, count: state.count + 1, errEwma, meanEwma, varEwma };
}

export function predict(state: RegressionState, x: readonly number[]): number {
  const beta = solve(state);
  return beta.reduce((sum, b, i) => sum + b * x[i]!, 0);
}

/**
 * How well the model predicted the samples it had not yet seen, 0–100: one minus the recent prediction error
 * relative to the target's recent variance (a prequential R²). A target that barely moves is judged against
 * 5% of its level instead, so a flat but well-predicted metric is not scored as noise.
 */
export function reliability(state: RegressionState, dimension: number): number {
  if (state.count <= dimension + 1) return 0;
  const scale = Math.max(state.varEwma, (0.05 * state.meanEwma) ** 2, 1e-12);
  return Math.round(100 * Math.min(1, Math.max(0, 1 - state.errEwma / scale)));
}

function solve(state: RegressionState): number[] {
  const d = state.xty.length;
  const trace = state.xtx.reduce((sum, row, i) => sum + row[i]!, 0);
  const ridge = RIDGE * Math.max(1, trace / d);
  const a = state.xtx.map((row, i) => [...row.map((v, j) => (i === j ? v + ridge : v)), state.xty[i]!]);
  for (let col = 0; col < d; col++) {
    let pivot = col;
    for (let r = col + 1; r < d; r++) if (Math.abs(a[r]![col]!) > Math.abs(a[pivot]![col]!)) pivot = r;
    [a[col], a[pivot]] = [a[pivot]!, a[col]!];
    const p = a[col]![col]!;
    if (p === 0) continue;
    for (let r = 0; r < d; r++) {
      if (r === col) continue;
      const f = a[r]![col]! / p;
      if (f !== 0) for (let c = col; c <= d; c++) a[r]![c]! -= f * a[col]![c]!;
    }
  }
  return a.map((row, i) => (row[i] === 0 ? 0 : row[d]! / row[i]!));
}
