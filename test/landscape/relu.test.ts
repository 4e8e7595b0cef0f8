import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { Rational, fromRows, type Matrix } from '../../src/linalg/index.js';
import { randomIntMatrix, seededRng } from '../../src/linalg/random.js';
import { parseNetwork } from '../../src/landscape/network.js';
import { checkRelu } from '../../src/landscape/nonlinear/relu-check.js';
import { activePathFraction, patternOnBox, reluByPaths, reluForward, reluGradient, reluLoss } from '../../src/landscape/nonlinear/relu.js';

const q = (x: number | string) => (typeof x === 'string' ? Rational.parse(x)! : Rational.fromInt(x));
const Q = (rows: (number | string)[][]): Matrix<Rational> => fromRows(rows.map((r) => r.map(q)));
const rowsOf = (M: Matrix<Rational>) => Array.from({ length: M.rows }, (_, i) => M.data.slice(i * M.cols, (i + 1) * M.cols).map(String));

/** The tiny network written out by hand: ŷ_s = q Σ_a (W₂)_a σ((W₁)_{a1} t_s + (W₁)_{a2}), data t = −1, 0, 1. */
const T = [-1, 0, 1].map((t) => q(t));
const Ylist = [1, 0, 1].map((y) => q(y));
const relu = (z: Rational) => (z.sign() > 0 ? z : Rational.ZERO);
function byHand(W1: Rational[][], W2: Rational[], qq: Rational) {
  const hidden = T.map((t) => W1.map(([a, b]) => relu(a!.mul(t).add(b!))));
  const out = hidden.map((h) => qq.mul(h.reduce((s, x, a) => s.add(W2[a]!.mul(x)), Rational.ZERO)));
  const loss = out.reduce((s, y, i) => s.add(y.sub(Ylist[i]!).pow(2)), Rational.ZERO).div(q(2));
  return { hidden, out, loss };
}

describe('where the reduction breaks: fixtures/section-3/relu-breaks.json', () => {
  const spec = parseNetwork(readFileSync('fixtures/section-3/relu-breaks.json', 'utf8'), 'relu-breaks.json');
  const model = spec.model!;
  const report = checkRelu({ ...spec, model }, 'exact');
  const point = (name: string) => report.points.find((p) => p.name === name)!;
  const W = (name: string) => spec.points.find((p) => p.name === name)!.W;

  it('the labels of the ReLU network and of the reduced model', () => {
    expect(model).toMatchObject({ paths: 'relu' });
    expect(model.q.toString()).toBe('2');
    expect(report.points.map((p) => [p.name, p.classification, p.reduced.classification, p.breaks, p.ok])).toEqual([
      ['active-local-min', 'local-min', 'not-critical', true, true],
      ['reduced-optimum', 'not-critical', 'global-min', true, true],
      ['dead', 'local-min', 'not-critical', true, true],
      ['fit', 'global-min', 'not-critical', true, true],
      ['kink', 'undetermined', 'not-critical', false, true],
      ['generic', 'not-critical', 'not-critical', false, true],
    ]);
  });

  it('"reduced-optimum": critical for the reduced model, not for the ReLU network — exact numbers by hand', () => {
    const [W1, W2] = W('reduced-optimum');
    const w1 = [[q(2), q(1)], [q(-2), q(1)]], w2 = [q('1/3'), q('1/3')];
    expect(rowsOf(W1!)).toEqual(w1.map((r) => r.map(String)));
    const h = byHand(w1, w2, q(2));
    expect(h.hidden.map((r) => r.map(String))).toEqual([['0', '3'], ['1', '1'], ['3', '0']]);
    expect(h.out.map(String)).toEqual(['2', '4/3', '2']);
    expect(h.loss.toString()).toBe('17/9');
    const p = point('reduced-optimum');
    expect(p.output.forward).toEqual([['2', '4/3', '2']]);
    expect(p.loss).toBe('17/9');
    // ∂L/∂(W₂)₁₁ = q Σ_s (ŷ_s − y_s) h₁(s) = 2·(1·0 + (4/3)·1 + 1·3) = 26/3
    expect(p.certificate).toMatchObject({ kind: 'nonzero-gradient', parameter: '(W_2)_{1,1}', value: '26/3', line: ['0', '26/3', '20'] });
    expect(reluGradient(model.q, spec.X, spec.Y, [W1!, W2!])[1]!.data.map(String)).toEqual(['26/3', '26/3']);
    // the reduced model: W₂W₁ = (0, 2/3) solves the normal equations (W₂W₁X − Y)Xᵀ = 0: residual (−1/3, 2/3, −1/3)
    expect(p.reducedOutput).toEqual([['2/3', '2/3', '2/3']]);
    const r = [q('-1/3'), q('2/3'), q('-1/3')];
    expect(r.reduce((s, x, i) => s.add(x.mul(T[i]!)), Rational.ZERO).isZero()).toBe(true);
    expect(r.reduce((s, x) => s.add(x), Rational.ZERO).isZero()).toBe(true);
    expect(p.reduced).toMatchObject({ classification: 'global-min', loss: '1/3', critical: true });
    expect(p.activePathFraction).toBe('2/3');
  });

  it('"active-local-min": a non-global local minimum of the ReLU network, certified exactly; no perturbation in the box lowers the loss', () => {
    const p = point('active-local-min');
    expect(p).toMatchObject({ classification: 'local-min', loss: '1/3', pattern: { kind: 'all-active', radius: '1/4' }, lowerLoss: { point: 'fit', loss: '0' } });
    expect(p.certificate).toMatchObject({ kind: 'locally-linear', radius: '1/4' });
    expect(p.reduced).toMatchObject({ classification: 'not-critical', critical: false });
    const rng = seededRng(9);
    const base = W('active-local-min');
    for (let i = 0; i < 200; i++) {
      // random exact perturbations with entries in [−1/4, 1/4]
      const Wp = base.map((M) => ({ ...M, data: M.data.map((x) => x.add(Rational.of(Math.floor(rng() * 201) - 100, 400))) }));
      expect(reluLoss(model.q, spec.X, spec.Y, Wp).cmp(q('1/3'))).toBeGreaterThanOrEqual(0);
    }
  });

  it('"dead": the loss is exactly 1 on the whole box (flat), while the reduced model has gradient −8', () => {
    const p = point('dead');
    expect(p).toMatchObject({ classification: 'local-min', loss: '1', pattern: { kind: 'dead-layer' }, reduced: { critical: false, loss: '11' } });
    const rng = seededRng(10);
    for (let i = 0; i < 100; i++) {
      const Wp = W('dead').map((M) => ({ ...M, data: M.data.map((x) => x.add(Rational.of(Math.floor(rng() * 201) - 100, 400))) }));
      expect(reluLoss(model.q, spec.X, spec.Y, Wp).toString()).toBe('1');
    }
  });

  it('"fit" has loss 0, "kink" is not classified and names its kinks', () => {
    expect(byHand([[q(2), q(-1)], [q(-2), q(-1)]], [q('1/2'), q('1/2')], q(2)).loss.toString()).toBe('0');
    expect(point('fit')).toMatchObject({ classification: 'global-min', certificate: { kind: 'zero-loss' } });
    const k = point('kink');
    expect(k.pattern.kinks).toEqual([{ layer: 1, unit: 0, sample: 1 }, { layer: 1, unit: 1, sample: 1 }]);
    expect(k.reason).toMatch(/at a kink/);
    expect(k.breaks).toBe(false);
  });

  it('the real output differs from the reduction’s qρ·W₂W₁X at every point but none', () => {
    expect(report.points.filter((p) => !p.outputsDiffer)).toEqual([]);
    expect(report.points.every((p) => p.output.pathsAgree)).toBe(true);
  });
});

