import { type Field, type Matrix, build, get } from '../../linalg/index.js';

/**
 * Input-to-output paths of a layered network: a path to output j is a tuple (i₀, i₁, …, i_H) of one unit per
 * layer below the output, so there are Ψ = d₀d₁⋯d_H paths per output (the paper's Ψ). Its weight product is
 * Π_{k=1}^{H+1} (W_k)_{i_k i_{k−1}} with i_{H+1} = j.
 */

/** Ψ = d₀d₁⋯d_H (a float: it can exceed 2⁵³ for wide deep networks; only compared with limits). */
export function pathCount(widths: readonly number[]): number {
  return widths.slice(0, -1).reduce((a, d) => a * d, 1);
}

/**
 * Path terms enumerated at most (Ψ · d_y · m, each a product of H+2 numbers): about a second of exact arithmetic.
 * Beyond it the expected output is computed layer by layer only.
 */
export const PATH_TERM_LIMIT = 200_000;

/** Ψ · d_y · m: the number of terms of the path formula for a network with m samples. */
export const pathTerms = (widths: readonly number[], samples: number): number =>
  pathCount(widths) * widths[widths.length - 1]! * samples;

/** Calls f with every path (i₀, …, i_H), 0-based, in lexicographic order; the array is reused between calls. */
export function forEachPath(widths: readonly number[], f: (path: readonly number[], index: number) => void): void {
  const H1 = widths.length - 1; // the path has H+1 entries i₀ … i_H
  const path = new Array<number>(H1).fill(0);
  const total = pathCount(widths);
  for (let index = 0; index < total; index++) {
    f(path, index);
    for (let k = H1 - 1; k >= 0; k--) {
      if (++path[k]! < widths[k]!) break;
      path[k] = 0;
    }
  }
}

/** Π_{k=1}^{H+1} (W_k)_{i_k i_{k−1}} for the path to output j. */
export function pathWeight<T>(F: Field<T>, W: readonly Matrix<T>[], path: readonly number[], j: number): T {
  let w = F.one;
  for (let k = 1; k <= W.length; k++) {
    const row = k === W.length ? j : path[k]!;
    w = F.mul(w, get(W[k - 1]!, row, path[k - 1]!));
    if (F.isZero(w) && F.kind === 'exact') return F.zero;
  }
  return w;
}

/**
 * The path formula Ŷ_{js} = q Σ_p X_{i₀s} · gate(s, j, p) · Π_k w, with the gate given per sample, output and path
 * (its index in forEachPath's order). The gate may be a 0/1 value, a probability (for an expectation), or anything
 * of the field.
 */
export function pathFormula<T>(
  F: Field<T>,
  X: Matrix<T>,
  W: readonly Matrix<T>[],
  q: T,
  gate: (s: number, j: number, path: readonly number[], index: number) => T,
): Matrix<T> {
  const widths = [X.rows, ...W.map((Wk) => Wk.rows)];
  const dy = widths[widths.length - 1]!;
  // Weight products do not depend on the sample: one pass per output, then every sample.
  return transposeBuild(X.cols, dy, (s, j) => {
    let acc = F.zero;
    forEachPath(widths, (path, index) => {
      const x = get(X, path[0]!, s);
      if (F.kind === 'exact' && F.isZero(x)) return;
      const g = gate(s, j, path, index);
      if (F.kind === 'exact' && F.isZero(g)) return;
      acc = F.add(acc, F.mul(F.mul(x, g), pathWeight(F, W, path, j)));
    });
    return F.mul(q, acc);
  });
}

/** A d_y × m matrix built sample by sample (the loop order of the path formula). */
function transposeBuild<T>(samples: number, dy: number, f: (s: number, j: number) => T): Matrix<T> {
  const cols: T[][] = Array.from({ length: samples }, (_, s) => Array.from({ length: dy }, (_, j) => f(s, j)));
  return build(dy, samples, (j, s) => cols[s]![j]!);
}
