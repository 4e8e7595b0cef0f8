import { Exact, Rational, type Matrix, build, mul, zeros } from '../linalg/index.js';
import { type Rng, randomInt, randomIntMatrix } from '../linalg/random.js';

/**
 * Matrices on which claims that are not polynomial identities (inverses, ranks, predicates) typically fail:
 * uniform ±10⁶ entries are never singular, low-rank or zero. A draw has a theme, so that several matrices are
 * special together (pinv(AB) = B⁺A⁺ fails only when both A and B are rank-deficient): all low-rank, all with
 * entries in {−1, 0, 1}, each zero, identity or low-rank, or each of any kind.
 */
const KINDS = ['zero', 'identity', 'low-rank', 'low-rank', 'signs', 'small'] as const;
type Kind = (typeof KINDS)[number];
const THEMES = ['low-rank', 'low-rank', 'mixed', 'mixed', 'signs', 'degenerate'] as const;
const DEGENERATE: readonly Kind[] = ['zero', 'identity', 'low-rank'];

export type SpecialDraw = (rows: number, cols: number) => Matrix<Rational>;

/** A drawer for one instance: its theme is chosen once. */
export function specialDrawer(rng: Rng): SpecialDraw {
  const theme = THEMES[randomInt(rng, 0, THEMES.length - 1)]!;
  const pick = (kinds: readonly Kind[]) => kinds[randomInt(rng, 0, kinds.length - 1)]!;
  return (rows, cols) => specialMatrix(rng, rows, cols, theme === 'mixed' ? pick(KINDS) : theme === 'degenerate' ? pick(DEGENERATE) : theme);
}

function specialMatrix(rng: Rng, rows: number, cols: number, kind: Kind): Matrix<Rational> {
  switch (kind) {
    case 'zero':
      return zeros(Exact, rows, cols);
    case 'identity':
      // [I 0] or [I; 0] when not square
      return build(rows, cols, (i, j) => (i === j ? Rational.ONE : Rational.ZERO));
    case 'low-rank': {
      // rank 1 … min − 1 (zero for a 1×1 or a vector): every deficiency occurs over the trials
      const r = randomInt(rng, 1, Math.max(1, Math.min(rows, cols) - 1));
      if (r >= Math.min(rows, cols)) return zeros(Exact, rows, cols);
      return mul(Exact, randomIntMatrix(rng, rows, r, 2), randomIntMatrix(rng, r, cols, 2));
    }
    case 'signs':
      return randomIntMatrix(rng, rows, cols, 1);
    case 'small':
      return randomIntMatrix(rng, rows, cols, 3);
  }
}

/** A scalar drawn the same way: 0, ±1 or ±2. */
export function specialScalar(rng: Rng): Rational {
  return Rational.fromInt(randomInt(rng, -2, 2));
}
