import { describe, expect, it } from 'vitest';
import { Rational, fromRows, type Matrix } from '../../src/linalg/index.js';
import { simplestBetween } from '../../src/landscape/rational-search.js';
import {
  distinctEigenvalueCount, isolateSpectrum, topEigenSum, countAt, sigmaMatrix, clusterCountsOn, provesDistinctEigenvalues,
  topEigenSumNear,
} from '../../src/landscape/spectrum.js';
import { analyzeData, lossStarOf } from '../../src/landscape/data.js';
import { randomIntMatrix, seededRng } from '../../src/linalg/random.js';
import { Exact, add, build, mul, symmetricEigen, transpose, convert } from '../../src/linalg/index.js';

const q = (x: number | string) => (typeof x === 'string' ? Rational.parse(x)! : Rational.fromInt(x));
const Q = (rows: (number | string)[][]): Matrix<Rational> => fromRows(rows.map((r) => r.map(q)));

describe('simplestBetween', () => {
  it.each([
    ['0', '1', '1/2'],
    ['1/3', '1/2', '2/5'],
    ['-1', '1', '0'],
    ['-5/2', '-2', '-7/3'],
    ['3.14159', '3.1416', '355/113'],
    ['2', '5', '3'],
    ['7/10', '3/4', '5/7'],
  ])('(%s, %s) → %s', (lo, hi, want) => {
    const r = simplestBetween(q(lo), q(hi));
    expect(r.toString()).toBe(want);
    expect(r.cmp(q(lo))).toBe(1);
    expect(r.cmp(q(hi))).toBe(-1);
  });
});

describe('exact eigenvalue isolation', () => {
  it('Σ = diag(9,4,1) of docs/mathematics.md §5: three rational eigenvalues, identified exactly', () => {
    const S = sigmaMatrix(Q([[1, 0, 0], [0, 1, 0], [0, 0, 1]]), Q([[3, 0, 0], [0, 2, 0], [0, 0, 1]]));
    const sp = isolateSpectrum(S);
    expect(sp.clusters.map((c) => c.exact?.toString())).toEqual(['9', '4', '1']);
    expect(sp.clusters.every((c) => c.multiplicity === 1 && c.lower.cmp(c.exact!) < 0 && c.exact!.cmp(c.upper) < 0)).toBe(true);
    expect(distinctEigenvalueCount(S)).toBe(3);
  });

  it('[[2,1],[1,1]]: eigenvalues (3 ± √5)/2 are isolated by rational cut points, not claimed rational', () => {
    const S = Q([[2, 1], [1, 1]]);
    const sp = isolateSpectrum(S);
    const roots = [(3 + Math.sqrt(5)) / 2, (3 - Math.sqrt(5)) / 2];
    expect(sp.clusters).toHaveLength(2);
    sp.clusters.forEach((c, i) => {
      expect(c.exact).toBeUndefined();
      expect(c.lower.toNumber()).toBeLessThan(roots[i]!);
      expect(c.upper.toNumber()).toBeGreaterThan(roots[i]!);
      // exactly one eigenvalue inside, none on the cut points
      const lo = countAt(S, c.lower), hi = countAt(S, c.upper);
      expect([lo.at, hi.at, lo.above - hi.above]).toEqual([0, 0, 1]);
    });
    // the top-2 sum is the trace (exact); the top-1 sum is enclosed around (3 + √5)/2
    const all = topEigenSum(S, sp, 2);
    expect(all.exact && all.value.toString()).toBe('3');
    const top = topEigenSum(S, sp, 1);
    expect(top.exact).toBe(false);
    if (!top.exact) {
      expect(top.lower.toNumber()).toBeLessThanOrEqual(roots[0]!);
      expect(top.upper.toNumber()).toBeGreaterThanOrEqual(roots[0]!);
      expect(top.upper.sub(top.lower).toNumber()).toBeLessThan(1e-10);
    }
  });

  it('repeated and close eigenvalues: I₂ ⊕ [1 + 10⁻⁹] has two distinct values, multiplicities 2 and 1', () => {
    const S = Q([[1, 0, 0], [0, 1, 0], [0, 0, '1.000000001']]);
    expect(distinctEigenvalueCount(S)).toBe(2);
    const sp = isolateSpectrum(S);
    expect(sp.clusters.map((c) => [c.exact?.toString(), c.multiplicity])).toEqual([['1000000001/1000000000', 1], ['1', 2]]);
  });

  it('a rotated Σ with irrational entries of its eigenvectors still yields exact counts on invariant subspaces', () => {
    // Σ = [[2,1],[1,2]]: eigenvalues 3 (vector (1,1)) and 1 (vector (1,−1))
    const S = Q([[2, 1], [1, 2]]);
    const sp = isolateSpectrum(S);
    expect(sp.clusters.map((c) => c.exact?.toString())).toEqual(['3', '1']);
    expect(clusterCountsOn(S, Q([[1], [-1]]), sp)).toEqual([0, 1]);
    expect(clusterCountsOn(S, Q([[1], [1]]), sp)).toEqual([1, 0]);
  });
});

