import { describe, expect, it } from 'vitest';
import {
  Exact, Rational, fromRows, build, identity, inertia, add, scale, type Matrix,
} from '../../src/linalg/index.js';
import { analyzeData } from '../../src/landscape/data.js';
import { classifyExact, classifyFloat } from '../../src/landscape/classify.js';
import { hessian } from '../../src/landscape/derivatives.js';
import { lossAlongLine } from '../../src/landscape/line.js';
import type { PointReport } from '../../src/landscape/report.js';
import { oracleHessian, oracleLoss } from './hyperdual.js';

const q = (x: number | string) => (typeof x === 'string' ? Rational.parse(x)! : Rational.fromInt(x));
const Q = (rows: (number | string)[][]): Matrix<Rational> => fromRows(rows.map((r) => r.map(q)));
const zeros = (r: number, c: number) => build(r, c, () => Rational.ZERO);
const parseW = (W: (string | number)[][][]) => W.map((M) => Q(M));

const X3 = Q([[1, 0, 0], [0, 1, 0], [0, 0, 1]]);
const Y321 = Q([[3, 0, 0], [0, 2, 0], [0, 0, 1]]);

function classify(X: Matrix<Rational>, Y: Matrix<Rational>, W: Matrix<Rational>[], mode: 'exact' | 'float' = 'exact'): PointReport {
  const widths = [X.rows, ...W.map((M) => M.rows)];
  const data = analyzeData(X, Y, widths);
  return (mode === 'exact' ? classifyExact : classifyFloat)(data, { name: 'p', W });
}

/** λ_min(H) = c exactly: H − cI is PSD and singular (exact inertia). */
function minEigenvalueIs(Hm: Matrix<Rational>, c: Rational): boolean {
  const { inertia: i } = inertia(Exact, add(Exact, Hm, scale(Exact, c.neg(), identity(Exact, Hm.rows))));
  return i.negative === 0 && i.zero > 0;
}

/** L(W + tV) − L(W) by exact interpolation of the naively evaluated loss (independent of lossAlongLine). */
function interpolatedLine(X: Matrix<Rational>, Y: Matrix<Rational>, W: Matrix<Rational>[], V: Matrix<Rational>[]): Rational[] {
  const degree = 2 * W.length;
  const L0 = oracleLoss(X, Y, W);
  const ts = Array.from({ length: degree + 1 }, (_, i) => Rational.fromInt(i));
  const ys = ts.map((t) => oracleLoss(X, Y, W.map((Wk, k) => add(Exact, Wk, scale(Exact, t, V[k]!)))).sub(L0));
  // Newton divided differences, then expand to monomial coefficients
  const c = [...ys];
  for (let j = 1; j <= degree; j++) for (let i = degree; i >= j; i--) c[i] = c[i]!.sub(c[i - 1]!).div(ts[i]!.sub(ts[i - j]!));
  let poly: Rational[] = [c[degree]!];
  for (let i = degree - 1; i >= 0; i--) {
    const next: Rational[] = new Array(poly.length + 1).fill(Rational.ZERO);
    poly.forEach((a, k) => {
      next[k + 1] = next[k + 1]!.add(a);
      next[k] = next[k]!.sub(a.mul(ts[i]!));
    });
    next[0] = next[0]!.add(c[i]!);
    poly = next;
  }
  while (poly.length > 1 && poly[poly.length - 1]!.isZero()) poly.pop();
  return poly;
}

function directionOf(r: PointReport): Matrix<Rational>[] {
  const c = r.certificate!;
  if (c.kind !== 'negative-curvature' && c.kind !== 'decreasing-line') throw new Error(`no direction in ${c.kind}`);
  return c.direction.map((M) => Q(M as string[][]));
}

