import { Rational } from '../linalg/index.js';

/**
 * The simplest rational strictly between lo and hi (smallest denominator, then smallest magnitude), by the
 * continued-fraction (Stern–Brocot) descent. Used for short cut points and to guess exact eigenvalues.
 */
export function simplestBetween(lo: Rational, hi: Rational): Rational {
  if (lo.cmp(hi) >= 0) throw new RangeError(`empty interval (${lo}, ${hi})`);
  if (lo.sign() < 0 && hi.sign() > 0) return Rational.ZERO;
  if (hi.sign() <= 0) return simplestBetween(hi.neg(), lo.neg()).neg();
  return simplestPositive(lo, hi);
}

function floor(q: Rational): bigint {
  const d = q.num / q.den;
  return q.num < 0n && d * q.den !== q.num ? d - 1n : d;
}

/** 0 ≤ lo < hi. */
function simplestPositive(lo: Rational, hi: Rational): Rational {
  const a = floor(lo);
  const next = Rational.of(a + 1n);
  if (next.cmp(hi) < 0) return next;
  // lo, hi ∈ [a, a+1]: x = a + 1/y with y in (1/(hi−a), 1/(lo−a)), the upper end infinite when lo = a.
  const A = Rational.of(a);
  const yLo = hi.sub(A).inv();
  if (lo.eq(A)) return A.add(Rational.of(floor(yLo) + 1n).inv());
  return A.add(simplestPositive(yLo, lo.sub(A).inv()).inv());
}
