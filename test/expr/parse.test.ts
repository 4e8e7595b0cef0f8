import { describe, expect, test } from 'vitest';
import { InputError } from '../../src/errors.js';
import { build as b, exprEquals, parseClaim, parseEquation, parseExpr, parseGiven, toSource } from '../../src/expr/index.js';

const p = (t: string) => parseExpr(t, 'test');

describe('mathjs syntax → IR', () => {
  test('postfix transpose, index nodes, prod and numbers', () => {
    expect(exprEquals(p("W[k+1]'"), b.transpose(b.member('W', b.size('k').add(1))))).toBe(true);
    expect(exprEquals(p('prod(W, H+1, k+1)'), b.prod('W', b.size('H').add(1), b.size('k').add(1)))).toBe(true);
    // literals are exact: 0.1 is 1/10, and 1/2 folds to a constant
    expect(exprEquals(p('0.1*A'), b.mul(b.num(b.num(1).value.div(b.num(10).value)), b.sym('A')))).toBe(true);
    expect(exprEquals(p('fro2(E)/2'), b.div(b.fro2(b.sym('E')), b.num(2)))).toBe(true);
  });

  test('products and sums flatten; subtraction is a negated term', () => {
    expect(exprEquals(p('A*(B*C)'), b.mul(b.sym('A'), b.sym('B'), b.sym('C')))).toBe(true);
    expect(exprEquals(p('A - B + C'), b.add(b.sym('A'), b.neg(b.sym('B')), b.sym('C')))).toBe(true);
  });

  test('entries, differentials, sums, predicates', () => {
    expect(p('W[k][a, b]').kind).toBe('entry');
    expect(p('(A*B)[1, 2]').kind).toBe('entry');
    expect(p('d(E, W[k])')).toMatchObject({ kind: 'diff', wrt: { kind: 'member', family: 'W' } });
    expect(p('d[k]').kind).toBe('member');
    expect(p('sum(j, 1, k-1, W[j])')).toMatchObject({ kind: 'sum', index: 'j' });
    expect(p('rank(A) >= rank(B) and not iszero(C) or psd(D)')).toMatchObject({ kind: 'logic', op: 'or' });
    expect(p('a < b <= c')).toMatchObject({ kind: 'logic', op: 'and' });
  });

  test('source printing round-trips through the parser', () => {
    const samples = [
      "prod(W, H+1, k+1)' * E * (prod(W, k-1, 1) * X)'",
      "kron((prod(W, k-1, 1)*X)', prod(W, H+1, k+1))*vec(W[k]) - vec(Y)",
      'A - 2*B - C + -3*D',
      '-(A*B)*C',
      '-1/2*A + A*(1/3)',
      "A'''",
      "inv(A)' + pinv(B*C)",
      'trace(A*B) + fro2(A)/4 - inner(A, B)',
      'I(d[k]) + zeros(d[k], d[k])',
      'commutation(d[k-1], d[k])*vec(W[k]\')',
      'entry(W[k], a, b)*entry(A*B, 1, 2)',
      'grad(L, W[k]) + grad(fro2(E)/2, W[k])',
      'hess(L, W[j], W[k])',
      'd(d(L)) + d(E, W[k])',
      'sum(k, 1, H+1, sum(j, 1, k-1, prod(W, k-1, j+1)))',
      'rank(A) >= rank(B) and not (iszero(C) or psd(D))',
      'subset(range(A), range(B)) and rank(A) == min(d[1], d[2]) and not rank(A) != p',
      'A/(B*c)',
      'A*(B/c)',
      "(A + B)'*(A - B)",
      'kron(kron(A, B), C) + kron(A, kron(B, C))',
      'Q[j, k+1]',
      'rank(C) <= min(p, d[H+1]) and rank(C) >= min(k)',
    ];
    for (const text of samples) {
      const e = p(text);
      const again = p(toSource(e));
      expect(exprEquals(again, e), `${text} → ${toSource(e)}`).toBe(true);
    }
  });

  test('claims: equation chains split at top-level = only', () => {
    const c = parseClaim('grad(L, W[k]) = A[k]\'*E*Z[k]\' = prod(W, H+1, k+1)\'*E*(prod(W, k-1, 1)*X)\'', 'c');
    expect(c.kind === 'equation' && c.sides.length).toBe(3);
    expect(parseClaim('rank(A) >= rank(B)', 'c').kind).toBe('predicate');
    expect(parseClaim('rank(A) == rank(B)', 'c').kind).toBe('predicate');
    const eq = parseClaim('rank(prod(W, H, 2)) = p', 'c');
    expect(eq.kind === 'equation' && eq.sides.length).toBe(2);
    expect(parseClaim('a <= b', 'c').kind).toBe('predicate');
  });
});