describe('H = 1 table of docs/mathematics.md §5 (X = I₃, Y = diag(3,2,1), d₁ = 2, G = I)', () => {
  const table: [number[], string, string, string][] = [
    [[1, 2], '1/2', '0', 'global-min'],
    [[1, 3], '2', '-1', 'strict-saddle'],
    [[2, 3], '9/2', '-2', 'strict-saddle'],
    [[1], '5/2', '-2', 'strict-saddle'],
    [[2], '5', '-3', 'strict-saddle'],
    [[3], '13/2', '-3', 'strict-saddle'],
    [[], '7', '-3', 'strict-saddle'],
  ];
  const d = [3, 2, 1];
  it.each(table)('I = %j: critical value %s, λ_min %s, %s', (I, value, lambdaMin, label) => {
    // W_2 = [U_I, 0], W_1 = [U_Iᵀ Y; 0] with U = I₃
    const W1 = build(2, 3, (a, b) => (a < I.length && I[a]! - 1 === b ? Rational.fromInt(d[b]!) : Rational.ZERO));
    const W2 = build(3, 2, (a, b) => (b < I.length && I[b]! - 1 === a ? Rational.ONE : Rational.ZERO));
    const r = classify(X3, Y321, [W1, W2]);
    expect(r.gradient.zero).toBe(true);
    expect(r.loss).toBe(value);
    expect(r.criticalValue).toBe(value);
    expect(r.indexSet).toEqual(I);
    expect(r.lossStar).toBe('1/2');
    expect(r.classification).toBe(label);
    expect(r.theorem.agrees).toBe(true);
    expect(minEigenvalueIs(hessian(Exact, X3, Y321, [W1, W2]), q(lambdaMin))).toBe(true);
    if (label === 'strict-saddle') {
      // the certificate direction has negative curvature under the independent (hyper-dual) Hessian
      const v = directionOf(r).flatMap((M) => [...M.data]);
      const Ho = oracleHessian(X3, Y321, [W1, W2]);
      let quad = Rational.ZERO;
      v.forEach((vi, i) => v.forEach((vj, j) => (quad = quad.add(vi.mul(Ho[i]![j]!).mul(vj)))));
      expect(quad.sign()).toBe(-1);
      expect(quad.toString()).toBe((r.certificate as { curvature: string }).curvature);
    }
  });
});

describe('bad saddles (docs/mathematics.md §3, Corollary 2.4)', () => {
  it('the non-zero bad saddle: L = 5/2 > L* = 1/2, PSD Hessian, rank(W₂) = 1 < p, cubic decrease', () => {
    const W = parseW([[[3, 0, 0], [0, 0, 0]], [[1, 0], [0, 0]], [[1, 0], [0, 0], [0, 0]]]);
    const r = classify(X3, Y321, W);
    expect([r.loss, r.lossStar, r.classification, r.rankMiddle, r.p]).toEqual(['5/2', '1/2', 'bad-saddle', 1, 2]);
    expect(r.hessian!.inertia.negative).toBe(0);
    expect(r.theorem.agrees).toBe(true);
    // the curve of docs/mathematics.md §3: W₁ = [[3,0,0],[0,2t,0]], W₂ = diag(1,t), W₃ = [[1,0],[0,t],[0,0]] gives ½(4(1−t³)² + 1)
    const V = parseW([[[0, 0, 0], [0, 2, 0]], [[0, 0], [0, 1]], [[0, 0], [0, 1], [0, 0]]]);
    expect(lossAlongLine(Exact, X3, Y321, W, V).map(String)).toEqual(['0', '0', '0', '-4', '0', '0', '2']);
    // the certificate: V in the Hessian's null space and an exact polynomial, re-derived by interpolation
    const cert = r.certificate!;
    expect(cert.kind).toBe('decreasing-line');
    if (cert.kind !== 'decreasing-line') return;
    const Vc = directionOf(r);
    const Hm = hessian(Exact, X3, Y321, W);
    const v = Vc.flatMap((M) => [...M.data]);
    for (let i = 0; i < Hm.rows; i++) {
      let s = Rational.ZERO;
      for (let j = 0; j < Hm.cols; j++) s = s.add(Hm.data[i * Hm.cols + j]!.mul(v[j]!));
      expect(s.isZero()).toBe(true);
    }
    const poly = interpolatedLine(X3, Y321, W, Vc);
    expect(cert.polynomial).toEqual(poly.map(String));
    const lowest = poly.findIndex((c, i) => i > 0 && !c.isZero());
    expect(lowest).toBe(cert.order);
    expect(lowest % 2 === 1 || poly[lowest]!.sign() < 0).toBe(true);
  });

  it.each([2, 3, 4])('W = 0 with H = %i: zero gradient and Hessian, L(tD) falls at order H+1 (bad saddle)', (H) => {
    const widths = [3, ...new Array(H).fill(2), 3];
    const W = widths.slice(1).map((dk, k) => zeros(dk, widths[k]!));
    const r = classify(X3, Y321, W);
    expect(r.gradient.zero).toBe(true);
    expect(hessian(Exact, X3, Y321, W).data.every((x) => x.isZero())).toBe(true);
    expect(r.classification).toBe('bad-saddle');
    const cert = r.certificate!;
    expect(cert.kind === 'decreasing-line' && cert.order).toBe(H + 1);
    // L(tD) − L(0) = −t^{H+1}⟨Y, D_{H+1}⋯D_1 X⟩ + ½t^{2H+2}‖D_{H+1}⋯D_1 X‖² (checked by interpolation)
    const poly = interpolatedLine(X3, Y321, W, directionOf(r));
    expect(poly.every((c, i) => c.isZero() || i === H + 1 || i === 2 * H + 2)).toBe(true);
  });

  it('App. C.1 corrected: W₁ = W₂ = 0, W₃ ≠ 0 with H = 2 is a strict saddle; with H = 3 the Hessian is zero', () => {
    const W3 = Q([[1, 0], [0, 1], [0, 0]]);
    const r2 = classify(X3, Y321, [zeros(2, 3), zeros(2, 2), W3]);
    expect(r2.classification).toBe('strict-saddle');
    expect(r2.hessian!.inertia.negative).toBeGreaterThan(0);
    const W = [zeros(2, 3), zeros(2, 2), zeros(2, 2), W3];
    expect(hessian(Exact, X3, Y321, W).data.every((x) => x.isZero())).toBe(true);
    expect(classify(X3, Y321, W).classification).toBe('bad-saddle');
  });

  it('the scalar chain: (1, 1, 8/5) global minimum with L* = 1/10; (1, 2, 1/2) not critical; origin bad saddle', () => {
    const X = Q([[1, 2]]), Y = Q([[2, 3]]);
    const chain = (...w: (number | string)[]) => w.map((x) => Q([[x]]));
    const min = classify(X, Y, chain(1, 1, '8/5'));
    expect([min.classification, min.loss, min.lossStar, min.lossStarExact]).toEqual(['global-min', '1/10', '1/10', true]);
    const nc = classify(X, Y, chain(1, 2, '1/2'));
    expect(nc.classification).toBe('not-critical');
    expect(nc.certificate).toEqual({ kind: 'nonzero-gradient', parameter: '(W_3)_{1,1}', value: '-6' });
    expect(nc.hessian).toBeUndefined();
    const o = classify(X, Y, chain(0, 0, 0));
    expect([o.classification, o.loss]).toEqual(['bad-saddle', '13/2']);
  });
});

