import type { Field } from './field.js';
import type { Rational } from './rational.js';
import type { Rng } from './random.js';
import { type Matrix, build } from './matrix.js';

/**
 * Exact arithmetic in the prime field F_p, p = 2³¹ − 1, on plain numbers in [0, p). Polynomial identities are
 * tested here at the large sizes the all-sizes argument needs (docs/verdicts.md): Schwartz–Zippel holds over any
 * field, with |S| = p, and the numbers stay small where rationals with ±10⁶ entries would grow without bound.
 * The field has no order: `sign` only separates zero from non-zero.
 */
export const PRIME = 2147483647;
const P = PRIME;
/** 2¹⁶ mod p: products are split in 16-bit halves so that every intermediate stays below 2⁵³. */
const TWO16 = 65536;

export function mulMod(a: number, b: number): number {
  const hi = Math.floor(b / TWO16);
  const lo = b - hi * TWO16;
  return (((a * hi) % P) * TWO16 + a * lo) % P;
}

function powMod(a: number, e: number): number {
  let r = 1;
  let x = a;
  for (let k = e; k > 0; k = Math.floor(k / 2)) {
    if (k % 2 === 1) r = mulMod(r, x);
    x = mulMod(x, x);
  }
  return r;
}

const bigP = BigInt(P);
const reduce = (n: bigint): number => Number(((n % bigP) + bigP) % bigP);

function inverse(a: number): number {
  if (a === 0) throw new RangeError('division by zero in F_p');
  return powMod(a, P - 2);
}

export const Modular: Field<number> = {
  kind: 'modular',
  zero: 0,
  one: 1,
  add: (a, b) => (a + b) % P,
  sub: (a, b) => (a - b + P) % P,
  mul: mulMod,
  div: (a, b) => mulMod(a, inverse(b)),
  neg: (a) => (a === 0 ? 0 : P - a),
  isZero: (a) => a === 0,
  sign: (a) => (a === 0 ? 0 : 1),
  eq: (a, b) => a === b,
  fromInt: (n) => reduce(BigInt(n)),
  fromRational(q: Rational) {
    const den = reduce(q.den);
    if (den === 0) throw new RangeError(`the denominator of ${q.toString()} is a multiple of p = ${P}`);
    return mulMod(reduce(q.num), inverse(den));
  },
  toNumber: (a) => a,
  toJSON: (a) => a,
  toString: (a) => String(a),
  pivotCost: (a) => (a === 0 ? 1 : 0),
};

/**
 * The largest probability of any one residue under `randomModular`: a 32-bit draw maps 2³² values onto the
 * p residues, at most 3 onto one. Schwartz–Zippel for such draws: a non-zero polynomial of degree D vanishes
 * with probability at most D · MAX_POINT_PROBABILITY.
 */
export const MAX_POINT_PROBABILITY = 3 / 2 ** 32;

export function randomModular(rng: Rng): number {
  return Math.floor(rng() * P);
}

export function randomModMatrix(rng: Rng, rows: number, cols: number): Matrix<number> {
  return build(rows, cols, () => randomModular(rng));
}
