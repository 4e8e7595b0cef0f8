import type { Matrix } from './matrix.js';
import { tridiagonalize } from './tridiagonal.js';

/**
 * Float symmetric eigenvalues in O(n³): Householder tridiagonalisation on a row-major Float64Array (all
 * inner loops contiguous; on two threads for large n unless `parallel: false`, tridiagonal.ts), then implicit QL
 * with Wilkinson shifts on the tridiagonal matrix.
 * Returned in decreasing order. The input's symmetry is assumed (its lower triangle is used).
 */
export function symmetricEigenvalues(
  A: Matrix<number> | { n: number; data: Float64Array },
  options: { readonly parallel?: boolean } = {},
): Float64Array {
  const n = 'n' in A ? A.n : A.rows;
  const { d, e } = tridiagonalize({ n, data: A.data }, options.parallel ?? true);
  tridiagonalQL(d, e, n);
  return d.sort().reverse();
}

/** Implicit QL with shifts on a symmetric tridiagonal matrix (d diagonal, e[1..] sub-diagonal). In place. */
function tridiagonalQL(d: Float64Array, e: Float64Array, n: number, z?: Float64Array): void {
  for (let i = 1; i < n; i++) e[i - 1] = e[i]!;
  if (n > 0) e[n - 1] = 0;
  // Deflate relative to the matrix's norm, not only to the neighbouring diagonal: in a cluster of (near) zero
  // eigenvalues, as at every critical point's rescaling null space, |d_m| + |d_{m+1}| is round-off sized itself and
  // the purely local test never fires (QL then "did not converge"). Error stays at eps·‖T‖, as with LAPACK.
  let norm = 0;
  for (let i = 0; i < n; i++) norm = Math.max(norm, Math.abs(d[i]!) + Math.abs(e[i]!));
  for (let l = 0; l < n; l++) {
    let iter = 0;
    for (;;) {
      let m = l;
      for (; m < n - 1; m++) {
        const dd = Math.abs(d[m]!) + Math.abs(d[m + 1]!);
        if (Math.abs(e[m]!) <= Number.EPSILON * Math.max(dd, norm)) break;
      }
      if (m === l) break;
      if (++iter > 60) throw new Error('tridiagonal QL did not converge');
      let g = (d[l + 1]! - d[l]!) / (2 * e[l]!);
      let r = Math.hypot(g, 1);
      g = d[m]! - d[l]! + e[l]! / (g + (g >= 0 ? r : -r));
      let s = 1, c = 1, pp = 0;
      let i = m - 1;
      for (; i >= l; i--) {
        let f = s * e[i]!;
        const b = c * e[i]!;
        r = Math.hypot(f, g);
        e[i + 1] = r;
        if (r === 0) {
          d[i + 1] = d[i + 1]! - pp;
          e[m] = 0;
          break;
        }
        s = f / r;
        c = g / r;
        g = d[i + 1]! - pp;
        r = (d[i]! - g) * s + 2 * c * b;
        pp = s * r;
        d[i + 1] = g + pp;
        g = c * r - b;
        if (z) {
          for (let k = 0; k < n; k++) {
            f = z[k * n + i + 1]!;
            z[k * n + i + 1] = s * z[k * n + i]! + c * f;
            z[k * n + i] = c * z[k * n + i]! - s * f;
          }
        }
      }
      if (r === 0 && i >= l) continue;
      d[l] = d[l]! - pp;
      e[l] = g;
      e[m] = 0;
    }
  }
}

export interface SymmetricEigen {
  /** Decreasing. */
  readonly values: number[];
  /** Orthonormal eigenvectors as columns, in the order of `values`. */
  readonly vectors: Matrix<number>;
}

/** Eigenvalues and eigenvectors by cyclic Jacobi: slow in n but very accurate; for small matrices such as Σ. */
export function symmetricEigen(A: Matrix<number>): SymmetricEigen {
  const n = A.rows;
  const a = Float64Array.from(A.data);
  const V = new Float64Array(n * n);
  for (let i = 0; i < n; i++) V[i * n + i] = 1;
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) off += a[i * n + j]! ** 2;
    if (off < 1e-300) break;
    for (let p = 0; p < n; p++)
      for (let q = p + 1; q < n; q++) {
        const apq = a[p * n + q]!;
        if (apq === 0) continue;
        const theta = (a[q * n + q]! - a[p * n + p]!) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1), s = t * c;
        for (let k = 0; k < n; k++) {
          const akp = a[k * n + p]!, akq = a[k * n + q]!;
          a[k * n + p] = c * akp - s * akq;
          a[k * n + q] = s * akp + c * akq;
        }
        for (let k = 0; k < n; k++) {
          const apk = a[p * n + k]!, aqk = a[q * n + k]!;
          a[p * n + k] = c * apk - s * aqk;
          a[q * n + k] = s * apk + c * aqk;
        }
        for (let k = 0; k < n; k++) {
          const vkp = V[k * n + p]!, vkq = V[k * n + q]!;
          V[k * n + p] = c * vkp - s * vkq;
          V[k * n + q] = s * vkp + c * vkq;
        }
      }
  }
  const order = Array.from({ length: n }, (_, i) => i).sort((i, j) => a[j * n + j]! - a[i * n + i]!);
  const values = order.map((i) => a[i * n + i]!);
  const data: number[] = [];
  for (let k = 0; k < n; k++) for (const i of order) data.push(V[k * n + i]!);
  return { values, vectors: { rows: n, cols: n, data } };
}
