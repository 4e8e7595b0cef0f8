import { seededRng } from '../../src/linalg/random.js';
import katex from 'katex';
import { describe, expect, test } from 'vitest';
import {
  type Derivation, type DlnInstance, checkDerivation, context, diagonalBlockDerivation, entrywiseDerivation, entrywiseDiagonalDerivation,
  gradientDerivation, gradientVecDerivation, instance, instanceEnv, offDiagonalBlockDerivation, quadraticFormDerivation,
  sampleShapes,
} from '../../src/calculus/index.js';
import { build as b, checkClaim, evaluateMatrix, parseExpr, toLatex, toSource } from '../../src/expr/index.js';
import { Exact, type Matrix, Rational, fromRows, identity, mul, mulAll, sub, transpose } from '../../src/linalg/index.js';

const x = (t: string) => parseExpr(t, 'test');
const ALL = [
  gradientDerivation, gradientVecDerivation, diagonalBlockDerivation, offDiagonalBlockDerivation, entrywiseDiagonalDerivation,
  entrywiseDerivation, quadraticFormDerivation,
].map((make) => make());

/** Depths 1–4, alternately all widths ≥ 2 and widths containing 1. */
const shapes = sampleShapes({ count: 8, seed: 5, maxDepth: 4, maxWidth: 3 });
const rand = seededRng(99);
const instances: DlnInstance[] = shapes.map((s) => instance(rand, s));

describe('random instances cover what the checks need', () => {
  test('every depth 1–4, widths of 1 and all widths ≥ 2', () => {
    expect(new Set(shapes.map((s) => s.H))).toEqual(new Set([1, 2, 3, 4]));
    expect(shapes.some((s) => s.widths.includes(1))).toBe(true);
    expect(shapes.some((s) => s.widths.every((d) => d >= 2))).toBe(true);
  });
});

describe('every derivation holds on random instances (exact, against dual-number derivatives)', () => {
  test.each(ALL.map((d) => [d.id, d] as const))('%s', (_id, d) => {
    const r = checkDerivation(d, instances);
    expect(r.failure).toBeUndefined();
    expect(r.passed).toBe(true);
    expect(r.trials).toBeGreaterThanOrEqual(instances.length * (d.steps.length + 1));
  });
});

describe('derivations are well-formed', () => {
  test.each(ALL.map((d) => [d.id, d] as const))('%s: steps chain, type-check and render', (_id, d) => {
    expect(d.steps.length).toBeGreaterThan(1);
    d.steps.forEach((s, i) => {
      expect(s.name.length).toBeGreaterThan(0);
      expect(s.justification.length).toBeGreaterThan(0);
      checkClaim(s.claim, context, `${d.id} step ${i + 1}`);
      for (const side of s.claim.sides) katex.renderToString(toLatex(side), { throwOnError: true, strict: 'error' });
    });
    checkClaim(d.result, context, `${d.id} result`);
    // the steps reach the result's right-hand side (possibly followed by expansions)
    expect(d.steps.some((s) => toSource(s.claim.sides[1]!) === toSource(d.result.sides[1]!))).toBe(true);
  });
});

