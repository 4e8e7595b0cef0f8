import type { Claim, Definitions, Env } from '../expr/index.js';
import type { Field } from '../linalg/field.js';
import { sideBounds } from './degree.js';

/**
 * Height bounds for the all-sizes check over a random prime field: a false identity passes there only if the
 * prime divides every integer coefficient of (lhs − rhs) scaled to integers, which is unlikely when those are
 * small. A value bounds a polynomial in the sampled entries: |coefficients| ≤ 2^bits, a common denominator
 * `den` (exact), and at most 2^terms monomials (a coefficient of a product sums at most that many products).
 */
interface Height {
  readonly bits: number;
  readonly den: bigint;
  readonly terms: number;
  /** The exact value of a constant (its reciprocal is needed to divide by it). */
  readonly constant?: readonly [bigint, bigint];
}

const NONE = Number.NEGATIVE_INFINITY;
const ZERO: Height = { bits: NONE, den: 1n, terms: NONE };
const gcd = (a: bigint, b: bigint): bigint => (b === 0n ? a : gcd(b, a % b));
const log2 = (n: bigint): number => n.toString(2).length;

// constants stay exact (dual numbers divide by b², which must still be known as a number)
function add(a: Height, b: Height): Height {
  if (a.bits === NONE) return b;
  if (b.bits === NONE) return a;
  if (a.constant && b.constant) return constant(a.constant[0] * b.constant[1] + b.constant[0] * a.constant[1], a.constant[1] * b.constant[1]);
  return { bits: Math.max(a.bits, b.bits) + 1, den: (a.den / gcd(a.den, b.den)) * b.den, terms: Math.max(a.terms, b.terms) + 1 };
}

function mul(a: Height, b: Height): Height {
  if (a.bits === NONE || b.bits === NONE) return ZERO;
  if (a.constant && b.constant) return constant(a.constant[0] * b.constant[0], a.constant[1] * b.constant[1]);
  return { bits: a.bits + b.bits + Math.max(0, Math.min(a.terms, b.terms)), den: a.den * b.den, terms: a.terms + b.terms };
}

function constant(num: bigint, den: bigint): Height {
  if (num === 0n) return ZERO;
  const g = gcd(num < 0n ? -num : num, den);
  const [n, d] = [num / g, den / g];
  return { bits: log2(n < 0n ? -n : n), den: d, terms: 0, constant: [n, d] };
}

const HeightField: Field<Height> = {
  kind: 'exact',
  zero: ZERO,
  one: { bits: 0, den: 1n, terms: 0 },
  add,
  sub: (a, b) => add(a, HeightField.neg(b)),
  mul,
  // the claims checked over F_p divide only by numbers: multiply by the reciprocal
  div: (a, b) => {
    if (!b.constant) return { bits: Number.POSITIVE_INFINITY, den: 1n, terms: 0 };
    const [num, den] = b.constant;
    return mul(a, constant(num < 0n ? -den : den, num < 0n ? -num : num));
  },
  neg: (a) => (a.constant ? constant(-a.constant[0], a.constant[1]) : a),
  isZero: (a) => a.bits === NONE,
  sign: (a) => (a.bits === NONE ? 0 : 1),
  eq: (a, b) => a === b,
  fromInt: (n) => constant(BigInt(n), 1n),
  fromRational: (q) => constant(q.num, q.den),
  toNumber: (a) => a.bits,
  toJSON: (a) => a.bits,
  toString: (a) => `2^${a.bits}/${a.den}`,
  pivotCost: () => 0,
};

/**
 * An upper bound on log₂ of the integer coefficients of (lhs − rhs) times a common denominator, for a polynomial
 * claim on this instance's sizes; undefined when the claim is not a polynomial identity.
 */
export function claimHeight<T>(claim: Claim, defs: Definitions, env: Env<T>): number | undefined {
  const bounds = sideBounds(claim, defs, env, HeightField, { bits: 0, den: 1n, terms: 0 });
  if (!bounds) return undefined;
  const all = bounds.reduce(add, ZERO);
  if (all.bits === NONE) return 0;
  return Number.isFinite(all.bits) ? all.bits + log2(all.den) : undefined;
}
