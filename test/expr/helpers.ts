import { Exact, Rational, fromRows, type Matrix } from '../../src/linalg/index.js';

/** Exact matrices from rows of integers or rational strings. */
export function Q(rows: readonly (readonly (number | string)[])[]): Matrix<Rational> {
  return fromRows(rows.map((r) => r.map((x) => (typeof x === 'number' ? Rational.fromInt(x) : Rational.parse(x)!))));
}

export const q = (x: number | string): Rational => (typeof x === 'number' ? Rational.fromInt(x) : Rational.parse(x)!);

export const toStrings = (A: Matrix<Rational>): string[][] => {
  const out: string[][] = [];
  for (let i = 0; i < A.rows; i++) out.push(A.data.slice(i * A.cols, (i + 1) * A.cols).map((x) => Exact.toString(x)));
  return out;
};

/** A deterministic small-integer generator (tests must be reproducible). */
export function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

export function randomMatrix(rand: () => number, rows: number, cols: number): Matrix<Rational> {
  return fromRows(Array.from({ length: rows }, () => Array.from({ length: cols }, () => Rational.of(Math.floor(rand() * 7) - 3, 1 + Math.floor(rand() * 2)))));
}
