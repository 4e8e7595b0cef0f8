import { Exact, type Field } from './field.js';
import { integerRank } from './integer-rank.js';
import type { Rational } from './rational.js';
import { type Matrix, build, get, hstack, identity, pick, range, transpose, mul } from './matrix.js';

export interface RowEchelon<T> {
  /** Reduced row echelon form. */
  readonly R: Matrix<T>;
  /** Pivot column of each non-zero row, increasing. */
  readonly pivots: readonly number[];
  /** Determinant of the square part eliminated (product of pivots with row-swap signs), for square inputs. */
  readonly det: T;
}

/**
 * Gauss–Jordan elimination to reduced row echelon form. Pivot choice follows the field: smallest bit size
 * over the rationals (keeps numbers short), largest magnitude over floats (partial pivoting).
 */
export function rref<T>(F: Field<T>, A: Matrix<T>): RowEchelon<T> {
  const m = A.rows, n = A.cols;
  const a: T[][] = [];
  for (let i = 0; i < m; i++) a.push(A.data.slice(i * n, (i + 1) * n));
  const pivots: number[] = [];
  let det = F.one;
  let r = 0;
  for (let c = 0; c < n && r < m; c++) {
    let best = -1, bestCost = Infinity;
    for (let i = r; i < m; i++) {
      const v = a[i]![c]!;
      if (F.isZero(v)) continue;
      const cost = F.pivotCost(v);
      if (cost < bestCost) (best = i), (bestCost = cost);
    }
    if (best < 0) {
      det = F.zero;
      continue;
    }
    if (best !== r) {
      [a[best], a[r]] = [a[r]!, a[best]!];
      det = F.neg(det);
    }
    const row = a[r]!;
    const p = row[c]!;
    det = F.mul(det, p);
    for (let j = c; j < n; j++) row[j] = F.div(row[j]!, p);
    row[c] = F.one;
    for (let i = 0; i < m; i++) {
      if (i === r) continue;
      const f = a[i]![c]!;
      if (F.isZero(f)) {
        a[i]![c] = F.zero;
        continue;
      }
      const target = a[i]!;
      for (let j = c; j < n; j++) target[j] = F.sub(target[j]!, F.mul(f, row[j]!));
      target[c] = F.zero;
    }
    pivots.push(c);
    r++;
  }
  if (m !== n || r < n) det = F.zero;
  return { R: build(m, n, (i, j) => a[i]![j]!), pivots, det };
}

/** Over the rationals by fraction-free elimination (integer-rank.ts); otherwise the pivots of rref. */
export const rank = <T>(F: Field<T>, A: Matrix<T>): number =>
  (F as unknown) === Exact ? integerRank(A as unknown as Matrix<Rational>) : rref(F, A).pivots.length;

export const det = <T>(F: Field<T>, A: Matrix<T>): T => {
  if (A.rows !== A.cols) throw new RangeError(`determinant of a non-square ${A.rows}×${A.cols} matrix`);
  return rref(F, A).det;
};

/** A basis of the null space {x : Ax = 0}, as the columns of an n×k matrix (k = n − rank). */
export function nullspace<T>(F: Field<T>, A: Matrix<T>): Matrix<T> {
  const { R, pivots } = rref(F, A);
  const free = range(A.cols).filter((c) => !pivots.includes(c));
  return build(A.cols, free.length, (i, k) => {
    const f = free[k]!;
    if (i === f) return F.one;
    const row = pivots.indexOf(i);
    return row >= 0 ? F.neg(get(R, row, f)) : F.zero;
  });
}

/** A basis of the column space: the pivot columns of A. */
export function columnSpace<T>(F: Field<T>, A: Matrix<T>): Matrix<T> {
  return pick(A, range(A.rows), rref(F, A).pivots);
}

export function inverse<T>(F: Field<T>, A: Matrix<T>): Matrix<T> {
  if (A.rows !== A.cols) throw new RangeError(`inverse of a non-square ${A.rows}×${A.cols} matrix`);
  const n = A.rows;
  const { R, pivots } = rref(F, hstack(A, identity(F, n)));
  if (pivots.length < n || pivots[n - 1] !== n - 1) throw new RangeError('matrix is singular');
  return pick(R, range(n), range(n).map((j) => n + j));
}

/**
 * Moore–Penrose pseudo-inverse through a full-rank factorisation A = B·C (B: pivot columns of A, C: non-zero
 * rows of rref(A)): A⁺ = Cᵀ(CCᵀ)⁻¹(BᵀB)⁻¹Bᵀ. Exact over the rationals.
 */
export function pinv<T>(F: Field<T>, A: Matrix<T>): Matrix<T> {
  const { R, pivots } = rref(F, A);
  const r = pivots.length;
  if (r === 0) return build(A.cols, A.rows, () => F.zero);
  const B = pick(A, range(A.rows), pivots);
  const C = pick(R, range(r), range(A.cols));
  const Ct = transpose(C), Bt = transpose(B);
  const left = mul(F, Ct, inverse(F, mul(F, C, Ct)));
  const right = mul(F, inverse(F, mul(F, Bt, B)), Bt);
  return mul(F, left, right);
}
