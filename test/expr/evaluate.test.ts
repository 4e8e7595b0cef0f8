import { describe, expect, test } from 'vitest';
import { build as b, evaluate, evaluateMatrix, InstanceError, parseExpr, valuesEqual, type Env } from '../../src/expr/index.js';
import * as L from '../../src/linalg/index.js';
import { Exact, Rational } from '../../src/linalg/index.js';
import { Q, lcg, q, randomMatrix, toStrings } from './helpers.js';

const F = Exact;
const ev = (text: string, env: Env<Rational>) => evaluate(parseExpr(text, 'test'), env, F);
const mat = (text: string, env: Env<Rational>) => evaluateMatrix(parseExpr(text, 'test'), env, F);

/** docs/mathematics.md §6: ŷ = w₃w₂w₁x with x = (1,2), y = (2,3), as 1×1 weights. */
function scalarChain(w: readonly (number | string)[]): Env<Rational> {
  return {
    sizes: { H: 2, m: 2, d: [1, 1, 1, 1] },
    symbols: { X: Q([[1, 2]]), Y: Q([[2, 3]]) },
    families: { W: w.map((x) => Q([[x]])) },
    definitions: b.definitions(
      b.definition('E', parseExpr('prod(W, H+1, 1)*X - Y', 'E')),
      b.definition('L', parseExpr('fro2(E)/2', 'L')),
    ),
  };
}

describe('forward-mode derivatives on docs/mathematics.md §6 (scalar chain)', () => {
  test('loss values L(0) = 13/2 and L at the optimum product', () => {
    expect(ev('L', scalarChain([0, 0, 0]))).toEqual({ kind: 'scalar', value: q('13/2') });
    // w₃w₂w₁ = s_xy/s_xx = 8/5 gives L* = 1/10
    expect(ev('L', scalarChain([1, 1, '8/5']))).toEqual({ kind: 'scalar', value: q('1/10') });
  });

  test('gradient at w = (1, 2, 1/2) is (−3, −3/2, −6)', () => {
    const env = scalarChain([1, 2, '1/2']);
    const g = [1, 2, 3].map((k) => toStrings(mat(`grad(L, W[${k}])`, env))[0]![0]);
    expect(g).toEqual(['-3', '-3/2', '-6']);
  });

  test('Hessian at w = (1, 2, 1/2) is [[5,1,4],[1,5/4,2],[4,2,20]] and zero gradient at (1,1,8/5)', () => {
    const env = scalarChain([1, 2, '1/2']);
    const H = [1, 2, 3].map((j) => [1, 2, 3].map((k) => toStrings(mat(`hess(L, W[${j}], W[${k}])`, env))[0]![0]));
    expect(H).toEqual([['5', '1', '4'], ['1', '5/4', '2'], ['4', '2', '20']]);
    const crit = scalarChain([1, 1, '8/5']);
    for (const k of [1, 2, 3]) expect(toStrings(mat(`grad(L, W[${k}])`, crit))).toEqual([['0']]);
    const Hc = [1, 2, 3].map((j) => [1, 2, 3].map((k) => toStrings(mat(`hess(L, W[${j}], W[${k}])`, crit))[0]![0]));
    expect(Hc).toEqual([['64/5', '64/5', '8'], ['64/5', '64/5', '8'], ['8', '8', '5']]);
  });

  test('second differential along (t,t,t) at the origin is zero (L(t,t,t) = 5t⁶/2 − 8t³ + 13/2)', () => {
    const env = { ...scalarChain([0, 0, 0]), directions: { families: { W: [Q([[1]]), Q([[1]]), Q([[1]])] } } };
    expect(ev('d(L)', env)).toEqual({ kind: 'scalar', value: q(0) });
    expect(ev('d(d(L))', env)).toEqual({ kind: 'scalar', value: q(0) });
    // third derivative of −8t³ is −48: nested differentials reach it
    expect(ev('d(d(d(L)))', env)).toEqual({ kind: 'scalar', value: q(-48) });
  });
});

