import { describe, expect, it } from 'vitest';
import { Rational, fromRows, type Matrix } from '../../src/linalg/index.js';
import { analyzeData } from '../../src/landscape/data.js';
import { classifyExact, classifyFloat } from '../../src/landscape/classify.js';
import { criticalFamilies } from '../../src/landscape/families.js';
import { structuredData } from '../../src/landscape/random.js';
import { seededRng } from '../../src/linalg/random.js';
import { checkNetwork } from '../../src/landscape/check.js';
import { parseNetwork } from '../../src/landscape/network.js';
import type { PointReport } from '../../src/landscape/report.js';

const Q = (rows: (number | string | bigint)[][]): Matrix<Rational> => fromRows(rows.map((r) => r.map((x) => Rational.parse(String(x))!)));
const times = (M: Matrix<Rational>, s: Rational): Matrix<Rational> => ({ ...M, data: M.data.map((x) => x.mul(s)) });
const pow = (b: bigint, e: number) => (e >= 0 ? Rational.of(b ** BigInt(e)) : Rational.of(1n, b ** BigInt(-e)));

/** W_k → s·W_k, W_{k+1} → W_{k+1}/s: the loss, hence every label, is unchanged. */
const rescale = (W: readonly Matrix<Rational>[], k: number, s: Rational) =>
  W.map((M, i) => (i === k ? times(M, s) : i === k + 1 ? times(M, s.inv()) : M));

/** A report's finite display values: numbers that are finite, or decimal strings — never null or Infinity. */
function expectDisplayable(r: PointReport) {
  const values = [r.loss, r.gradient.maxAbs, ...(r.hessian ? [r.hessian.minEigenvalue, r.hessian.maxEigenvalue] : [])];
  for (const v of values) {
    expect(v).not.toBeNull();
    if (typeof v === 'number') expect(Number.isFinite(v)).toBe(true);
    else expect(v).toMatch(/^-?(\d+(\/\d+)?|\d\.\d{6}e[+-]\d+)$/);
  }
}

describe('labels are invariant under W_k → s·W_k, W_{k+1} → W_{k+1}/s, s from 2⁻⁶⁰ to 2⁶⁰ (exact and float)', () => {
  const widths = [3, 2, 2, 3];
  const rng = seededRng(4);
  const { X, Y } = structuredData(rng, 3, 3, 4);
  const exactData = analyzeData(X, Y, widths);
  const floatData = analyzeData(X, Y, widths, 'float');
  const family = criticalFamilies(X, Y, widths, rng).points;
  // one point per label (global minimum, strict saddles of both middle ranks, bad saddles, W = 0)
  const labelled = family.map((pt) => ({ pt, label: classifyExact(exactData, { name: pt.name, W: pt.W }).classification }));
  const picked = [...new Map(labelled.map((x) => [`${x.label}|${x.pt.middleRank}|${x.pt.family}`, x])).values()];
  const scales: [string, Rational][] = [
    ...[-60, -35, -13, -1, 3, 17, 40, 60].map((e): [string, Rational] => [`2^${e}`, pow(2n, e)]),
    ['10^12', pow(10n, 12)],
    ['3^-20', pow(3n, -20)],
  ];

  it('the points cover global minima, strict and bad saddles', () => {
    expect(new Set(picked.map((x) => x.label))).toEqual(new Set(['global-min', 'strict-saddle', 'bad-saddle']));
  });

  it.each(scales)('s = %s', (_, s) => {
    for (const { pt, label } of picked)
      for (let k = 0; k + 1 < pt.W.length; k++) {
        const W = rescale(pt.W, k, s);
        const exact = classifyExact(exactData, { name: pt.name, W });
        expect(exact.classification, `${pt.name}, k = ${k + 1}, exact`).toBe(label);
        expect(exact.crossCheck.agrees).toBe(true);
        expectDisplayable(exact);
        const float = classifyFloat(floatData, { name: pt.name, W });
        expect(float.classification, `${pt.name}, k = ${k + 1}, float`).toBe(label);
        expect(float.crossCheck.agrees).toBe(true);
        expect(float.theorem.agrees).toBe(true);
        expectDisplayable(float);
      }
  });
});

