import { Exact, Rational, type Matrix, columnSpace, equals, mul, pinv, rank, trace, transpose } from '../linalg/index.js';
import { lossStarOf, type DataAnalysis } from './data.js';
import { clusterCountsOn } from './spectrum.js';

/** The orthogonal projector onto range(A): A A⁺ (= A (AᵀA)⁺ Aᵀ), exact. */
export function rangeProjector(A: Matrix<Rational>): Matrix<Rational> {
  return mul(Exact, A, pinv(Exact, A));
}

export interface GlobalTest {
  readonly global: boolean;
  readonly reason: string;
}

/**
 * Exact test of L(W) = L*, valid for any data (no (A) needed, eigenvalues may be irrational or repeated): a
 * comparison when L* is rational, otherwise with R = range(M X), q = dim R ≤ min(p, d_y) = r and P the projector on R:
 *   L ≥ ½(tr YYᵀ − tr(PΣ)) ≥ ½(tr YYᵀ − Σ_{i≤q} λ_i) ≥ L*,
 * with equality throughout iff (a) L = ½(tr YYᵀ − tr(PΣ)); (b) PΣ = ΣP and Σ's eigenvalues on R are the top
 * q (Ky Fan equality), decided by exact eigenvalue counts on R between Σ's rational cut points; and
 * (c) q = r or Σ has at most q non-zero eigenvalues.
 */
export function globalMinimumTest(data: DataAnalysis, M: Matrix<Rational>, L: Rational): GlobalTest {
  // L* known exactly (its eigenvalues, or the others through the trace, are rational): one comparison decides.
  const star = lossStarOf(data);
  if (star.exact)
    return L.eq(star.value) ? { global: true, reason: `L = L* = ${star.value} (both exact)` } : { global: false, reason: `L = ${L} > L* = ${star.value} (both exact)` };
  const MX = mul(Exact, M, data.X);
  const P = rangeProjector(MX);
  const q = rank(Exact, MX);
  const half = Rational.of(1, 2);
  const bound = data.trYYt.sub(trace(Exact, mul(Exact, P, data.sigma))).mul(half);
  if (!L.eq(bound)) return { global: false, reason: `L > ½(tr YYᵀ − tr(PΣ)) = ${bound} for P the projector on range(W_{H+1}⋯W_1 X)` };
  if (!equals(Exact, mul(Exact, P, data.sigma), mul(Exact, data.sigma, P)))
    return { global: false, reason: 'range(W_{H+1}⋯W_1 X) is not an invariant subspace of Σ' };
  const counts = clusterCountsOn(data.sigma, columnSpace(Exact, P), data.spectrum);
  const clusters = data.spectrum.clusters;
  let last = counts.length - 1;
  while (last >= 0 && counts[last] === 0) last--;
  for (let i = 0; i < last; i++)
    if (counts[i] !== clusters[i]!.multiplicity)
      return { global: false, reason: `the product's range misses an eigenvector of Σ for λ ≈ ${clusters[i]!.approx.toPrecision(6)} while using smaller ones` };
  if (q < data.r && rank(Exact, data.sigma) > q)
    return { global: false, reason: `the product has rank ${q} < min(p, d_y) = ${data.r} while Σ has ${rank(Exact, data.sigma)} non-zero eigenvalues` };
  return { global: true, reason: `L = L*: the product's range is spanned by top eigenvectors of Σ (rank ${q}, decided exactly)` };
}

export interface IndexSetResult {
  /** P_C commutes with Σ (needed for P_C = U_I U_Iᵀ). */
  readonly commutes: boolean;
  /** I, 1-based; defined when P_C commutes and Σ's eigenvalues are simple. */
  readonly indexSet?: number[];
  /** ½(tr YYᵀ − tr(P_C Σ)), exact; equals ½(tr YYᵀ − Σ_{i∈I} λ_i) when I is defined. */
  readonly criticalValue: Rational;
  readonly projector: Matrix<Rational>;
}

/** The index set I with P_C = U_I U_Iᵀ, decided by exact eigenvalue counts of Σ on range(C). */
export function indexSetOf(data: DataAnalysis, C: Matrix<Rational>): IndexSetResult {
  const P = rangeProjector(C);
  const half = Rational.of(1, 2);
  const criticalValue = data.trYYt.sub(trace(Exact, mul(Exact, P, data.sigma))).mul(half);
  const commutes = equals(Exact, mul(Exact, P, data.sigma), mul(Exact, data.sigma, P));
  const simple = data.spectrum.clusters.every((c) => c.multiplicity === 1);
  if (!commutes || !simple) return { commutes, criticalValue, projector: P };
  const basis = columnSpace(Exact, C);
  const counts = clusterCountsOn(data.sigma, basis, data.spectrum);
  const indexSet = counts.flatMap((c, i) => (c === 1 ? [i + 1] : []));
  return { commutes, indexSet, criticalValue, projector: P };
}

/** Lemma 4.2 at a critical point: W_{H+1}⋯W_1 = P_C Y Xᵀ (X Xᵀ)⁻¹ (needs X Xᵀ invertible). */
export function lemma42Holds(data: DataAnalysis, M: Matrix<Rational>, P: Matrix<Rational>): boolean {
  const Xt = transpose(data.X);
  const target = mul(Exact, mul(Exact, mul(Exact, P, data.Y), Xt), pinv(Exact, mul(Exact, data.X, Xt)));
  return equals(Exact, M, target);
}
