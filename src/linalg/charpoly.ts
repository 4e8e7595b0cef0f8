import type { Field } from './field.js';
import { type Matrix, get, identity, mul, scale, add } from './matrix.js';

/**
 * The characteristic polynomial, determinant and adjugate without division (Berkowitz's algorithm), so they are
 * exact over any commutative ring the evaluator uses: rationals, a prime field, dual numbers and jets at a
 * singular point (where elimination would have to pivot on an infinitesimal), and the degree semiring of the
 * Schwartz–Zippel bound (det is a polynomial of degree n in the entries). O(n⁴) ring operations.
 */

/** Coefficients c₀ = 1, c₁, …, c_n of det(xI − A) = Σ c_i x^{n−i}. */
export function charpoly<T>(F: Field<T>, A: Matrix<T>): T[] {
  if (A.rows !== A.cols) throw new RangeError(`characteristic polynomial of a non-square ${A.rows}×${A.cols} matrix`);
  let p: T[] = [F.one];
  for (let r = 0; r < A.rows; r++) {
    // A_{r+1} = [[A_r, c], [ρ, a]]: p_{r+1} = T p_r with T lower-triangular Toeplitz, first column
    // (1, −a, −ρc, −ρA_r c, …, −ρA_r^{r−1} c).
    const col: T[] = [F.one, F.neg(get(A, r, r))];
    let v: T[] = Array.from({ length: r }, (_, i) => get(A, i, r)); // A_r^j c, starting at j = 0
    for (let j = 0; j < r; j++) {
      let s = F.zero;
      for (let i = 0; i < r; i++) s = F.add(s, F.mul(get(A, r, i), v[i]!));
      col.push(F.neg(s));
      if (j + 1 < r) v = Array.from({ length: r }, (_, i) => v.reduce((acc, x, l) => F.add(acc, F.mul(get(A, i, l), x)), F.zero));
    }
    const next: T[] = [];
    for (let i = 0; i <= r + 1; i++) {
      let s = F.zero;
      for (let l = 0; l <= Math.min(i, r); l++) s = F.add(s, F.mul(col[i - l]!, p[l]!));
      next.push(s);
    }
    p = next;
  }
  return p;
}

/** det A = (−1)ⁿ c_n; the empty matrix has determinant 1. */
export function determinant<T>(F: Field<T>, A: Matrix<T>): T {
  const c = charpoly(F, A);
  const last = c[A.rows]!;
  return A.rows % 2 === 0 ? last : F.neg(last);
}

/**
 * adj A = (−1)^{n+1} (A^{n−1} + c₁A^{n−2} + ⋯ + c_{n−1} I) by Cayley–Hamilton (A·adj A = det A · I), Horner's
 * scheme. Defined for singular A too.
 */
export function adjugate<T>(F: Field<T>, A: Matrix<T>): Matrix<T> {
  const n = A.rows;
  if (n === 0) return A;
  const c = charpoly(F, A);
  const I = identity(F, n);
  let B = I;
  for (let i = 1; i < n; i++) B = add(F, mul(F, A, B), scale(F, c[i]!, I));
  return n % 2 === 1 ? B : scale(F, F.neg(F.one), B);
}
