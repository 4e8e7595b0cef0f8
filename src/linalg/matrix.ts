import { Exact, type Field } from './field.js';
import type { Rational } from './rational.js';
import { innerRational, mulRational } from './rational-matrix.js';

/** A dense rows×cols matrix, row-major. Immutable by convention: operations return new matrices. */
export interface Matrix<T> {
  readonly rows: number;
  readonly cols: number;
  readonly data: readonly T[];
}

export function matrix<T>(rows: number, cols: number, data: readonly T[]): Matrix<T> {
  if (data.length !== rows * cols) throw new RangeError(`matrix ${rows}×${cols} needs ${rows * cols} entries, got ${data.length}`);
  return { rows, cols, data };
}

export function fromRows<T>(rows: readonly (readonly T[])[], cols = rows[0]?.length ?? 0): Matrix<T> {
  const data: T[] = [];
  rows.forEach((r, i) => {
    if (r.length !== cols) throw new RangeError(`row ${i + 1} has ${r.length} entries, expected ${cols}`);
    data.push(...r);
  });
  return { rows: rows.length, cols, data };
}

export function toRows<T>(A: Matrix<T>): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < A.rows; i++) out.push(A.data.slice(i * A.cols, (i + 1) * A.cols));
  return out;
}

export function build<T>(rows: number, cols: number, f: (i: number, j: number) => T): Matrix<T> {
  const data: T[] = new Array(rows * cols);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) data[i * cols + j] = f(i, j);
  return { rows, cols, data };
}

export const get = <T>(A: Matrix<T>, i: number, j: number): T => A.data[i * A.cols + j]!;

export function zeros<T>(F: Field<T>, rows: number, cols: number): Matrix<T> {
  return { rows, cols, data: new Array<T>(rows * cols).fill(F.zero) };
}

export function identity<T>(F: Field<T>, n: number): Matrix<T> {
  return build(n, n, (i, j) => (i === j ? F.one : F.zero));
}

export function map<T, U>(A: Matrix<T>, f: (x: T, i: number, j: number) => U): Matrix<U> {
  return build(A.rows, A.cols, (i, j) => f(get(A, i, j), i, j));
}

/** Converts between number types (e.g. exact → float). */
export function convert<T, U>(A: Matrix<T>, f: (x: T) => U): Matrix<U> {
  return { rows: A.rows, cols: A.cols, data: A.data.map(f) };
}

function sameShape<T>(A: Matrix<T>, B: Matrix<T>, op: string): void {
  if (A.rows !== B.rows || A.cols !== B.cols)
    throw new RangeError(`${op}: shapes ${A.rows}×${A.cols} and ${B.rows}×${B.cols} differ`);
}

export function add<T>(F: Field<T>, A: Matrix<T>, B: Matrix<T>): Matrix<T> {
  sameShape(A, B, 'add');
  return { rows: A.rows, cols: A.cols, data: A.data.map((a, k) => F.add(a, B.data[k]!)) };
}

export function sub<T>(F: Field<T>, A: Matrix<T>, B: Matrix<T>): Matrix<T> {
  sameShape(A, B, 'sub');
  return { rows: A.rows, cols: A.cols, data: A.data.map((a, k) => F.sub(a, B.data[k]!)) };
}

export function scale<T>(F: Field<T>, c: T, A: Matrix<T>): Matrix<T> {
  return { rows: A.rows, cols: A.cols, data: A.data.map((a) => F.mul(c, a)) };
}

export function neg<T>(F: Field<T>, A: Matrix<T>): Matrix<T> {
  return { rows: A.rows, cols: A.cols, data: A.data.map((a) => F.neg(a)) };
}

export function transpose<T>(A: Matrix<T>): Matrix<T> {
  return build(A.cols, A.rows, (i, j) => get(A, j, i));
}

export function mul<T>(F: Field<T>, A: Matrix<T>, B: Matrix<T>): Matrix<T> {
  if (A.cols !== B.rows) throw new RangeError(`product: ${A.rows}×${A.cols} times ${B.rows}×${B.cols}`);
  if (F === (Exact as unknown as Field<T>)) return mulRational(A as Matrix<Rational>, B as Matrix<Rational>) as Matrix<T>;
  const n = A.rows, m = B.cols, p = A.cols;
  const out: T[] = new Array(n * m).fill(F.zero);
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < p; k++) {
      const a = A.data[i * p + k]!;
      if (F.isZero(a) && F.kind !== 'float') continue;
      for (let j = 0; j < m; j++) {
        const b = B.data[k * m + j]!;
        out[i * m + j] = F.add(out[i * m + j]!, F.mul(a, b));
      }
    }
  }
  return { rows: n, cols: m, data: out };
}