describe('float labels equal exact labels or are undetermined, on critical families at large and tiny scales', () => {
  it.each([
    [[3, 2, 2, 3], 1],
    [[2, 3, 2, 2], 2],
    [[3, 2, 3], 3],
  ])('widths %j, seed %i: data and weights scaled by 2^±40 and 10^±9 (X → αX with W₁ → W₁/α; Y, W_{H+1} → β·)', (widths, seed) => {
    const rng = seededRng(seed);
    const base = structuredData(rng, widths[0]!, widths[widths.length - 1]!, widths[0]! + 1);
    const points = criticalFamilies(base.X, base.Y, widths, rng).points;
    for (const [alpha, beta] of [[pow(2n, 40), pow(2n, -40)], [pow(10n, -9), pow(10n, 9)]] as const) {
      const X = times(base.X, alpha), Y = times(base.Y, beta);
      const exactData = analyzeData(X, Y, widths);
      const floatData = analyzeData(X, Y, widths, 'float');
      const L = widths.length - 2;
      for (const pt of points) {
        const W = pt.W.map((M, i) => times(M, (i === 0 ? alpha.inv() : Rational.ONE).mul(i === L ? beta : Rational.ONE)));
        const exact = classifyExact(exactData, { name: pt.name, W });
        const float = classifyFloat(floatData, { name: pt.name, W });
        expect(exact.crossCheck.agrees && float.crossCheck.agrees).toBe(true);
        expect([exact.classification, 'undetermined'], pt.name).toContain(float.classification);
        expect(float.theorem.agrees).toBe(true);
      }
    }
  });
});

