import { Exact, Rational, type Matrix, build, mul, zeros } from '../linalg/index.js';
import { type Rng, randomInt, randomIntMatrix } from '../linalg/random.js';

/**
 * Matrices on which claims that are not polynomial identities (inverses, ranks, predicates) typically fail:
 * uniform ±10⁶ entries are never singular, low-rank or zero. A draw picks one kind at random for each matrix.
 */
const KINDS = ['zero', 'identity', 'low-rank', 'signs', 'small'] as const;
export type SpecialKind = (typeof KINDS)[number];

export function specialMatrix(rng: Rng, rows: number, cols: number, kind: SpecialKind = KINDS[randomInt(rng, 0, KINDS.length - 1)]!): Matrix<Rational> {
  switch (kind) {
    case 'zero':
      return zeros(Exact, rows, cols);
    case 'identity':
      // [I 0] or [I; 0] when not square
      return build(rows, cols, (i, j) => (i === j ? Rational.ONE : Rational.ZERO));
    case 'low-rank': {
      // rank r < min(rows, cols) (and r = 0 sometimes): every deficiency occurs over the trials
      const r = randomInt(rng, 0, Math.max(0, Math.min(rows, cols) - 1));
      if (r === 0) return zeros(Exact, rows, cols);
      return mul(Exact, randomIntMatrix(rng, rows, r, 2), randomIntMatrix(rng, r, cols, 2));
    }
    case 'signs':
      return randomIntMatrix(rng, rows, cols, 1);
    case 'small':
      return randomIntMatrix(rng, rows, cols, 3);
  }
}

/** A scalar drawn the same way: 0, 1, −1 or a small integer. */
export function specialScalar(rng: Rng): Rational {
  return Rational.fromInt(randomInt(rng, -2, 2));
}
