import type { Field } from '../linalg/field.js';
import type { Extension } from './dual.js';
import { InstanceError } from './errors.js';

/**
 * Truncated Taylor numbers in two groups of infinitesimals ε₁…ε_n and δ₁…δ_p with ε_iε_l = δ_qδ_s = 0:
 * x = re + Σ a_i ε_i + Σ b_q δ_q + Σ ab_{iq} ε_i δ_q. Seeding W_j's entries with the ε's and W_k's with the δ's,
 * one evaluation of f gives its gradient in W_j (the a part) and the whole Hessian block ∂²f/∂W_j∂W_k (the ab
 * part), exactly — instead of one nested dual evaluation per entry pair. Zero parts are null (most of an
 * evaluation involves constants).
 */
export interface Jet<T> {
  readonly re: T;
  readonly a: readonly T[] | null;
  readonly b: readonly T[] | null;
  /** Row-major n × p. */
  readonly ab: readonly T[] | null;
}

export interface JetField<T> extends Field<Jet<T>>, Extension<T, Jet<T>> {
  readonly n: number;
  readonly p: number;
  /** x + ε_i (group 'a') and/or + δ_q (group 'b'). */
  seed(x: T, i: number | null, q: number | null): Jet<T>;
}

export function jetField<T>(F: Field<T>, n: number, p: number): JetField<T> {
  const lift = (re: T): Jet<T> => ({ re, a: null, b: null, ab: null });
  const unit = (len: number, i: number): T[] => Array.from({ length: len }, (_, l) => (l === i ? F.one : F.zero));
  const plus = (x: readonly T[] | null, y: readonly T[] | null): readonly T[] | null =>
    x === null ? y : y === null ? x : x.map((v, i) => F.add(v, y[i]!));
  const scale = (c: T, x: readonly T[] | null): readonly T[] | null => (x === null || F.isZero(c) ? null : x.map((v) => F.mul(c, v)));
  /** x ⊗ y + u ⊗ v as an n × p row-major array (null factors contribute nothing). */
  const outer = (x: readonly T[] | null, y: readonly T[] | null, u: readonly T[] | null, v: readonly T[] | null): readonly T[] | null => {
    if ((x === null || y === null) && (u === null || v === null)) return null;
    const out: T[] = new Array(n * p).fill(F.zero);
    for (const [l, r] of [[x, y], [u, v]] as const) {
      if (l === null || r === null) continue;
      for (let i = 0; i < n; i++) {
        const li = l[i]!;
        if (F.isZero(li)) continue;
        for (let q = 0; q < p; q++) out[i * p + q] = F.add(out[i * p + q]!, F.mul(li, r[q]!));
      }
    }
    return out;
  };
  const mul = (x: Jet<T>, y: Jet<T>): Jet<T> => ({
    re: F.mul(x.re, y.re),
    a: plus(scale(x.re, y.a), scale(y.re, x.a)),
    b: plus(scale(x.re, y.b), scale(y.re, x.b)),
    ab: plus(plus(scale(x.re, y.ab), scale(y.re, x.ab)), outer(x.a, y.b, y.a, x.b)),
  });
  const allZero = (v: readonly T[] | null) => v === null || v.every((t) => F.isZero(t));
  const sameVec = (x: readonly T[] | null, y: readonly T[] | null, len: number) => {
    for (let i = 0; i < len; i++) if (!F.eq(x?.[i] ?? F.zero, y?.[i] ?? F.zero)) return false;
    return true;
  };
  const J: JetField<T> = {
    kind: F.kind,
    n,
    p,
    base: F,
    lift,
    valueOf: (x) => x.re,
    isConstant: (x) => allZero(x.a) && allZero(x.b) && allZero(x.ab),
    seed: (x, i, q) => ({ re: x, a: i === null ? null : unit(n, i), b: q === null ? null : unit(p, q), ab: null }),
    zero: lift(F.zero),
    one: lift(F.one),
    add: (x, y) => ({ re: F.add(x.re, y.re), a: plus(x.a, y.a), b: plus(x.b, y.b), ab: plus(x.ab, y.ab) }),
    sub: (x, y) => J.add(x, J.neg(y)),
    neg: (x) => ({ re: F.neg(x.re), a: x.a && x.a.map(F.neg), b: x.b && x.b.map(F.neg), ab: x.ab && x.ab.map(F.neg) }),
    mul,
    div(x, y) {
      if (F.isZero(y.re)) throw new InstanceError('division by a quantity that is zero at the point being differentiated');
      const r = F.div(F.one, y.re);
      const r2 = F.mul(r, r);
      const m = F.neg(r2);
      const inverse: Jet<T> = {
        re: r,
        a: scale(m, y.a),
        b: scale(m, y.b),
        ab: plus(scale(m, y.ab), scale(F.mul(F.fromInt(2), F.mul(r2, r)), outer(y.a, y.b, null, null))),
      };
      return mul(x, inverse);
    },
    isZero: (x) => F.isZero(x.re) && allZero(x.a) && allZero(x.b) && allZero(x.ab),
    sign(x) {
      if (!F.isZero(x.re)) return F.sign(x.re);
      for (const v of [x.a, x.b, x.ab]) for (const t of v ?? []) if (!F.isZero(t)) return F.sign(t);
      return 0;
    },
    eq: (x, y) => F.eq(x.re, y.re) && sameVec(x.a, y.a, n) && sameVec(x.b, y.b, p) && sameVec(x.ab, y.ab, n * p),
    fromInt: (k) => lift(F.fromInt(k)),
    fromRational: (q) => lift(F.fromRational(q)),
    toNumber: (x) => F.toNumber(x.re),
    toJSON: (x) => F.toString(x.re),
    toString: (x) => `${F.toString(x.re)} + jet`,
    // never pivot on an entry whose value is zero: elimination then differentiates correctly
    pivotCost: (x) => (F.isZero(x.re) ? Infinity : F.pivotCost(x.re)),
  };
  return J;
}
