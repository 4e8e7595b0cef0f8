import { describe, expect, it } from 'vitest';
import { type Env, type Value, evaluate, evaluateAlong, evaluateExactly, evaluateExactlyAlong, parseExpr } from '../../src/expr/index.js';
import { Exact, type Field, type Matrix, Rational } from '../../src/linalg/index.js';
import { randomIntMatrix, seededRng } from '../../src/linalg/random.js';
import { checkStep } from '../../src/proof/check.js';
import { proofSetting } from '../../src/proof/load.js';

/**
 * A claimed gradient is compared along a random direction V (one dual part) instead of in full (a jet of |W|
 * parts). The projection is cross-checked here against the full gradient paired with V, and the checker must
 * still refute every wrong gradient with an entrywise counterexample.
 */
const file = (shapes: string, steps: string[], define = '') =>
  proofSetting(`title: t\ngiven:\n  shapes: ${shapes}\n${define}steps:\n${steps.map((s) => `  - ${s}`).join('\n')}`, 'along.proof.yaml');

const matrixOf = <T>(v: Value<T>): Matrix<T> => {
  if (v.kind !== 'matrix') throw new Error('a matrix was expected');
  return v.value;
};
const frobenius = <T>(F: Field<T>, A: Matrix<T>, V: Matrix<T>) => A.data.reduce((s, x, i) => F.add(s, F.mul(x, V.data[i]!)), F.zero);

describe('the derivative along V equals ⟨full gradient, V⟩', () => {
  const rng = seededRng(11);
  const X = randomIntMatrix(rng, 3, 3, 9);
  const A = randomIntMatrix(rng, 3, 3, 9);
  const B = randomIntMatrix(rng, 3, 2, 9);
  const env: Env<Rational> = { sizes: { n: 3 }, symbols: { X, A, B } };
  const V = randomIntMatrix(rng, 3, 3, 1000);
  for (const [f, field] of [
    ['trace(X*A*X)', 'rational'],
    ['trace(inv(X)*A)', 'rational'],
    ["det(X'*A*X)", 'rational'],
    ["trace(B'*X*X*B)", 'rational'],
    ['log(abs(det(X)))', 'log-exp'],
  ] as const)
    it(`${f} (over the ${field} field)`, () => {
      const grad = parseExpr(`grad(${f}, X)`, 'test');
      const full = evaluateExactly([grad], env);
      expect(full.field).toBe(field);
      const along = evaluateExactlyAlong([grad], env, () => V)!;
      expect(along.degree).toBe(1);
      const G = full.values[0]!;
      if (G.kind !== 'matrix') throw new Error('a gradient is a matrix');
      const Vf = { ...V, data: V.data.map((x) => full.F.fromRational(x)) } as Matrix<unknown>;
      // the two evaluations use separate log–exp fields: compare through the rational value of their difference
      const expected = frobenius(full.F, G.value, Vf);
      expect(full.F.toString(expected)).toBe(along.F.toString(along.values[0]));
    });

  it('a side that is not a gradient is paired with V; a gradient of a 1×1 matrix or a side of another shape is left to the full comparison', () => {
    const sides = [parseExpr('grad(trace(X*A), X)', 'test'), parseExpr("A'", 'test')];
    const [g, a] = evaluateAlong(sides, env, Exact, () => V)!.values;
    expect(Exact.eq(g!, a!)).toBe(true);
    expect(Exact.eq(g!, frobenius(Exact, matrixOf(evaluate(parseExpr("A'", 'test'), env, Exact)), V))).toBe(true);
    const scalarEnv: Env<Rational> = { sizes: {}, symbols: { x: randomIntMatrix(rng, 1, 1, 5) } };
    expect(evaluateAlong([parseExpr('grad(trace(x*x), x)', 'test'), parseExpr('2*x', 'test')], scalarEnv, Exact, () => V)).toBeUndefined();
    expect(evaluateAlong([parseExpr('grad(trace(X*A), X)', 'test'), parseExpr('B', 'test')], env, Exact, () => V)).toBeUndefined();
    expect(evaluateAlong([parseExpr('X*A', 'test'), parseExpr('A*X', 'test')], env, Exact, () => V)).toBeUndefined();
  });
});

