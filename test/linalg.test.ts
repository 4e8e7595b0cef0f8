import { describe, expect, it } from 'vitest';
import { integerRank } from '../src/linalg/integer-rank.js';
import {
  Exact, Float, Rational, fromRows, mul, transpose, kron, vec, vecRows, unvec, pinv, rank, nullspace, inverse,
  inertia, symmetricEigenvalues, symmetricEigen, equals, isZeroMatrix, convert, identity, bilinear, det, build, rref,
  seededRng, randomInt, type Matrix,
} from '../src/linalg/index.js';

const q = (x: number | string) => (typeof x === 'string' ? Rational.parse(x)! : Rational.fromInt(x));
const Q = (rows: (number | string)[][]): Matrix<Rational> => fromRows(rows.map((r) => r.map(q)));

/** Deterministic small-integer pseudo-random matrices (LCG), independent of the code under test. */
function lcg(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0), s / 2 ** 32);
}
function randomQ(rows: number, cols: number, rnd: () => number, range = 5): Matrix<Rational> {
  return build(rows, cols, () => Rational.fromInt(Math.floor(rnd() * (2 * range + 1)) - range));
}

describe('Rational', () => {
  it('normalises and parses exact literals', () => {
    expect(q('6/-8').toString()).toBe('-3/4');
    expect(Rational.parse('0.1')!.toString()).toBe('1/10');
    expect(Rational.parse('-1.5e-3')!.toString()).toBe('-3/2000');
    expect(Rational.parse('2e3')!.toString()).toBe('2000');
    expect(Rational.parse('abc')).toBeUndefined();
    expect(Rational.parse('1/0')).toBeUndefined();
    expect(Rational.parse('.')).toBeUndefined();
    expect(q('1/3').add(q('1/6')).toString()).toBe('1/2');
    expect(q('2/3').mul(q('9/4')).toString()).toBe('3/2');
    expect(q('2/3').div(q('-4/9')).toString()).toBe('-3/2');
    expect(q('1/3').cmp(q('1/4'))).toBe(1);
  });
});

describe('matrix algebra', () => {
  it('vec stacks columns and satisfies vec(PQR) = (Rᵀ ⊗ P) vec(Q)', () => {
    const A = Q([[1, 2], [3, 4]]);
    expect(vec(A).data.map(String)).toEqual(['1', '3', '2', '4']);
    expect(vecRows(A).data.map(String)).toEqual(['1', '2', '3', '4']);
    expect(equals(Exact, unvec(vec(A), 2, 2), A)).toBe(true);
    const rnd = lcg(7);
    for (let t = 0; t < 5; t++) {
      const P = randomQ(2, 3, rnd), M = randomQ(3, 4, rnd), R = randomQ(4, 2, rnd);
      const lhs = vec(mul(Exact, mul(Exact, P, M), R));
      const rhs = mul(Exact, kron(Exact, transpose(R), P), vec(M));
      expect(equals(Exact, lhs, rhs)).toBe(true);
    }
  });

  it('inverse, rank, null space and determinant', () => {
    const A = Q([[2, 1], [1, 1]]);
    expect(equals(Exact, mul(Exact, A, inverse(Exact, A)), identity(Exact, 2))).toBe(true);
    expect(det(Exact, Q([[1, 2], [3, 4]])).toString()).toBe('-2');
    expect(det(Exact, Q([[0, 1], [1, 0]])).toString()).toBe('-1');
    const S = Q([[1, 2, 3], [2, 4, 6], [1, 0, 1]]);
    expect(rank(Exact, S)).toBe(2);
    const N = nullspace(Exact, S);
    expect(N.cols).toBe(1);
    expect(isZeroMatrix(Exact, mul(Exact, S, N))).toBe(true);
    expect(() => inverse(Exact, S)).toThrow(/singular/);
  });

  it('pseudo-inverse satisfies the four Penrose conditions exactly', () => {
    const rnd = lcg(11);
    for (let t = 0; t < 6; t++) {
      // rank-deficient products
      const A = mul(Exact, randomQ(4, 2, rnd), randomQ(2, 3, rnd));
      const P = pinv(Exact, A);
      const AP = mul(Exact, A, P), PA = mul(Exact, P, A);
      expect(equals(Exact, mul(Exact, AP, A), A)).toBe(true);
      expect(equals(Exact, mul(Exact, PA, P), P)).toBe(true);
      expect(equals(Exact, transpose(AP), AP)).toBe(true);
      expect(equals(Exact, transpose(PA), PA)).toBe(true);
    }
  });
});

