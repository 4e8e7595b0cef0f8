import {
  Exact, Rational, type Matrix, add, build, hstack, identity, inverse, mul, sub, transpose, zeros,
} from '../linalg/index.js';
import { type Rng, randomInt, randomIntMatrix } from '../linalg/random.js';

/**
 * A random invertible integer matrix with an integer inverse (det = ±1): a unit lower-triangular times a
 * unit upper-triangular factor, rows permuted. Keeps generated critical points small and exact.
 */
export function randomUnimodular(rng: Rng, n: number): { G: Matrix<Rational>; Ginv: Matrix<Rational> } {
  const Lm = build(n, n, (i, j) => Rational.fromInt(i === j ? 1 : j < i ? randomInt(rng, -1, 1) : 0));
  const Um = build(n, n, (i, j) => Rational.fromInt(i === j ? 1 : j > i ? randomInt(rng, -1, 1) : 0));
  const perm = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = randomInt(rng, 0, i);
    [perm[i], perm[j]] = [perm[j]!, perm[i]!];
  }
  // G = Pπ · L · U; G⁻¹ = U⁻¹ L⁻¹ Pπᵀ, the triangular inverses by substitution (integers, unit diagonals).
  const LU = mul(Exact, Lm, Um);
  const G = build(n, n, (i, j) => LU.data[perm[i]! * n + j]!);
  const inv = mul(Exact, unitUpperInverse(Um), unitLowerInverse(Lm));
  // (Pπ A)_{ij} = A_{π(i) j}, so (A Pπᵀ)_{ij} = A_{i π(j)}.
  const Ginv = build(n, n, (i, j) => inv.data[i * n + perm[j]!]!);
  return { G, Ginv };
}

function unitLowerInverse(Lm: Matrix<Rational>): Matrix<Rational> {
  const n = Lm.rows;
  const inv: Rational[] = new Array(n * n).fill(Rational.ZERO);
  for (let j = 0; j < n; j++) {
    inv[j * n + j] = Rational.ONE;
    for (let i = j + 1; i < n; i++) {
      let s = Rational.ZERO;
      for (let k = j; k < i; k++) s = s.add(Lm.data[i * n + k]!.mul(inv[k * n + j]!));
      inv[i * n + j] = s.neg();
    }
  }
  return { rows: n, cols: n, data: inv };
}

function unitUpperInverse(Um: Matrix<Rational>): Matrix<Rational> {
  const n = Um.rows;
  const t = (M: Matrix<Rational>) => build(n, n, (i, j) => M.data[j * n + i]!);
  return t(unitLowerInverse(t(Um)));
}

/** A rational orthogonal matrix by the Cayley transform (I − S)(I + S)⁻¹ of a skew-symmetric S. */
export function rationalOrthogonal(rng: Rng, n: number): Matrix<Rational> {
  const upper = build(n, n, (i, j) => (j > i ? Rational.fromInt(randomInt(rng, -1, 1)) : Rational.ZERO));
  const S = sub(Exact, upper, transpose(upper));
  const I = identity(Exact, n);
  return mul(Exact, sub(Exact, I, S), inverse(Exact, add(Exact, I, S)));
}

/**
 * Data whose Σ has rational eigenvalues s_i² and rational eigenvectors (so every index set has an exact critical
 * point): X = [D 0]V, Y = Q S D⁻¹ X + R [0 I]V with V, Q rational orthogonal. Then YXᵀ = QSD, Σ = Q SSᵀ Qᵀ.
 * Needs d_x ≤ m. When d_y ≤ d_x the data satisfy (A).
 */
export function structuredData(rng: Rng, dx: number, dy: number, m: number): { X: Matrix<Rational>; Y: Matrix<Rational> } {
  const V = rationalOrthogonal(rng, m);
  const Q = rationalOrthogonal(rng, dy);
  const D = build(dx, dx, (i, j) => (i === j ? Rational.fromInt(randomInt(rng, 1, 3)) : Rational.ZERO));
  const n = Math.min(dx, dy);
  // s_i from 1…7 (small entries), or 1…n when more are needed, so that the s_i² stay distinct.
  const values = distinct(rng, n, 1, Math.max(7, n));
  const S = build(dy, dx, (i, j) => (i === j && i < values.length ? Rational.fromInt(values[i]!) : Rational.ZERO));
  const X = mul(Exact, hstack(D, zeros(Exact, dx, m - dx)), V);
  const Y0 = mul(Exact, mul(Exact, Q, S), inverse(Exact, D));
  const perp = mul(Exact, hstack(zeros(Exact, m - dx, dx), identity(Exact, m - dx)), V);
  const Y = add(Exact, mul(Exact, Y0, X), mul(Exact, randomIntMatrix(rng, dy, m - dx, 2), perp));
  return { X, Y };
}

/** n distinct integers from lo…hi. */
const distinct = (rng: Rng, n: number, lo: number, hi: number): number[] =>
  shuffled(rng, hi - lo + 1).slice(0, n).map((i) => lo + i);

/** 0…n−1 in random order (Fisher–Yates). */
export function shuffled(rng: Rng, n: number): number[] {
  const pool = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = randomInt(rng, 0, i);
    [pool[i], pool[j]] = [pool[j]!, pool[i]!];
  }
  return pool;
}
