import { describe, expect, it } from 'vitest';
import { Rational, fromRows, toRows, type Matrix } from '../../src/linalg/index.js';
import { analyzeData } from '../../src/landscape/data.js';
import { classifyExact } from '../../src/landscape/classify.js';
import { criticalReport } from '../../src/landscape/critical.js';
import { kernelChain } from '../../src/landscape/kernel-chain.js';
import { secondOrderCurve } from '../../src/landscape/escape.js';
import { structuredData } from '../../src/landscape/random.js';
import { seededRng } from '../../src/linalg/random.js';
import type { PointReport } from '../../src/landscape/report.js';
import { lossPolynomial, recheck, type CertificateJson } from '../helpers/recheck.js';

const Q = (rows: (number | string)[][]): Matrix<Rational> => fromRows(rows.map((r) => r.map((x) => Rational.parse(String(x))!)));
const rows = (M: Matrix<Rational>) => toRows(M).map((r) => r.map(String));
const diag = (a: number, b: number) => Q([[a, 0], [0, b]]);

function classify(X: Matrix<Rational>, Y: Matrix<Rational>, W: Matrix<Rational>[]): PointReport {
  return classifyExact(analyzeData(X, Y, [X.rows, ...W.map((M) => M.rows)]), { name: 'p', W });
}

/** Every certificate with a direction re-checked by the independent checker; returns how many were checked. */
function recheckAll(X: Matrix<Rational>, Y: Matrix<Rational>, points: { W: Matrix<Rational>[]; report: PointReport }[]): number {
  let checked = 0;
  for (const { W, report } of points) {
    const c = report.certificate;
    if (!c || !['decreasing-line', 'decreasing-curve', 'negative-curvature'].includes(c.kind)) continue;
    expect(recheck(rows(X), rows(Y), W.map(rows), c as unknown as CertificateJson), report.name).toEqual([]);
    checked++;
  }
  return checked;
}

describe('the independent re-checker', () => {
  it('expands the loss along a curve entry by entry: the scalar chain at the origin along t·(1,1,1)', () => {
    // L(t,t,t) − L(0) = 5t⁶/2 − 8t³ for x = (1, 2), y = (2, 3) (the scalar chain of proofs/scalar-chain.proof.yaml)
    const p = lossPolynomial([[1, 2]], [[2, 3]], [[[0]], [[0]], [[0]]], [[[[1]], [[1]], [[1]]]]);
    expect(p.map((c) => (c.d === 1n ? `${c.n}` : `${c.n}/${c.d}`))).toEqual(['0', '0', '0', '-8', '0', '0', '5/2']);
  });

  it('rejects a certificate whose curve, polynomial or stated term was altered', () => {
    const X = diag(1, 1), Y = diag(1, 1);
    const W = [diag(1, 0), diag(1, 0), diag(1, 0), diag(1, 0), diag(1, 0)];
    const c = classify(X, Y, W).certificate as unknown as CertificateJson;
    const args = [rows(X), rows(Y), W.map(rows)] as const;
    expect(recheck(...args, c)).toEqual([]);
    const flipped = structuredClone(c);
    flipped.direction![0]![1]![1] = '-1'; // a direction along which the t⁵ term changes sign
    expect(recheck(...args, flipped)).not.toEqual([]);
    expect(recheck(...args, { ...c, polynomial: c.polynomial!.map((x, i) => (i === 5 ? '1' : x)) })).not.toEqual([]);
    expect(recheck(...args, { ...c, order: 4 })).not.toEqual([]);
    const flat = structuredClone(c);
    flat.direction = flat.direction!.map((M) => M.map((r) => r.map(() => '0')));
    expect(recheck(...args, flat)).not.toEqual([]);
  });
});

