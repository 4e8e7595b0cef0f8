import { Rational } from '../linalg/rational.js';
import { type Expr, build as b, mapChildren } from '../expr/index.js';

/**
 * Bookkeeping after a rule: drops zero terms and factors, merges numeric coefficients (numbers commute with
 * matrices), cancels double transposes and double negations. It never flattens products, so a group such as
 * (W_{k−1}⋯W_1 X) stays one factor and transposes as one. Zero is `0` here; the caller gives it a shape.
 */

export const ZERO = b.num(0);

export const isZero = (e: Expr): boolean => (e.kind === 'num' && e.value.isZero()) || e.kind === 'zeros';

/** A product node without flattening (keeps groups); a single factor stands alone. */
export function group(factors: readonly Expr[]): Expr {
  if (factors.length === 0) return b.num(1);
  return factors.length === 1 ? factors[0]! : { kind: 'mul', factors };
}

/** The numeric coefficient and the remaining factors of a product, pulling coefficients out of nested groups. */
function coefficient(factors: readonly Expr[]): { c: Rational; rest: Expr[] } {
  let c = Rational.ONE;
  const rest: Expr[] = [];
  for (const f of factors) {
    if (f.kind === 'num') c = c.mul(f.value);
    else if (f.kind === 'neg') {
      c = c.neg();
      rest.push(f.arg);
    } else if (f.kind === 'mul') {
      const inner = coefficient(f.factors);
      c = c.mul(inner.c);
      rest.push(group(inner.rest));
    } else rest.push(f);
  }
  return { c, rest };
}

function withCoefficient(c: Rational, rest: readonly Expr[]): Expr {
  if (c.isZero()) return ZERO;
  if (rest.length === 0) return b.num(c);
  if (c.eq(Rational.ONE)) return group(rest);
  if (c.eq(Rational.ONE.neg())) return b.neg(group(rest));
  return group([b.num(c), ...rest]);
}

function local(e: Expr): Expr {
  switch (e.kind) {
    case 'add': {
      const terms = e.terms.filter((t) => !isZero(t));
      return terms.length === 0 ? ZERO : b.add(...terms);
    }
    case 'mul': {
      if (e.factors.some(isZero)) return ZERO;
      const { c, rest } = coefficient(e.factors);
      return withCoefficient(c, rest);
    }
    case 'div':
      if (isZero(e.num)) return ZERO;
      if (e.den.kind === 'num' && !e.den.value.isZero()) return local({ kind: 'mul', factors: [b.num(e.den.value.inv()), e.num] });
      return e;
    case 'neg':
      if (isZero(e.arg)) return ZERO;
      if (e.arg.kind === 'neg') return e.arg.arg;
      return b.neg(e.arg);
    case 'transpose':
      if (isZero(e.arg) || e.arg.kind === 'num') return e.arg;
      if (e.arg.kind === 'transpose') return e.arg.arg;
      return e;
    case 'trace':
    case 'vec':
    case 'fro2':
    case 'diff':
      return isZero(e.arg) ? ZERO : e;
    case 'kron':
    case 'inner':
      return isZero(e.left) || isZero(e.right) ? ZERO : e;
    case 'sum':
      return isZero(e.body) ? ZERO : e;
    default:
      return e;
  }
}

/** Bottom-up cleanup; idempotent. */
export function simplify(e: Expr): Expr {
  return local(mapChildren(e, simplify));
}
