import { Exact, Float, Rational, type Matrix, bilinear, convert, mul, nullspace, isZeroMatrix } from '../linalg/index.js';
import { lossAlongLine, lowestTerm, type LowestTerm } from './line.js';
import { unflattenWeights, widthsOf } from './params.js';
import { randomInt, type Rng } from '../linalg/random.js';

/** A straight line W + tV with its exact loss polynomial L(W + tV) − L(W) (t⁰ first). */
export interface LineCertificate {
  readonly V: Matrix<Rational>[];
  readonly polynomial: Rational[];
  readonly term: LowestTerm<Rational>;
}

/**
 * Strict saddle certificate: checks vᵀ∇²L v < 0 by the bilinear form and again through the line polynomial,
 * whose t¹ coefficient must vanish (critical point) and whose t² coefficient must be ½vᵀ∇²L v — a check that
 * does not share code with the Hessian formula. Throws if they disagree (that would be a bug).
 */
export function negativeCurvatureCertificate(
  X: Matrix<Rational>,
  Y: Matrix<Rational>,
  W: readonly Matrix<Rational>[],
  Hm: Matrix<Rational>,
  v: readonly Rational[],
): { V: Matrix<Rational>[]; curvature: Rational; polynomial: Rational[] } {
  const curvature = bilinear(Exact, v, Hm, v);
  const V = unflattenWeights(widthsOf(W), v);
  const polynomial = lossAlongLine(Exact, X, Y, W, V);
  const c1 = polynomial[1] ?? Rational.ZERO, c2 = polynomial[2] ?? Rational.ZERO;
  if (curvature.sign() >= 0 || !c1.isZero() || !c2.eq(curvature.div(Rational.fromInt(2))))
    throw new Error(`negative-curvature certificate failed to verify (vᵀHv = ${curvature}, line t¹ ${c1}, t² ${c2})`);
  return { V, curvature, polynomial };
}

/** How the search for a line went: the certificate, or how many lines were tried. */
export type LineSearch = { readonly found: LineCertificate; readonly tried: number } | { readonly found?: undefined; readonly tried: number };

/**
 * Looks for a straight line from W along which the loss falls (lowest non-zero term of odd order, or of
 * even order with a negative coefficient), among directions V in the Hessian's exact null space: each basis
 * vector, then random rational combinations (the zero point of a deep network needs combinations: single
 * coordinates leave the product zero). `want` selects decreasing (bad saddle) or increasing lines.
 */
export function searchLine(
  X: Matrix<Rational>,
  Y: Matrix<Rational>,
  W: readonly Matrix<Rational>[],
  directions: Matrix<Rational>,
  rng: Rng,
  want: 'decrease' | 'increase' = 'decrease',
  maxBasis = 32,
  randomCombinations = 48,
): LineSearch {
  const widths = widthsOf(W);
  const n = directions.rows, k = directions.cols;
  if (k === 0) return { tried: 0 };
  let tried = 0;
  const column = (j: number) => Array.from({ length: n }, (_, i) => directions.data[i * k + j]!);
  const attempt = (v: Rational[]): LineCertificate | undefined => {
    if (v.every((x) => x.isZero())) return undefined;
    tried++;
    const V = unflattenWeights(widths, v);
    const polynomial = lossAlongLine(Exact, X, Y, W, V);
    const term = lowestTerm(Exact, polynomial);
    const ok =
      want === 'decrease' ? term.decreasing : term.order !== undefined && term.order % 2 === 0 && term.coefficient!.sign() > 0;
    return ok ? { V, polynomial, term } : undefined;
  };
  for (let j = 0; j < Math.min(k, maxBasis); j++) {
    const found = attempt(column(j));
    if (found) return { found, tried };
  }
  for (let t = 0; t < randomCombinations; t++) {
    // alternate dense combinations with sparse ones (2–3 basis vectors)
    const sparse = t % 2 === 1 && k > 3;
    const picks = sparse ? new Set(Array.from({ length: randomInt(rng, 2, 3) }, () => randomInt(rng, 0, k - 1))) : undefined;
    const coeffs = Array.from({ length: k }, (_, j) => (picks && !picks.has(j) ? 0 : randomInt(rng, -2, 2)));
    const v: Rational[] = new Array(n).fill(Rational.ZERO);
    coeffs.forEach((c, j) => {
      if (c === 0) return;
      const cq = Rational.fromInt(c);
      for (let i = 0; i < n; i++) {
        const d = directions.data[i * k + j]!;
        if (!d.isZero()) v[i] = v[i]!.add(cq.mul(d));
      }
    });
    const found = attempt(v);
    if (found) return { found, tried };
  }
  if (want === 'decrease')
    for (const c of guidedCombinations(X, Y, W, directions, rng)) {
      const found = attempt(combine(directions, c));
      if (found) return { found, tried };
    }
  return { tried };
}

