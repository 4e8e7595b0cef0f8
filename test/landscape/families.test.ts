import { describe, expect, it } from 'vitest';
import { Exact, Rational, build, identity, inverse, mul, sub, add, equals, type Matrix } from '../../src/linalg/index.js';
import { criticalFamilies } from '../../src/landscape/families.js';
import { gradient, loss } from '../../src/landscape/derivatives.js';
import { analyzeData } from '../../src/landscape/data.js';
import { classifyExact, classifyFloat } from '../../src/landscape/classify.js';
import { flattenWeights } from '../../src/landscape/params.js';
import { randomUnimodular } from '../../src/landscape/random.js';
import { seededRng } from '../../src/linalg/random.js';
import { oracleGradient, oracleLoss } from './hyperdual.js';

function lcg(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0), s / 2 ** 32);
}
const int = (rnd: () => number, lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));

/** Data whose Σ has rational eigenvectors: X = [I I], Y = Q D X with Q = (I − K)(I + K)⁻¹ (Cayley, K skew). */
function cayleyData(dx: number, dy: number, rnd: () => number): { X: Matrix<Rational>; Y: Matrix<Rational> } {
  const Kr = build(dy, dy, () => Rational.fromInt(int(rnd, -1, 1)));
  const K = build(dy, dy, (i, j) => (i < j ? Kr.data[i * dy + j]! : i > j ? Kr.data[j * dy + i]!.neg() : Rational.ZERO));
  const Id = identity(Exact, dy);
  const Qm = mul(Exact, sub(Exact, Id, K), inverse(Exact, add(Exact, Id, K)));
  const D = build(dy, dx, (i, j) => (i === j ? Rational.fromInt(dy - i + 1) : Rational.ZERO));
  const X = build(dx, 2 * dx, (i, j) => (j === i || j === i + dx ? Rational.ONE : Rational.ZERO));
  return { X, Y: mul(Exact, mul(Exact, Qm, D), X) };
}

function randomData(dx: number, dy: number, m: number, rnd: () => number) {
  const r = (rows: number, cols: number) => build(rows, cols, () => Rational.fromInt(int(rnd, -3, 3)));
  return { X: r(dx, m), Y: r(dy, m) };
}

describe('random unimodular maps', () => {
  it('G · G⁻¹ = I with integer entries', () => {
    const rng = seededRng(3);
    for (let n = 1; n <= 6; n++) {
      const { G, Ginv } = randomUnimodular(rng, n);
      expect(equals(Exact, mul(Exact, G, Ginv), identity(Exact, n))).toBe(true);
      expect([...G.data, ...Ginv.data].every((x) => x.isInteger())).toBe(true);
    }
  });
});

describe('critical-point families (property test, depth 1–4)', () => {
  const rnd = lcg(99);
  for (let trial = 0; trial < 10; trial++) {
    const H = 1 + (trial % 4);
    const dy = int(rnd, 1, 3), dx = int(rnd, dy, 3);
    const widths = [dx, ...Array.from({ length: H }, () => int(rnd, 1, 3)), dy];
    const rational = trial % 2 === 0;
    const { X, Y } = rational ? cayleyData(dx, dy, rnd) : randomData(dx, dy, dx + 1, rnd);
    it(`widths ${widths.join(',')} (${rational ? 'rational eigenvectors' : 'random data'}): zero gradient, predicted loss, labels`, () => {
      const fam = criticalFamilies(X, Y, widths, seededRng(trial), { maxIndexSets: 16 });
      const data = analyzeData(X, Y, widths);
      const p = Math.min(...widths.slice(1, -1));
      if (rational) expect(fam.skipped).toEqual([]); // every I is available exactly
      // index-set points exist for every available I; zero-layer families for H ≥ 2
      expect(fam.points.some((pt) => pt.family === 'zero' || pt.indexSet.length === 0)).toBe(true);
      // every pair of layers appears as zero layers of some point (duplicates are merged)
      if (H >= 2)
        for (let a = 0; a <= H; a++)
          for (let b = a + 1; b <= H; b++)
            expect(fam.points.some((pt) => pt.W[a]!.data.every((x) => x.isZero()) && pt.W[b]!.data.every((x) => x.isZero()))).toBe(true);
      for (const pt of fam.points) {
        expect(pt.W.map((M) => [M.rows, M.cols])).toEqual(widths.slice(1).map((d, k) => [d, widths[k]!]));
        expect(pt.indexSet.length).toBeLessThanOrEqual(Math.min(p, dy));
        expect(flattenWeights(gradient(Exact, X, Y, pt.W)).every((g) => g.isZero())).toBe(true);
        expect(loss(Exact, X, Y, pt.W).eq(pt.predictedLoss)).toBe(true);
        // independent oracle on the smaller ones
        if (pt.W.reduce((s, M) => s + M.data.length, 0) <= 20) {
          expect(oracleGradient(X, Y, pt.W).every((g) => g.isZero())).toBe(true);
          expect(oracleLoss(X, Y, pt.W).eq(pt.predictedLoss)).toBe(true);
        }
        const r = classifyExact(data, { name: pt.name, W: pt.W });
        expect(r.theorem.agrees).toBe(true);
        expect(r.classification).not.toBe('not-critical');
        if (data.hypotheses.holds && r.indexSet) expect(r.indexSet).toEqual(pt.indexSet);
        if (data.hypotheses.holds && data.H === 1) expect(['global-min', 'strict-saddle']).toContain(r.classification);
        // exact and float agree on the label whenever float resolves the Hessian's sign pattern
        const f = classifyFloat(data, { name: pt.name, W: pt.W });
        expect(Math.abs((f.loss as number) - pt.predictedLoss.toNumber())).toBeLessThanOrEqual(1e-9 * Math.max(1, pt.predictedLoss.toNumber()));
        if (f.classification !== 'undetermined') expect(f.classification).toBe(r.classification);
      }
    });
  }

  it('irrational eigenvalues: index sets that split them are skipped with a reason; the full set is built', () => {
    // Σ = Y Yᵀ = [[2,1],[1,1]] has eigenvalues (3 ± √5)/2
    const X = build(2, 2, (i, j) => (i === j ? Rational.ONE : Rational.ZERO));
    const Y = build(2, 2, (i, j) => Rational.fromInt([[1, 1], [0, 1]][i]![j]!));
    const fam = criticalFamilies(X, Y, [2, 2, 2], seededRng(5));
    expect(fam.skipped.map((s) => s.indexSet)).toEqual([[1], [2]]);
    expect(fam.skipped[0]!.reason).toMatch(/irrational/);
    const full = fam.points.find((pt) => pt.indexSet.length === 2)!;
    expect(full.predictedLoss.toString()).toBe('0');
    expect(flattenWeights(gradient(Exact, X, Y, full.W)).every((g) => g.isZero())).toBe(true);
  });
});