describe('the checks reject wrong formulas (mutants of each result)', () => {
  const mutant = (d: Derivation, rhs: string): Derivation => ({ ...d, steps: [], result: b.equation(d.result.sides[0]!, x(rhs)) });
  const byId = (id: string) => ALL.find((d) => d.id === id)!;
  const cases: [string, string, string][] = [
    ['gradient', "A[k]'*E*Z[k]", 'dropped transpose'],
    ['gradient', "-(A[k]'*E*Z[k]')", 'flipped sign'],
    ['gradient', "2*A[k]'*E*Z[k]'", 'doubled'],
    ['gradient', "A[k]'*E*Z[k+1]'", 'index shifted'],
    ['gradient', "A[k]'*(prod(W, H+1, 1)*X + Y)*Z[k]'", 'sign inside E'],
    ['gradient-vec', "kron(A[k], Z[k]')*vec(r)", 'dropped outer transpose'],
    ['gradient-vec', "kron(Z[k]', A[k])'*vec(r)", 'swapped Kronecker factors'],
    ['hessian-diagonal', "kron(Z[k]*Z[k]', A[k]'*A[k])", 'swapped Kronecker factors'],
    ['hessian-diagonal', "kron(A[k]'*A[k], Z[k]*Z[k]') + kron(A[k]', Z[k]*r)", 'extra term'],
    ['hessian-off-diagonal', "kron(A[j]'*A[k], Z[j]*Z[k]')", 'residual term dropped (the paper’s j = 1 special case is not enough)'],
    ['hessian-off-diagonal', "kron(A[j]'*A[k], Z[j]*Z[k]') - kron(Q[j,k]', Z[j]*r*A[k])*commutation(d[k-1], d[k])", 'residual sign flipped'],
    ['hessian-off-diagonal', "kron(A[j]'*A[k], Z[j]*Z[k]') + kron(Q[j,k]', Z[j]*r*A[k])*commutation(d[k], d[k-1])", 'wrong commutation matrix'],
    ['hessian-off-diagonal', "kron(A[j]'*A[k], Z[j]*Z[k]') + kron(Q[j,k]', Z[j]*r*A[k])", 'commutation matrix dropped'],
    ['hessian-entrywise', "entry(A[j]'*A[k], a, c)*entry(Z[j]*Z[k]', b, e) + entry(Q[j,k], a, e)*entry(A[k]'*E*Z[j]', c, b)", 'Q indices swapped'],
    ['hessian-entrywise', "entry(A[j]'*A[k], a, c)*entry(Z[j]*Z[k]', b, e)", 'residual dropped'],
    ['hessian-entrywise-diagonal', "entry(A[k]'*A[k], a, c)*entry(Z[k]*Z[k]', b, e) + entry(A[k]'*E*Z[k]', a, b)", 'spurious residual term'],
    ['hessian-entrywise-diagonal', "entry(A[k]'*A[k], a, b)*entry(Z[k]*Z[k]', c, e)", 'indices paired wrongly'],
    ['hessian-quadratic-form', "fro2(sum(k, 1, H+1, A[k]*d(W[k])*Z[k])) + sum(k, 2, H+1, sum(j, 1, k-1, inner(E, A[k]*d(W[k])*Q[j,k]*d(W[j])*Z[j])))", 'factor 2 dropped'],
    ['hessian-quadratic-form', 'fro2(sum(k, 1, H+1, A[k]*d(W[k])*Z[k]))', 'Gauss–Newton part only'],
  ];
  test.each(cases)('%s: %s (%s)', (id, rhs) => {
    const r = checkDerivation(mutant(byId(id), rhs), instances);
    expect(r.passed).toBe(false);
    expect(r.failure?.step).toBe('result');
  });

  test('mutants that are still true identities pass (listed with the reason)', () => {
    const still: [string, string, string][] = [
      ['hessian-entrywise-diagonal', "entry(A[k]'*A[k], a, c)*entry(Z[k]*Z[k]', e, b)", 'Z_kZ_kᵀ is symmetric'],
      ['hessian-entrywise-diagonal', "entry(A[k]'*A[k], c, a)*entry(Z[k]*Z[k]', b, e)", 'A_kᵀA_k is symmetric'],
      ['hessian-diagonal', "kron(A[k]'*A[k], Z[k]*Z[k]')'", 'the block is symmetric'],
    ];
    for (const [id, rhs] of still) expect(checkDerivation(mutant(byId(id), rhs), instances).passed).toBe(true);
  });

  test('a wrong step in the middle of a derivation is caught at that step', () => {
    const d = byId('gradient');
    const i = d.steps.findIndex((s) => s.name === 'cyclic property of the trace');
    const broken = d.steps.map((s, l) => (l === i ? { ...s, claim: b.equation(s.claim.sides[0]!, x("trace(prod(W, k-1, 1)*X*E'*prod(W, H+1, k+1)*d(W[k], W[k])')")) } : s));
    const r = checkDerivation({ ...d, steps: broken }, instances);
    expect(r.passed).toBe(false);
    expect(r.failure?.step).toBe('cyclic property of the trace');
  });
});

