import { type Matrix, build, get } from '../linalg/index.js';
import { Poly, PolySum } from './poly.js';

/** Matrices with polynomial entries, in the linalg `Matrix` shape; products accumulate each entry in one table. */
export type PolyMatrix = Matrix<Poly>;

export function polyIdentity(n: number): PolyMatrix {
  return build(n, n, (i, j) => (i === j ? Poly.ONE : Poly.ZERO));
}

export function polyMul(A: PolyMatrix, B: PolyMatrix): PolyMatrix {
  if (A.cols !== B.rows) throw new RangeError(`product: ${A.rows}×${A.cols} times ${B.rows}×${B.cols}`);
  return build(A.rows, B.cols, (i, j) => {
    const s = new PolySum();
    for (let l = 0; l < A.cols; l++) s.addProduct(get(A, i, l), get(B, l, j));
    return s.result();
  });
}

export function polySub(A: PolyMatrix, B: PolyMatrix): PolyMatrix {
  if (A.rows !== B.rows || A.cols !== B.cols) throw new RangeError(`difference: ${A.rows}×${A.cols} and ${B.rows}×${B.cols}`);
  return build(A.rows, A.cols, (i, j) => get(A, i, j).sub(get(B, i, j)));
}
