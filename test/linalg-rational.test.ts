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

describe('gcd of large integers (Lehmer steps) against plain Euclid', () => {
  const euclid = (a: bigint, b: bigint): bigint => {
    a = a < 0n ? -a : a;
    b = b < 0n ? -b : b;
    while (b !== 0n) {
      const r = a % b;
      a = b;
      b = r;
    }
    return a;
  };
  it('agrees on random operands of 1 to 2000 bits, with and without large common factors', () => {
    const rand = lcg(11);
    const random = (bits: number) => {
      let x = 0n;
      for (let i = 0; i < bits; i += 30) x = (x << 30n) | BigInt(Math.floor(rand() * 2 ** 30));
      return x >> BigInt(Math.max(0, Math.ceil(bits / 30) * 30 - bits));
    };
    for (let t = 0; t < 600; t++) {
      const common = rand() < 0.5 ? random(1 + Math.floor(rand() * 400)) + 1n : 1n;
      const a = random(1 + Math.floor(rand() * 1600)) * common * (rand() < 0.2 ? -1n : 1n);
      const b = random(1 + Math.floor(rand() * 1600)) * common;
      expect(gcd(a, b)).toBe(euclid(a, b));
      expect(gcd(b, a)).toBe(euclid(a, b));
    }
    // consecutive Fibonacci numbers: the longest Euclidean chains
    let [f, g] = [1n, 1n];
    for (let i = 0; i < 3000; i++) [f, g] = [g, f + g];
    expect(gcd(g, f)).toBe(1n);
    expect(gcd(g * 12345n, f * 12345n)).toBe(12345n);
    expect(gcd(2n ** 1000n, 2n ** 999n * 3n)).toBe(2n ** 999n);
    expect(gcd(2n ** 200n + 1n, 0n)).toBe(2n ** 200n + 1n);
  });
});
