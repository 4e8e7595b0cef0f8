import { describe, expect, it } from 'vitest';
import {
  Exact, Float, Rational, fromRows, build, symmetricEigenvalues, convert, isSymmetric, inertia, type Matrix,
} from '../../src/linalg/index.js';
import { loss, gradient, hessian, hessianFloat64, toFloat } from '../../src/landscape/derivatives.js';
import { parameterIndex, parameterCount, flattenWeights, unflattenWeights, parameterName } from '../../src/landscape/params.js';
import { lossAlongLine } from '../../src/landscape/line.js';
import { oracleGradient, oracleHessian, oracleLoss } from './hyperdual.js';

const q = (x: number | string) => (typeof x === 'string' ? Rational.parse(x)! : Rational.fromInt(x));
const Q = (rows: (number | string)[][]): Matrix<Rational> => fromRows(rows.map((r) => r.map(q)));
const str = (M: Matrix<Rational>) => Array.from({ length: M.rows }, (_, i) => M.data.slice(i * M.cols, (i + 1) * M.cols).map(String));

/** Scalar chain of docs/mathematics.md §6: ŷ = w₃w₂w₁x, x = (1, 2), y = (2, 3). */
const chainX = Q([[1, 2]]), chainY = Q([[2, 3]]);
const chain = (w1: number | string, w2: number | string, w3: number | string) => [Q([[w1]]), Q([[w2]]), Q([[w3]])];

function lcg(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0), s / 2 ** 32);
}
function randomQ(rows: number, cols: number, rnd: () => number): Matrix<Rational> {
  // small integers and halves, so exact numbers stay short
  return build(rows, cols, () => Rational.of(Math.floor(rnd() * 7) - 3, rnd() < 0.3 ? 2 : 1));
}

describe('parameter order', () => {
  it('W_1 first, each block row by row; (W_k)_{ab} = offset_k + (a−1)d_{k−1} + b', () => {
    const widths = [3, 2, 4];
    expect(parameterCount(widths)).toBe(6 + 8);
    expect(parameterIndex(widths, 1, 1, 1)).toBe(1);
    expect(parameterIndex(widths, 1, 2, 1)).toBe(4);
    expect(parameterIndex(widths, 2, 1, 1)).toBe(7);
    expect(parameterIndex(widths, 2, 4, 2)).toBe(14);
    expect(parameterName(widths, 8)).toBe('(W_2)_{2,1}');
    const W = [Q([[1, 2, 3], [4, 5, 6]]), Q([[7, 8], [9, 10], [11, 12], [13, 14]])];
    const flat = flattenWeights(W);
    expect(flat.map(String)).toEqual(Array.from({ length: 14 }, (_, i) => String(i + 1)));
    expect(unflattenWeights(widths, flat).map(str)).toEqual(W.map(str));
  });
});

describe('scalar chain (docs/mathematics.md §6)', () => {
  it('losses: L(0) = 13/2 and L* = 1/10 at w = (1, 1, 8/5)', () => {
    expect(loss(Exact, chainX, chainY, chain(0, 0, 0)).toString()).toBe('13/2');
    expect(loss(Exact, chainX, chainY, chain(1, 1, '8/5')).toString()).toBe('1/10');
  });

  it('at (1, 1, 8/5): zero gradient, Hessian [[64/5,64/5,8],[64/5,64/5,8],[8,8,5]] with eigenvalues 153/5, 0, 0', () => {
    const W = chain(1, 1, '8/5');
    expect(gradient(Exact, chainX, chainY, W).map((g) => g.data[0]!.toString())).toEqual(['0', '0', '0']);
    const H = hessian(Exact, chainX, chainY, W);
    expect(str(H)).toEqual([['64/5', '64/5', '8'], ['64/5', '64/5', '8'], ['8', '8', '5']]);
    // 153/5 = trace, and rank 1 ⇒ the other two are exactly 0
    expect(inertia(Exact, H).inertia).toEqual({ positive: 1, negative: 0, zero: 2 });
    const ev = symmetricEigenvalues(convert(H, (x) => x.toNumber()));
    expect(ev[0]).toBeCloseTo(153 / 5, 12);
    expect(Math.abs(ev[1]!)).toBeLessThan(1e-12);
  });

  it('at (1, 2, 1/2): gradient (−3, −3/2, −6) and Hessian [[5,1,4],[1,5/4,2],[4,2,20]]', () => {
    const W = chain(1, 2, '1/2');
    expect(gradient(Exact, chainX, chainY, W).map((g) => g.data[0]!.toString())).toEqual(['-3', '-3/2', '-6']);
    expect(str(hessian(Exact, chainX, chainY, W))).toEqual([['5', '1', '4'], ['1', '5/4', '2'], ['4', '2', '20']]);
  });

  it('at the origin: zero gradient and Hessian, L(t,t,t) − L(0) = −8t³ + 5t⁶/2', () => {
    const W = chain(0, 0, 0);
    expect(gradient(Exact, chainX, chainY, W).every((g) => g.data[0]!.isZero())).toBe(true);
    expect(hessian(Exact, chainX, chainY, W).data.every((x) => x.isZero())).toBe(true);
    const line = lossAlongLine(Exact, chainX, chainY, W, chain(1, 1, 1));
    expect(line.map(String)).toEqual(['0', '0', '0', '-8', '0', '0', '5/2']);
  });

  it('two-layer scalar at 0: Hessian [[0, −s_xy], [−s_xy, 0]]', () => {
    const H = hessian(Exact, chainX, chainY, [Q([[0]]), Q([[0]])]);
    expect(str(H)).toEqual([['0', '-8'], ['-8', '0']]);
  });
});

