import { Float, type Matrix, map } from '../linalg/index.js';
import { gradient, hessianFloat64, loss } from './derivatives.js';
import { flattenWeights } from './params.js';

/**
 * Tolerances for float mode from a running error bound: the same formulas evaluated on |X|, −|Y| and |W_k|
 * make every intermediate sum one of magnitudes (E Xᵀ = M X Xᵀ − Y Xᵀ becomes |M||X||X|ᵀ + |Y||X|ᵀ), so the
 * results bound the size of every term that rounding touched. With k the longest chain of operations,
 * the rounding error of each entry is at most γ_k = k·u/(1 − k·u) times that bound (u = 2⁻⁵³); a factor 4
 * is kept as a margin. Eigenvalues add the solver's backward error, about n·u·‖H‖.
 */
export interface FloatTolerances {
  readonly loss: number;
  readonly gradient: number;
  readonly hessian: number;
}

const u = 2 ** -53;

export function floatTolerances(X: Matrix<number>, Y: Matrix<number>, W: readonly Matrix<number>[]): FloatTolerances {
  const absX = map(X, Math.abs), negAbsY = map(Y, (y) => -Math.abs(y));
  const absW = W.map((Wk) => map(Wk, Math.abs));
  const widths = [X.rows, ...W.map((Wk) => Wk.rows)];
  const n = W.reduce((s, Wk) => s + Wk.rows * Wk.cols, 0);
  const k = (W.length + 3) * Math.max(...widths) + X.cols;
  const gamma = (steps: number) => (steps * u) / (1 - steps * u);
  const lossAbs = loss(Float, absX, negAbsY, absW);
  const gradAbs = flattenWeights(gradient(Float, absX, negAbsY, absW)).reduce((m, x) => Math.max(m, x), 0);
  let fro = 0;
  for (const x of hessianFloat64(absX, negAbsY, absW).data) fro += x * x;
  return {
    loss: 4 * gamma(k) * lossAbs,
    gradient: 4 * gamma(k) * gradAbs,
    hessian: 4 * (gamma(k) + gamma(n)) * Math.sqrt(fro),
  };
}
