import { Rational } from './rational.js';

/**
 * The scalar operations the linear algebra is generic over (mathjs-style: algorithms receive their
 * number type as a dependency). `Exact` is BigInt rationals; `Float` is float64 with a stated tolerance.
 */
export interface Field<T> {
  /** `modular`: exact arithmetic in a prime field (no order). */
  readonly kind: 'exact' | 'float' | 'modular';
  readonly zero: T;
  readonly one: T;
  add(a: T, b: T): T;
  sub(a: T, b: T): T;
  mul(a: T, b: T): T;
  div(a: T, b: T): T;
  neg(a: T): T;
  /** Exact zero test for rationals; |a| ≤ tolerance for floats. */
  isZero(a: T): boolean;
  sign(a: T): -1 | 0 | 1;
  eq(a: T, b: T): boolean;
  fromInt(n: number): T;
  fromRational(q: Rational): T;
  toNumber(a: T): number;
  /** JSON form: rationals as strings ("5/2"), floats as numbers. */
  toJSON(a: T): string | number;
  toString(a: T): string;
  /** Lower is a better pivot: bit size for rationals (limits growth), −|a| for floats (stability). */
  pivotCost(a: T): number;
}

export type Scalar = Rational | number;

export const Exact: Field<Rational> = {
  kind: 'exact',
  zero: Rational.ZERO,
  one: Rational.ONE,
  add: (a, b) => a.add(b),
  sub: (a, b) => a.sub(b),
  mul: (a, b) => a.mul(b),
  div: (a, b) => a.div(b),
  neg: (a) => a.neg(),
  isZero: (a) => a.isZero(),
  sign: (a) => a.sign(),
  eq: (a, b) => a.eq(b),
  fromInt: (n) => Rational.fromInt(n),
  fromRational: (q) => q,
  toNumber: (a) => a.toNumber(),
  toJSON: (a) => a.toString(),
  toString: (a) => a.toString(),
  pivotCost: (a) => a.bitSize(),
};

/** Float64 with absolute zero tolerance `tol` (callers scale it to the data; the default suits O(1) entries). */
export function floatField(tol = 1e-9): Field<number> {
  return {
    kind: 'float',
    zero: 0,
    one: 1,
    add: (a, b) => a + b,
    sub: (a, b) => a - b,
    mul: (a, b) => a * b,
    div: (a, b) => a / b,
    neg: (a) => -a,
    isZero: (a) => Math.abs(a) <= tol,
    sign: (a) => (Math.abs(a) <= tol ? 0 : a < 0 ? -1 : 1),
    eq: (a, b) => Math.abs(a - b) <= tol,
    fromInt: (n) => n,
    fromRational: (q) => q.toNumber(),
    toNumber: (a) => a,
    toJSON: (a) => a,
    toString: (a) => String(a),
    pivotCost: (a) => -Math.abs(a),
  };
}

export const Float = floatField();
