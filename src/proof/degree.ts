import { type Claim, type Definitions, type Env, evaluate, expandDefinitions, children, type Expr } from '../expr/index.js';
import type { Field } from '../linalg/field.js';
import { type Matrix, convert } from '../linalg/matrix.js';

/**
 * Degree bounds for the Schwartz–Zippel argument, computed by evaluating the claim over the "degree semiring":
 * a value is an upper bound on the total degree of an entry as a polynomial in the sampled entries
 * (−∞ for an exact zero, + ↦ max, × ↦ +). Forward-mode derivatives (grad, hess) then lower degrees correctly.
 */
const NONE = Number.NEGATIVE_INFINITY;
const Degree: Field<number> = {
  kind: 'exact',
  zero: NONE,
  one: 0,
  add: (a, b) => Math.max(a, b),
  sub: (a, b) => Math.max(a, b),
  mul: (a, b) => (a === NONE || b === NONE ? NONE : a + b),
  div: (a, b) => (b === 0 ? a : Number.POSITIVE_INFINITY), // a non-constant denominator is not a polynomial
  neg: (a) => a,
  isZero: (a) => a === NONE,
  sign: (a) => (a === NONE ? 0 : 1),
  eq: (a, b) => a === b,
  fromInt: (n) => (n === 0 ? NONE : 0),
  fromRational: (q) => (q.isZero() ? NONE : 0),
  toNumber: (a) => a,
  toJSON: (a) => a,
  toString: (a) => String(a),
  pivotCost: () => 0,
};

/** Node kinds whose value is not a polynomial in the entries (or is not a number at all). */
const NON_POLYNOMIAL = new Set(['inv', 'pinv', 'rank', 'psd', 'subset', 'range', 'compare', 'logic', 'not', 'abs', 'sqrt', 'norm']);

function polynomial(e: Expr): boolean {
  return !NON_POLYNOMIAL.has(e.kind) && children(e).every(polynomial);
}

/**
 * The sides of a polynomial claim (an equation chain, or the argument of `iszero`) evaluated over a semiring of
 * bounds, every sampled entry (variables and differential directions alike) an independent variable worth
 * `variable`: the bounds of every entry of every side, or undefined when the claim is not a polynomial identity.
 */
export function sideBounds<T, V>(claim: Claim, defs: Definitions, env: Env<T>, F: Field<V>, variable: V): V[] | undefined {
  const exprs = claim.kind === 'equation' ? claim.sides : claim.expr.kind === 'iszero' ? [claim.expr.arg] : undefined;
  if (!exprs) return undefined;
  const expanded = exprs.map((e) => expandDefinitions(e, defs));
  if (!expanded.every(polynomial)) return undefined;
  const vars = (ms: Readonly<Record<string, Matrix<T>>> = {}) =>
    Object.fromEntries(Object.entries(ms).map(([k, M]) => [k, convert(M, () => variable)]));
  const varFamilies = (fs: Readonly<Record<string, readonly Matrix<T>[]>> = {}) =>
    Object.fromEntries(Object.entries(fs).map(([k, list]) => [k, list.map((M) => convert(M, () => variable))]));
  const benv: Env<V> = {
    sizes: env.sizes,
    symbols: vars(env.symbols),
    scalars: Object.fromEntries(Object.keys(env.scalars ?? {}).map((k) => [k, variable])),
    families: varFamilies(env.families),
    directions: { symbols: vars(env.directions?.symbols), families: varFamilies(env.directions?.families) },
  };
  try {
    return expanded.flatMap((e) => {
      const v = evaluate(e, benv, F);
      if (v.kind === 'matrix') return [...v.value.data];
      if (v.kind === 'scalar') return [v.value];
      throw new Error('not a number');
    });
  } catch (e) {
    if (process.env.DLN_DEBUG) console.error(e);
    return undefined;
  }
}

/**
 * An upper bound on the degree of (lhs − rhs) for an equation chain, or of the argument of `iszero`, in the
 * entries sampled on this instance; undefined when the claim is not a polynomial identity.
 */
export function claimDegree<T>(claim: Claim, defs: Definitions, env: Env<T>): number | undefined {
  const bounds = sideBounds(claim, defs, env, Degree, 1);
  if (!bounds) return undefined;
  const deg = Math.max(0, ...bounds);
  return Number.isFinite(deg) ? deg : undefined;
}
