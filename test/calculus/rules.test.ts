import { describe, expect, test } from 'vitest';
import { rules as R, simplify, definitions, layerRange, pairRange, provablyPositive } from '../../src/calculus/index.js';
import { type Expr, Size, build as b, exprEquals, parseExpr, parseSize, toSource, toText } from '../../src/expr/index.js';

const p = (t: string) => parseExpr(t, 'test');
const rc = (assumptions = layerRange): R.RuleContext => ({ definitions, assumptions, family: 'W' });
const apply = (t: string, rule: R.Rule, assumptions = layerRange) => toSource(simplify(R.applyRule(p(t), rule, rc(assumptions))));

describe('simplification', () => {
  test('zeros vanish, coefficients merge, double transposes cancel', () => {
    expect(toSource(simplify(p("A + 0*B - 0 + (C')'")))).toBe('A + C');
    expect(toSource(simplify(b.mul(b.num(2), b.div(b.mul(b.num(3), b.sym('A')), b.num(6)))))).toBe('A');
    expect(toSource(simplify(p('-(-A)')))).toBe('A');
    expect(toSource(simplify(p('(-A)*B*(-C)')))).toBe('A*B*C');
    expect(toSource(simplify(p('trace(0*A) + 1')))).toBe('1');
  });

  test('groups are kept: a grouped factor stays one factor', () => {
    const grouped: Expr = { kind: 'mul', factors: [b.sym('A'), { kind: 'mul', factors: [b.sym('B'), b.sym('X')] }] };
    const s = simplify(grouped);
    expect(s.kind === 'mul' && s.factors.length).toBe(2);
  });
});

describe('index reasoning from the assumptions', () => {
  test('positivity from sums of at most two known non-negative quantities', () => {
    expect(provablyPositive(parseSize('k+1', 't').sub(parseSize('k', 't')), layerRange)).toBe(true);
    expect(provablyPositive(parseSize('H+2-k', 't'), layerRange)).toBe(true);
    expect(provablyPositive(parseSize('k-j', 't'), pairRange)).toBe(true);
    expect(provablyPositive(parseSize('H+1-j', 't'), pairRange)).toBe(true);
    expect(provablyPositive(parseSize('k-j', 't'), layerRange)).toBe(false);
  });

  test('dependsOn: which factors can involve W_k', () => {
    const wk = b.member('W', 'k');
    expect(R.dependsOn(p('prod(W, H+1, k+1)'), wk, rc())).toBe('no');
    expect(R.dependsOn(p('prod(W, k-1, 1)*X'), wk, rc())).toBe('no');
    expect(R.dependsOn(p('prod(W, H+1, 1)'), wk, rc())).toBe('maybe');
    expect(R.dependsOn(p('A[k]'), wk, rc())).toBe('no');
    expect(R.dependsOn(p('E'), wk, rc())).toBe('maybe');
    expect(R.dependsOn(p('Z[j]'), wk, rc(pairRange))).toBe('no');
    expect(R.dependsOn(p('Z[j]'), wk, rc(layerRange))).toBe('maybe');
    expect(R.dependsOn(p('d(W[k])'), null, rc())).toBe('no');
    expect(R.dependsOn(p('d(E)'), null, rc())).toBe('maybe');
  });
});

