import { Exact, Rational, type Matrix, mul, rank, trace, transpose } from '../linalg/index.js';
import { checkHypotheses, type Hypotheses } from './hypotheses.js';
import { isolateSpectrum, sigmaMatrix, topEigenSum, type EigenSum, type Spectrum } from './spectrum.js';

/** Everything about a network that does not depend on the point: widths, (A), Σ and its spectrum, L*. */
export interface DataAnalysis {
  readonly widths: readonly number[];
  /** Number of hidden layers. */
  readonly H: number;
  /** p = min(d_1, …, d_H), the narrowest hidden width. */
  readonly p: number;
  /** min(p, d_y): the rank a global minimizer's product has (at most). */
  readonly r: number;
  readonly X: Matrix<Rational>;
  readonly Y: Matrix<Rational>;
  readonly trYYt: Rational;
  readonly xxtInvertible: boolean;
  readonly hypotheses: Hypotheses;
  /** Y Xᵀ (X Xᵀ)⁺ X Yᵀ (the paper's Σ when X Xᵀ is invertible). */
  readonly sigma: Matrix<Rational>;
  readonly spectrum: Spectrum;
  /** Σ_{i ≤ r} λ_i, exact or enclosed. */
  readonly topSum: EigenSum;
}

export function analyzeData(X: Matrix<Rational>, Y: Matrix<Rational>, widths: readonly number[]): DataAnalysis {
  const H = widths.length - 2;
  const p = Math.min(...widths.slice(1, -1));
  const dy = widths[widths.length - 1]!;
  const r = Math.min(p, dy);
  const sigma = sigmaMatrix(X, Y);
  const spectrum = isolateSpectrum(sigma);
  return {
    widths,
    H,
    p,
    r,
    X,
    Y,
    trYYt: trace(Exact, mul(Exact, Y, transpose(Y))),
    xxtInvertible: rank(Exact, mul(Exact, X, transpose(X))) === X.rows,
    hypotheses: checkHypotheses(X, Y, spectrum.clusters.length),
    sigma,
    spectrum,
    topSum: topEigenSum(sigma, spectrum, r),
  };
}

/** L* = ½(tr YYᵀ − Σ_{i ≤ min(p,d_y)} λ_i) — valid for any data (Eckart–Young on the projection of Y). */
export function lossStarOf(data: DataAnalysis): EigenSum {
  const half = Rational.of(1, 2);
  const t = data.topSum;
  if (t.exact) return { exact: true, value: data.trYYt.sub(t.value).mul(half) };
  return { exact: false, lower: data.trYYt.sub(t.upper).mul(half), upper: data.trYYt.sub(t.lower).mul(half) };
}