/** Q diag(λ) Qᵀ with Q a rational orthogonal matrix (a Householder reflection), so the eigenvalues are λ exactly. */
function withEigenvalues(lambda: (number | string)[]): Matrix<Rational> {
  const n = lambda.length;
  const u = Array.from({ length: n }, (_, i) => Rational.fromInt(i + 1));
  const uu = u.reduce((s, x) => s.add(x.mul(x)), Rational.ZERO);
  const Qm = build(n, n, (i, j) => (i === j ? Rational.ONE : Rational.ZERO).sub(u[i]!.mul(u[j]!).mul(Rational.fromInt(2)).div(uu)));
  const D = build(n, n, (i, j) => (i === j ? q(lambda[i]!) : Rational.ZERO));
  return mul(Exact, mul(Exact, Qm, D), transpose(Qm));
}
const floats = (S: Matrix<Rational>) => symmetricEigen(convert(S, (x) => x.toNumber())).values;

describe('distinct eigenvalues by a Krylov rank modulo a prime', () => {
  it('proves diag(9,4,1), the irrational pair (3 ± √5)/2 and a rotated spectrum {5,3,2,-1}; never a repeated one', () => {
    const rng = seededRng(1);
    expect(provesDistinctEigenvalues(Q([[9, 0, 0], [0, 4, 0], [0, 0, 1]]), rng)).toBe(true);
    expect(provesDistinctEigenvalues(Q([[2, 1], [1, 1]]), rng)).toBe(true);
    expect(provesDistinctEigenvalues(withEigenvalues([5, 3, 2, -1]), rng)).toBe(true);
    expect(provesDistinctEigenvalues(withEigenvalues([5, 3, 3, '1/7']), rng)).toBe(false);
    expect(provesDistinctEigenvalues(Q([[1, 0, 0], [0, 1, 0], [0, 0, '1.000000001']]), rng)).toBe(false);
  });

  it('agrees with the exact count (dim span{I, S, S², …}) on random symmetric matrices, some with repeats', () => {
    const rng = seededRng(7);
    const outcomes = new Set<boolean>();
    for (let t = 0; t < 30; t++) {
      const n = 2 + (t % 4);
      // B Bᵀ (+ I every fifth time); every third B has n − 2 columns, so that 0 (or 1) is a repeated eigenvalue.
      const B = randomIntMatrix(rng, n, t % 3 === 0 ? Math.max(1, n - 2) : n, 2);
      const shift = build(n, n, (i, j) => (i === j && t % 5 === 0 ? Rational.ONE : Rational.ZERO));
      const S = add(Exact, mul(Exact, B, transpose(B)), shift);
      const distinct = distinctEigenvalueCount(S) === n;
      expect(provesDistinctEigenvalues(S, rng)).toBe(distinct);
      outcomes.add(distinct);
    }
    expect(outcomes.size).toBe(2);
  });
});