describe("the issue's float and display failures, as regressions", () => {
  const file = (points: object[], extra: object = {}) =>
    parseNetwork(JSON.stringify({ name: 't', widths: [2, 2, 2], X: [[1, 0], [0, 1]], Y: [[2, 0], [0, 1]], points, ...extra }), 't.json');
  const scaled = (s: bigint, name: string) => ({ name, W: [[[`${2n * s}`, '0'], ['0', `${s}`]], [[`1/${s}`, '0'], ['0', `1/${s}`]]], expect: 'global-min' });

  it('W₁ = s·diag(2,1), W₂ = s⁻¹I is a global minimum in float mode for s = 2³⁵ … 2⁵¹⁰ and 10¹², with no violation', () => {
    const spec = file([35, 100, 300, 510].map((e) => scaled(2n ** BigInt(e), `2^${e}`)).concat(scaled(10n ** 12n, '10^12')));
    const r = checkNetwork(spec, 'float');
    expect(r.errors).toEqual([]);
    for (const p of r.points) {
      expect([p.name, p.classification, p.theorem.agrees, p.ok]).toEqual([p.name, 'global-min', true, true]);
      expectDisplayable(p);
    }
  });

  it('W₂ = 10⁻⁶·I in float mode: classified (no pseudo-inverse exception), and a point beside it too', () => {
    const spec = file([scaled(10n ** 6n, 'tiny W2'), { name: 'plain', W: [[[2, 0], [0, 1]], [[1, 0], [0, 1]]], expect: 'global-min' }]);
    const r = checkNetwork(spec, 'float');
    expect(r.errors).toEqual([]);
    expect(r.points.map((p) => [p.name, p.classification])).toEqual([['tiny W2', 'global-min'], ['plain', 'global-min']]);
  });

  it('entries ≈ 2⁵¹² in exact mode: labels from exact arithmetic, display values finite (decimal strings past float64)', () => {
    const s = 2n ** 512n;
    const spec = file([scaled(s, 'huge'), { name: 'huge saddle', W: [[[`${2n * s}`, '0'], ['0', '0']], [[`1/${s}`, '0'], ['0', '0']]] }, { name: 'not critical', W: [[[`${s}`, '0'], ['0', '1']], [['1', '0'], ['0', '1']]] }]);
    for (const mode of ['exact', 'float'] as const) {
      const r = checkNetwork(spec, mode);
      expect(r.errors).toEqual([]);
      expect(r.points.map((p) => p.classification)).toEqual(['global-min', 'strict-saddle', 'not-critical']);
      for (const p of r.points) expectDisplayable(p);
      // H at the huge minimum has eigenvalues up to about s² = 2¹⁰²⁴: beyond float64, so a decimal string
      expect(r.points[0]!.hessian!.maxEigenvalue).toMatch(/e\+30[89]$/);
      expect(r.points[2]!.gradient.maxAbs).toMatch(/e\+/);
    }
  });

  it('a depth-3 global minimum through large-entry mixing maps is a global minimum in float mode', () => {
    // W₁ = G₁ diag(2,1), W₂ = G₂ G₁⁻¹, W₃ = G₂⁻¹ with G₁ = [[1, c], [0, 1]], G₂ = G₁², c = 2⁴⁰: large entries that
    // cancel in the product diag(2,1) = Y Xᵀ(XXᵀ)⁻¹
    const c = 2n ** 40n;
    const mm = (A: bigint[][], B: bigint[][]) => A.map((r) => B[0]!.map((_, j) => r.reduce((t, a, k) => t + a * B[k]![j]!, 0n)));
    const G1 = [[1n, c], [0n, 1n]], G1inv = [[1n, -c], [0n, 1n]];
    const G2 = mm(G1, G1), G2inv = mm(G1inv, G1inv);
    const W = [mm(G1, [[2n, 0n], [0n, 1n]]), mm(G2, G1inv), G2inv];
    const spec = parseNetwork(JSON.stringify({ name: 't', widths: [2, 2, 2, 2], X: [[1, 0], [0, 1]], Y: [[2, 0], [0, 1]],
      points: [{ name: 'mixed', W: W.map((M) => M.map((r) => r.map(String))), expect: 'global-min' }] }), 't.json');
    const [p] = checkNetwork(spec, 'float').points;
    expect([p!.classification, p!.ok, p!.theorem.agrees, p!.crossCheck.agrees]).toEqual(['global-min', true, true, true]);
  });

  it('data entries of 10^±160 (Σ beyond float64): exact and float classify, every shown value finite', () => {
    for (const s of ['1' + '0'.repeat(160), '1/1' + '0'.repeat(160)]) {
      const big = (k: number) => (s.includes('/') ? `${k}/1${'0'.repeat(160)}` : `${k}${'0'.repeat(160)}`);
      const spec = parseNetwork(JSON.stringify({ name: 't', widths: [2, 2, 2], X: [[1, 0], [0, 1]], Y: [[big(2), 0], [0, big(1)]],
        points: [{ name: 'min', W: [[[big(2), 0], [0, big(1)]], [[1, 0], [0, 1]]], expect: 'global-min' }, { name: 'zero', W: [[[0, 0], [0, 0]], [[0, 0], [0, 0]]], expect: 'strict-saddle' }] }), 't.json');
      for (const mode of ['exact', 'float'] as const) {
        const r = checkNetwork(spec, mode);
        expect(r.errors).toEqual([]);
        expect(r.points.map((p) => [p.classification, p.ok])).toEqual([['global-min', true], ['strict-saddle', true]]);
        for (const p of r.points) expectDisplayable(p);
        for (const v of r.network.sigmaEigenvalues) expect(typeof v === 'number' ? Number.isFinite(v) && v !== 0 : /e[+-]32\d$/.test(v)).toBe(true);
      }
    }
  });

  it('a point whose classification throws gets its own error; the other points are still classified', () => {
    const spec = file([{ name: 'plain', W: [[[2, 0], [0, 1]], [[1, 0], [0, 1]]], expect: 'global-min' }]);
    // A malformed point (W₂ of the wrong shape) cannot come from a file; planted here to make the classifier throw.
    const broken = { name: 'broken', W: [spec.points[0]!.W[0]!, Q([[1, 0, 0], [0, 1, 0]])] };
    const r = checkNetwork({ ...spec, points: [broken, ...spec.points] }, 'exact');
    expect(r.errors.map((e) => e.point)).toEqual(['broken']);
    expect(r.points.map((p) => [p.name, p.classification])).toEqual([['plain', 'global-min']]);
  });
});
