import { Exact, type Matrix, type Rational, mul, rank, transpose } from '../linalg/index.js';

/** The parts of the theorem's data hypothesis (A), docs/mathematics.md §2, with stable codes. */
export type HypothesisPart = 'xxt-full-rank' | 'xyt-full-rank' | 'dy-le-dx' | 'sigma-distinct-eigenvalues';

export interface HypothesisFailure {
  readonly part: HypothesisPart;
  readonly detail: string;
}

export interface Hypotheses {
  readonly holds: boolean;
  readonly failed: readonly HypothesisFailure[];
}

/**
 * Checks (A) exactly: X Xᵀ and X Yᵀ of full rank, d_y ≤ d_x, Σ with d_y distinct eigenvalues (`distinct`
 * is the exact count, from isolateSpectrum).
 */
export function checkHypotheses(X: Matrix<Rational>, Y: Matrix<Rational>, distinct: number): Hypotheses {
  const dx = X.rows, dy = Y.rows;
  const failed: HypothesisFailure[] = [];
  const rXX = rank(Exact, mul(Exact, X, transpose(X)));
  if (rXX < dx) failed.push({ part: 'xxt-full-rank', detail: `X Xᵀ has rank ${rXX} < d_x = ${dx}` });
  const rXY = rank(Exact, mul(Exact, X, transpose(Y)));
  if (rXY < Math.min(dx, dy)) failed.push({ part: 'xyt-full-rank', detail: `X Yᵀ has rank ${rXY} < min(d_x, d_y) = ${Math.min(dx, dy)}` });
  if (dy > dx) failed.push({ part: 'dy-le-dx', detail: `d_y = ${dy} > d_x = ${dx}` });
  if (distinct < dy) failed.push({ part: 'sigma-distinct-eigenvalues', detail: `Σ has ${distinct} distinct eigenvalues, not d_y = ${dy}` });
  return { holds: failed.length === 0, failed };
}

/** What cannot be claimed from the theorem when (A) fails (reported as "not applicable", never as proved). */
export const STATEMENTS_NEEDING_A = [
  'Theorem 2.3 (ii): every local minimum is global',
  'Theorem 2.3 (iii): every other critical point is a saddle',
  'Theorem 2.3 (iv): negative Hessian eigenvalue at saddles with rank(W_H⋯W_2) = p',
  'P_C = U_I U_Iᵀ with critical value ½(tr YYᵀ − Σ_{i∈I} λ_i)',
  'Lemma 4.4 / Corollary 4.5 / Lemma 4.6 conditions',
] as const;
