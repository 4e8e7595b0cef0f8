import { Exact, Rational, type Matrix, type SymmetricEigen, convert, mul, rank, symmetricEigen, transpose } from '../linalg/index.js';
import { seededRng } from '../linalg/random.js';
import { scaleBy } from './balance.js';
import { checkHypotheses, type Hypotheses } from './hypotheses.js';
import {
  isolateSpectrum, provesDistinctEigenvalues, scaleExponent, scaleSpectrum, scaleSum, sigmaMatrix, topEigenSum, topEigenSumNear,
  type EigenSum, type Spectrum,
} from './spectrum.js';

/** Everything about a network that does not depend on the point: widths, (A), Σ and its spectrum, L*. */
export interface DataAnalysis {
  /** How the point checks will use it: float mode avoids isolating Σ's eigenvalues where it can (below). */
  readonly mode: 'exact' | 'float';
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
  /** (A), decided exactly in both modes. */
  readonly hypotheses: Hypotheses;
  /** Y Xᵀ (X Xᵀ)⁺ X Yᵀ (the paper's Σ when X Xᵀ is invertible). */
  readonly sigma: Matrix<Rational>;
  /** Float eigenvalues of 2^{−sigmaExponent}·Σ (decreasing) and orthonormal eigenvectors, by Jacobi. */
  readonly sigmaEigen: SymmetricEigen;
  /** The power of two Σ was scaled by before its float eigenvalues were computed (0 unless Σ is far from 1). */
  readonly sigmaExponent: number;
  /** Σ's distinct eigenvalues isolated by exact counts: computed on first use (costly for large d_y). */
  readonly spectrum: Spectrum;
  /** Σ_{i ≤ r} λ_i, exact or enclosed by exact counts. */
  readonly topSum: EigenSum;
}

/**
 * Exact mode isolates Σ's spectrum up front (its verdicts use it). Float mode decides the rest without it when it
 * can, still exactly: "Σ has d_y distinct eigenvalues" by a Krylov rank modulo a prime (provesDistinctEigenvalues;
 * undecided only for repeated eigenvalues or an unlucky draw, then by isolation), and Σ_{i ≤ r} λ_i by exact
 * counts around the float eigenvalues on its shorter side (topEigenSumNear; none when r ≥ d_y: the trace). The
 * isolation then runs only if one of these fails or something else asks for it.
 */
export function analyzeData(X: Matrix<Rational>, Y: Matrix<Rational>, widths: readonly number[], mode: 'exact' | 'float' = 'exact'): DataAnalysis {
  const H = widths.length - 2;
  const p = Math.min(...widths.slice(1, -1));
  const dy = widths[widths.length - 1]!;
  const r = Math.min(p, dy);
  const sigma = sigmaMatrix(X, Y);
  // Floats see Σ scaled by 2^{−e} (finite at any size of the data); exact results are scaled back exactly.
  const e = scaleExponent(sigma);
  const sigmaScaled = scaleBy(sigma, -e);
  let scaledSpectrum: Spectrum | undefined, spectrum: Spectrum | undefined;
  const scaledSpectrumOf = () => (scaledSpectrum ??= isolateSpectrum(sigmaScaled));
  const spectrumOf = () => (spectrum ??= scaleSpectrum(scaledSpectrumOf(), e));
  if (mode === 'exact') spectrumOf();
  const distinct = mode === 'float' && provesDistinctEigenvalues(sigma, seededRng(0xd15c)) ? sigma.rows : spectrumOf().clusters.length;
  const sigmaEigen = symmetricEigen(convert(sigmaScaled, (q) => q.toNumber()));
  const near = mode === 'float' ? topEigenSumNear(sigmaScaled, sigmaEigen.values, r) : undefined;
  let topSum = near && scaleSum(near, e);
  return {
    mode,
    widths,
    H,
    p,
    r,
    X,
    Y,
    trYYt: Y.data.reduce((s, y) => s.add(y.mul(y)), Rational.ZERO), // tr YYᵀ = ‖Y‖²_F, without the product
    xxtInvertible: rank(Exact, mul(Exact, X, transpose(X))) === X.rows,
    hypotheses: checkHypotheses(X, Y, distinct),
    sigma,
    sigmaEigen,
    sigmaExponent: e,
    get spectrum() {
      return spectrumOf();
    },
    get topSum() {
      return (topSum ??= scaleSum(topEigenSum(sigmaScaled, scaledSpectrumOf(), r), e));
    },
  };
}

/** L* = ½(tr YYᵀ − Σ_{i ≤ min(p,d_y)} λ_i) — valid for any data (Eckart–Young on the projection of Y). */
export function lossStarOf(data: DataAnalysis): EigenSum {
  const half = Rational.of(1, 2);
  const t = data.topSum;
  if (t.exact) return { exact: true, value: data.trYYt.sub(t.value).mul(half) };
  return { exact: false, lower: data.trYYt.sub(t.upper).mul(half), upper: data.trYYt.sub(t.lower).mul(half) };
}