describe('differential rules', () => {
  test('product rule over every factor, and for ⊗', () => {
    expect(apply('d(A*B*C, W[k])', R.productRule)).toBe('d(A, W[k])*B*C + A*d(B, W[k])*C + A*B*d(C, W[k])');
    expect(apply('d(kron(A, B))', R.productRule)).toBe('kron(d(A), B) + kron(A, d(B))');
  });

  test('linear maps, Frobenius norm, inverse, linearity', () => {
    expect(apply("d(trace(A'), W[k])", R.linearMaps)).toBe("trace(d(A, W[k])')");
    expect(apply('d(fro2(E))', R.frobenius)).toBe("2*trace(E'*d(E))");
    expect(apply('d(inv(S))', R.inverse)).toBe('-(inv(S)*d(S)*inv(S))');
    expect(apply('d(A - 2*B + fro2(C)/3)', R.linearity)).toBe('d(A) - 2*d(B) + 1/3*d(fro2(C))');
    expect(apply('d(sum(i, 1, H, W[i]))', R.linearity)).toBe('sum(i, 1, H, d(W[i]))');
  });

  test('constants: factors without W_k, and fixed directions', () => {
    expect(apply('d(X, W[k]) + d(prod(W, H+1, k+1), W[k]) + d(W[k], W[k])', R.constants('t'))).toBe('d(W[k], W[k])');
    expect(apply('d(d(W[k]))', R.constants('t'))).toBe('0');
  });

  test('isolating W_k needs b ≤ k ≤ a to be provable', () => {
    expect(apply('d(prod(W, H+1, 1), W[k])', R.isolate)).toBe('d(prod(W, H+1, k+1)*W[k]*prod(W, k-1, 1), W[k])');
    // W_k is not known to lie in W_{H+1}⋯W_{j+1} without j < k
    expect(R.applyRule(p('d(prod(W, H+1, j+1), W[k])'), R.isolate, rc(layerRange))).toEqual(p('d(prod(W, H+1, j+1), W[k])'));
    expect(apply('d(prod(W, H+1, j+1), W[k])', R.isolate, pairRange)).toBe('d(prod(W, H+1, k+1)*W[k]*prod(W, k-1, j+1), W[k])');
  });

  test('total differential of a product over the layers', () => {
    expect(apply('d(prod(W, H+1, 1))', R.productOverLayers)).toBe('sum(k, 1, H+1, prod(W, H+1, k+1)*d(W[k])*prod(W, k-1, 1))');
  });

  test('cyclic trace, vec of a product, transposes, commutation', () => {
    // the rotated parts stay groups: source syntax shows the second one in parentheses
    expect(apply("trace(E'*A*d(W[k])*B*X)", R.cyclic)).toBe("trace(B*X*(E'*A)*d(W[k]))");
    expect(apply("vec(Z*E'*A)", R.vecProduct((f) => f.kind === 'transpose'))).toBe("kron(A', Z)*vec(E')");
    expect(apply("vec(P*d(W[k])'*A'*A)", R.vecProduct())).toBe("kron(A'*A, P)*vec(d(W[k])')");
    expect(apply("(A*B'*(C + D))'", R.transposeRule)).toBe("(C + D)'*B*A'");
    const K = R.commute(() => ({ rows: Size.var('m'), cols: Size.var('n') }));
    expect(apply('vec(d(W[k]))', K)).toBe("commutation(n, m)*vec(d(W[k])')");
  });
});

describe('notation: matching definitions back to shorthands', () => {
  test('parameters are solved from the sizes', () => {
    const q = definitions.get('Q')!;
    const m = R.matchDefinition(q.params, q.body, p('prod(W, i-1, k+1)'));
    expect(m && Object.fromEntries(Object.entries(m).map(([k, v]) => [k, v.toString()]))).toEqual({ j: 'k', k: 'i' });
    expect(R.matchDefinition(q.params, q.body, p('prod(V, i-1, k+1)'))).toBeUndefined();
  });

  test('folding A_k, Z_k, r', () => {
    const e: Expr = { kind: 'mul', factors: [{ kind: 'mul', factors: [p('prod(W, k-1, 1)'), p('X')] }, p("E'"), p('prod(W, H+1, k+1)')] };
    expect(toText(R.applyRule(e, R.notation(['A', 'Z', 'r'], 't'), rc()))).toBe('Z_k r A_k');
    expect(exprEquals(R.applyRule(p('prod(W, H+1, 1)'), R.notation(['A'], 't'), rc()), p('A[0]'))).toBe(true);
  });
});
