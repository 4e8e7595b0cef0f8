import { Exact, Rational, type InertiaResult, type Matrix, inertia, modularField } from '../linalg/index.js';
import { randomInt, type Rng } from '../linalg/random.js';
import { parameterOffsets } from './params.js';

/**
 * The exact inertia of the Hessian at a critical point, with the rescaling symmetry factored out first.
 *
 * For every hidden layer k and E ∈ R^{d_k×d_k}, W_k → (I + sE)W_k, W_{k+1} → W_{k+1}(I + sE)⁻¹ keeps the product,
 * so it maps critical points to critical points; the derivative of the gradient along it is H·D = 0 for its
 * tangent D (D_k = E W_k, D_{k+1} = −W_{k+1}E, zero elsewhere). With T the n×t matrix of t independent tangents
 * and P a set of t parameters with T_P invertible, S = [E_{P^c} T] is invertible and SᵀHS = diag(H[P^c, P^c], 0):
 * by Sylvester's law the inertia of H is that of its principal submatrix on the other parameters plus t zeros.
 * At a point whose layers have full rank that removes Σ d_k² of the n parameters from the O(n³) elimination.
 *
 * T_P is chosen by elimination modulo a prime below 2²⁶; its pivots being non-zero mod p proves T_P invertible over
 * ℚ (a determinant ≢ 0 mod p is ≠ 0). HT = 0 is the theorem above; the code that builds T is checked exactly on a
 * random integer combination of the tangents (H·Tr = 0), and a failure throws (it would be a bug).
 */
export function reducedInertia(Hm: Matrix<Rational>, W: readonly Matrix<Rational>[], rng: Rng): InertiaResult<Rational> {
  const n = Hm.rows;
  const tangents = symmetryTangents(W);
  const kept = independent(tangents, n);
  if (kept.length === 0) return inertia(Exact, Hm);
  // H·(Σ r_i T_i) = 0 exactly for random integers r_i
  const v: Rational[] = new Array(n).fill(Rational.ZERO);
  for (const { tangent } of kept) {
    const r = Rational.fromInt(randomInt(rng, 1, 1 << 20) * (rng() < 0.5 ? -1 : 1));
    for (const [i, x] of tangent) v[i] = v[i]!.add(r.mul(x));
  }
  for (let i = 0; i < n; i++) {
    let s = Rational.ZERO;
    for (let j = 0; j < n; j++) if (!v[j]!.isZero()) s = s.add(Hm.data[i * n + j]!.mul(v[j]!));
    if (!s.isZero()) throw new Error('the rescaling tangents are not in the Hessian’s null space (at a critical point they must be)');
  }
  const pivots = new Set(kept.map((k) => k.pivot));
  const rest = Array.from({ length: n }, (_, i) => i).filter((i) => !pivots.has(i));
  const m = rest.length;
  const sub = { rows: m, cols: m, data: rest.flatMap((i) => rest.map((j) => Hm.data[i * n + j]!)) };
  const r = inertia(Exact, sub);
  // A direction on the other parameters, zero on P, has the same quadratic form in H.
  const lift = (x: readonly Rational[] | undefined) => {
    if (!x) return undefined;
    const out: Rational[] = new Array(n).fill(Rational.ZERO);
    rest.forEach((i, k) => (out[i] = x[k]!));
    return out;
  };
  const neg = lift(r.negativeDirection), pos = lift(r.positiveDirection);
  return {
    inertia: { positive: r.inertia.positive, negative: r.inertia.negative, zero: r.inertia.zero + kept.length },
    ...(neg ? { negativeDirection: neg } : {}),
    ...(pos ? { positiveDirection: pos } : {}),
  };
}

type Sparse = [number, Rational][];

/** The tangents D(k, a, b) of the rescaling symmetry (E = E_ab at hidden layer k), as sparse vectors in the parameter order. */
function symmetryTangents(W: readonly Matrix<Rational>[]): Sparse[] {
  const widths = [W[0]!.cols, ...W.map((M) => M.rows)];
  const off = parameterOffsets(widths);
  const out: Sparse[] = [];
  for (let k = 1; k < W.length; k++) {
    const Wk = W[k - 1]!, Wn = W[k]!; // W_k (d_k × d_{k−1}) and W_{k+1} (d_{k+1} × d_k)
    const dk = Wk.rows, dk1 = Wk.cols;
    for (let a = 0; a < dk; a++)
      for (let b = 0; b < dk; b++) {
        const t: Sparse = [];
        // (E_ab W_k): row a takes row b of W_k
        for (let j = 0; j < dk1; j++) {
          const x = Wk.data[b * dk1 + j]!;
          if (!x.isZero()) t.push([off[k - 1]! + a * dk1 + j, x]);
        }
        // (−W_{k+1} E_ab): column b takes −column a of W_{k+1}
        for (let i = 0; i < Wn.rows; i++) {
          const x = Wn.data[i * dk + a]!;
          if (!x.isZero()) t.push([off[k]! + i * dk + b, x.neg()]);
        }
        if (t.length) out.push(t);
      }
  }
  return out;
}

const F = modularField(67_108_859);

/**
 * Independent tangents and one pivot parameter each, by elimination modulo a prime (row echelon form): the kept
 * tangents restricted to their pivots form a triangular matrix with non-zero diagonal mod p, hence invertible over ℚ.
 * A denominator divisible by the prime drops that tangent (fewer kept is still valid).
 */
function independent(tangents: Sparse[], n: number): { tangent: Sparse; pivot: number }[] {
  const kept: { tangent: Sparse; pivot: number }[] = [];
  const basis: { pivot: number; row: Float64Array }[] = [];
  for (const t of tangents) {
    const row = new Float64Array(n);
    let ok = true;
    for (const [i, x] of t) {
      const d = F.fromRational(Rational.of(x.den));
      if (d === 0) ok = false;
      else row[i] = F.div(F.fromRational(Rational.of(x.num)), d);
    }
    if (!ok) continue;
    for (const b of basis) {
      const f = row[b.pivot]!;
      if (f === 0) continue;
      for (let j = 0; j < n; j++) if (b.row[j] !== 0) row[j] = F.sub(row[j]!, F.mul(f, b.row[j]!));
    }
    const pivot = row.findIndex((x) => x !== 0);
    if (pivot < 0) continue;
    const inv = F.div(1, row[pivot]!);
    for (let j = 0; j < n; j++) if (row[j] !== 0) row[j] = F.mul(row[j]!, inv);
    // keep the echelon form reduced at the new pivot, so each basis row has zeros at the other pivots
    for (const b of basis) {
      const f = b.row[pivot]!;
      if (f !== 0) for (let j = 0; j < n; j++) if (row[j] !== 0) b.row[j] = F.sub(b.row[j]!, F.mul(f, row[j]!));
    }
    basis.push({ pivot, row });
    kept.push({ tangent: t, pivot });
  }
  return kept;
}