describe('kernel chains', () => {
  it("the issue's point: H = 4, Σ = I (repeated: (A) fails), rank-1 middles; L(W + tV) − L(W) = −t⁵ + ½t¹⁰", () => {
    const X = diag(1, 1), Y = diag(1, 1);
    const W = [diag(1, 0), diag(1, 0), diag(1, 0), diag(1, 0), diag(1, 0)];
    const r = classify(X, Y, W);
    expect(r.hypotheses.holds).toBe(false);
    expect(r.hessian!.inertia.negative).toBe(0);
    expect(r.classification).toBe('bad-saddle');
    const c = r.certificate!;
    expect(c.kind).toBe('decreasing-line');
    if (c.kind !== 'decreasing-line') return;
    expect(c.polynomial).toEqual(['0', '0', '0', '0', '0', '-1', '0', '0', '0', '0', '1/2']);
    expect(c.direction).toEqual([0, 1, 2, 3, 4].map(() => [['0', '0'], ['0', '1']]));
    expect(c.construction).toBe('kernel chain through W_1, W_2, W_3, W_4, W_5');
  });

  it('W = 0 takes every layer (order H + 1); kept layers carry the chain when one is full rank', () => {
    const X = Q([[1, 0, 0], [0, 1, 0], [0, 0, 1]]), Y = Q([[3, 0, 0], [0, 2, 0], [0, 0, 1]]);
    const zero = [Q([[0, 0, 0], [0, 0, 0]]), diag(0, 0), diag(0, 0), Q([[0, 0], [0, 0], [0, 0]])];
    expect(kernelChain(X, Y, zero)?.layers).toEqual([1, 2, 3, 4]);
    // W₁ = W₂ = W₃ = 0 and W₄ injective: N(W₄) = 0, so W₄ is kept and the loss falls at order 3 (App. C.1)
    const kept = [...zero.slice(0, 3), Q([[1, 0], [0, 1], [0, 0]])];
    const chain = kernelChain(X, Y, kept)!;
    expect(chain.layers).toEqual([1, 2, 3]);
    expect(chain.V[3]!.data.every((x) => x.isZero())).toBe(true);
    expect(classify(X, Y, kept).certificate).toMatchObject({ kind: 'decreasing-line', order: 3 });
  });

  it('a strict saddle has a chain of order 2 (negative curvature); a global minimum has none', () => {
    const X = Q([[1, 0, 0], [0, 1, 0], [0, 0, 1]]), Y = Q([[3, 0, 0], [0, 2, 0], [0, 0, 1]]);
    // H = 1, I = {2} (docs/mathematics.md §5): a strict saddle
    const saddle = [Q([[0, 2, 0], [0, 0, 0]]), Q([[0, 0], [1, 0], [0, 0]])];
    expect(kernelChain(X, Y, saddle)?.order).toBe(2);
    const min = [Q([[3, 0, 0], [0, 2, 0]]), Q([[1, 0], [0, 1], [0, 0]])];
    expect(classify(X, Y, min).classification).toBe('global-min');
    expect(kernelChain(X, Y, min)).toBeUndefined();
  });
});

describe('quadratic curves in the Hessian\'s null space', () => {
  it('W = 0, H = 2: along A in W₁, W₂ no line falls (no t³ term), bending it by B in W₃ gives a t⁴ decrease', () => {
    const X = Q([[1, 0, 0], [0, 1, 0], [0, 0, 1]]), Y = Q([[3, 0, 0], [0, 2, 0], [0, 0, 1]]);
    const W = [Q([[0, 0, 0], [0, 0, 0]]), diag(0, 0), Q([[0, 0], [0, 0], [0, 0]])];
    // Null-space directions offered: (W₁)₁₁, (W₂)₁₁, (W₃)₁₁ (parameters 0, 6 and 10). Pairs of them leave the
    // product, hence every line, flat; only a curve through the third layer moves it.
    const cols = [0, 6, 10];
    const N = { rows: 16, cols: 3, data: Array.from({ length: 48 }, (_, k) => (cols[k % 3] === Math.floor(k / 3) ? Rational.ONE : Rational.ZERO)) };
    const { found } = secondOrderCurve(X, Y, W, N, seededRng(1));
    expect(found).toBeDefined();
    expect(found!.curve).toHaveLength(2);
    expect(found!.term.order).toBe(4);
    expect(found!.term.coefficient!.sign()).toBe(-1);
    const json = { kind: 'decreasing-curve', curve: found!.curve.map((V) => V.map(rows)), polynomial: found!.polynomial.map(String),
      order: 4, coefficient: found!.term.coefficient!.toString(), towards: found!.term.towards! };
    expect(recheck(rows(X), rows(Y), W.map(rows), json)).toEqual([]);
  });
});

describe('the acceptance sweeps: every non-global PSD point has an exact escape, re-checked independently; both classifiers agree on every point', () => {
  // The instances of `dln sweep --widths … --instances 20 --seed 3` (instance i draws from seed 3 + i).
  it.each([[[2, 2, 2, 2, 2, 2]], [[2, 2, 2, 2, 2, 2, 2]], [[3, 2, 2, 2, 2, 3]]])('widths %j', (widths) => {
    let psd = 0, escapes = 0, checked = 0;
    for (let seed = 3; seed < 23; seed++) {
      const rng = seededRng(seed);
      const { X, Y } = structuredData(rng, widths[0]!, widths[widths.length - 1]!, widths[0]! + 1);
      const report = criticalReport({ name: 'sweep', widths, X, Y, points: [] }, 'exact', rng);
      expect(report.errors).toEqual([]);
      for (const p of report.points) {
        expect(p.crossCheck.agrees, p.crossCheck.note).toBe(true);
        expect(p.classification).not.toBe('undetermined');
        if (p.classification === 'global-min' || p.hessian!.inertia.negative > 0) continue;
        psd++;
        if (p.certificate?.kind === 'decreasing-line' || p.certificate?.kind === 'decreasing-curve') escapes++;
      }
      checked += recheckAll(X, Y, report.points.map((p) => ({ W: p.W.map((M) => Q(M as string[][])), report: p })));
    }
    expect(psd).toBeGreaterThanOrEqual(60);
    expect(escapes).toBe(psd);
    expect(checked).toBeGreaterThan(psd);
  });
});
