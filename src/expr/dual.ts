import type { Field } from '../linalg/field.js';
import { type Matrix, convert } from '../linalg/matrix.js';
import { InstanceError } from './errors.js';

/**
 * Forward-mode dual numbers a + bε (ε² = 0) over any field, themselves a field: evaluating f over them with
 * W + ε·V yields f(W) and the exact directional derivative Df(W)[V]. Nesting gives mixed second derivatives.
 */
export interface Dual<T> {
  readonly re: T;
  readonly eps: T;
}

export interface DualField<T> extends Field<Dual<T>>, Extension<T, Dual<T>> {
  make(re: T, eps: T): Dual<T>;
}

export function dualField<T>(F: Field<T>): DualField<T> {
  const make = (re: T, eps: T): Dual<T> => ({ re, eps });
  const lift = (x: T): Dual<T> => make(x, F.zero);
  return {
    kind: F.kind,
    base: F,
    lift,
    make,
    valueOf: (x) => x.re,
    isConstant: (x) => F.isZero(x.eps),
    zero: lift(F.zero),
    one: lift(F.one),
    add: (a, b) => make(F.add(a.re, b.re), F.add(a.eps, b.eps)),
    sub: (a, b) => make(F.sub(a.re, b.re), F.sub(a.eps, b.eps)),
    mul: (a, b) => make(F.mul(a.re, b.re), F.add(F.mul(a.re, b.eps), F.mul(a.eps, b.re))),
    div(a, b) {
      if (F.isZero(b.re)) throw new InstanceError('division by a quantity that is zero at the point being differentiated');
      return make(F.div(a.re, b.re), F.div(F.sub(F.mul(a.eps, b.re), F.mul(a.re, b.eps)), F.mul(b.re, b.re)));
    },
    neg: (a) => make(F.neg(a.re), F.neg(a.eps)),
    isZero: (a) => F.isZero(a.re) && F.isZero(a.eps),
    // ordered by value, then by the infinitesimal part
    sign: (a) => (F.isZero(a.re) ? F.sign(a.eps) : F.sign(a.re)),
    eq: (a, b) => F.eq(a.re, b.re) && F.eq(a.eps, b.eps),
    fromInt: (n) => lift(F.fromInt(n)),
    fromRational: (q) => lift(F.fromRational(q)),
    toNumber: (a) => F.toNumber(a.re),
    toJSON: (a) => `${F.toString(a.re)} + ${F.toString(a.eps)}ε`,
    toString: (a) => `${F.toString(a.re)} + ${F.toString(a.eps)}ε`,
    // never pivot on an entry whose value is zero: elimination then differentiates correctly
    pivotCost: (a) => (F.isZero(a.re) ? Infinity : F.pivotCost(a.re)),
  };
}

/** A field built over another (dual numbers, jets): its value part and whether an element is constant. */
export interface Extension<T, X> {
  readonly base: Field<T>;
  valueOf(x: X): T;
  isConstant(x: X): boolean;
  lift(x: T): X;
}

export function extension<T>(F: Field<T>): Extension<unknown, T> | undefined {
  return 'valueOf' in F && 'base' in F ? (F as unknown as Extension<unknown, T>) : undefined;
}

/** A property of A at the point: recurses to the innermost field with value parts. */
export function atPoint<T, R>(F: Field<T>, A: Matrix<T>, f: <U>(F: Field<U>, A: Matrix<U>) => R): R {
  const X = extension(F);
  if (!X) return f(F, A);
  return atPoint(X.base, convert(A, (x) => X.valueOf(x)), f);
}

/** f(A) lifted back, when A does not vary (no infinitesimal part); undefined when it does. */
export function constantMap<T>(F: Field<T>, A: Matrix<T>, f: <U>(F: Field<U>, A: Matrix<U>) => Matrix<U>): Matrix<T> | undefined {
  const X = extension(F);
  if (!X) return f(F, A);
  if (!A.data.every((x) => X.isConstant(x))) return undefined;
  const inner = constantMap(X.base, convert(A, (x) => X.valueOf(x)), f);
  return inner && convert(inner, (x) => X.lift(x));
}
