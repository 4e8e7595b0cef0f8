import { type Inertia, type Matrix, type Rational, symmetricEigenvalues } from '../linalg/index.js';
import { exponentOf, scaleBy } from './balance.js';
import { displayScaled } from './display-number.js';
import type { Num } from './report.js';

/**
 * The extreme eigenvalues of an exact Hessian, for display only (the inertia is exact): the matrix is scaled by
 * a power of two so its largest entry is about 1 before converting to float64 — finite at any size of the
 * entries — and the values are scaled back as numbers or, beyond float64's range, decimal strings. Clamped to
 * agree with the exact inertia (λ_min is 0 when the Hessian is PSD and singular). Should the float solver fail,
 * Gershgorin's discs bound both.
 */
export function hessianExtremes(Hm: Matrix<Rational>, inertia: Inertia, negativeBound?: Num): { minEigenvalue: Num; maxEigenvalue: Num } {
  const n = Hm.rows;
  // Usually the entries convert as they are; only far from 1 is the matrix scaled first (exactly, by 2^−e).
  let data = Float64Array.from(Hm.data, (q) => q.toNumber());
  let top = 0;
  for (const x of data) top = Math.max(top, Math.abs(x));
  const e = Number.isFinite(top) && (top === 0 || (top < 2 ** 500 && top > 2 ** -500)) ? 0 : exponentOf(Hm) ?? 0;
  if (e !== 0) data = Float64Array.from(scaleBy(Hm, -e).data, (q) => q.toNumber());
  data = data.map(flushTiny);
  let lo: number, hi: number;
  try {
    const ev = symmetricEigenvalues({ n, data });
    [lo, hi] = [ev[n - 1] ?? 0, ev[0] ?? 0];
  } catch {
    [lo, hi] = gershgorin(data, n);
  }
  const [min, max] = clampToInertia(lo, hi, inertia);
  // A negative eigenvalue below float resolution: show the certificate's exact bound λ_min ≤ vᵀ∇²L v / vᵀv instead of 0.
  const minEigenvalue = min === 0 && inertia.negative > 0 && negativeBound !== undefined ? negativeBound : displayScaled(min, e);
  return { minEigenvalue, maxEigenvalue: displayScaled(max, e) };
}

/** Float extremes made consistent with an inertia (e.g. λ_min is 0 when the Hessian is PSD and singular). */
export function clampToInertia(lo: number, hi: number, { positive, negative, zero }: Inertia): [number, number] {
  return [
    negative > 0 ? Math.min(lo, 0) : zero > 0 ? 0 : Math.max(lo, 0),
    positive > 0 ? Math.max(hi, 0) : zero > 0 ? 0 : Math.min(hi, 0),
  ];
}

/**
 * Entries below 2⁻⁹⁰⁰ of a matrix scaled to about 1 cannot move its extreme eigenvalues, and subnormal numbers stall
 * the QL iteration's convergence test: they are set to 0.
 */
export const flushTiny = (x: number): number => (Math.abs(x) < 2 ** -900 ? 0 : x);

/** Bounds on the eigenvalues of a symmetric matrix: the union of Gershgorin's discs. */
export function gershgorin(a: Float64Array, n: number): [number, number] {
  let lo = Infinity, hi = -Infinity;
  for (let i = 0; i < n; i++) {
    let r = 0;
    for (let j = 0; j < n; j++) if (j !== i) r += Math.abs(a[i * n + j]!);
    lo = Math.min(lo, a[i * n + i]! - r);
    hi = Math.max(hi, a[i * n + i]! + r);
  }
  return n ? [lo, hi] : [0, 0];
}
