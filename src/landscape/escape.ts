import { Exact, Rational, type Matrix } from '../linalg/index.js';
import type { Rng } from '../linalg/random.js';
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
 * needed). Every proposal is verified exactly; the order of the attempts only affects speed and size.
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
  const search = searchLine(X, Y, W, nullSpace(), rng, 'decrease');
  const tried = `no kernel chain; ${search.tried} null-space lines`;
  if (!search.found) return { tried };
  const { V, polynomial, term } = search.found;
  return { found: { curve: [V], polynomial, term, construction: 'null-space search' }, tried };
}