describe('input errors name the problem', () => {
  const err = (f: () => unknown): string => {
    try {
      f();
    } catch (e) {
      expect(e).toBeInstanceOf(InputError);
      return (e as Error).message;
    }
    throw new Error('expected an InputError');
  };

  test('unknown function, with its position and the known ones', () => {
    expect(err(() => parseExpr('A + foo(X)', 'f.yaml: steps[1].claim'))).toMatch(/^f\.yaml: steps\[1\]\.claim: unknown function foo \(known: .*kron.*\) \(at char 5\)$/);
  });

  test('wrong arity', () => {
    expect(err(() => p('prod(W, 1)'))).toMatch(/prod takes 3 arguments, got 2: write prod\(W, a, b\)/);
    expect(err(() => p('d(E, W[k], X)'))).toMatch(/d takes 1 or 2 arguments/);
  });

  test('unbalanced parentheses', () => {
    expect(err(() => p('(A*B'))).toMatch(/unbalanced parentheses: "\(" \(at char 1\) is never closed/);
    expect(err(() => p('A*B)'))).toMatch(/"\)" has no matching "\(" \(at char 4\)/);
    expect(err(() => p('W[k)'))).toMatch(/"\[" \(at char 2\) is closed by "\)"/);
    expect(err(() => parseClaim('A = (B', 'c'))).toMatch(/unbalanced/);
  });

  test('not an equation where one is needed; not a claim at all', () => {
    expect(err(() => parseEquation('rank(A) >= 1', 'c'))).toMatch(/expected an equation "lhs = rhs"/);
    expect(err(() => parseClaim('A*B', 'c'))).toMatch(/expected an equation "lhs = rhs" or a predicate/);
    expect(err(() => parseClaim('A = ', 'c'))).toMatch(/side 2 of the equation is empty/);
  });

  test('constructs outside the language', () => {
    expect(err(() => p('A B'))).toMatch(/implicit multiplication/);
    expect(err(() => p('A .^ 2'))).toMatch(/operator \.\^ is not supported/);
    expect(err(() => p('[1, 2]'))).toMatch(/array syntax is not part of the expression language/);
    expect(err(() => p('A; B'))).toMatch(/one expression per claim/);
    expect(err(() => p('grad(L, 2*W[k])'))).toMatch(/expected a matrix or a family member/);
    expect(err(() => p('prod(W, k, j+)'))).toMatch(/Unexpected|Value expected/);
  });

  test('given blocks: malformed keys and shapes', () => {
    expect(err(() => parseGiven({ shapes: { 'W[k': ['d[k]', 'd[k-1]'] } }, 'f.yaml'))).toMatch(/not a name or a family/);
    expect(err(() => parseGiven({ shapes: { X: ['d0'] } }, 'f.yaml'))).toMatch(/^f\.yaml: shapes\.X: expected \[rows, cols\]/);
    expect(err(() => parseGiven({ shapes: { X: ['d0', 'm'] }, define: { X: 'Y' } }, 'f.yaml'))).toMatch(/X is already declared/);
    expect(err(() => parseGiven({ shapes: { X: [2, 3] }, define: { E: 'X*X' } }, 'f.yaml'))).toBe('f.yaml: define.E: product X*X: X is 2×3, X is 2×3');
  });
});