describe('Σ_{i ≤ r} λ_i by counts around the float eigenvalues', () => {
  it('is exact for rational eigenvalues on either side, including a repeated one across the boundary', () => {
    const S = withEigenvalues([7, 3, 3, '1/3', -2]);
    const approx = floats(S);
    const sums = [0, 7, 10, 13, '40/3', '34/3'];
    sums.forEach((want, r) => {
      const got = topEigenSumNear(S, approx, r);
      expect(got?.exact && got.value.toString()).toBe(q(want).toString());
    });
  });

  it('encloses irrational eigenvalues and agrees with the isolated spectrum', () => {
    const S = Q([[2, 1, 0], [1, 1, 1], [0, 1, 3]]);
    const approx = floats(S);
    const sp = isolateSpectrum(S);
    for (const r of [1, 2]) {
      const near = topEigenSumNear(S, approx, r);
      const iso = topEigenSum(S, sp, r);
      const exactSum = approx.slice(0, r).reduce((s, x) => s + x, 0);
      expect(near && !near.exact).toBe(true);
      if (near && !near.exact && !iso.exact) {
        expect(near.lower.toNumber()).toBeLessThanOrEqual(exactSum + 1e-12);
        expect(near.upper.toNumber()).toBeGreaterThanOrEqual(exactSum - 1e-12);
        expect(near.upper.sub(near.lower).toNumber()).toBeLessThan(1e-9);
        // both are rigorous enclosures of the same number, so they overlap
        expect(near.lower.cmp(iso.upper) <= 0 && iso.lower.cmp(near.upper) <= 0).toBe(true);
      }
    }
  });

  it('gives up (undefined) when the floats it is handed are wrong, rather than trusting them', () => {
    const S = withEigenvalues([4, 2, 1]);
    expect(topEigenSumNear(S, [4, 2.5, 1], 1)).toBeDefined(); // 4 is still found exactly
    expect(topEigenSumNear(S, [4.5, 2, 1], 1)).toBeUndefined();
  });
});

describe('float-mode data analysis', () => {
  it('decides (A) and L* as exact mode does on random data, with and without a bottleneck', () => {
    const rng = seededRng(3);
    for (let t = 0; t < 12; t++) {
      const dx = 3 + (t % 2), dy = 2 + (t % 3), m = 6;
      const widths = [dx, t % 2 === 0 ? 1 : dy + 1, dy];
      const X = randomIntMatrix(rng, dx, m), Y = randomIntMatrix(rng, dy, m);
      const e = analyzeData(X, Y, widths), f = analyzeData(X, Y, widths, 'float');
      expect(f.hypotheses).toEqual(e.hypotheses);
      const le = lossStarOf(e), lf = lossStarOf(f);
      if (le.exact && lf.exact) expect(lf.value.toString()).toBe(le.value.toString());
      else {
        const [lo, hi] = lf.exact ? [lf.value, lf.value] : [lf.lower, lf.upper];
        const [elo, ehi] = le.exact ? [le.value, le.value] : [le.lower, le.upper];
        expect(lo.cmp(ehi) <= 0 && elo.cmp(hi) <= 0).toBe(true);
      }
    }
  });

  it('reports a repeated eigenvalue of Σ as exact mode does: X = I₃, Y = diag(2,2,1)', () => {
    const X = Q([[1, 0, 0], [0, 1, 0], [0, 0, 1]]), Y = Q([[2, 0, 0], [0, 2, 0], [0, 0, 1]]);
    const f = analyzeData(X, Y, [3, 2, 3], 'float');
    expect(f.hypotheses.failed).toEqual([{ part: 'sigma-distinct-eigenvalues', detail: 'Σ has 2 distinct eigenvalues, not d_y = 3' }]);
    const ls = lossStarOf(f);
    expect(ls.exact && ls.value.toString()).toBe('1/2'); // ½(9 − (4 + 4))
  });
});