describe('the ReLU network, deeper and random', () => {
  const widths = [3, 4, 3, 2];
  // entries k/7 with k in [−30, 30]: exact zeros among the pre-activations are rare
  const draw = (seed: number) => {
    const rng = seededRng(seed);
    const m = (r: number, c: number) => {
      const M = randomIntMatrix(rng, r, c, 30);
      return { ...M, data: M.data.map((x) => x.div(q(7))) };
    };
    return { X: m(3, 4), Y: m(2, 4), W: widths.slice(1).map((d, k) => m(d, widths[k]!)) };
  };

  it('the path formula with the real gates reproduces the forward pass', () => {
    for (let seed = 1; seed <= 5; seed++) {
      const { X, W } = draw(seed);
      expect(rowsOf(reluByPaths(q('3/2'), X, W)!)).toEqual(rowsOf(reluForward(q('3/2'), X, W).output));
    }
  });

  it('back-propagation agrees with the slope of the exact loss along every coordinate (away from kinks)', () => {
    let checked = 0;
    for (let seed = 1; seed <= 8 && checked < 3; seed++) {
      const { X, Y, W } = draw(seed);
      if (reluForward(q(2), X, W).kinks.length) continue;
      const g = reluGradient(q(2), X, Y, W);
      // a step far smaller than any pre-activation change that could flip a sign for these integer entries
      const h = Rational.of(1, 10 ** 9);
      W.forEach((Wk, k) =>
        Wk.data.forEach((_, i) => {
          const at = (t: Rational) => reluLoss(q(2), X, Y, W.map((M, j) => (j === k ? { ...M, data: M.data.map((x, l) => (l === i ? x.add(t) : x)) } : M)));
          // the loss is a polynomial of degree ≤ 2 in one weight while the pattern is fixed: slope from three values
          const slope = at(h).sub(at(h.neg())).div(h.mul(q(2)));
          expect(slope.toString()).toBe(g[k]!.data[i]!.toString());
        }),
      );
      checked++;
    }
    expect(checked).toBeGreaterThan(0);
  });

  it('ρ̂ counts active paths: brute force over all paths agrees', () => {
    const { X, W } = draw(3);
    const { pre } = reluForward(q(1), X, W);
    let active = 0, total = 0;
    for (let s = 0; s < 4; s++)
      for (let i0 = 0; i0 < 3; i0++)
        for (let i1 = 0; i1 < 4; i1++)
          for (let i2 = 0; i2 < 3; i2++) {
            total++;
            if (pre[0]!.data[i1 * 4 + s]!.sign() > 0 && pre[1]!.data[i2 * 4 + s]!.sign() > 0) active++;
          }
    expect(activePathFraction(X, W).toString()).toBe(Rational.of(active, total).toString());
  });

  it('the box check refuses a radius on which a sign can change', () => {
    const X = Q([[-1, 0, 1], [1, 1, 1]]);
    const W = [Q([[0, 1], [0, 1]]), Q([[1, 1]])];
    expect(patternOnBox(X, W, q('1/4'))).toBe('all-active');
    expect(patternOnBox(X, W, q('1/2'))).toBeUndefined();
    expect(patternOnBox(X, [Q([[0, -1], [0, -1]]), Q([[1, 1]])], q('1/4'))).toBe('dead-layer');
  });
});