/** docs/mathematics.md §6: ŷ = w₃w₂w₁x, x = (1,2), y = (2,3); 1×1 weights. */
function scalarChain(w: readonly (number | string)[]): DlnInstance {
  const one = (v: number | string) => fromRows([[typeof v === 'number' ? Rational.fromInt(v) : Rational.parse(v)!]]);
  return {
    H: 2,
    widths: [1, 1, 1, 1],
    m: 2,
    X: fromRows([[Rational.fromInt(1), Rational.fromInt(2)]]),
    Y: fromRows([[Rational.fromInt(2), Rational.fromInt(3)]]),
    W: w.map(one),
    D: w.map(() => one(0)),
  };
}

describe('derived formulas give docs/mathematics.md §6 exactly', () => {
  const entry = (d: Derivation, inst: DlnInstance, sizes: Record<string, number>) =>
    evaluateMatrix(d.result.sides[1]!, instanceEnv(inst, { H: 2, m: 2, d: [1, 1, 1, 1], ...sizes }), Exact).data[0]!.toString();

  test('gradient (−3, −3/2, −6) at w = (1, 2, 1/2)', () => {
    const inst = scalarChain([1, 2, '1/2']);
    const g = ALL.find((d) => d.id === 'gradient')!;
    expect([1, 2, 3].map((k) => entry(g, inst, { k }))).toEqual(['-3', '-3/2', '-6']);
  });

  test('Hessian [[5,1,4],[1,5/4,2],[4,2,20]] at w = (1, 2, 1/2), and [[64/5,64/5,8],…] at (1, 1, 8/5)', () => {
    const diag = ALL.find((d) => d.id === 'hessian-diagonal')!;
    const off = ALL.find((d) => d.id === 'hessian-off-diagonal')!;
    const hessian = (inst: DlnInstance) =>
      [1, 2, 3].map((j) => [1, 2, 3].map((k) => (j === k ? entry(diag, inst, { k }) : j < k ? entry(off, inst, { j, k }) : entry(off, inst, { j: k, k: j }))));
    expect(hessian(scalarChain([1, 2, '1/2']))).toEqual([['5', '1', '4'], ['1', '5/4', '2'], ['4', '2', '20']]);
    expect(hessian(scalarChain([1, 1, '8/5']))).toEqual([['64/5', '64/5', '8'], ['64/5', '64/5', '8'], ['8', '8', '5']]);
  });
});

describe('the gradient formula agrees with a direct linear-algebra computation', () => {
  test('A_kᵀ E Z_kᵀ computed with linalg equals grad(L, W[k]) by jets', () => {
    for (const inst of instances) {
      const F = Exact;
      const prodW = (a: number, z: number, size: number): Matrix<Rational> =>
        a < z ? identity(F, size) : mulAll(F, Array.from({ length: a - z + 1 }, (_, i) => inst.W[a - 1 - i]!));
      const H = inst.H;
      const E = sub(F, mul(F, prodW(H + 1, 1, 0), inst.X), inst.Y);
      for (let k = 1; k <= H + 1; k++) {
        const A = prodW(H + 1, k + 1, inst.widths[H + 1]!);
        const Z = mul(F, prodW(k - 1, 1, inst.widths[0]!), inst.X);
        const direct = mulAll(F, [transpose(A), E, transpose(Z)]);
        const dual = evaluateMatrix(x(`grad(L, W[${k}])`), instanceEnv(inst, { H, m: inst.m, d: inst.widths, k }), F);
        expect(dual).toEqual(direct);
      }
    }
  });
});
