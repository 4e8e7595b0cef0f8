import { describe, expect, test } from 'vitest';
import { InputError } from '../../src/errors.js';
import {
  type Shape, type ShapeContext, checkClaim, checkShape, describeShape, failedEquality, inferShape, parseClaim, parseExpr, parseGiven, parseSize,
} from '../../src/expr/index.js';

/** The DLN declarations of the derivation example of docs/derivation-files.md. */
const dln = parseGiven(
  {
    shapes: { X: ['d0', 'm'], Y: ['d[H+1]', 'm'], 'W[k]': ['d[k]', 'd[k-1]'] },
    sizes: ['H', 'k', 'j'],
    define: { E: 'prod(W, H+1, 1)*X - Y', L: 'fro2(E)/2', 'A[k]': 'prod(W, H+1, k+1)', 'Z[k]': 'prod(W, k-1, 1)*X' },
  },
  'dln.yaml',
).context;

/** Concrete sizes make mismatches provable. */
const concrete = parseGiven({ shapes: { X: [2, 3], Y: [2, 3], S: [3, 3], t: [] } }, 'c.yaml').context;

const shape = (text: string, ctx: ShapeContext = dln): string => describeShape(inferShape(parseExpr(text, 't'), ctx, 't'));
const error = (text: string, ctx: ShapeContext = dln): string => {
  try {
    inferShape(parseExpr(text, 't'), ctx, 'steps[2].claim');
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    return (e as Error).message;
  }
  throw new Error(`no shape error for ${text}`);
};

describe('shape inference with symbolic sizes', () => {
  test('the gradient formula and its pieces', () => {
    expect(shape("prod(W, H+1, k+1)' * E * (prod(W, k-1, 1) * X)'")).toBe('d[k]×d[k−1]');
    expect(shape('grad(L, W[k])')).toBe('d[k]×d[k−1]');
    expect(shape('E')).toBe('d[H+1]×m');
    expect(shape('L')).toBe('a scalar');
    expect(shape("A[k]'*E*Z[k]'")).toBe('d[k]×d[k−1]');
  });

  test('Kronecker products and vec multiply sizes', () => {
    const s = inferShape(parseExpr("kron((prod(W, k-1, 1)*X)', prod(W, H+1, k+1))", 't'), dln);
    expect(s.kind === 'matrix' && s.rows.equals(parseSize('d[H+1]*m', 't')) && s.cols.equals(parseSize('d[k-1]*d[k]', 't'))).toBe(true);
    expect(shape('vec(W[k])')).toMatch(/^d\[k\]·d\[k−1\]×1$|^d\[k−1\]·d\[k\]×1$/);
    // vec(E) = kron(Z', A) vec(W[k]) - vec(Y) type-checks: m·d[H+1] rows on both sides, sizes commute
    const r = checkClaim(parseClaim("vec(E) = kron((prod(W, k-1, 1)*X)', prod(W, H+1, k+1))*vec(W[k]) - vec(Y)", 't'), dln, 't');
    expect(r.deferred).toEqual([]);
    expect(shape('hess(L, W[j], W[k])')).toMatch(/×/);
  });

  test('identity convention: prod(W, a, b) is d[a]×d[b−1]', () => {
    expect(shape('prod(W, k-1, j+1)')).toBe('d[k−1]×d[j]');
    expect(shape('prod(W, H+1, H+2)')).toBe('d[H+1]×d[H+1]');
  });

  test('sums over an index and predicates', () => {
    expect(shape('sum(i, 1, H+1, prod(W, H+1, i+1)*W[i]*prod(W, i-1, 1))')).toBe('d[H+1]×d0');
    expect(shape('rank(X) >= rank(Y) and not iszero(E)')).toBe('a truth value');
    expect(shape('subset(range(E), range(Y))')).toBe('a truth value');
    expect(shape('rank(prod(W, H, 2)) <= min(d[1], d[H])')).toBe('a truth value');
  });
});

describe('shape errors name the operands and their sizes', () => {
  test('provable mismatches', () => {
    expect(error('X*Y', concrete)).toBe('steps[2].claim: product X*Y: X is 2×3, Y is 2×3');
    expect(error("X + S", concrete)).toBe('steps[2].claim: sum X + S: X is 2×3, S is 3×3');
    expect(error('trace(X)', concrete)).toBe('steps[2].claim: trace(X): X is 2×3, not square');
    expect(error("inner(X, S)", concrete)).toMatch(/inner\(X, S\): X is 2×3, S is 3×3/);
    expect(error('X/S', concrete)).toMatch(/the divisor in X\/S must be a scalar; S is 3×3/);
    expect(error('t + X', concrete)).toMatch(/cannot add a scalar and 2×3/);
    expect(error('entry(X, 3, 1)', concrete)).toMatch(/row 3 is outside 1\.\.2/);
  });

  test('undecidable equalities are deferred, then decided on an instance', () => {
    const r = checkShape(parseExpr('W[k]*X', 't'), dln, 't');
    expect(r.deferred).toHaveLength(1);
    expect(failedEquality(r.deferred, { H: 2, k: 1, m: 4, d: [3, 2, 2, 3] })).toBeUndefined();
    expect(failedEquality(r.deferred, { H: 2, k: 2, m: 4, d: [3, 2, 2, 3] })?.message).toBe('product W[k]*X: W[k] is d[k]×d[k−1], X is d0×m');
  });

  test('names, families, variables, predicates', () => {
    expect(error('V*X')).toMatch(/unknown symbol V: declare its shape or define it/);
    expect(error('W*X')).toMatch(/W is an indexed family: write W\[k\]/);
    expect(error('X[1, 2]')).toMatch(/X is a matrix, not a family; an entry is entry\(X, i, j\)/);
    expect(error('V[k]')).toMatch(/unknown family V/);
    expect(error('grad(L, E)')).toMatch(/declared matrix or family member such as W\[k\]; E is not one/);
    expect(error('grad(E, W[k])')).toMatch(/must be a scalar; E is d\[H\+1\]×m/);
    expect(error('sum(i, 1, H, W[i])')).toMatch(/depends on i/);
    expect(error('iszero(X) and X')).toMatch(/must be a predicate/);
    expect(error('subset(X, Y)')).toMatch(/write subset\(range\(A\), range\(B\)\)/);
    expect(error('prod(A, 2, 1)')).toMatch(/needs a declared family/);
  });

  test('equation sides must agree; a scalar equals a 1×1 matrix', () => {
    expect(() => checkClaim(parseClaim('X = S', 't'), concrete, 'step')).toThrow(/the sides of X = S differ: X is 2×3, S is 3×3/);
    expect(checkClaim(parseClaim("L = vec(E)'*vec(E)/2", 't'), dln, 't').shape).toEqual({ kind: 'scalar' } satisfies Shape);
    expect(checkClaim(parseClaim('E == E', 't'), dln, 't').shape).toEqual({ kind: 'bool' } satisfies Shape);
  });
});
