import { describe, expect, test } from 'vitest';
import { InstanceError, type LogExp, logExpField } from '../../src/expr/index.js';
import { Rational } from '../../src/linalg/index.js';

/**
 * The log–exp field: equal values have equal normal forms; unequal ones are told apart by a theorem (unique
 * factorisation over a coprime base, Lindemann–Weierstrass) or by a numeric bound, never guessed.
 */
const F = logExpField();
const r = (x: number | string | bigint) => F.fromRational(typeof x === 'bigint' ? Rational.of(x) : typeof x === 'number' ? Rational.fromInt(x) : Rational.parse(x)!);
const log = (x: number | string | bigint) => F.log(r(x));
const exp = (x: number | string) => F.exp(r(x));
const sum = (...xs: LogExp[]) => xs.reduce((a, x) => F.add(a, x));

describe('logarithms of rationals', () => {
  test('products and quotients: log 6 = log 2 + log 3, log(4/9) = 2 log 2 − 2 log 3', () => {
    expect(F.eq(log(6), sum(log(2), log(3)))).toBe(true);
    expect(F.eq(log('4/9'), F.sub(F.mul(r(2), log(2)), F.mul(r(2), log(3))))).toBe(true);
    expect(F.eq(log(1), F.zero)).toBe(true);
    expect(F.toString(F.sub(log(12), log(3)))).toBe('2·log(2)');
  });

  test('large integers are split by gcds, not factored: log(pq) = log p + log q for primes beyond trial division', () => {
    const p = 1_000_000_007n;
    const q = 998_244_353n;
    expect(F.eq(log(p * q), sum(log(p), log(q)))).toBe(true);
    expect(F.eq(log(p * p * q), sum(log(p), log(p), log(q)))).toBe(true);
    expect(F.eq(log(p * q), sum(log(p), log(p)))).toBe(false);
  });

  test('unequal linear forms are unequal, even when numerically within 1e-300 (proved, not measured)', () => {
    // log(2^1000 + 1) − log(2^1000) ≈ 2^−1000: no float can see it, unique factorisation does
    const big = 2n ** 1000n;
    expect(F.isZero(F.sub(log(big + 1n), log(big)))).toBe(false);
    expect(F.eq(log(3), r(1))).toBe(false);
    // but its sign is beyond double precision: an InstanceError, not a guess
    expect(() => F.sign(F.sub(log(big + 1n), log(big)))).toThrow(InstanceError);
    expect(F.sign(F.sub(log(3), r(1)))).toBe(1);
  });

  test('domain: log of 0 or of a negative value', () => {
    expect(() => log(0)).toThrow(/log of a non-positive value 0/);
    expect(() => log(-2)).toThrow(/non-positive/);
  });
});

describe('exponentials', () => {
  test('exp(a)exp(b) = exp(a + b), exp(log x) = x, log(exp q) = q', () => {
    expect(F.eq(F.mul(exp(2), exp('1/3')), exp('7/3'))).toBe(true);
    expect(F.eq(F.exp(log('5/7')), r('5/7'))).toBe(true);
    expect(F.eq(F.log(exp('-3/2')), r('-3/2'))).toBe(true);
    expect(F.eq(F.exp(sum(log(2), r(1))), F.mul(r(2), exp(1)))).toBe(true);
  });

  test('Lindemann–Weierstrass: sums of rational multiples of distinct exponentials are non-zero', () => {
    expect(F.isZero(F.sub(exp(1), exp(2)))).toBe(false);
    expect(F.isZero(sum(exp(0), exp(1), F.neg(exp(1))))).toBe(false);
    expect(F.isZero(F.sub(F.mul(exp(1), exp(1)), exp(2)))).toBe(true);
    // huge exponents stay exact
    expect(F.eq(F.mul(exp(1_000_000), exp(-1_000_000)), F.one)).toBe(true);
  });

  test('division and quotients: (e + 1)/(e + 1) = 1, 1/(1 + log 2) · (1 + log 2) = 1', () => {
    const a = F.add(exp(1), F.one);
    expect(F.eq(F.div(a, a), F.one)).toBe(true);
    const b = F.add(F.one, log(2));
    expect(F.eq(F.mul(F.div(F.one, b), b), F.one)).toBe(true);
    expect(() => F.div(F.one, F.sub(log(6), sum(log(2), log(3))))).toThrow(/division by zero/);
  });

  test('products of logarithms: decided numerically when no theorem applies, with the margin stated by the code', () => {
    // (log 2)(log 3) vs (log 6)(log 1) = 0: separated numerically
    expect(F.eq(F.mul(log(2), log(3)), F.zero)).toBe(false);
    expect(F.eq(F.mul(log(6), log(6)), sum(F.mul(log(2), log(2)), F.mul(r(2), F.mul(log(2), log(3))), F.mul(log(3), log(3))))).toBe(true);
    expect(Math.abs(F.toNumber(F.mul(log(2), log(3))) - Math.log(2) * Math.log(3))).toBeLessThan(1e-12);
  });
});

