import type { Field } from '../linalg/field.js';
import { Rational } from '../linalg/rational.js';
import type { ScalarFunction } from './ast.js';
import { extension } from './dual.js';
import { InstanceError } from './errors.js';
import { hasLogExp } from './logexp.js';

/**
 * log, exp and abs over every field the evaluator uses. On a field without infinitesimals the value is computed
 * directly: exactly in the log–exp field, in float64, and not at all in a field that cannot hold it (the rationals
 * hold no log 2 and no √2; a prime field has neither logarithms nor an order). Over dual numbers and jets,
 * x = x₀ + n with n nilpotent, so f(x) = Σ_j f⁽ʲ⁾(x₀)/j! · nʲ is a finite sum: the derivatives of log and abs are
 * rational in x₀ (checked exactly), exp's are exp(x₀), sqrt's are rational in x₀ and √x₀.
 */

interface Analytic {
  /** f(x) on a field without infinitesimals. */
  value<U>(F: Field<U>, x: U): U;
  /** f⁽ʲ⁾(x)/j! for j ≥ 1, given fx = f(x), over F (itself possibly an extension). */
  taylor<U>(F: Field<U>, x: U, fx: U, j: number): U;
}

/** The value part at the innermost field (the point at which a derivative is taken), as a sign. */
function signAtPoint<T>(F: Field<T>, x: T): -1 | 0 | 1 {
  const X = extension(F);
  return X ? signAtPoint(X.base, X.valueOf(x)) : F.sign(x);
}

const ordered = <T>(F: Field<T>): boolean => F.kind === 'exact' || F.kind === 'float';

function requireOrder<T>(F: Field<T>, name: string): void {
  if (!ordered(F)) throw new InstanceError(`${name} needs an ordered field; this evaluation is modulo a prime`);
}

const FUNCTIONS: Readonly<Record<ScalarFunction, Analytic>> = {
  log: {
    value(F, x) {
      requireOrder(F, 'log');
      if (hasLogExp(F)) return F.log(x);
      if (F.kind === 'float') {
        if (F.sign(x) <= 0) throw new InstanceError(`log of a non-positive value ${F.toString(x)}`);
        return Math.log(F.toNumber(x)) as unknown as typeof x;
      }
      if (F.sign(x) <= 0) throw new InstanceError(`log of a non-positive value ${F.toString(x)}`);
      if (F.eq(x, F.one)) return F.zero;
      throw new InstanceError(`log(${F.toString(x)}) is not rational: evaluate in the log–exp field`);
    },
    // (log)⁽ʲ⁾(x)/j! = (−1)^{j−1} / (j xʲ)
    taylor(F, x, _fx, j) {
      let p = F.one;
      for (let i = 0; i < j; i++) p = F.mul(p, x);
      const q = F.div(F.one, F.mul(F.fromInt(j), p));
      return j % 2 === 1 ? q : F.neg(q);
    },
  },
  exp: {
    value(F, x) {
      requireOrder(F, 'exp');
      if (hasLogExp(F)) return F.exp(x);
      if (F.kind === 'float') return Math.exp(F.toNumber(x)) as unknown as typeof x;
      if (F.isZero(x)) return F.one;
      throw new InstanceError(`exp(${F.toString(x)}) is not rational: evaluate in the log–exp field`);
    },
    taylor(F, _x, fx, j) {
      let fact = 1;
      for (let i = 2; i <= j; i++) fact *= i;
      return F.div(fx, F.fromInt(fact));
    },
  },
  sqrt: {
    value(F, x) {
      requireOrder(F, 'sqrt');
      const s = F.sign(x);
      if (s < 0) throw new InstanceError(`sqrt of a negative value ${F.toString(x)}`);
      if (s === 0) return F.zero;
      // √x = exp(½ log x): a radical of the log–exp field for rational x
      if (hasLogExp(F)) return F.exp(F.mul(F.fromRational(Rational.of(1n, 2n)), F.log(x)));
      if (F.kind === 'float') return Math.sqrt(F.toNumber(x)) as unknown as typeof x;
      const r = x instanceof Rational ? rationalRoot(x) : undefined;
      if (r !== undefined) return F.fromRational(r);
      throw new InstanceError(`sqrt(${F.toString(x)}) is not rational: evaluate in the log–exp field`);
    },
    // (√)⁽ʲ⁾(x)/j! = binom(½, j) √x / xʲ
    taylor(F, x, fx, j) {
      if (signAtPoint(F, x) === 0) throw new InstanceError('sqrt is not differentiable at 0');
      let c = Rational.ONE;
      for (let i = 0; i < j; i++) c = c.mul(Rational.of(1n, 2n).sub(Rational.fromInt(i))).div(Rational.fromInt(i + 1));
      let p = F.one;
      for (let i = 0; i < j; i++) p = F.mul(p, x);
      return F.div(F.mul(F.fromRational(c), fx), p);
    },
  },
  abs: {
    value(F, x) {
      requireOrder(F, 'abs');
      return F.sign(x) < 0 ? F.neg(x) : x;
    },
    taylor(F, x, _fx, j) {
      const s = signAtPoint(F, x);
      if (s === 0) throw new InstanceError('abs is not differentiable at 0');
      return j === 1 ? F.fromInt(s) : F.zero;
    },
  },
};

/** √q for a rational that is a square of a rational, else undefined. */
function rationalRoot(q: Rational): Rational | undefined {
  if (q.sign() < 0) return undefined;
  const root = (n: bigint): bigint | undefined => {
    if (n < 2n) return n;
    let x = 1n << BigInt(Math.ceil(n.toString(2).length / 2) + 1);
    for (;;) {
      const y = (x + n / x) / 2n;
      if (y >= x) break;
      x = y;
    }
    return x * x === n ? x : undefined;
  };
  const a = root(q.num);
  const b = root(q.den);
  return a === undefined || b === undefined ? undefined : Rational.of(a, b);
}

/** Order of the Taylor sum beyond which a nilpotent part cannot survive (nested differentials are shallow). */
const MAX_ORDER = 16;

/** f(x) over any of the evaluator's fields. */
export function applyFunction<T>(F: Field<T>, fn: ScalarFunction, x: T): T {
  const f = FUNCTIONS[fn];
  const X = extension(F);
  if (!X) return f.value(F, x);
  const B = X.base;
  const x0 = X.valueOf(x);
  const f0 = applyFunction(B, fn, x0);
  const n = F.sub(x, X.lift(x0));
  let out = X.lift(f0);
  let power = n;
  for (let j = 1; !F.isZero(power); j++) {
    if (j > MAX_ORDER) throw new Error(`internal: the infinitesimal part of ${fn}'s argument is not nilpotent`);
    out = F.add(out, F.mul(X.lift(f.taylor(B, x0, f0, j)), power));
    power = F.mul(power, n);
  }
  return out;
}
