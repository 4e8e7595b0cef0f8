import { describe, expect, it } from 'vitest';
import { Rational, build, fromRows, type Matrix } from '../../src/linalg/index.js';
import { analyzeData } from '../../src/landscape/data.js';
import { classifyExact } from '../../src/landscape/classify.js';
import { charPoly, productRoute, rootsAbove } from '../../src/landscape/product-route.js';

const q = (x: number | string | Rational) => Rational.parse(String(x))!;
const Q = (rows: (number | string)[][]): Matrix<Rational> => fromRows(rows.map((r) => r.map(q)));
const X3 = Q([[1, 0, 0], [0, 1, 0], [0, 0, 1]]);
const Y321 = Q([[3, 0, 0], [0, 2, 0], [0, 0, 1]]);

describe('characteristic polynomials and Descartes counts', () => {
  it('det(xI − A) by Faddeev–LeVerrier: diag(9,4,1) and a non-diagonal symmetric matrix', () => {
    // (x − 9)(x − 4)(x − 1) = x³ − 14x² + 49x − 36
    expect(charPoly(Q([[9, 0, 0], [0, 4, 0], [0, 0, 1]])).map(String)).toEqual(['-36', '49', '-14', '1']);
    // [[2,1],[1,2]]: x² − 4x + 3, roots 1 and 3
    expect(charPoly(Q([[2, 1], [1, 2]])).map(String)).toEqual(['3', '-4', '1']);
  });

  it('roots above a cut, with multiplicity, for real-rooted polynomials', () => {
    const p = charPoly(Q([[9, 0, 0], [0, 4, 0], [0, 0, 4]])); // roots 9, 4, 4
    expect([10, 5, q('9/2'), 3, 0].map((c) => rootsAbove(p, q(c)))).toEqual([0, 1, 1, 3, 3]);
    expect(rootsAbove(p, q(4))).toBe(1); // roots equal to the cut are not above it
  });
});

describe('the product route on docs/mathematics.md §5 (H = 1, X = I₃, Y = diag(3,2,1))', () => {
  const data = analyzeData(X3, Y321, [3, 2, 3]);
  // W₂ = [U_I 0], W₁ = [U_Iᵀ Y; 0]: the Baldi–Hornik points, critical values of the table
  const point = (I: number[]) => [
    build(2, 3, (a, b) => (a < I.length && I[a]! - 1 === b ? q([3, 2, 1][b]!) : q(0))),
    build(3, 2, (a, b) => (b < I.length && I[b]! - 1 === a ? q(1) : q(0))),
  ];
  it.each([
    [[1, 2], '1/2', ['global-min']],
    [[1, 3], '2', ['strict-saddle', 'undetermined']],
    [[2, 3], '9/2', ['strict-saddle', 'undetermined']],
    [[1], '5/2', ['strict-saddle', 'undetermined']],
    [[2], '5', ['strict-saddle', 'undetermined']],
    [[3], '13/2', ['strict-saddle', 'undetermined']],
    [[], '7', ['strict-saddle', 'undetermined']],
  ])('I = %j: critical value %s, labels %j', (I, value, labels) => {
    const r = productRoute(data, point(I));
    expect(r.indexSet).toEqual(I);
    expect(r.criticalValue!.toString()).toBe(value);
    expect(r.labels).toEqual(labels);
    // and the Hessian route lands inside, with the same I and critical value
    const h = classifyExact(data, { name: 'p', W: point(I) });
    expect(h.crossCheck.agrees).toBe(true);
    expect(labels).toContain(h.classification);
  });

  it('a point that is not critical is only `not-critical`, found by Z_k r A_k ≠ 0', () => {
    const W = point([1, 2]);
    const shifted = [W[0]!, build(3, 2, (a, b) => (a === b ? q(2) : q(0)))];
    const r = productRoute(data, shifted);
    expect(r.labels).toEqual(['not-critical']);
    expect(r.reason).toMatch(/Lemma 4\.1/);
  });
});

describe('bad saddles need rank(W_H⋯W_2) < p and the top index set; (A) failing leaves the saddle kind open', () => {
  it('the §3 bad saddle (H = 2) may be strict or bad; I = {2} through a rank-1 middle can only be strict (Lemma 4.6)', () => {
    const data = analyzeData(X3, Y321, [3, 2, 2, 3]);
    const bad = [Q([[3, 0, 0], [0, 0, 0]]), Q([[1, 0], [0, 0]]), Q([[1, 0], [0, 0], [0, 0]])];
    expect(productRoute(data, bad)).toMatchObject({ indexSet: [1], labels: ['strict-saddle', 'bad-saddle', 'undetermined'] });
    const notTop = [Q([[0, 2, 0], [0, 0, 0]]), Q([[1, 0], [0, 0]]), Q([[0, 0], [1, 0], [0, 0]])];
    expect(productRoute(data, notTop)).toMatchObject({ indexSet: [2], labels: ['strict-saddle', 'undetermined'] });
    expect(classifyExact(data, { name: 'p', W: notTop }).classification).toBe('strict-saddle');
  });

  it('Σ = I (repeated, (A) fails): global minimum decided from the product alone, no index set', () => {
    const I2 = Q([[1, 0], [0, 1]]);
    const data = analyzeData(I2, I2, [2, 1, 2]);
    const r = productRoute(data, [Q([[1, 1]]), Q([['1/2'], ['1/2']])]);
    expect(r).toMatchObject({ labels: ['global-min'], indexSet: null });
  });
});
