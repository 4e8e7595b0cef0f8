import { describe, expect, it } from 'vitest';
import { diagonalBlockDerivation, gradientDerivation, offDiagonalBlockDerivation, instanceEnv } from '../src/calculus/index.js';
import { evaluateMatrix } from '../src/expr/index.js';
import { gradient, hessian } from '../src/landscape/derivatives.js';
import { flattenWeights, parameterOffsets } from '../src/landscape/params.js';
import { Exact, Rational, type Matrix, equals, fromRows, pick, range } from '../src/linalg/index.js';
import { randomIntMatrix, seededRng } from '../src/linalg/random.js';
import { EntrywiseDerivation } from '../src/scalar/entries.js';

/**
 * The three engines agree: the matrix-form results of the calculus (evaluated from their IR), the entrywise
 * polynomials of the scalar engine (evaluated at the point), and the numeric core's gradient and Hessian.
 */
describe('matrix form, entrywise polynomials and the numeric core agree', () => {
  const rng = seededRng(2024);
  const cases = Array.from({ length: 12 }, (_, t) => {
    const H = 1 + (t % 4);
    const widths = Array.from({ length: H + 2 }, () => 1 + Math.floor(rng() * 3));
    const m = 1 + Math.floor(rng() * 3);
    return { H, widths, m };
  });

  it.each(cases)('H=$H widths $widths m=$m', ({ H, widths, m }) => {
    const X = randomIntMatrix(rng, widths[0]!, m, 4);
    const Y = randomIntMatrix(rng, widths[H + 1]!, m, 4);
    const W = widths.slice(1).map((d, i) => randomIntMatrix(rng, d, widths[i]!, 3));
    const values = flattenWeights(W);
    const n = values.length;

    const numericG = gradient(Exact, X, Y, W);
    const numericH = hessian(Exact, X, Y, W);

    const entries = new EntrywiseDerivation(widths, { kind: 'numeric', X, Y });
    const polyG = entries.gradient().map((p) => p.evaluate(values));
    const polyH = entries.hessian().map((row) => row.map((p) => p.evaluate(values)));
    expect(polyG.map(String)).toEqual(numericG.flatMap((G) => G.data).map(String));
    expect(fromRows(polyH).data.map(String)).toEqual(numericH.data.map(String));

    const env = (sizes: Record<string, number>) =>
      instanceEnv({ H, widths, m, X, Y, W, D: W }, { H, m, d: widths, ...sizes });
    const rhs = (d: { result: { sides: readonly unknown[] } }) => d.result.sides[d.result.sides.length - 1] as Parameters<typeof evaluateMatrix>[0];
    const grad = gradientDerivation();
    const diag = diagonalBlockDerivation();
    const off = offDiagonalBlockDerivation();
    const offsets = parameterOffsets(widths);
    const block = (j: number, k: number): Matrix<Rational> =>
      pick(numericH, range(widths[j]! * widths[j - 1]!).map((i) => offsets[j - 1]! + i), range(widths[k]! * widths[k - 1]!).map((i) => offsets[k - 1]! + i));
    for (let k = 1; k <= H + 1; k++) {
      expect(equals(Exact, evaluateMatrix(rhs(grad), env({ k }), Exact), numericG[k - 1]!)).toBe(true);
      expect(equals(Exact, evaluateMatrix(rhs(diag), env({ k }), Exact), block(k, k))).toBe(true);
      for (let j = 1; j < k; j++) expect(equals(Exact, evaluateMatrix(rhs(off), env({ j, k }), Exact), block(j, k))).toBe(true);
    }
    expect(n).toBe(numericH.rows);
  });
});
