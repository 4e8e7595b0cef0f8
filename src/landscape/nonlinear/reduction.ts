import { Exact, Rational, type Matrix, equals, fro2, scale, sub } from '../../linalg/index.js';
import { gradient, hessian, loss } from '../derivatives.js';
import { flattenWeights, parameterCount, parameterOffsets } from '../params.js';
import { expectedOutputLayered } from './expectation.js';
import { type NonlinearModel, outputScale } from './model.js';

/**
 * The reduction of Section 3. With c = qρ ≠ 0, the loss of the expected output is
 *   L_nl(W) = ½‖E_Z[Ŷ(W, X)] − Y‖² = ½‖c·W_{H+1}⋯W_1X − Y‖² = L_lin(φ(W)),  φ(W) = (W_1, …, W_H, c·W_{H+1}),
 * the deep linear loss at rescaled weights. φ is linear and invertible, so ∇L_nl(W) = S ∇L_lin(φ(W)) and
 * ∇²L_nl(W) = S ∇²L_lin(φ(W)) S with S = diag(1, …, 1, c, …, c) (c on the W_{H+1} block): critical points, minima
 * and the inertia of the Hessian (Sylvester) correspond, and a line W + tV of the nonlinear model is the line
 * φ(W) + tφ(V) of the linear one with the same loss polynomial. Hence Corollary 3.2 from Theorem 2.3.
 */

/** φ(W): W_{H+1} multiplied by qρ. */
export function rescale(model: NonlinearModel, W: readonly Matrix<Rational>[]): Matrix<Rational>[] {
  const c = outputScale(model);
  return W.map((Wk, i) => (i === W.length - 1 ? scale(Exact, c, Wk) : Wk));
}

/** φ⁻¹: a point or direction of the linear model back in the nonlinear model's coordinates. */
export function unscale(model: NonlinearModel, V: readonly Matrix<Rational>[]): Matrix<Rational>[] {
  const c = outputScale(model).inv();
  return V.map((Vk, i) => (i === V.length - 1 ? scale(Exact, c, Vk) : Vk));
}

/** L_nl(W) = ½‖E_Z[Ŷ] − Y‖², the expected output computed layer by layer (linearity of expectation). */
export function nonlinearLoss(model: NonlinearModel, X: Matrix<Rational>, Y: Matrix<Rational>, W: readonly Matrix<Rational>[]): Rational {
  return fro2(Exact, sub(Exact, expectedOutputLayered(model, X, W), Y)).mul(Rational.of(1, 2));
}

/**
 * ∇L_nl(W) and ∇²L_nl(W) by a second route: c·M X = M·(cX), so L_nl is the linear loss on the data (cX, Y) at W
 * itself — the formulas of Lemmas 4.1 and 4.3 with scaled data, not with rescaled weights.
 */
export function nonlinearGradient(model: NonlinearModel, X: Matrix<Rational>, Y: Matrix<Rational>, W: readonly Matrix<Rational>[]): Rational[] {
  return flattenWeights(gradient(Exact, scale(Exact, outputScale(model), X), Y, W));
}

export function nonlinearHessian(model: NonlinearModel, X: Matrix<Rational>, Y: Matrix<Rational>, W: readonly Matrix<Rational>[]): Matrix<Rational> {
  return hessian(Exact, scale(Exact, outputScale(model), X), Y, W);
}

/** The diagonal of S: 1 on W_1 … W_H, c = qρ on W_{H+1}. */
export function chainFactors(model: NonlinearModel, widths: readonly number[]): Rational[] {
  const n = parameterCount(widths);
  const last = parameterOffsets(widths)[widths.length - 2]!;
  const c = outputScale(model);
  return Array.from({ length: n }, (_, i) => (i >= last ? c : Rational.ONE));
}

/** Checks ∇L_nl(W) = S ∇L_lin(φ(W)) entry by entry (the two computed independently as above). */
export function gradientCorresponds(model: NonlinearModel, X: Matrix<Rational>, Y: Matrix<Rational>, W: readonly Matrix<Rational>[]): boolean {
  const s = chainFactors(model, [X.rows, ...W.map((Wk) => Wk.rows)]);
  const lin = flattenWeights(gradient(Exact, X, Y, rescale(model, W)));
  const nl = nonlinearGradient(model, X, Y, W);
  return nl.every((g, i) => g.eq(s[i]!.mul(lin[i]!)));
}

/** Checks ∇²L_nl(W) = S ∇²L_lin(φ(W)) S entry by entry: a congruence, so both have the same inertia. */
export function hessianCongruent(model: NonlinearModel, X: Matrix<Rational>, Y: Matrix<Rational>, W: readonly Matrix<Rational>[]): boolean {
  const s = chainFactors(model, [X.rows, ...W.map((Wk) => Wk.rows)]);
  const lin = hessian(Exact, X, Y, rescale(model, W));
  const n = lin.rows;
  const congruent = { rows: n, cols: n, data: lin.data.map((h, idx) => s[Math.floor(idx / n)]!.mul(h).mul(s[idx % n]!)) };
  return equals(Exact, nonlinearHessian(model, X, Y, W), congruent);
}

/** The linear loss at the rescaled weights, L_lin(φ(W)). */
export function linearLossAtRescaled(model: NonlinearModel, X: Matrix<Rational>, Y: Matrix<Rational>, W: readonly Matrix<Rational>[]): Rational {
  return loss(Exact, X, Y, rescale(model, W));
}
