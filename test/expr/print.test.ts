import katex from 'katex';
import { describe, expect, test } from 'vitest';
import { type Expr, children, claimToLatex, claimToText, parseClaim, parseExpr, toLatex, toSource, toText } from '../../src/expr/index.js';
import { specs } from '../../src/expr/registry.js';

const p = (t: string) => parseExpr(t, 'test');
const latex = (t: string) => toLatex(p(t));
const text = (t: string) => toText(p(t));

const render = (tex: string) => katex.renderToString(tex, { throwOnError: true, strict: 'error' });

describe('exact printed forms', () => {
  test('the gradient of Lemma 4.1', () => {
    const g = "prod(W, H+1, k+1)' * (prod(W, H+1, 1)*X - Y) * (prod(W, k-1, 1) * X)'";
    expect(latex(g)).toBe('(W_{H+1} \\cdots W_{k+1})^\\top (W_{H+1} \\cdots W_{1} X - Y) (W_{k-1} \\cdots W_{1} X)^\\top');
    expect(text(g)).toBe('(W_{H+1}⋯W_{k+1})ᵀ (W_{H+1}⋯W₁ X − Y) (W_{k−1}⋯W₁ X)ᵀ');
  });

  test('the paper’s vec form', () => {
    const v = "kron(A[k], Z[k]')' * vec(r)";
    expect(latex(v)).toBe('(A_{k} \\otimes Z_{k}^\\top)^\\top \\operatorname{vec}(r)');
    expect(text(v)).toBe('(A_k ⊗ Z_kᵀ)ᵀ vec(r)');
  });

  test('subscripts, superscripts, norms, traces', () => {
    expect(text("W[3]'")).toBe('W₃ᵀ');
    expect(latex("W[3]'")).toBe('W_{3}^\\top');
    expect(text('fro2(E)')).toBe('‖E‖²_F');
    expect(latex('fro2(E)/2')).toBe('\\frac{\\lVert E \\rVert_F^2}{2}');
    expect(text('1/2*fro2(E)')).toBe('½ ‖E‖²_F');
    expect(latex('trace(A*B)')).toBe('\\operatorname{tr}(A B)');
    expect(text('prod(W, 3, 1)')).toBe('W₃W₂W₁');
    expect(text('prod(W, 6, 1)')).toBe('W₆⋯W₁');
    expect(latex('prod(W, 2, 1)')).toBe('W_{2} W_{1}');
    expect(text('Q[j, k] + Q[1, 12]')).toBe('Q_{jk} + Q_{1,12}');
    expect(text('inv(A) + pinv(B)')).toBe('A⁻¹ + B⁺');
  });

  test('minimal parentheses with correct precedence', () => {
    expect(latex('(A + B)*C')).toBe('(A + B) C');
    expect(latex("A*B'")).toBe('A B^\\top');
    expect(latex("(A*B)'")).toBe('(A B)^\\top');
    expect(latex("A''")).toBe('(A^\\top)^\\top');
    expect(latex("inv(A)'")).toBe('(A^{-1})^\\top');
    expect(latex('kron(A, B)*C')).toBe('(A \\otimes B) C');
    expect(latex('kron(A*B, C)')).toBe('A B \\otimes C');
    expect(latex('kron(A, kron(B, C))')).toBe('A \\otimes (B \\otimes C)');
    expect(latex('A - (B - C)')).toBe('A - (B - C)');
    expect(latex('-(A + B)')).toBe('-(A + B)');
    expect(latex('A - 2*B')).toBe('A - 2 B');
    expect(latex('2*3*A')).toBe('2 \\cdot 3 A');
    expect(text('(a/b)*C')).toBe('(a/b) C');
    expect(latex('2*sum(k, 1, H, W[k])')).toBe('2 \\sum_{k=1}^{H} W_{k}');
    expect(latex('sum(k, 1, H, W[k])*X')).toBe('\\left(\\sum_{k=1}^{H} W_{k}\\right) X');
    expect(latex('not (rank(A) >= 2)')).toBe('\\lnot (\\operatorname{rank}(A) \\ge 2)');
  });

  test('differentials', () => {
    expect(latex('d(E, W[k])')).toBe('\\mathrm{d}_{W_{k}} E');
    expect(text('d(W[k], W[k])')).toBe('dW_k');
    expect(text('d(d(L))')).toBe('d²L');
    expect(text("d(W[k])'")).toBe('(dW_k)ᵀ');
    expect(text("d(trace(E'*d(E)))")).toBe('d tr(Eᵀ dE)');
  });

  test('claims', () => {
    expect(claimToText(parseClaim("grad(L, W[k]) = A[k]'*E*Z[k]'", 'c'))).toBe('∂L/∂W_k = A_kᵀ E Z_kᵀ');
    expect(claimToLatex(parseClaim('subset(range(A), range(B)) or iszero(X*r)', 'c'))).toBe('\\mathcal{R}(A) \\subseteq \\mathcal{R}(B) \\lor X r = 0');
  });
});

