import { describe, expect, it } from 'vitest';
import { Rational, gcd } from '../src/linalg/rational.js';
import { lcg } from './expr/helpers.js';

describe('gcd', () => {
  it('of absolute values, across the double-precision boundary', () => {
    expect(gcd(6n, 3n * 2n ** 80n)).toBe(6n);
    expect(gcd(3n * 2n ** 80n, 6n)).toBe(6n);
    expect(gcd(-12n, 18n)).toBe(6n);
    expect(gcd(12n, -18n)).toBe(6n);
    expect(gcd(0n, -5n)).toBe(5n);
    expect(gcd(0n, 0n)).toBe(0n);
    const p = 2n ** 61n - 1n; // prime
    expect(gcd(p * 1_000_003n, p * 999_983n)).toBe(p);
  });
});

/** Sums by Henrici's method against the textbook formula: the same value, always in lowest terms. */
describe('Rational addition', () => {
  it('equals (ad + bc)/(bd) reduced, for fractions with shared, coprime and cancelling denominators', () => {
    const rand = lcg(3);
    const big = () => BigInt(Math.floor(rand() * 2 ** 30)) * BigInt(Math.floor(rand() * 2 ** 30) + 1);
    const factors = [1n, 2n, 3n, 6n, 7n, 30n, 2n ** 40n, 1_000_000_007n];
    const pick = () => factors[Math.floor(rand() * factors.length)]!;
    for (let t = 0; t < 2000; t++) {
      const x = Rational.of(big() * (rand() < 0.5 ? -1n : 1n), pick() * pick() * (rand() < 0.3 ? big() : 1n));
      const y = Rational.of(big() * (rand() < 0.5 ? -1n : 1n), pick() * pick() * (rand() < 0.3 ? big() : 1n));
      for (const [got, num] of [[x.add(y), x.num * y.den + y.num * x.den], [x.sub(y), x.num * y.den - y.num * x.den]] as const) {
        expect(got.den > 0n).toBe(true);
        expect(gcd(got.num < 0n ? -got.num : got.num, got.den)).toBe(got.num === 0n ? got.den : 1n);
        expect(got.num * x.den * y.den).toBe(num * got.den);
      }
      expect(x.sub(x).isZero() && x.sub(x).den === 1n).toBe(true);
    }
  });
});