describe('evaluation agrees with direct linear algebra', () => {
  const rand = lcg(7);
  const A = randomMatrix(rand, 2, 3);
  const B = randomMatrix(rand, 3, 2);
  const C = randomMatrix(rand, 2, 2);
  const Sq = L.add(F, randomMatrix(rand, 3, 3), L.scale(F, q(5), L.identity(F, 3)));
  const W = [randomMatrix(rand, 2, 3), randomMatrix(rand, 2, 2), randomMatrix(rand, 3, 2)];
  const env: Env<Rational> = { sizes: { H: 2, k: 2, m: 2, d: [3, 2, 2, 3] }, symbols: { A, B, C, S: Sq }, families: { W } };

  test('products, sums, transposes, scalars', () => {
    expect(mat("A*B - 2*C' + C/3", env)).toEqual(L.add(F, L.sub(F, L.mul(F, A, B), L.scale(F, q(2), L.transpose(C))), L.scale(F, q('1/3'), C)));
    expect(mat('-(A*B)', env)).toEqual(L.neg(F, L.mul(F, A, B)));
  });

  test('prod over the family and the identity convention', () => {
    expect(mat('prod(W, 3, 1)', env)).toEqual(L.mulAll(F, [W[2]!, W[1]!, W[0]!]));
    expect(mat('prod(W, k, k)', env)).toEqual(W[1]);
    // empty products: W_3⋯W_4 is I of size d_3 (rows of W_3), W_0⋯W_1 is I of size d_0 (columns of W_1)
    expect(mat('prod(W, H+1, H+2)', env)).toEqual(L.identity(F, 3));
    expect(mat('prod(W, 0, 1)', env)).toEqual(L.identity(F, 3));
    expect(() => mat('prod(W, 4, 1)', env)).toThrow(InstanceError);
  });

  test('kron, vec, commutation matrix, trace, fro2, inner, entry', () => {
    expect(mat('kron(A, C)', env)).toEqual(L.kron(F, A, C));
    expect(mat('vec(A)', env)).toEqual(L.vec(A));
    // K_{m,n} vec(A) = vec(Aᵀ) for A m×n
    expect(mat('commutation(2, 3)*vec(A)', env)).toEqual(L.vec(L.transpose(A)));
    expect(ev('trace(A*B)', env)).toEqual({ kind: 'scalar', value: L.trace(F, L.mul(F, A, B)) });
    expect(ev('fro2(A)', env)).toEqual({ kind: 'scalar', value: L.fro2(F, A) });
    expect(ev("inner(A, B')", env)).toEqual({ kind: 'scalar', value: L.trace(F, L.mul(F, A, B)) });
    expect(ev('entry(A, 2, 3)', env)).toEqual({ kind: 'scalar', value: L.get(A, 1, 2) });
    expect(ev('(A*B)[1, 2]', env)).toEqual({ kind: 'scalar', value: L.get(L.mul(F, A, B), 0, 1) });
    expect(() => ev('entry(A, 3, 1)', env)).toThrow(InstanceError);
  });

  test('inverse, pseudo-inverse, identity, zeros', () => {
    expect(mat('S*inv(S)', env)).toEqual(L.identity(F, 3));
    expect(mat('pinv(A)', env)).toEqual(L.pinv(F, A));
    expect(mat('A*pinv(A)*A', env)).toEqual(A);
    expect(mat('I(d[1]) + zeros(2, 2)', env)).toEqual(L.identity(F, 2));
    expect(() => mat('inv(zeros(2, 2))', env)).toThrow(InstanceError);
  });

  test('sums over an index, sizes as scalars', () => {
    expect(mat('sum(j, 1, 3, j*C)', env)).toEqual(L.scale(F, q(6), C));
    expect(ev('sum(j, 2, 1, j)', env)).toEqual({ kind: 'scalar', value: q(0) });
    expect(ev('d[H+1] + m', env)).toEqual({ kind: 'scalar', value: q(5) });
  });

  test('predicates', () => {
    const t = (s: string) => (ev(s, env) as { value: boolean }).value;
    expect(t('iszero(A - A) and not iszero(A)')).toBe(true);
    expect(t("psd(A'*A) and not psd(-(A'*A))")).toBe(true);
    expect(t('rank(A*B) <= rank(A) and rank(A*B) <= rank(B)')).toBe(true);
    expect(t('subset(range(A*B), range(A))')).toBe(true);
    expect(t('subset(range(I(2)), range(zeros(2, 1)))')).toBe(false);
    expect(t('rank(S) == 3 or iszero(S)')).toBe(true);
  });

  test('a scalar equals the 1×1 matrix holding it', () => {
    const v = evaluate(parseExpr("vec(A)'*vec(A)", 't'), env, F);
    expect(valuesEqual(F, v, { kind: 'scalar', value: L.fro2(F, A) })).toBe(true);
  });
});

