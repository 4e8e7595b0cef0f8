import { Exact, Rational, type Matrix, add, build, identity, mul, nullspace, scale, transpose, zeros } from '../linalg/index.js';
import * as M from '../linalg/matrix.js';
import { type Rng, randomInt } from '../linalg/random.js';
import { residual } from './derivatives.js';

/**
 * Moves between critical points that the critical-point families do not reach: Lemma 4.2's free term
 * (I − (CᵀC)⁻CᵀC)L′, at any layer. Changing one layer W_k by N with A_k N W_{k−1}⋯W_1 X = 0 leaves the residual E,
 * hence the loss, unchanged; every gradient A_jᵀ E Z_jᵀ is then affine in N (W_k occurs once in A_j or Z_j), and
 * at a critical point its constant part is zero. So the N that keep the point critical form the null space of a
 * linear map, computed exactly here: every point W + N it gives is an exact critical point with the same loss.
 */

const gcd = (a: bigint, b: bigint): bigint => (b === 0n ? a : gcd(b, a % b));
const lcm = (a: bigint, b: bigint): bigint => (a / gcd(a, b)) * b;

/** W_b⋯W_a (1-based, inclusive), the identity of size d_{a−1} when b < a. */
function span(W: readonly Matrix<Rational>[], b: number, a: number): Matrix<Rational> {
  let acc = identity(Exact, W[a - 1]?.cols ?? W[b - 1]!.rows);
  for (let i = a; i <= b; i++) acc = mul(Exact, W[i - 1]!, acc);
  return acc;
}

/**
 * Every condition on N has the form L N R = 0: the residual's change A_k N B_k X, and the change of each other
 * gradient — for j < k, (A_k N W_{k−1}⋯W_{j+1})ᵀ E Z_jᵀ, zero iff Z_j Eᵀ A_k N W_{k−1}⋯W_{j+1} is; for j > k,
 * A_jᵀ E (W_{j−1}⋯W_{k+1} N B_k X)ᵀ, zero iff W_{j−1}⋯W_{k+1} N B_k X Eᵀ A_j is.
 */
function conditions(X: Matrix<Rational>, W: readonly Matrix<Rational>[], E: Matrix<Rational>, k: number): { L: Matrix<Rational>; R: Matrix<Rational> }[] {
  const H1 = W.length;
  const Bx = mul(Exact, span(W, k - 1, 1), X);
  const Ak = span(W, H1, k + 1);
  const out = [{ L: Ak, R: Bx }];
  for (let j = 1; j <= H1; j++) {
    if (j < k) out.push({ L: mul(Exact, mul(Exact, mul(Exact, span(W, j - 1, 1), X), transpose(E)), Ak), R: span(W, k - 1, j + 1) });
    if (j > k) out.push({ L: span(W, j - 1, k + 1), R: mul(Exact, mul(Exact, Bx, transpose(E)), span(W, H1, j + 1)) });
  }
  return out;
}

/** A basis of the moves N of layer k (1-based) that keep the critical point W critical with the same loss. */
export function freeTermMoves(X: Matrix<Rational>, Y: Matrix<Rational>, W: readonly Matrix<Rational>[], k: number): Matrix<Rational>[] {
  const { rows, cols } = W[k - 1]!;
  const conds = conditions(X, W, residual(Exact, X, Y, W), k);
  // column (a, b) of the map: the conditions at N = e_a e_bᵀ, i.e. L[:, a] R[b, :] for each condition
  const height = conds.reduce((h, c) => h + c.L.rows * c.R.cols, 0);
  const map = build(height, rows * cols, (row, col) => {
    const [a, b] = [Math.floor(col / cols), col % cols];
    let r = row;
    for (const { L, R } of conds) {
      const size = L.rows * R.cols;
      if (r < size) return M.get(L, Math.floor(r / R.cols), a).mul(M.get(R, b, r % R.cols));
      r -= size;
    }
    return Rational.ZERO;
  });
  const basis = nullspace(Exact, map);
  const n = rows * cols;
  // each basis vector scaled to coprime integers, so that moved points keep small entries
  return Array.from({ length: basis.cols }, (_, c) => {
    const v = Array.from({ length: n }, (_, e) => basis.data[e * basis.cols + c]!);
    const den = v.reduce((l, q) => lcm(l, q.den), 1n);
    const num = v.reduce((g, q) => gcd(g, (q.num < 0n ? -q.num : q.num) * (den / q.den)), 0n) || 1n;
    return build(rows, cols, (i, j) => v[i * cols + j]!.mul(Rational.of(den, num)));
  });
}

/**
 * Moves W along random free terms of the given layers in turn (small integer combinations of each basis): the
 * result is again an exact critical point with the same loss, usually off the constructed families.
 */
export function moveAlongFreeTerms(rng: Rng, X: Matrix<Rational>, Y: Matrix<Rational>, W: readonly Matrix<Rational>[], layers: readonly number[]): Matrix<Rational>[] {
  const out = [...W];
  for (const k of layers) {
    const moves = freeTermMoves(X, Y, out, k);
    if (moves.length === 0) continue;
    const N = moves.reduce((acc, V) => add(Exact, acc, scale(Exact, Rational.fromInt(randomInt(rng, -1, 1)), V)), zeros(Exact, out[k - 1]!.rows, out[k - 1]!.cols));
    out[k - 1] = add(Exact, out[k - 1]!, N);
  }
  return out;
}
