import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { Exact, Rational, fromRows, get, mul, scale, sub, fro2, type Matrix } from '../../src/linalg/index.js';
import { randomIntMatrix, seededRng } from '../../src/linalg/random.js';
import { analyzeData } from '../../src/landscape/data.js';
import { classifyExact } from '../../src/landscape/classify.js';
import { hessian } from '../../src/landscape/derivatives.js';
import { parseNetwork } from '../../src/landscape/network.js';
import { checkNonlinear } from '../../src/landscape/nonlinear/check.js';
import { expectedOutput, expectedOutputClosedForm } from '../../src/landscape/nonlinear/expectation.js';
import { checkpointSizes, monteCarlo, monteCarloProblem, outputVariance } from '../../src/landscape/nonlinear/monte-carlo.js';
import type { NonlinearModel } from '../../src/landscape/nonlinear/model.js';
import { PATH_TERM_LIMIT } from '../../src/landscape/nonlinear/paths.js';
import { hessianCongruent, nonlinearHessian } from '../../src/landscape/nonlinear/reduction.js';
import { interpolate } from '../../src/landscape/nonlinear/transfer.js';

const q = (x: number | string) => (typeof x === 'string' ? Rational.parse(x)! : Rational.fromInt(x));
const Q = (rows: (number | string)[][]): Matrix<Rational> => fromRows(rows.map((r) => r.map(q)));
const model = (rho: string, qq?: string): NonlinearModel => ({ activation: 'relu', paths: 'bernoulli', rho: q(rho), q: qq === undefined ? q(rho).inv() : q(qq) });
const randomWeights = (widths: number[], seed: number) => {
  const rng = seededRng(seed);
  return widths.slice(1).map((d, k) => randomIntMatrix(rng, d, widths[k]!, 5));
};

/**
 * The paper's formula written out independently of src/: for every output j and sample s, every path
 * (i₀, …, i_H) by recursion over the layers, each gate's expectation as Σ_z P(z)·z over its two outcomes.
 */
function pathsByHand(rho: Rational, qq: Rational, X: Matrix<Rational>, W: Matrix<Rational>[]): Rational[][] {
  const H1 = W.length;
  const Ez = Rational.ONE.sub(rho).mul(Rational.ZERO).add(rho.mul(Rational.ONE));
  const out: Rational[][] = [];
  for (let j = 0; j < W[H1 - 1]!.rows; j++) {
    const row: Rational[] = [];
    for (let s = 0; s < X.cols; s++) {
      // walk down from output j: unit i at layer k, accumulated weight product
      const walk = (k: number, i: number, acc: Rational): Rational => {
        if (k === 0) return acc.mul(get(X, i, s)).mul(Ez);
        let sum = Rational.ZERO;
        for (let below = 0; below < W[k - 1]!.cols; below++) sum = sum.add(walk(k - 1, below, acc.mul(get(W[k - 1]!, i, below))));
        return sum;
      };
      row.push(qq.mul(walk(H1, j, Rational.ONE)));
    }
    out.push(row);
  }
  return out;
}

const rowsOf = (M: Matrix<Rational>) => Array.from({ length: M.rows }, (_, i) => M.data.slice(i * M.cols, (i + 1) * M.cols).map(String));

