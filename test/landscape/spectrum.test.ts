import { describe, expect, it } from 'vitest';
import { Rational, fromRows, type Matrix } from '../../src/linalg/index.js';
import { simplestBetween } from '../../src/landscape/rational-search.js';
import {
  distinctEigenvalueCount, isolateSpectrum, topEigenSum, countAt, sigmaMatrix, clusterCountsOn,
} from '../../src/landscape/spectrum.js';

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
  it('Σ = diag(9,4,1) of MATH.md §5: three rational eigenvalues, identified exactly', () => {
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
