import { Rational, build, type Matrix } from '../../src/linalg/index.js';

/** Deterministic pseudo-random numbers in [0, 1) (LCG), independent of the code under test. */
export function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0), s / 2 ** 32);
}

export const randInt = (rnd: () => number, lo: number, hi: number): number => lo + Math.floor(rnd() * (hi - lo + 1));

/** Small integers, halves and thirds: exact values that exercise the rational paths but stay short. */
export function randomRational(rnd: () => number): Rational {
  const den = [1, 1, 1, 2, 3][randInt(rnd, 0, 4)]!;
  return Rational.of(randInt(rnd, -4, 4), den);
}

export function randomMatrix(rows: number, cols: number, rnd: () => number): Matrix<Rational> {
  return build(rows, cols, () => randomRational(rnd));
}
