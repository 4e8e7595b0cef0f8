import { describe, expect, test } from 'vitest';
import { InputError } from '../../src/errors.js';
import {
  type Env, InstanceError, build as b, declareSizes, declareSymbol, emptyContext, evaluate, evaluateExactly, evaluateMatrix, inferShape, matrixShape,
  parseExpr, Size, toSource,
} from '../../src/expr/index.js';
import { adjugate, charpoly, determinant } from '../../src/linalg/charpoly.js';
import { det as eliminationDet } from '../../src/linalg/elimination.js';
import * as L from '../../src/linalg/index.js';
import { Exact, Rational, floatField } from '../../src/linalg/index.js';
import { Q, lcg, q, randomMatrix, toStrings } from './helpers.js';

const F = Exact;
const p = (t: string) => parseExpr(t, 'test');
const ev = (t: string, env: Env<Rational>) => evaluate(p(t), env, F);
const mat = (t: string, env: Env<Rational>) => evaluateMatrix(p(t), env, F);
const scalar = (t: string, env: Env<Rational>) => {
  const v = ev(t, env);
  if (v.kind === 'matrix' && v.value.rows === 1 && v.value.cols === 1) return v.value.data[0]!.toString();
  if (v.kind !== 'scalar') throw new Error(`${t} is not a scalar`);
  return v.value.toString();
};

/** Leibniz's formula: an independent determinant (sum over permutations). */
function leibniz(A: L.Matrix<Rational>): Rational {
  const n = A.rows;
  let total = Rational.ZERO;
  const perm = (prefix: number[], rest: number[]) => {
    if (rest.length === 0) {
      let inversions = 0;
      for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) if (prefix[i]! > prefix[j]!) inversions++;
      const term = prefix.reduce((acc, c, r) => acc.mul(L.get(A, r, c)), Rational.ONE);
      total = inversions % 2 === 0 ? total.add(term) : total.sub(term);
      return;
    }
    rest.forEach((c, i) => perm([...prefix, c], [...rest.slice(0, i), ...rest.slice(i + 1)]));
  };
  perm([], Array.from({ length: n }, (_, i) => i));
  return total;
}

/** The adjugate from its definition: adj(A)_{ij} = (−1)^{i+j} det(A without row j and column i). */
function cofactorAdjugate(A: L.Matrix<Rational>): L.Matrix<Rational> {
  const n = A.rows;
  return L.build(n, n, (i, j) => {
    const minor = L.pick(A, L.range(n).filter((r) => r !== j), L.range(n).filter((c) => c !== i));
    const m = n === 1 ? Rational.ONE : leibniz(minor);
    return (i + j) % 2 === 0 ? m : m.neg();
  });
}

describe('determinant, adjugate, characteristic polynomial (division-free)', () => {
  const rand = lcg(11);

  test('agree with Leibniz, cofactors and elimination on random rational matrices, singular ones included', () => {
    for (let n = 1; n <= 5; n++)
      for (let t = 0; t < 4; t++) {
        let A = randomMatrix(rand, n, n);
        // a repeated row makes A singular every other time
        if (t % 2 === 1 && n > 1) A = L.build(n, n, (i, j) => L.get(A, i === n - 1 ? 0 : i, j));
        expect(determinant(F, A).eq(leibniz(A))).toBe(true);
        expect(determinant(F, A).eq(eliminationDet(F, A))).toBe(true);
        expect(L.equals(F, adjugate(F, A), cofactorAdjugate(A))).toBe(true);
        expect(L.equals(F, L.mul(F, A, adjugate(F, A)), L.scale(F, determinant(F, A), L.identity(F, n)))).toBe(true);
      }
  });

  test('characteristic polynomial of a companion matrix and of a 2×2 matrix', () => {
    // companion matrix of x³ − 6x² + 11x − 6 = (x−1)(x−2)(x−3)
    const C = Q([[0, 0, 6], [1, 0, -11], [0, 1, 6]]);
    expect(charpoly(F, C).map(String)).toEqual(['1', '-6', '11', '-6']);
    expect(charpoly(F, Q([[1, 2], [3, 4]])).map(String)).toEqual(['1', '-5', '-2']);
    expect(determinant(F, L.zeros(F, 0, 0)).toString()).toBe('1');
  });

  test('d det(X) = tr(adj(X) dX) at a singular X, where no inverse exists', () => {
    const env: Env<Rational> = { sizes: {}, symbols: { X: Q([[1, 2], [2, 4]]) }, directions: { symbols: { X: Q([[3, -1], [2, 5]]) } } };
    // det(X + εV) = (1+3ε)(4+5ε) − (2−ε)(2+2ε): ε-coefficient 5 + 12 − (4 − 2) = 15
    expect(scalar('d(det(X), X)', env)).toBe('15');
    expect(scalar('trace(adj(X)*d(X))', env)).toBe('15');
    expect(toStrings(mat('grad(det(X), X)', env))).toEqual(toStrings(L.transpose(cofactorAdjugate(Q([[1, 2], [2, 4]])))));
  });
});