/** Product of a list, left to right; `size` gives the identity's size for an empty list. */
export function mulAll<T>(F: Field<T>, factors: readonly Matrix<T>[], size?: number): Matrix<T> {
  if (factors.length === 0) {
    if (size === undefined) throw new RangeError('empty product needs a size');
    return identity(F, size);
  }
  return factors.reduce((acc, M) => mul(F, acc, M));
}

export function kron<T>(F: Field<T>, A: Matrix<T>, B: Matrix<T>): Matrix<T> {
  return build(A.rows * B.rows, A.cols * B.cols, (i, j) =>
    F.mul(get(A, Math.floor(i / B.rows), Math.floor(j / B.cols)), get(B, i % B.rows, j % B.cols)),
  );
}

/** vec: columns stacked into one column (the paper's convention). */
export function vec<T>(A: Matrix<T>): Matrix<T> {
  return { rows: A.rows * A.cols, cols: 1, data: transpose(A).data };
}

/** Row-major flattening, as a column: vec(Aᵀ). */
export function vecRows<T>(A: Matrix<T>): Matrix<T> {
  return { rows: A.rows * A.cols, cols: 1, data: A.data };
}

/** Inverse of vec: a column of length rows·cols back to rows×cols. */
export function unvec<T>(v: Matrix<T> | readonly T[], rows: number, cols: number): Matrix<T> {
  const data = 'data' in v ? v.data : v;
  if (data.length !== rows * cols) throw new RangeError(`unvec: ${data.length} entries into ${rows}×${cols}`);
  return transpose({ rows: cols, cols: rows, data });
}

export function trace<T>(F: Field<T>, A: Matrix<T>): T {
  if (A.rows !== A.cols) throw new RangeError(`trace of a non-square ${A.rows}×${A.cols} matrix`);
  let s = F.zero;
  for (let i = 0; i < A.rows; i++) s = F.add(s, get(A, i, i));
  return s;
}

/** ⟨A, B⟩_F = Σ A_ij B_ij. */
export function inner<T>(F: Field<T>, A: Matrix<T>, B: Matrix<T>): T {
  sameShape(A, B, 'inner product');
  if (F === (Exact as unknown as Field<T>)) return innerRational(A.data as readonly Rational[], B.data as readonly Rational[]) as T;
  let s = F.zero;
  for (let k = 0; k < A.data.length; k++) s = F.add(s, F.mul(A.data[k]!, B.data[k]!));
  return s;
}

/** Squared Frobenius norm ‖A‖²_F. */
export const fro2 = <T>(F: Field<T>, A: Matrix<T>): T => inner(F, A, A);

export function equals<T>(F: Field<T>, A: Matrix<T>, B: Matrix<T>): boolean {
  return A.rows === B.rows && A.cols === B.cols && A.data.every((a, k) => F.eq(a, B.data[k]!));
}

export function isZeroMatrix<T>(F: Field<T>, A: Matrix<T>): boolean {
  return A.data.every((a) => F.isZero(a));
}

export function isSymmetric<T>(F: Field<T>, A: Matrix<T>): boolean {
  if (A.rows !== A.cols) return false;
  for (let i = 0; i < A.rows; i++) for (let j = i + 1; j < A.cols; j++) if (!F.eq(get(A, i, j), get(A, j, i))) return false;
  return true;
}

export function hstack<T>(A: Matrix<T>, B: Matrix<T>): Matrix<T> {
  if (A.rows !== B.rows) throw new RangeError(`hstack: ${A.rows} and ${B.rows} rows`);
  return build(A.rows, A.cols + B.cols, (i, j) => (j < A.cols ? get(A, i, j) : get(B, i, j - A.cols)));
}

/** The submatrix of the given rows and columns (0-based index lists). */
export function pick<T>(A: Matrix<T>, rows: readonly number[], cols: readonly number[]): Matrix<T> {
  return build(rows.length, cols.length, (i, j) => get(A, rows[i]!, cols[j]!));
}

export const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i);

export function column<T>(A: Matrix<T>, j: number): Matrix<T> {
  return pick(A, range(A.rows), [j]);
}

/** xᵀ A y for column vectors given as arrays. */
export function bilinear<T>(F: Field<T>, x: readonly T[], A: Matrix<T>, y: readonly T[]): T {
  let s = F.zero;
  for (let i = 0; i < A.rows; i++) {
    if (F.kind !== 'float' && F.isZero(x[i]!)) continue;
    let row = F.zero;
    for (let j = 0; j < A.cols; j++) row = F.add(row, F.mul(get(A, i, j), y[j]!));
    s = F.add(s, F.mul(x[i]!, row));
  }
  return s;
}

export function maxAbs<T>(F: Field<T>, A: Matrix<T>): number {
  return A.data.reduce((m, a) => Math.max(m, Math.abs(F.toNumber(a))), 0);
}
