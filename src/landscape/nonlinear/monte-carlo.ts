import { Exact, Rational, type Matrix, build, get, map, mul } from '../../linalg/index.js';
import { seededRng } from '../../linalg/random.js';
import { expectedOutputClosedForm } from './expectation.js';
import type { NonlinearModel } from './model.js';
import { PATH_TERM_LIMIT, forEachPath, pathTerms, pathWeight } from './paths.js';

/**
 * Monte Carlo for E_Z[Ŷ]: draw every gate Z_{s,j,p} ~ Bernoulli(ρ) independently, evaluate the path formula, and
 * average N draws. The exact variance of one draw is q²ρ(1−ρ)·Σ_p a_p² (a_p = X_{i₀s}Π_k w: the gates are
 * independent), so the error of the mean has standard deviation σ/√N — it falls like 1/√N — and by Chebyshev's
 * inequality it exceeds kσ/√N with probability at most 1/k², for any N.
 */

/** Standard errors the verdict allows: P(|error| > 4σ/√N) ≤ 1/16 (Chebyshev), ≈ 6·10⁻⁵ for a normal error. */
export const BAND_K = 4;
export const MONTE_CARLO_LIMITS = {
  maxDraws: 1_000_000,
  /** Gate draws in all (N · Ψ · d_y · m): about two seconds. */
  maxGateDraws: 200_000_000,
} as const;

/** Why a Monte Carlo run is not possible for this network and N, or undefined. */
export function monteCarloProblem(widths: readonly number[], samples: number, draws: number): string | undefined {
  const terms = pathTerms(widths, samples);
  if (terms > PATH_TERM_LIMIT) return `${terms} path terms per draw exceed the enumeration limit of ${PATH_TERM_LIMIT}`;
  if (draws < 1 || draws > MONTE_CARLO_LIMITS.maxDraws) return `expected 1 to ${MONTE_CARLO_LIMITS.maxDraws} draws, got ${draws}`;
  if (draws * terms > MONTE_CARLO_LIMITS.maxGateDraws)
    return `${draws} draws × ${terms} gates exceed the limit of ${MONTE_CARLO_LIMITS.maxGateDraws} gate draws (use fewer draws)`;
  return undefined;
}

/**
 * Var(Ŷ_{js}) for one draw, exactly, layer by layer: Σ_p a_p² is the forward pass of the entrywise squares,
 * (W∘W)_{H+1}⋯(W∘W)_1 (X∘X), since the square of a path product is the product of the squares.
 */
export function outputVariance(model: NonlinearModel, X: Matrix<Rational>, W: readonly Matrix<Rational>[]): Matrix<Rational> {
  const sq = (M: Matrix<Rational>) => map(M, (x) => x.mul(x));
  const S = W.reduce((acc, Wk) => mul(Exact, sq(Wk), acc), sq(X));
  const factor = model.q.mul(model.q).mul(model.rho).mul(Rational.ONE.sub(model.rho));
  return map(S, (x) => factor.mul(x));
}

export interface MonteCarloCheckpoint {
  readonly draws: number;
  /** The running mean of Ŷ over the first `draws` draws (d_y × m, rows). */
  readonly estimate: number[][];
  /** max over entries of |estimate − exact| / (σ/√draws) (entries with σ = 0 must be exact). */
  readonly maxStandardError: number;
}

export interface MonteCarloReport {
  readonly draws: number;
  readonly seed: number;
  /** E_Z[Ŷ] exactly (qρ W_{H+1}⋯W_1X). */
  readonly exact: string[][];
  /** Var(Ŷ) of one draw, exactly, and σ as floats. */
  readonly variance: string[][];
  readonly sigma: number[][];
  /** Roughly logarithmically spaced N, the last one the full run. */
  readonly checkpoints: MonteCarloCheckpoint[];
  /** The band: BAND_K standard errors. */
  readonly band: number;
  /** Every entry of the final estimate within BAND_K·σ/√N of the exact value. */
  readonly withinBand: boolean;
  /** The entry with the largest σ (0-based row, column): the one a plot follows. */
  readonly entry: { readonly row: number; readonly col: number };
}

