import { type Matrix, build } from './matrix.js';
import { Rational } from './rational.js';

/** A source of uniform numbers in [0, 1). Seeded, so every random check and family is reproducible. */
export type Rng = () => number;

/** mulberry32: small, fast, good enough for choosing test matrices (not for cryptography). */
export function seededRng(seed: number): Rng {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

/** Uniform in lo…hi (inclusive). */
export function randomInt(rng: Rng, lo: number, hi: number): number {
  return lo + Math.floor(rng() * (hi - lo + 1));
}

/** Entries uniform in {−range … range}. */
export function randomIntMatrix(rng: Rng, rows: number, cols: number, range = 3): Matrix<Rational> {
  return build(rows, cols, () => Rational.fromInt(randomInt(rng, -range, range)));
}