describe('powers', () => {
  const rand = lcg(5);
  const A = L.add(F, randomMatrix(rand, 3, 3), L.scale(F, q(4), L.identity(F, 3)));
  const env: Env<Rational> = { sizes: { k: 3 }, symbols: { A }, scalars: { x: q('-3/2') } };

  test('matrix powers are repeated products; A^0 = I; negative powers are powers of the inverse', () => {
    expect(mat('A^3', env)).toEqual(L.mulAll(F, [A, A, A]));
    expect(mat('A^k', env)).toEqual(L.mulAll(F, [A, A, A]));
    expect(mat('A^(k-3)', env)).toEqual(L.identity(F, 3));
    const Ai = L.inverse(F, A);
    expect(mat('A^(-2)', env)).toEqual(L.mul(F, Ai, Ai));
    expect(mat('A^(-1)', env)).toEqual(Ai);
  });

  test('scalar powers: trace(A)^2, x^(-3), 0^0 = 1', () => {
    const tr = L.trace(F, A);
    expect(scalar('trace(A)^2', env)).toBe(tr.mul(tr).toString());
    expect(scalar('x^(-3)', env)).toBe('-8/27');
    expect(scalar('(x - x)^0', env)).toBe('1');
    expect(() => ev('(x - x)^(-1)', env)).toThrow(InstanceError);
  });

  test('A^(-1) is the inverse node; the source form parses back', () => {
    expect(p('A^(-1)')).toEqual(b.inv(b.sym('A')));
    expect(p('A^-1')).toEqual(b.inv(b.sym('A')));
    expect(p('A^2')).toEqual(b.pow(b.sym('A'), 2));
    for (const t of ["(A')^2", "(A^2)'", 'A^(k-1)', '-x^2', '(-x)^2', 'x^(-2)', '(A*B)^2*C'])
      expect(toSource(p(toSource(p(t))))).toBe(toSource(p(t)));
    expect(toSource(p("(A^2)'"))).toBe("(A^2)'");
  });

  test('exponents must be integers within the bound; bases scalars or square matrices', () => {
    const err = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        if (e instanceof InputError) return e.message;
        throw e;
      }
      throw new Error('expected an InputError');
    };
    expect(err(() => p('x^(1/2)'))).toMatch(/exponents are integers/);
    expect(err(() => p('x^0.5'))).toMatch(/exponents are integers/);
    expect(err(() => p('A^65'))).toMatch(/exponent 65 exceeds 64/);
    const ctx = declareSymbol(declareSymbol(declareSizes(emptyContext, ['k']), 'B', matrixShape(Size.int(2), Size.int(3))), 'y', { kind: 'scalar' });
    expect(err(() => inferShape(p('B^2'), ctx, 'f'))).toMatch(/B is 2×3; powers need a square matrix/);
    expect(err(() => inferShape(p('y^y'), ctx, 'f'))).toMatch(/the exponent must be an integer .* y is not one/);
    expect(inferShape(p('y^k'), ctx)).toEqual({ kind: 'scalar' });
    expect(() => ev('A^k', { ...env, sizes: { k: 65 } })).toThrow(/exceeds 64/);
  });
});

describe('Hadamard product, ones, diag, diagvec', () => {
  const env: Env<Rational> = {
    sizes: {},
    symbols: { A: Q([[1, 2], [3, 4]]), B: Q([['1/2', -1], [0, 5]]), v: Q([[2], [-3]]) },
  };

  test('values', () => {
    expect(toStrings(mat('A .* B', env))).toEqual([['1/2', '-2'], ['0', '20']]);
    expect(mat('hadamard(A, B)', env)).toEqual(mat('A .* B', env));
    expect(toStrings(mat('ones(2, 3)', env))).toEqual([['1', '1', '1'], ['1', '1', '1']]);
    expect(toStrings(mat('diag(v)', env))).toEqual([['2', '0'], ['0', '-3']]);
    expect(toStrings(mat('diagvec(A)', env))).toEqual([['1'], ['4']]);
    // the Cookbook's diag(A): off-diagonal entries zeroed
    expect(mat('diag(diagvec(A))', env)).toEqual(mat('A .* I(2)', env));
    // vᵀ diag(A) v-type identity: 1ᵀ(A ∘ B)1 = tr(A Bᵀ)
    expect(scalar("ones(2, 1)'*(A .* B)*ones(2, 1)", env)).toBe(scalar("trace(A*B')", env));
  });

  test('.* has the precedence of *, left to right; printing keeps the meaning', () => {
    expect(p('A*B .* C')).toEqual(b.hadamard(b.mul(b.sym('A'), b.sym('B')), b.sym('C')));
    expect(p('A .* B*C')).toEqual(b.mul(b.hadamard(b.sym('A'), b.sym('B')), b.sym('C')));
    expect(toSource(b.hadamard(b.sym('A'), b.mul(b.sym('B'), b.sym('C'))))).toBe('A .* (B*C)');
  });

  test('shape errors say what to write instead', () => {
    const ctx = declareSymbol(declareSymbol(emptyContext, 'A', matrixShape(Size.int(2), Size.int(3))), 'C', matrixShape(Size.int(3), Size.int(2)));
    expect(() => inferShape(p('A .* C'), ctx, 'f')).toThrow(/A \.\* C: A is 2×3, C is 3×2/);
    expect(() => inferShape(p('diag(A)'), ctx, 'f')).toThrow(/diag takes a column vector .*diagvec\(A\)/);
    expect(() => inferShape(p('log(A)'), ctx, 'f')).toThrow(/map\(A, log\).*log\(det\(A\)\)/);
  });
});