describe('when (A) fails', () => {
  it('repeated eigenvalues: the failed part is named, statements marked not applicable, global minimum still decided exactly', () => {
    const I2 = Q([[1, 0], [0, 1]]);
    const r = classify(I2, I2, parseW([[[1, 1]], [[2]], [['1/4'], ['1/4']]]));
    expect(r.hypotheses.holds).toBe(false);
    expect(r.hypotheses.failed.map((f) => f.part)).toEqual(['sigma-distinct-eigenvalues']);
    expect(r.hypotheses.notApplicable.length).toBeGreaterThan(0);
    expect(r.theorem.applicable).toBe(false);
    expect(r.indexSet).toBeNull();
    expect([r.classification, r.loss, r.lossStar]).toEqual(['global-min', '1/2', '1/2']);
    // the same factors at a wrong scale are not even critical
    const notMin = classify(I2, I2, parseW([[[1, 1]], [[1]], [['1/4'], ['1/4']]]));
    expect(notMin.classification).toBe('not-critical');
  });

  it('d_y > d_x and a singular X Xᵀ are reported part by part', () => {
    const X = Q([[1, 2, 3]]), Y = Q([[1, 0, 1], [0, 1, 1]]);
    const r = classify(X, Y, [zeros(1, 1), zeros(2, 1)]);
    expect(r.hypotheses.failed.map((f) => f.part)).toEqual(expect.arrayContaining(['dy-le-dx']));
    const Xs = Q([[1, 2], [2, 4]]), Ys = Q([[1, 0], [0, 1]]);
    const s = classify(Xs, Ys, [zeros(1, 2), zeros(2, 1)]);
    expect(s.hypotheses.failed.map((f) => f.part)).toEqual(expect.arrayContaining(['xxt-full-rank', 'xyt-full-rank']));
    // H = 1 at W = 0 with X Yᵀ ≠ 0: a negative Hessian eigenvalue proves a saddle without the theorem
    expect(s.classification).toBe('strict-saddle');
  });
});

describe('float mode', () => {
  it('agrees with exact mode on every label of the §5 table and states its tolerances', () => {
    for (const I of [[1, 2], [1, 3], [2], []]) {
      const W1 = build(2, 3, (a, b) => (a < I.length && I[a]! - 1 === b ? Rational.fromInt([3, 2, 1][b]!) : Rational.ZERO));
      const W2 = build(3, 2, (a, b) => (b < I.length && I[b]! - 1 === a ? Rational.ONE : Rational.ZERO));
      const e = classify(X3, Y321, [W1, W2]);
      const f = classify(X3, Y321, [W1, W2], 'float');
      expect(f.classification).toBe(e.classification);
      expect(f.indexSet).toEqual(e.indexSet);
      expect(Math.abs((f.loss as number) - Rational.parse(e.loss as string)!.toNumber())).toBeLessThan(1e-12);
      expect(f.hessian!.tolerance).toBeGreaterThan(0);
      expect(f.hessian!.inertia).toEqual(e.hessian!.inertia);
    }
  });
});