/** N c for integer coefficients c. */
function combine(N: Matrix<Rational>, c: readonly number[]): Rational[] {
  const n = N.rows, k = N.cols;
  return Array.from({ length: n }, (_, i) => {
    let acc = Rational.ZERO;
    for (let j = 0; j < k; j++) if (c[j] !== 0) acc = acc.add(Rational.fromInt(c[j]!).mul(N.data[i * k + j]!));
    return acc;
  });
}

/**
 * Where decreasing lines are rare (a thin cone where the lowest even coefficient of L(W + tNc) − L(W) is
 * negative, as at rank-deficient middles with H ≥ 3), random combinations miss them. This minimises that
 * coefficient, scaled to be homogeneous of degree 0 in c, in float arithmetic (random restarts, adaptive random
 * steps), and proposes the minimisers rounded to small integers; each proposal is then verified exactly.
 */
function* guidedCombinations(
  X: Matrix<Rational>,
  Y: Matrix<Rational>,
  W: readonly Matrix<Rational>[],
  N: Matrix<Rational>,
  rng: Rng,
  restarts = 6,
  steps = 160,
): Generator<number[]> {
  const widths = widthsOf(W);
  const f = (M: Matrix<Rational>) => convert(M, (q) => q.toNumber());
  const Xf = f(X), Yf = f(Y), Wf = W.map(f), Nf = f(N);
  const n = N.rows, k = N.cols;
  const gauss = () => Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());
  const poly = (c: readonly number[]) => {
    const v = Array.from({ length: n }, (_, i) => c.reduce((acc, cj, j) => acc + cj * Nf.data[i * k + j]!, 0));
    return lossAlongLine(Float, Xf, Yf, Wf, unflattenWeights(widths, v));
  };
  // The order to work on: the lowest one (≥ 3) that is non-zero at random directions.
  const probe = poly(Array.from({ length: k }, gauss));
  const scale = Math.max(...probe.map(Math.abs), 1e-300);
  const order = probe.findIndex((x, i) => i >= 3 && Math.abs(x) > 1e-9 * scale);
  if (order < 0 || order % 2 === 1) return; // odd orders are found by the random combinations
  const objective = (c: readonly number[]) => (poly(c)[order] ?? 0) / Math.hypot(...c) ** order;
  for (let r = 0; r < restarts; r++) {
    let c = Array.from({ length: k }, gauss);
    let best = objective(c);
    let step = 0.5;
    for (let s = 0; s < steps && best >= 0; s++) {
      const norm = Math.hypot(...c);
      const trial = c.map((x) => x + step * norm * gauss());
      const value = objective(trial);
      if (value < best) [c, best, step] = [trial, value, step * 1.5];
      else step = Math.max(step * 0.8, 1e-3);
    }
    if (best >= 0) continue;
    const top = Math.max(...c.map(Math.abs));
    for (const size of [4, 16, 64]) yield c.map((x) => Math.round((x / top) * size));
  }
}

/** A basis of the Hessian's null space (exact), checked: Hm · N = 0. */
export function hessianNullSpace(Hm: Matrix<Rational>): Matrix<Rational> {
  const N = nullspace(Exact, Hm);
  if (!isZeroMatrix(Exact, mul(Exact, Hm, N))) throw new Error('null space basis failed to verify');
  return N;
}

/**
 * A line along which the loss rises (lowest term even and positive), so the point is no local maximum: the
 * Hessian's positive direction when it has one (order 2), else the scaling line V = W, along which the product
 * becomes (1 + t)^{H+1}·M and the loss rises whenever M X ≠ 0 (⟨E, M X⟩ = 0 at a critical point), else a search
 * over coordinate directions and their combinations.
 */
export function risingLine(
  X: Matrix<Rational>,
  Y: Matrix<Rational>,
  W: readonly Matrix<Rational>[],
  positiveDirection: readonly Rational[] | undefined,
  n: number,
  rng: Rng,
): LineCertificate | undefined {
  const rises = (V: Matrix<Rational>[]): LineCertificate | undefined => {
    const polynomial = lossAlongLine(Exact, X, Y, W, V);
    const term = lowestTerm(Exact, polynomial);
    return term.order !== undefined && term.order % 2 === 0 && term.coefficient!.sign() > 0 ? { V, polynomial, term } : undefined;
  };
  if (positiveDirection) {
    const found = rises(unflattenWeights(widthsOf(W), positiveDirection));
    if (found) return found;
  }
  return rises(W.map((Wk) => Wk)) ?? searchLine(X, Y, W, identityColumns(n), rng, 'increase').found;
}

function identityColumns(n: number): Matrix<Rational> {
  return { rows: n, cols: n, data: Array.from({ length: n * n }, (_, k) => (k % (n + 1) === 0 ? Rational.ONE : Rational.ZERO)) };
}