/** N = 1, 2, 5, 10, 20, 50, … up to and including `draws`. */
export function checkpointSizes(draws: number): number[] {
  const out: number[] = [];
  for (let decade = 1; decade <= draws; decade *= 10) for (const f of [1, 2, 5]) if (f * decade <= draws) out.push(f * decade);
  if (out[out.length - 1] !== draws) out.push(draws);
  return out;
}

/**
 * Runs N draws with seed `seed`. A gate is drawn as u < ρ for a uniform u with 32 random bits, so its probability is
 * ρ up to 2⁻³², negligible beside the standard error for N ≤ 10⁶.
 */
export function monteCarlo(model: NonlinearModel, X: Matrix<Rational>, W: readonly Matrix<Rational>[], draws: number, seed: number): MonteCarloReport {
  const widths = [X.rows, ...W.map((Wk) => Wk.rows)];
  const problem = monteCarloProblem(widths, X.cols, draws);
  if (problem) throw new RangeError(problem);
  const dy = widths[widths.length - 1]!, m = X.cols;
  // Path terms a_{s,j,p} = X_{i₀s} Π w, in float: one array per (j, s).
  const terms: Float64Array[] = [];
  for (let j = 0; j < dy; j++) {
    const w: number[] = [];
    const input: number[] = [];
    forEachPath(widths, (path) => {
      w.push(pathWeight(Exact, W, path, j).toNumber());
      input.push(path[0]!);
    });
    for (let s = 0; s < m; s++) terms.push(Float64Array.from(w, (x, p) => x * get(X, input[p]!, s).toNumber()));
  }
  const exact = expectedOutputClosedForm(model, X, W);
  const variance = outputVariance(model, X, W);
  const sigma = map(variance, (v) => Math.sqrt(v.toNumber()));
  const q = model.q.toNumber();
  const rho = model.rho.toNumber();
  const rng = seededRng(seed);
  const sums = new Float64Array(dy * m);
  const checkpoints: MonteCarloCheckpoint[] = [];
  const marks = checkpointSizes(draws);
  let next = 0;
  for (let n = 1; n <= draws; n++) {
    for (let idx = 0; idx < dy * m; idx++) {
      const t = terms[idx]!;
      let y = 0;
      for (let p = 0; p < t.length; p++) if (rng() < rho) y += t[p]!;
      sums[idx] = sums[idx]! + q * y;
    }
    if (n === marks[next]) {
      const estimate = build(dy, m, (j, s) => sums[j * m + s]! / n);
      let worst = 0;
      for (let j = 0; j < dy; j++)
        for (let s = 0; s < m; s++) {
          const err = Math.abs(get(estimate, j, s) - get(exact, j, s).toNumber());
          const se = get(sigma, j, s) / Math.sqrt(n);
          worst = Math.max(worst, se === 0 ? (err === 0 ? 0 : Infinity) : err / se);
        }
      checkpoints.push({ draws: n, estimate: rowsOf(estimate), maxStandardError: worst });
      next++;
    }
  }
  let entry = { row: 0, col: 0 };
  for (let j = 0; j < dy; j++) for (let s = 0; s < m; s++) if (get(sigma, j, s) > get(sigma, entry.row, entry.col)) entry = { row: j, col: s };
  return {
    draws,
    seed,
    exact: rowsOf(exact).map((r) => r.map(String)),
    variance: rowsOf(variance).map((r) => r.map(String)),
    sigma: rowsOf(sigma),
    checkpoints,
    band: BAND_K,
    withinBand: checkpoints[checkpoints.length - 1]!.maxStandardError <= BAND_K,
    entry,
  };
}

function rowsOf<T>(M: Matrix<T>): T[][] {
  return Array.from({ length: M.rows }, (_, i) => M.data.slice(i * M.cols, (i + 1) * M.cols));
}
