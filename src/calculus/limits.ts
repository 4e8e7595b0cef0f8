/**
 * Concrete widths the matrix form accepts: every derivation is checked by exact evaluation with those widths, and
 * the Kronecker blocks (d_k·d_{k−1} square for the Hessian) dominate the cost (widths [5,5,5] with --hessian: ≈ 9 s).
 */
export const MATRIX_FORM_LIMITS = {
  /** Entries d_k·d_{k−1} of one weight matrix. */
  maxLayerEntries: 100,
  /** The same with --hessian (Hessian blocks of at most this side). */
  maxLayerEntriesHessian: 16,
  /** Weight matrices H + 1 with --hessian (the off-diagonal blocks grow with their square). */
  maxLayersHessian: 8,
} as const;

/** Why concrete widths exceed MATRIX_FORM_LIMITS, if they do. */
export function matrixFormLimitProblem(widths: readonly number[], hessian: boolean): string | undefined {
  const L = MATRIX_FORM_LIMITS;
  const maxEntries = hessian ? L.maxLayerEntriesHessian : L.maxLayerEntries;
  for (let k = 1; k < widths.length; k++) {
    const n = widths[k]! * widths[k - 1]!;
    if (n > maxEntries)
      return `W_${k} has d_${k}·d_${k - 1} = ${n} entries; the matrix form${hessian ? ' with --hessian' : ''} checks weight matrices of at most ${maxEntries} entries (use --entries for the entrywise form)`;
  }
  if (hessian && widths.length - 1 > L.maxLayersHessian)
    return `${widths.length - 1} weight matrices; the matrix form with --hessian allows at most ${L.maxLayersHessian}`;
  return undefined;
}
