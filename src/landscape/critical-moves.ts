import {
  Exact, Rational, type Matrix, add, build, identity, mul, nullspace, scale, transpose, vec, zeros,
} from '../linalg/index.js';
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

/** The linear parts, in N, of the residual's change and of every other layer's gradient (vectorised, stacked). */
function constraints(X: Matrix<Rational>, W: readonly Matrix<Rational>[], E: Matrix<Rational>, k: number, N: Matrix<Rational>): Rational[] {
  const L = W.length;
  const Bx = mul(Exact, span(W, k - 1, 1), X);
  const Ak = span(W, L, k + 1);
  const out: Rational[] = [...vec(mul(Exact, mul(Exact, Ak, N), Bx)).data];
  for (let j = 1; j <= L; j++) {
    if (j === k) continue;
    const Zj = mul(Exact, span(W, j - 1, 1), X);
    const Aj = span(W, L, j + 1);
    // j < k: W_k sits in A_j = A_k W_k W_{k−1}⋯W_{j+1}; j > k: in Z_j = W_{j−1}⋯W_{k+1} W_k W_{k−1}⋯W_1 X
    const g =
      j < k
        ? mul(Exact, mul(Exact, transpose(mul(Exact, mul(Exact, Ak, N), span(W, k - 1, j + 1))), E), transpose(Zj))
        : mul(Exact, mul(Exact, transpose(Aj), E), transpose(mul(Exact, mul(Exact, span(W, j - 1, k + 1), N), Bx)));
    out.push(...vec(g).data);
  }
  return out;
}

/** A basis of the moves N of layer k (1-based) that keep the critical point W critical with the same loss. */
export function freeTermMoves(X: Matrix<Rational>, Y: Matrix<Rational>, W: readonly Matrix<Rational>[], k: number): Matrix<Rational>[] {
  const { rows, cols } = W[k - 1]!;
  const E = residual(Exact, X, Y, W);
  const n = rows * cols;
  const columns = Array.from({ length: n }, (_, e) => constraints(X, W, E, k, build(rows, cols, (i, j) => (i * cols + j === e ? Rational.ONE : Rational.ZERO))));
  const map = build(columns[0]!.length, n, (i, e) => columns[e]![i]!);
  const basis = nullspace(Exact, map);
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