describe('square roots (radicals)', () => {
  const sqrt = (x: number | string | bigint) => F.exp(F.mul(r('1/2'), log(x)));
  test('√6 = √2·√3, (√6)² = 6, √8 = 2√2, 1/√6 = √6/6, √(4/9) = 2/3', () => {
    expect(F.eq(sqrt(6), F.mul(sqrt(2), sqrt(3)))).toBe(true);
    expect(F.eq(F.mul(sqrt(6), sqrt(6)), r(6))).toBe(true);
    expect(F.eq(sqrt(8), F.mul(r(2), sqrt(2)))).toBe(true);
    expect(F.eq(F.div(F.one, sqrt(6)), F.div(sqrt(6), r(6)))).toBe(true);
    expect(F.eq(sqrt('4/9'), r('2/3'))).toBe(true);
    expect(F.toString(F.mul(sqrt(12), sqrt(3)))).toBe('6');
  });

  test('perfect powers beyond the small primes are recognised: √(p²) = p, ∛(q³)² = q²', () => {
    const p = 1_000_000_007n;
    expect(F.eq(sqrt(p * p), r(p))).toBe(true);
    const cube = F.exp(F.mul(r('2/3'), log(998_244_353n ** 3n)));
    expect(F.eq(cube, r(998_244_353n ** 2n))).toBe(true);
  });

  test('unequal radicals are told apart; a sum of radicals that is zero is zero', () => {
    expect(F.eq(sqrt(2), sqrt(3))).toBe(false);
    expect(F.eq(F.add(sqrt(2), sqrt(8)), F.mul(r(3), sqrt(2)))).toBe(true);
    expect(F.sign(F.sub(sqrt(2), r('141421356/100000000')))).toBe(1);
    expect(F.eq(F.log(sqrt(6)), F.mul(r('1/2'), log(6)))).toBe(true);
  });
});

describe('rationals: the fast representation and the general one agree', () => {
  test('every operation on rationals, built plainly or as exp(log q) (a term, not the fast form), gives the rational result', () => {
    const qs = ['3/7', '-5/2', '0', '1', '1000000007/3', '-2/1000000009'].map((t) => Rational.parse(t)!);
    // exp(log q) = q for q > 0, and −exp(log(−q)) for q < 0: the same value through the term maps
    const general = (q: Rational): LogExp => (q.isZero() ? F.sub(log(2), log(2)) : q.sign() > 0 ? F.exp(F.log(F.fromRational(q))) : F.neg(F.exp(F.log(F.fromRational(q.neg())))));
    for (const a of qs)
      for (const b of qs)
        for (const [x, y] of [[F.fromRational(a), F.fromRational(b)], [general(a), F.fromRational(b)], [F.fromRational(a), general(b)], [general(a), general(b)]] as const) {
          expect(F.eq(F.add(x, y), F.fromRational(a.add(b)))).toBe(true);
          expect(F.eq(F.sub(x, y), F.fromRational(a.sub(b)))).toBe(true);
          expect(F.eq(F.mul(x, y), F.fromRational(a.mul(b)))).toBe(true);
          if (!b.isZero()) expect(F.eq(F.div(x, y), F.fromRational(a.div(b)))).toBe(true);
          else expect(() => F.div(x, y)).toThrow(InstanceError);
          expect(F.sign(F.sub(x, y))).toBe(a.sub(b).sign());
          expect(F.eq(x, y)).toBe(a.eq(b));
        }
  });

  test('a rational reached through logarithms that cancel compares as that rational', () => {
    const x = F.add(F.sub(log(6), sum(log(2), log(3))), r('2/3')); // (log 6 − log 2 − log 3) + 2/3
    expect(F.eq(x, r('2/3'))).toBe(true);
    expect(F.isZero(F.sub(F.div(F.mul(x, log(5)), log(5)), r('2/3')))).toBe(true);
  });
});