describe('log, exp, abs and their derivatives', () => {
  const one = (x: number | string) => Q([[x]]);
  // 1×1 matrices so that differentials have directions
  const env: Env<Rational> = {
    sizes: {},
    symbols: { x: one(3), z: one(0), X: Q([[2, 1], [1, 3]]) },
    directions: { symbols: { x: one(2), z: one(1), X: Q([[1, 0], [2, 1]]) } },
  };

  test('over the rationals a transcendental value is an InstanceError, a rational one is exact', () => {
    expect(() => ev('log(trace(x))', env)).toThrow(/log\(3\) is not rational/);
    expect(() => ev('exp(trace(x))', env)).toThrow(/not rational/);
    expect(scalar('log(trace(x)/3)', env)).toBe('0');
    expect(scalar('abs(-trace(x))', env)).toBe('3');
    expect(() => ev('log(-trace(x))', env)).toThrow(/log of a non-positive value -3/);
  });

  test('derivatives are exact and rational even though the values are not: d log = dx/x, d exp(x) = exp(x) dx', () => {
    // d(log x) along dx = 2 at x = 3 is 2/3, over the rationals: the transcendental value part is never needed
    // by epsPart, but log(3) itself is, so the evaluation runs in the log–exp field (as the checker does)
    const { F: LX, values } = evaluateExactlyFor(['d(log(trace(x)), x)', 'd(d(log(det(X)), X), X)', 'd(abs(trace(x)), x)', 'd(exp(2*trace(x)), x)'], env);
    expect(values.map((v) => (v.kind === 'scalar' ? LX.toString(v.value) : '?'))).toEqual(['2/3', '1/25', '2', '4·e^(6)']);
    expect(() => evaluateExactlyFor(['d(abs(trace(z)), z)'], env)).toThrow(/abs is not differentiable at 0/);
  });

  test('sqrt and norm: rational squares are exact over the rationals, other roots need the log–exp field', () => {
    expect(scalar('sqrt(trace(x)*trace(x)*4/9)', env)).toBe('2');
    expect(() => ev('sqrt(trace(x))', env)).toThrow(/sqrt\(3\) is not rational/);
    expect(() => ev('sqrt(-trace(x))', env)).toThrow(/sqrt of a negative value -3/);
    const { F: LX, values } = evaluateExactlyFor(['norm(X)', 'd(sqrt(trace(x)), x)', 'grad(norm(X)^2, X)'], env);
    // ‖X‖_F = √15; d√x = dx/(2√x) = 2/(2√3) = √3/3
    expect(values.slice(0, 2).map((v) => (v.kind === 'scalar' ? LX.toString(v.value) : '?'))).toEqual(['sqrt(3)·sqrt(5)', '1/3·sqrt(3)']);
    expect(values[2]!.kind === 'matrix' && values[2]!.value.data.map((x) => LX.toString(x))).toEqual(['4', '2', '2', '6']);
  });

  test('in float64 the values are the usual ones', () => {
    const Fl = floatField(1e-12);
    const fenv = { sizes: {}, symbols: { x: L.convert(one(3), (r) => r.toNumber()) } };
    const v = evaluate(p('log(trace(x)) + exp(trace(x)) - abs(-2*trace(x))'), fenv, Fl);
    expect(v.kind === 'scalar' && Math.abs(v.value - (Math.log(3) + Math.exp(3) - 6))).toBeLessThan(1e-12);
  });
});

function evaluateExactlyFor(texts: readonly string[], env: Env<Rational>) {
  return evaluateExactly(texts.map(p), env);
}