describe('a Jacobian along V = u vᵀ: uᵀ J v', () => {
  it('equals uᵀ (full Jacobian) v, with degree 2', () => {
    const rng = seededRng(12);
    const x = randomIntMatrix(rng, 3, 1, 9);
    const A = randomIntMatrix(rng, 2, 3, 9);
    const env: Env<Rational> = { sizes: {}, symbols: { x, A } };
    const draws = [randomIntMatrix(rng, 2, 1, 1000), randomIntMatrix(rng, 3, 1, 1000)];
    let k = 0;
    const jac = parseExpr("jacobian(A*x*(x'*x), x)", 'test');
    const r = evaluateAlong([jac], env, Exact, () => draws[k++]!)!;
    expect(r.degree).toBe(2);
    const J = matrixOf(evaluate(jac, env, Exact));
    const [u, v] = draws as [Matrix<Rational>, Matrix<Rational>];
    const uJv = u.data.reduce((s, ui, i) => s.add(ui.mul(v.data.reduce((t, vj, j) => t.add(J.data[i * 3 + j]!.mul(vj)), Rational.ZERO))), Rational.ZERO);
    expect(r.values[0]!.eq(uJv)).toBe(true);
  });

  it('a wrong Jacobian fails with an entrywise counterexample; a right one is tested along directions', () => {
    const s = file('{ x: [n, 1], a: [n, 1] }', ["claim: jacobian((x - a)*(x'*x), x) = (x - a)*2*x' + trace(x'*x)*I(n)", "claim: jacobian((x - a)*(x'*x), x) = (x - a)*2*x' + trace(x'*x)*I(n) + unit(n, 1)*unit(n, n)'"]);
    const right = checkStep(s, 0, { seed: 2, trials: 24 });
    expect(right.status).not.toBe('failed');
    expect(right.methods.some((m) => /along a random direction/.test(m))).toBe(true);
    const wrong = checkStep(s, 1, { seed: 2, trials: 24 });
    expect(wrong.status).toBe('failed');
    expect(wrong.counterexample!.firstDifference).toBeDefined();
  });
});

describe('gradient steps in the checker', () => {
  it('a correct gradient is tested along directions, and says so', () => {
    const r = checkStep(file('{ X: [n, n], A: [n, n] }', ["claim: grad(log(abs(det(X))), X) = inv(X)'"]), 0, { seed: 3, trials: 24 });
    expect(r.status).not.toBe('failed');
    expect(r.methods.some((m) => /along a random direction/.test(m))).toBe(true);
    // no bound over the instances here (special matrices), but what each instance risks is stated
    expect(r.probabilityBound).toMatch(/agreed along the random direction with probability ≤ 5\.0e-7/);
  });

  it('a gradient wrong by a transpose, or in a single entry, fails with an entrywise counterexample', () => {
    for (const claim of [
      'claim: grad(trace(X*A), X) = A',
      "claim: grad(log(abs(det(X))), X) = inv(X)",
      "claim: grad(trace(X*A), X) = A' + unit(n, n)*unit(n, 1)'", // one entry off by 1
    ]) {
      const r = checkStep(file('{ X: [n, n], A: [n, n] }', [claim]), 0, { seed: 5, trials: 24 });
      expect(r.status, claim).toBe('failed');
      const { sides, firstDifference } = r.counterexample!;
      expect(sides.length, claim).toBe(2);
      expect(sides[0]!.rows, claim).not.toEqual(sides[1]!.rows);
      expect(firstDifference!.left, claim).not.toBe(firstDifference!.right);
    }
  });

  it('directions come from a stream of their own: the instances are those of the same claim compared in full', () => {
    // 1*grad(…) is not a gradient side, so it is compared entry by entry
    const along = checkStep(file('{ X: [n, n], A: [n, n] }', ["claim: grad(trace(X*A*X), X) = (A*X + X*A)'"]), 0, { seed: 9, trials: 12 });
    const full = checkStep(file('{ X: [n, n], A: [n, n] }', ["claim: 1*grad(trace(X*A*X), X) = (A*X + X*A)'"]), 0, { seed: 9, trials: 12 });
    expect(along.methods.some((m) => /along a random direction/.test(m))).toBe(true);
    expect(full.methods.some((m) => /along a random direction/.test(m))).toBe(false);
    expect(along.instances).toEqual(full.instances);
    expect(along.status).toBe(full.status);
  });

  it('in the prime field of the all-sizes check too, with the direction counted in the degree of the bound', () => {
    const along = checkStep(file('{ X: [n, n], A: [n, n] }', ["claim: grad(trace(X*A*X), X) = (A*X + X*A)'"]), 0, { seed: 4, trials: 12 });
    const full = checkStep(file('{ X: [n, n], A: [n, n] }', ["claim: 1*grad(trace(X*A*X), X) = (A*X + X*A)'"]), 0, { seed: 4, trials: 12 });
    expect([along.status, full.status]).toEqual(['verified', 'verified']);
    const degree = (r: typeof along) => Number(/All sizes.*?degree ≤ (\d+)/.exec(r.probabilityBound ?? '')?.[1]);
    expect(degree(along)).toBe(degree(full) + 1);
    // and a wrong gradient (transposed) is still refuted
    const wrong = checkStep(file('{ X: [n, n], A: [n, n] }', ["claim: grad(trace(X*A*X), X) = A*X + X*A"]), 0, { seed: 4, trials: 12 });
    expect(wrong.status).toBe('failed');
  });
});