describe('H = 1 at W = 0 (docs/mathematics.md §5, §6)', () => {
  it('X = I₃, Y = diag(3,2,1), d₁ = 2: spectrum ±3, ±2, ±1 each twice', () => {
    const X = Q([[1, 0, 0], [0, 1, 0], [0, 0, 1]]), Y = Q([[3, 0, 0], [0, 2, 0], [0, 0, 1]]);
    const W = [build(2, 3, () => Rational.ZERO), build(3, 2, () => Rational.ZERO)];
    expect(loss(Exact, X, Y, W).toString()).toBe('7');
    const H = hessian(Exact, X, Y, W);
    expect(H.rows).toBe(12);
    const ev = [...symmetricEigenvalues(convert(H, (x) => x.toNumber()))];
    const expected = [3, 3, 2, 2, 1, 1, -1, -1, -2, -2, -3, -3];
    ev.forEach((v, i) => expect(v).toBeCloseTo(expected[i]!, 12));
    expect(inertia(Exact, H).inertia).toEqual({ positive: 6, negative: 6, zero: 0 });
  });
});

describe('against an independent derivative (hyper-dual rationals)', () => {
  const rnd = lcg(20240611);
  for (let trial = 0; trial < 12; trial++) {
    const depth = 1 + (trial % 4); // H = depth hidden layers, widths [d_0 … d_{H+1}]
    const widths = Array.from({ length: depth + 2 }, () => 1 + Math.floor(rnd() * 3));
    const m = 1 + Math.floor(rnd() * 3);
    const X = randomQ(widths[0]!, m, rnd), Y = randomQ(widths[widths.length - 1]!, m, rnd);
    const W = widths.slice(1).map((d, k) => randomQ(d, widths[k]!, rnd));
    it(`widths ${widths.join(',')}, m = ${m}: loss, gradient and Hessian agree exactly; float agrees`, () => {
      expect(loss(Exact, X, Y, W).eq(oracleLoss(X, Y, W))).toBe(true);
      const g = flattenWeights(gradient(Exact, X, Y, W));
      expect(g.map(String)).toEqual(oracleGradient(X, Y, W).map(String));
      const H = hessian(Exact, X, Y, W);
      expect(isSymmetric(Exact, H)).toBe(true);
      const oracle = oracleHessian(X, Y, W);
      expect(str(H)).toEqual(oracle.map((r) => r.map(String)));
      // float mode: same values within a tolerance scaled to the entries
      const Xf = toFloat(X), Yf = toFloat(Y), Wf = W.map(toFloat);
      const Hf = hessianFloat64(Xf, Yf, Wf);
      const scale = Math.max(1, ...H.data.map((x) => Math.abs(x.toNumber())));
      H.data.forEach((x, i) => expect(Math.abs(Hf.data[i]! - x.toNumber())).toBeLessThanOrEqual(1e-12 * scale));
      expect(Math.abs(loss(Float, Xf, Yf, Wf) - loss(Exact, X, Y, W).toNumber())).toBeLessThanOrEqual(1e-12 * Math.max(1, loss(Exact, X, Y, W).toNumber()));
      flattenWeights(gradient(Float, Xf, Yf, Wf)).forEach((x, i) => expect(Math.abs(x - g[i]!.toNumber())).toBeLessThanOrEqual(1e-12 * scale));
      // the line polynomial's first two coefficients are ⟨∇L, V⟩ and ½ Vᵀ∇²L V
      const V = widths.slice(1).map((d, k) => randomQ(d, widths[k]!, rnd));
      const v = flattenWeights(V);
      const line = lossAlongLine(Exact, X, Y, W, V);
      const dot = v.reduce((s, x, i) => s.add(x.mul(g[i]!)), Rational.ZERO);
      let quad = Rational.ZERO;
      for (let i = 0; i < v.length; i++) for (let j = 0; j < v.length; j++) quad = quad.add(v[i]!.mul(oracle[i]![j]!).mul(v[j]!));
      expect((line[1] ?? Rational.ZERO).eq(dot)).toBe(true);
      expect((line[2] ?? Rational.ZERO).eq(quad.div(Rational.fromInt(2)))).toBe(true);
    });
  }
});
