import { Exact, Rational, type Matrix, scale } from '../linalg/index.js';
import { randomInt, type Rng } from '../linalg/random.js';
import { unflattenWeights } from './params.js';
import { searchLine } from './certificates.js';
import { lossAlongCurve, type Curve } from './curve.js';
import { kernelChain } from './kernel-chain.js';
import { lowestTerm, type LowestTerm } from './line.js';

/**
 * An exact certificate that a critical point is not a local minimum: a polynomial curve γ(t) = W + tV₁ + … with
 * L(γ(t)) − L(W) a polynomial whose lowest non-zero term is odd or negative. Degree 1 is a straight line.
 */
export interface Escape {
  readonly curve: Curve<Rational>;
  readonly polynomial: Rational[];
  readonly term: LowestTerm<Rational>;
  /** How it was built, for the report: `kernel chain through W_1, W_2, W_3`, `null-space search`, … */
  readonly construction: string;
}

export type EscapeSearch = { readonly found: Escape; readonly tried: string } | { readonly found?: undefined; readonly tried: string };

/** Verifies a proposed curve exactly: the certificate when the loss falls along it, else undefined. */
export function verifyEscape(
  X: Matrix<Rational>,
  Y: Matrix<Rational>,
  W: readonly Matrix<Rational>[],
  curve: Curve<Rational>,
  construction: string,
): Escape | undefined {
  const polynomial = lossAlongCurve(Exact, X, Y, W, curve);
  const term = lowestTerm(Exact, polynomial);
  return term.decreasing ? { curve, polynomial, term, construction } : undefined;
}

/**
 * Looks for an escape from a critical point whose Hessian is PSD: first the point's own structure (a kernel
 * chain, kernel-chain.ts), then straight lines in the Hessian's null space (`nullSpace` is computed only if
 * needed), then quadratic curves in it. Every proposal is verified exactly; the order of the attempts only
 * affects speed and size.
 */
export function findEscape(
  X: Matrix<Rational>,
  Y: Matrix<Rational>,
  W: readonly Matrix<Rational>[],
  nullSpace: () => Matrix<Rational>,
  rng: Rng,
): EscapeSearch {
  const chain = kernelChain(X, Y, W);
  if (chain) {
    const layers = chain.layers.map((k) => `W_${k}`).join(', ');
    const found = verifyEscape(X, Y, W, [chain.V], `kernel chain through ${layers}`);
    // The construction guarantees a term of order r (kernel-chain.ts); anything else is a bug.
    if (!found || found.term.order !== chain.order)
      throw new Error(`kernel chain through ${layers} failed to verify (expected a decrease at order ${chain.order})`);
    return { found, tried: 'a kernel chain' };
  }
  const N = nullSpace();
  const search = searchLine(X, Y, W, N, rng, 'decrease');
  if (search.found) {
    const { V, polynomial, term } = search.found;
    return { found: { curve: [V], polynomial, term, construction: 'null-space search' }, tried: 'lines' };
  }
  const curve = secondOrderCurve(X, Y, W, N, rng);
  const tried = `no kernel chain; ${search.tried} null-space lines; ${curve.tried} quadratic curves`;
  return curve.found ? { found: curve.found, tried } : { tried };
}

/**
 * Curves where no line works (Peano's surface): γ(t) = W + tA + t²B with A, B in the Hessian's null space N.
 * With ∇L = 0 and HA = HB = 0 the loss along γ is T₃(A,A,A)/6·t³ + (T₄(A⁴)/24 + ½T₃(A,A,B))·t⁴ + …, where T_k are
 * the higher derivatives: when the line along A has no t³ term, the t⁴ coefficient is affine in B, so any B
 * with T₃(A,A,B) ≠ 0, scaled, makes it negative — the perturbation B inside the null space bends the line
 * (Kawaguchi's Case II moves inside null spaces before descending). T₃(A,A,B_i) is read off the exact t⁴
 * coefficients; the curve is then verified as a whole.
 */
export function secondOrderCurve(
  X: Matrix<Rational>,
  Y: Matrix<Rational>,
  W: readonly Matrix<Rational>[],
  N: Matrix<Rational>,
  rng: Rng,
  candidates = 12,
  maxBasis = 32,
): EscapeSearch {
  const widths = [W[0]!.cols, ...W.map((M) => M.rows)];
  const k = N.cols;
  const basis = Array.from({ length: Math.min(k, maxBasis) }, (_, j) => unflattenWeights(widths, column(N, j)));
  let tried = 0;
  for (let c = 0; c < candidates && k > 0; c++) {
    // Sparse combinations: two or three basis directions, so that A can leave whole layers out.
    const picks = new Set(Array.from({ length: randomInt(rng, 2, 3) }, () => randomInt(rng, 0, k - 1)));
    const A = combination(N, widths, [...picks].map((j) => [j, randomInt(rng, 1, 2) * (rng() < 0.5 ? -1 : 1)] as const));
    const line = lossAlongCurve(Exact, X, Y, W, [A]);
    if (!(line[3] ?? Rational.ZERO).isZero()) continue; // a line along A already falls (odd order)
    const c4 = line[4] ?? Rational.ZERO;
    for (const B of basis) {
      tried++;
      const slope = (lossAlongCurve(Exact, X, Y, W, [A, B])[4] ?? Rational.ZERO).sub(c4);
      if (slope.isZero()) continue;
      // c4 + μ·slope = −1 at μ = −(c4 + 1)/slope
      const mu = c4.add(Rational.ONE).div(slope).neg();
      const found = verifyEscape(X, Y, W, [A, B.map((M) => scale(Exact, mu, M))], 'quadratic curve in the Hessian\'s null space');
      if (found) return { found, tried: String(tried) };
    }
  }
  return { tried: String(tried) };
}

function column(N: Matrix<Rational>, j: number): Rational[] {
  return Array.from({ length: N.rows }, (_, i) => N.data[i * N.cols + j]!);
}

function combination(N: Matrix<Rational>, widths: number[], terms: readonly (readonly [number, number])[]): Matrix<Rational>[] {
  const v = Array.from({ length: N.rows }, (_, i) =>
    terms.reduce((s, [j, c]) => s.add(N.data[i * N.cols + j]!.mul(Rational.fromInt(c))), Rational.ZERO),
  );
  return unflattenWeights(widths, v);
}