describe('E_Z[Ŷ] under the path model', () => {
  it('widths [2,3,3,2], ρ = 1/3: Ψ = 18 paths per output; by paths = layered = qρ·W₃W₂W₁X entry by entry', () => {
    const widths = [2, 3, 3, 2];
    for (const [seed, qq] of [[1, undefined], [2, '2'], [3, '5/7'], [4, undefined]] as const) {
      const m = model('1/3', qq);
      const W = randomWeights(widths, seed);
      const X = randomIntMatrix(seededRng(100 + seed), 2, 4, 5);
      const out = expectedOutput(m, X, W);
      expect(out.paths).toBe(18);
      expect(out.byPaths).toBeDefined();
      const hand = pathsByHand(m.rho, m.q, X, W).map((r) => r.map(String));
      expect(rowsOf(out.byPaths!)).toEqual(hand);
      expect(rowsOf(out.layered)).toEqual(hand);
      // the closed form, computed here: qρ (W₃(W₂W₁)) X
      const closed = scale(Exact, m.q.mul(m.rho), mul(Exact, mul(Exact, W[2]!, mul(Exact, W[1]!, W[0]!)), X));
      expect(rowsOf(out.closedForm)).toEqual(rowsOf(closed));
      expect(out.agree).toBe(true);
      expect(out.method).toMatch(/path formula \(18 paths per output/);
    }
  });

  it('beyond the enumeration limit only the layered computation runs, and says so', () => {
    const widths = [8, 12, 12, 12, 3];
    const m = model('1/2');
    const X = randomIntMatrix(seededRng(5), 8, 10, 2);
    expect(8 * 12 * 12 * 12 * 3 * 10).toBeGreaterThan(PATH_TERM_LIMIT);
    const out = expectedOutput(m, X, randomWeights(widths, 6));
    expect(out.byPaths).toBeUndefined();
    expect(out.agree).toBe(true);
    expect(out.method).toMatch(/layer by layer \(414720 path terms exceed the enumeration limit/);
  });

  it('a wrong ρ in the comparison is caught: the layered value differs from qρ′W⋯WX for ρ′ ≠ ρ', () => {
    const W = randomWeights([2, 3, 3, 2], 7);
    const X = randomIntMatrix(seededRng(8), 2, 3, 5);
    const a = expectedOutput(model('1/3', '2'), X, W).layered;
    const b = expectedOutput(model('1/2', '2'), X, W).layered;
    expect(rowsOf(a)).not.toEqual(rowsOf(b));
  });
});

describe('interpolate', () => {
  it('recovers a polynomial from its values at 0 … degree', () => {
    const p = (t: Rational) => q(3).sub(t).add(q(5).mul(t.pow(3))).add(q('1/2').mul(t.pow(4)));
    expect(interpolate(p, 6).map(String)).toEqual(['3', '-1', '0', '5', '1/2']);
  });
});

describe('the reduction on fixtures/section-3/paths-2332.json', () => {
  const spec = parseNetwork(readFileSync('fixtures/section-3/paths-2332.json', 'utf8'), 'fixtures/section-3/paths-2332.json');
  const m = spec.model!;
  const report = checkNonlinear({ ...spec, model: m }, { mode: 'exact' });
  const data = analyzeData(spec.X, spec.Y, spec.widths);
  const c = m.q.mul(m.rho);
  const lossNl = (W: Matrix<Rational>[]) => {
    const M = W.slice(1).reduce((acc, Wk) => mul(Exact, Wk, acc), W[0]!);
    return fro2(Exact, sub(Exact, scale(Exact, c, mul(Exact, M, spec.X)), spec.Y)).div(q(2));
  };

  it('every point as expected, every step of the reduction checked', () => {
    expect(m).toMatchObject({ paths: 'bernoulli' });
    expect(m.rho.toString()).toBe('1/3');
    expect(report.points.map((p) => [p.name, p.classification, p.ok])).toEqual([
      ['global-min', 'global-min', true],
      ['strict-saddle', 'strict-saddle', true],
      ['bad-saddle', 'bad-saddle', true],
      ['zero', 'bad-saddle', true],
      ['linear-optimum-unrescaled', 'not-critical', true],
    ]);
    for (const p of report.points) {
      expect(p.expectedOutput).toMatchObject({ paths: 18, enumerated: true, agree: true });
      expect(p.lossesAgree).toBe(true);
      expect(p.gradient.corresponds).toBe(true);
      expect(p.transfer.verified).toBe(true);
    }
  });

  it('the label is the linear model’s at φ(W) = (W₁, W₂, qρW₃), classified here independently', () => {
    for (const p of report.points) {
      const W = spec.points.find((x) => x.name === p.name)!.W;
      const phi = [W[0]!, W[1]!, scale(Exact, c, W[2]!)];
      expect(classifyExact(data, { name: p.name, W: phi }).classification).toBe(p.classification);
      expect(p.loss).toBe(lossNl(W).toString());
    }
  });

  it('transferred direction certificates: the nonlinear loss along W + tV is the certificate polynomial', () => {
    for (const p of report.points) {
      const cert = p.certificate!;
      if (cert.kind !== 'negative-curvature' && cert.kind !== 'decreasing-line') continue;
      const W = spec.points.find((x) => x.name === p.name)!.W;
      const V = cert.direction.map((M) => Q(M as string[][]));
      for (const t of [q('1/2'), q('-1/3'), q(7)]) {
        const moved = W.map((Wk, k) => Wk.data.map((x, i) => x.add(t.mul(V[k]!.data[i]!))));
        const Wt = W.map((Wk, k) => ({ rows: Wk.rows, cols: Wk.cols, data: moved[k]! }));
        const value = cert.polynomial!.reduce((s, ci, i) => s.add(q(ci as string).mul(t.pow(i))), Rational.ZERO);
        expect(lossNl(Wt).sub(lossNl(W)).toString()).toBe(value.toString());
      }
      if (cert.kind === 'negative-curvature') expect(q(cert.curvature as string).sign()).toBe(-1);
    }
    expect(report.points.filter((p) => p.certificate?.kind === 'decreasing-line')).toHaveLength(2);
    expect(report.points.filter((p) => p.certificate?.kind === 'negative-curvature')).toHaveLength(1);
  });

  it('the Hessian congruence ∇²L_nl = S∇²L_lin(φ(W))S holds, and the check is not vacuous', () => {
    const W = spec.points[1]!.W;
    expect(hessianCongruent(m, spec.X, spec.Y, W)).toBe(true);
    // without the chain factor the two Hessians differ on the W₃ blocks
    const plain = hessian(Exact, spec.X, spec.Y, [W[0]!, W[1]!, scale(Exact, c, W[2]!)]);
    expect(plain.data.every((x, i) => x.eq(nonlinearHessian(m, spec.X, spec.Y, W).data[i]!))).toBe(false);
  });
});

describe('the model object of a network file', () => {
  const base = { widths: [1, 1, 1], X: [[1]], Y: [[1]] };
  const load = (model: unknown) => parseNetwork(JSON.stringify({ ...base, model }), 'net.json');
  it('reads rho and q exactly, q = 1/ρ by default', () => {
    expect(load({ activation: 'relu', paths: 'bernoulli', rho: '2/5' }).model).toMatchObject({ paths: 'bernoulli' });
    expect(load({ activation: 'relu', paths: 'bernoulli', rho: 0.4 }).model!.q.toString()).toBe('5/2');
    expect(load({ activation: 'relu', paths: 'relu' }).model!.rho.toString()).toBe('1');
  });
  it.each([
    [{ activation: 'tanh', paths: 'bernoulli', rho: '1/2' }, /net.json: model.activation: expected "relu"/],
    [{ activation: 'relu', paths: 'dropout', rho: '1/2' }, /model.paths: expected "bernoulli" or "relu"/],
    [{ activation: 'relu', paths: 'bernoulli' }, /net.json: model: missing "rho"/],
    [{ activation: 'relu', paths: 'bernoulli', rho: '3/2' }, /model.rho: is 3\/2, expected 0 < rho ≤ 1/],
    [{ activation: 'relu', paths: 'bernoulli', rho: 0 }, /model.rho: is 0/],
    [{ activation: 'relu', paths: 'bernoulli', rho: '1/2', q: -1 }, /model.q: is -1, expected q > 0/],
    [{ activation: 'relu', paths: 'bernoulli', rho: '1/2', bias: 1 }, /model.bias: unknown key/],
    ['relu', /net.json: model: expected an object/],
  ])('rejects %j', (model, message) => {
    expect(() => load(model)).toThrow(message);
  });
});

describe('Monte Carlo estimate of E_Z[Ŷ]', () => {
  const widths = [2, 3, 3, 2];
  const W = randomWeights(widths, 11);
  const X = Q([[1, 0, 1], [0, 1, 1]]);
  const m = model('1/3', '2');

  it('the exact variance of one draw is q²ρ(1−ρ)Σ_p a_p², the sum over paths written out here', () => {
    const v = outputVariance(m, X, W);
    // Σ_p a_p² by the hand enumeration on squared entries (ρ = 1, q = 1 there: a plain sum over paths)
    const sq = (M: Matrix<Rational>) => ({ ...M, data: M.data.map((x) => x.mul(x)) });
    const sums = pathsByHand(Rational.ONE, Rational.ONE, sq(X), W.map(sq));
    const factor = q(4).mul(q('1/3')).mul(q('2/3'));
    expect(rowsOf(v)).toEqual(sums.map((r) => r.map((x) => factor.mul(x).toString())));
  });

  it('with a fixed seed the estimate lies within its stated band, and the error shrinks like 1/√N', () => {
    const mc = monteCarlo(m, X, W, 20_000, 7);
    expect(mc.band).toBe(4);
    expect(mc.checkpoints.map((c) => c.draws)).toEqual([1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10_000, 20_000]);
    const exact = expectedOutputClosedForm(m, X, W);
    const last = mc.checkpoints[mc.checkpoints.length - 1]!;
    // recomputed here from the estimate, the exact value and the exact variance
    for (let j = 0; j < 2; j++)
      for (let s = 0; s < 3; s++) {
        const se = Math.sqrt(outputVariance(m, X, W).data[j * 3 + s]!.toNumber() / 20_000);
        expect(Math.abs(last.estimate[j]![s]! - exact.data[j * 3 + s]!.toNumber())).toBeLessThanOrEqual(4 * se);
      }
    expect(mc.withinBand).toBe(true);
    // the absolute error of the worst entry at N = 20 000 is far below the one at N = 20 (≈ √1000 apart)
    const absError = (n: number) => {
      const c = mc.checkpoints.find((x) => x.draws === n)!;
      return Math.max(...c.estimate.flatMap((r, j) => r.map((e, s) => Math.abs(e - exact.data[j * 3 + s]!.toNumber()))));
    };
    expect(absError(20_000)).toBeLessThan(absError(20) / 5);
  });

  it('the band is not vacuous: a wrong exact value (ρ = 1/2 for gates drawn with ρ = 1/3) falls outside it', () => {
    const mc = monteCarlo(m, X, W, 20_000, 7);
    const wrong = expectedOutputClosedForm(model('1/2', '2'), X, W);
    const last = mc.checkpoints[mc.checkpoints.length - 1]!;
    const se = (i: number) => Math.sqrt(outputVariance(m, X, W).data[i]!.toNumber() / 20_000);
    const off = last.estimate.flat().map((e, i) => Math.abs(e - wrong.data[i]!.toNumber()) / (se(i) || 1));
    expect(Math.max(...off)).toBeGreaterThan(4);
  });

  it('refuses runs beyond its limits', () => {
    expect(monteCarloProblem([8, 12, 12, 12, 3], 10, 10)).toMatch(/exceed the enumeration limit/);
    expect(monteCarloProblem(widths, 3, 2_000_000)).toMatch(/expected 1 to 1000000 draws/);
    expect(monteCarloProblem([4, 8, 8, 4], 50, 1_000_000)).toMatch(/gate draws/);
    expect(checkpointSizes(7)).toEqual([1, 2, 5, 7]);
  });
});
