import { Exact, Rational, type Matrix, build, mul } from '../linalg/index.js';
import { type Rng, randomInt } from '../linalg/random.js';

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