describe('inertia', () => {
  it('scalar two-layer Hessian at 0: [[0,−8],[−8,0]] has one positive and one negative eigenvalue', () => {
    const r = inertia(Exact, Q([[0, -8], [-8, 0]]));
    expect(r.inertia).toEqual({ positive: 1, negative: 1, zero: 0 });
    const H = Q([[0, -8], [-8, 0]]);
    expect(bilinear(Exact, r.negativeDirection!, H, r.negativeDirection!).sign()).toBe(-1);
    expect(bilinear(Exact, r.positiveDirection!, H, r.positiveDirection!).sign()).toBe(1);
  });

  it("docs/mathematics.md §6: the scalar chain's Hessian at (1,1,8/5) is PSD with two zero eigenvalues", () => {
    const H = Q([['64/5', '64/5', 8], ['64/5', '64/5', 8], [8, 8, 5]]);
    expect(inertia(Exact, H).inertia).toEqual({ positive: 1, negative: 0, zero: 2 });
  });

  it('agrees with float eigenvalues on random symmetric matrices, certificates hold exactly', () => {
    const rnd = lcg(3);
    for (let t = 0; t < 40; t++) {
      const n = 1 + Math.floor(rnd() * 7);
      const r = Math.floor(rnd() * (n + 1));
      // B Bᵀ-type construction with a sign pattern gives controlled rank and zero diagonals sometimes.
      const B = randomQ(n, Math.max(r, 1), rnd, 3);
      const D = build(B.cols, B.cols, (i, j) => (i === j ? Rational.fromInt(rnd() < 0.5 ? -1 : 1) : Rational.ZERO));
      let H = mul(Exact, mul(Exact, B, D), transpose(B));
      if (t % 4 === 0) H = build(n, n, (i, j) => (i === j ? Rational.ZERO : H.data[Math.min(i, j) * n + Math.max(i, j)]!));
      const ev = symmetricEigenvalues(convert(H, (x) => x.toNumber()));
      const scale = Math.max(1, ...Array.from(ev, Math.abs));
      const count = (f: (x: number) => boolean) => Array.from(ev).filter(f).length;
      const res = inertia(Exact, H);
      expect(res.inertia).toEqual({
        positive: count((x) => x > 1e-9 * scale),
        negative: count((x) => x < -1e-9 * scale),
        zero: count((x) => Math.abs(x) <= 1e-9 * scale),
      });
      if (res.inertia.negative > 0) expect(bilinear(Exact, res.negativeDirection!, H, res.negativeDirection!).sign()).toBe(-1);
      if (res.inertia.positive > 0) expect(bilinear(Exact, res.positiveDirection!, H, res.positiveDirection!).sign()).toBe(1);
    }
  });
});

describe('float symmetric eigenvalues', () => {
  it('finds the spectrum of known matrices, in decreasing order', () => {
    const ev = symmetricEigenvalues(fromRows([[2, 1, 0], [1, 2, 1], [0, 1, 2]]));
    const s2 = Math.SQRT2;
    [2 + s2, 2, 2 - s2].forEach((x, i) => expect(ev[i]).toBeCloseTo(x, 12));
    const H = fromRows([[64 / 5, 64 / 5, 8], [64 / 5, 64 / 5, 8], [8, 8, 5]]);
    const e2 = symmetricEigenvalues(H);
    expect(e2[0]).toBeCloseTo(153 / 5, 12);
    expect(Math.abs(e2[1]!)).toBeLessThan(1e-12);
    expect(Math.abs(e2[2]!)).toBeLessThan(1e-12);
  });

  it('matches trace and Frobenius invariants on random matrices, and Jacobi agrees with QL', () => {
    const rnd = lcg(5);
    for (const n of [1, 2, 5, 30, 80]) {
      const B = build(n, n, () => rnd() - 0.5);
      const A = build(n, n, (i, j) => B.data[i * n + j]! + B.data[j * n + i]!);
      const ev = symmetricEigenvalues(A);
      let tr = 0, fro = 0;
      for (let i = 0; i < n; i++) tr += A.data[i * n + i]!;
      for (const x of A.data) fro += x * x;
      expect(ev.reduce((s, x) => s + x, 0)).toBeCloseTo(tr, 9);
      expect(ev.reduce((s, x) => s + x * x, 0)).toBeCloseTo(fro, 8);
      for (let i = 1; i < n; i++) expect(ev[i - 1]!).toBeGreaterThanOrEqual(ev[i]!);
      if (n <= 30) {
        const J = symmetricEigen(A);
        J.values.forEach((x, i) => expect(x).toBeCloseTo(ev[i]!, 9));
        // A v = λ v for each column
        const AV = mul(Float, A, J.vectors);
        for (let k = 0; k < n; k++)
          for (let i = 0; i < n; i++)
            expect(AV.data[i * n + k]!).toBeCloseTo(J.values[k]! * J.vectors.data[i * n + k]!, 9);
      }
    }
  });
});

describe('integer (Bareiss) rank', () => {
  it('equals the pivot count of rational Gauss–Jordan, on rank-deficient rational matrices of every rank', () => {
    const rng = seededRng(21);
    for (let t = 0; t < 60; t++) {
      const [m, n] = [randomInt(rng, 1, 7), randomInt(rng, 1, 7)];
      const r = randomInt(rng, 0, Math.min(m, n));
      const L = build(m, r, () => Rational.of(randomInt(rng, -9, 9), randomInt(rng, 1, 4)));
      const R = build(r, n, () => Rational.of(randomInt(rng, -9, 9), randomInt(rng, 1, 4)));
      const A = r === 0 ? build(m, n, () => Rational.ZERO) : mul(Exact, L, R);
      const gaussJordan = rref(Exact, A).pivots.length;
      expect(integerRank(A)).toBe(gaussJordan);
      expect(integerRank(A)).toBeLessThanOrEqual(r);
    }
  });
});