/** Expressions that together use every node kind in many contexts (operands of each printer's precedence levels). */
const CORPUS = [
  "prod(W, H+1, k+1)' * E * (prod(W, k-1, 1) * X)'",
  "kron((prod(W, k-1, 1)*X)', prod(W, H+1, k+1))*vec(W[k]) - vec(Y)",
  'fro2(E)/2', '1/2*fro2(E) - 3/4', '-2*A + -(B*C)', '(A + B)/(2*c)',
  "A'''", "inv(A)' + pinv(B*C)'", 'inv(A*B)*pinv(C)', "(A - B)'",
  'trace(A*B) + fro2(A)/4 - inner(A, B)', "inner(A', kron(A, B))",
  'I(d[k]) + zeros(d[k], d[k]) + I(3)', 'zeros(m, d0)',
  "commutation(d[k-1], d[k])*vec(W[k]')", 'commutation(2, 3)',
  'entry(W[k], a, b)*entry(A*B, 1, 2) + entry(A, (a-1)*d[j-1] + b, c)',
  'grad(L, W[k]) + grad(fro2(E)/2, W[k])', "grad(L, W[k])'", "grad(L, X)*grad(L, W[1])'",
  'hess(L, W[j], W[k])', "hess(trace(X'*X), X, X)'",
  'd(d(L)) + d(E, W[k]) + d(W[k], W[k])', "d(W[k])'*d(trace(E'*d(E)))", 'd(d(d(L)))',
  'sum(k, 1, H+1, sum(j, 1, k-1, prod(W, k-1, j+1)))', '2*sum(k, 2, H+1, inner(E, A[k]))', 'sum(i, 1, 3, i)*X',
  'rank(A) >= rank(B) and not (iszero(C) or psd(D))',
  'subset(range(A), range(B)) and rank(A) == min(d[1], d[2])', 'rank(C) <= min(p, d[H+1]) or rank(A) != p',
  'not iszero(X*r) and psd(A) or a < b', 'Q[j, k] + Q[1, 12] + A[k] + d[k]*X + Delta[2] + n1*lambda',
  'prod(W, 3, 1) + prod(W, 6, 1) + prod(W, 2, 3) + prod(W, 2, 2) + prod(W, 3, 2)',
  '0.5*A + 12345*B', 'W[k][a, b] + (A*B)[1, 2]',
  'expect(W[H+1] * gated(W, D, H, 1) * X, D, u) + gated(W, G, 2, 1) + gated(W, D, k, k+1)', 'expect(fro2(E), D, 1/3)*A',
  'trace(A)^2 + A^3 + x^(k-1) + A^(-2) + A^k', "(A')^2 + (A*B)^2 + A'^k + (A^2)' + -x^2 + (-x)^2", 'det(A)*adj(B) + det(A*B)^2',
  'A .* B + hadamard(A*B, C) + (A .* B)*C + A .* (B*C) + kron(A .* B, C)', "ones(m, n) + diag(v)*diagvec(A)' + unit(n, i)*unit(m, j+1)'",
  'log(det(X)) + exp(-x) + abs(det(A)) + log(abs(x))*2 + exp(x)^2', 'map(A, exp) + map(A, log) .* map(A, abs) + map(A, sqrt)', 'sqrt(x) + norm(A - B)^2 + norm(v)', "jacobian(x .* x, x) + jacobian(s, x)'",
];

describe('KaTeX renders every LaTeX form the printers emit', () => {
  test('every node kind appears in the corpus', () => {
    const seen = new Set<string>();
    const visit = (e: Expr) => {
      seen.add(e.kind);
      children(e).forEach(visit);
    };
    CORPUS.forEach((t) => visit(p(t)));
    expect([...seen].sort()).toEqual(Object.keys(specs).sort());
  });

  test.each(CORPUS)('%s', (t) => {
    const e = p(t);
    expect(() => render(toLatex(e))).not.toThrow();
    // and the text and source printers agree with the parser
    expect(toText(e).length).toBeGreaterThan(0);
    expect(toSource(p(toSource(e)))).toBe(toSource(e));
  });

  test('claims (equation chains and predicates) render', () => {
    for (const c of ["grad(L, W[k]) = A[k]'*E*Z[k]' = prod(W, H+1, k+1)'*E*(prod(W, k-1, 1)*X)'", 'rank(A) >= rank(B)', "L = vec(r)'*vec(r)/2"])
      expect(() => render(claimToLatex(parseClaim(c, 'c')))).not.toThrow();
  });
});
