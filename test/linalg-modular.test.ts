import { describe, expect, it } from 'vitest';
import { Rational, isPrime, modularField, randomPrime, seededRng, randomInt } from '../src/linalg/index.js';

/** Trial division: an independent primality test for the numbers checked here. */
function primeByTrialDivision(n: number): boolean {
  if (n < 2) return false;
  for (let q = 2; q * q <= n; q++) if (n % q === 0) return false;
  return true;
}

describe('prime fields', () => {
  it('Miller–Rabin agrees with trial division, including Carmichael numbers and 32-bit primes', () => {
    for (let n = 0; n < 5000; n++) expect(isPrime(n)).toBe(primeByTrialDivision(n));
    for (const n of [561, 1105, 1729, 2465, 2821, 6601, 8911, 3215031751, 2147483647, 2147483649, 1073741789, 1073741827])
      expect(isPrime(n)).toBe(primeByTrialDivision(n));
  });

  it('random primes lie in (2³⁰, 2³¹) and are prime', () => {
    const rng = seededRng(3);
    for (let i = 0; i < 20; i++) {
      const p = randomPrime(rng);
      expect(p).toBeGreaterThan(2 ** 30);
      expect(p).toBeLessThan(2 ** 31);
      expect(primeByTrialDivision(p)).toBe(true);
    }
  });

  it('arithmetic agrees with BigInt arithmetic mod p', () => {
    const rng = seededRng(9);
    const p = randomPrime(rng);
    const F = modularField(p);
    const P = BigInt(p);
    for (let i = 0; i < 2000; i++) {
      const a = Math.floor(rng() * p);
      const b = Math.floor(rng() * p);
      expect(F.mul(a, b)).toBe(Number((BigInt(a) * BigInt(b)) % P));
      expect(F.add(a, b)).toBe(Number((BigInt(a) + BigInt(b)) % P));
      expect(F.sub(a, b)).toBe(Number((((BigInt(a) - BigInt(b)) % P) + P) % P));
      if (b !== 0) expect(F.mul(F.div(a, b), b)).toBe(a);
    }
    const q = Rational.of(randomInt(rng, -1000, 1000), randomInt(rng, 1, 1000));
    expect(F.mul(F.fromRational(q), F.fromInt(Number(q.den)))).toBe(F.fromInt(Number(q.num)));
  });
});