describe('differentials are exact directional derivatives', () => {
  test('d(AXB) along dX equals A dX B; d(inv(S)) = −S⁻¹ dS S⁻¹', () => {
    const rand = lcg(11);
    const A = randomMatrix(rand, 2, 3);
    const X = randomMatrix(rand, 3, 3);
    const Bm = randomMatrix(rand, 3, 2);
    const V = randomMatrix(rand, 3, 3);
    const S = L.add(F, X, L.scale(F, q(7), L.identity(F, 3)));
    const env: Env<Rational> = { sizes: {}, symbols: { A, X, B: Bm, S }, directions: { symbols: { X: V, S: V } } };
    expect(mat('d(A*X*B, X)', env)).toEqual(L.mulAll(F, [A, V, Bm]));
    const Si = L.inverse(F, S);
    expect(mat('d(inv(S), S)', env)).toEqual(L.neg(F, L.mulAll(F, [Si, V, Si])));
    expect(() => mat('d(pinv(X), X)', env)).toThrow(InstanceError);
  });

  test('grad of tr(AᵀX) is A and of ‖X‖² is 2X', () => {
    const rand = lcg(5);
    const A = randomMatrix(rand, 3, 2);
    const X = randomMatrix(rand, 3, 2);
    const env: Env<Rational> = { sizes: {}, symbols: { A, X } };
    expect(mat("grad(trace(A'*X), X)", env)).toEqual(A);
    expect(mat('grad(fro2(X), X)', env)).toEqual(L.scale(F, q(2), X));
  });
});

describe('the two derivative engines agree (jets for grad/hess, nested duals for d)', () => {
  const rand = lcg(23);
  const widths = [3, 2, 3, 2];
  const W = [1, 2, 3].map((k) => randomMatrix(rand, widths[k]!, widths[k - 1]!));
  const D = [1, 2, 3].map((k) => randomMatrix(rand, widths[k]!, widths[k - 1]!));
  const env: Env<Rational> = {
    sizes: { H: 2, m: 2, d: widths },
    symbols: { X: randomMatrix(rand, 3, 2), Y: randomMatrix(rand, 2, 2) },
    families: { W },
    definitions: b.definitions(
      b.definition('E', parseExpr('prod(W, H+1, 1)*X - Y', 'E')),
      b.definition('L', parseExpr('fro2(E)/2 + trace(inv(I(3) + X*X\')*W[1]\'*W[1])', 'L')),
    ),
    directions: { families: { W: D } },
  };
  const scalar = (t: string) => {
    const v = ev(t, env);
    if (v.kind === 'scalar') return v.value.toString();
    if (v.kind === 'matrix' && v.value.rows === 1 && v.value.cols === 1) return v.value.data[0]!.toString();
    throw new Error(`${t} is not a scalar`);
  };

  test('⟨∂L/∂W_k, dW_k⟩ = d_{W_k}L', () => {
    for (const k of [1, 2, 3]) expect(scalar(`inner(grad(L, W[${k}]), d(W[${k}], W[${k}]))`)).toBe(scalar(`d(L, W[${k}])`));
  });

  test("vec(dW_jᵀ)ᵀ H_jk vec(dW_kᵀ) = d_{W_j} d_{W_k} L, for every block", () => {
    for (const j of [1, 2, 3])
      for (const k of [1, 2, 3])
        expect(scalar(`vec(d(W[${j}], W[${j}])')' * hess(L, W[${j}], W[${k}]) * vec(d(W[${k}], W[${k}])')`)).toBe(scalar(`d(d(L, W[${k}]), W[${j}])`));
  });

  test('Hessian blocks are transposes of each other; the total second differential is their quadratic form', () => {
    expect(mat("hess(L, W[1], W[3]) - hess(L, W[3], W[1])'", env).data.every((x) => x.isZero())).toBe(true);
    expect(scalar("sum(j, 1, 3, sum(k, 1, 3, vec(d(W[j])')' * hess(L, W[j], W[k]) * vec(d(W[k])')))")).toBe(scalar('d(d(L))'));
  });
});

describe('float64 evaluation (same code, another field)', () => {
  test('the gradient by jets over floats matches the exact one to rounding', () => {
    const rand = lcg(31);
    const Wq = [randomMatrix(rand, 2, 3), randomMatrix(rand, 3, 2)];
    const Xq = randomMatrix(rand, 3, 2);
    const Yq = randomMatrix(rand, 3, 2);
    const defs = b.definitions(b.definition('E', parseExpr('prod(W, H+1, 1)*X - Y', 'E')), b.definition('L', parseExpr('fro2(E)/2', 'L')));
    const exact = evaluateMatrix(parseExpr('grad(L, W[1])', 't'), { sizes: { H: 1 }, symbols: { X: Xq, Y: Yq }, families: { W: Wq }, definitions: defs }, F);
    const toF = (A: L.Matrix<Rational>) => L.convert(A, (x) => x.toNumber());
    const approx = evaluateMatrix(parseExpr('grad(L, W[1])', 't'), { sizes: { H: 1 }, symbols: { X: toF(Xq), Y: toF(Yq) }, families: { W: Wq.map(toF) }, definitions: defs }, L.Float);
    approx.data.forEach((v, i) => expect(v).toBeCloseTo(exact.data[i]!.toNumber(), 9));
  });
});
