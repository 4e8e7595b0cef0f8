import { describe, expect, test } from 'vitest';
import { type Claim, claimToSource, exprEquals, parseClaim, parseExpr, parseGiven, parseLatexClaim, parseLatexExpr } from '../../src/expr/index.js';

/** The LaTeX grammar, each form compared with the same claim in dln's (mathjs) syntax: a second parser. */

const { context } = parseGiven(
  {
    shapes: { X: ['d[0]', 'm'], Y: ['d[H+1]', 'm'], 'W[k]': ['d[k]', 'd[k-1]'], n1: [], Sxx: ['m', 'm'], lambda: [] },
    sizes: ['H', 'd', 'm', 'p', 'k', 'j'],
    define: {
      E: 'prod(W, H+1, 1)*X - Y',
      r: "E'",
      L: 'fro2(E)/2',
      'A[k]': 'prod(W, H+1, k+1)',
      'Z[k]': 'prod(W, k-1, 1)*X',
      C: 'prod(W, H+1, 2)',
      'Q[j,k]': 'prod(W, k-1, j+1)',
    },
  },
  'test',
);

const latexExpr = (t: string) => parseLatexExpr(`$${t}$`, 'test', context);
const sameExpr = (latex: string, mathjs: string) => {
  const got = latexExpr(latex);
  expect(exprEquals(got, parseExpr(mathjs, 'test')), `${latex} read as ${claimToSource({ kind: 'predicate', expr: got })}`).toBe(true);
};
const claim = (t: string, goal: 'equation' | 'predicate' = 'equation'): Claim => parseLatexClaim(`$${t}$`, 'f.yaml:3: step 1', context, goal, context);
const error = (t: string, goal: 'equation' | 'predicate' = 'equation'): string => {
  try {
    claim(t, goal);
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error(`no error for ${t}`);
};

describe('the grammar', () => {
  test('juxtaposition is a product; transposes, inverses, pseudo-inverses', () => {
    sameExpr('A_k^\\top E Z_k^\\top', "A[k]'*E*Z[k]'");
    sameExpr("A_k' E Z_k^T", "A[k]'*E*Z[k]'");
    sameExpr('C(C^\\top C)^{-1}', "C*inv(C'*C)");
    sameExpr('(C^\\top C)^{+} + (C^\\top C)^\\dagger', "pinv(C'*C) + pinv(C'*C)");
    sameExpr('A \\cdot B_{k}', 'A*B[k]');
    sameExpr('2 \\cdot 3 X', '2*3*X');
    sameExpr('10^{-1}', 'inv(10)');
  });

  test('products of a family, sums, Kronecker products, vec, trace, norms', () => {
    sameExpr('W_{H+1}\\cdots W_1 X - Y', 'prod(W, H+1, 1)*X - Y');
    sameExpr('W_{k+1}^\\top \\cdots W_{H+1}^\\top', "prod(W, H+1, k+1)'");
    sameExpr('\\prod_{i=1}^{H} W_i', 'prod(W, H, 1)');
    sameExpr('\\sum_{i=1}^{H} W_i^\\top W_i + X', "sum(i, 1, H, W[i]'*W[i]) + X");
    sameExpr('(A_k \\otimes Z_k^\\top)^\\top \\operatorname{vec}(r)', "kron(A[k], Z[k]')'*vec(r)");
    sameExpr('A^\\top A \\otimes Z Z^\\top', "kron(A'*A, Z*Z')");
    sameExpr('\\operatorname{tr}(E E^\\top) + \\mathrm{tr}(X)', "trace(E*E') + trace(X)");
    sameExpr('\\frac{1}{2}\\|E\\|_F^2 - \\tfrac12 \\lVert E \\rVert_F^2 + \\frac{\\left\\|E\\right\\|_F^2}{2}', '1/2*fro2(E) - 1/2*fro2(E) + fro2(E)/2');
    sameExpr('\\langle X, Y \\rangle_F + \\langle X, Y \\rangle', 'inner(X, Y) + inner(X, Y)');
    sameExpr('0.25 X', '1/4*X');
  });

  test('indexed names, constants and entries', () => {
    sameExpr('W_{k+1} + W_{2 k}', 'W[k+1] + W[2*k]');
    sameExpr('Q_{jk} + Q_{j,k+1}', 'Q[j, k] + Q[j, k+1]');
    sameExpr('I_n + I_{d_{k-1}}', 'I(n) + I(d[k-1])');
    sameExpr('0_{m \\times n} + K_{m,n} + K_{mn}', 'zeros(m, n) + commutation(m, n) + commutation(m, n)');
    sameExpr('n_1 + n_{1} + \\lambda + \\mathit{Sxx}', 'n1 + n1 + lambda + Sxx');
    sameExpr('(X)_{1,2} + X_{ij} + (X Y^\\top)_{i,j}', "entry(X, 1, 2) + entry(X, i, j) + entry(X*Y', i, j)");
    sameExpr('\\min(p, d_{H+1})', 'min(p, d[H+1])');
  });

  test('derivatives', () => {
    sameExpr('\\nabla_{W_k} L', 'grad(L, W[k])');
    sameExpr('\\frac{\\partial L}{\\partial W_{k}}', 'grad(L, W[k])');
    sameExpr('\\frac{\\partial}{\\partial W_1} \\operatorname{tr}(X^\\top X)', "grad(trace(X'*X), W[1])");
    sameExpr('\\frac{\\partial^2 L}{\\partial \\operatorname{vec}(W_j^\\top)\\,\\partial \\operatorname{vec}(W_k^\\top)^\\top}', 'hess(L, W[j], W[k])');
    sameExpr('\\mathrm{d}W_k Z_k + A_k \\mathrm{d}(W_k Z_k)', 'd(W[k])*Z[k] + A[k]*d(W[k]*Z[k])');
    sameExpr('\\mathrm{d}_{W_k} L + \\mathrm{d}^2 L', 'd(L, W[k]) + d(d(L))');
    sameExpr('\\operatorname{vec}(\\mathrm{d}W_k^\\top)', "vec(d(W[k])')");
  });

  test('equations, chains and predicates', () => {
    expect(claimToSource(claim('a = b = c'))).toBe('a = b = c');
    // a side written 0 beside matrices is the zero matrix of their shape
    expect(claimToSource(claim('X r C = 0'))).toBe('X*r*C = zeros(d0, d1)');
    const p = (t: string) => claimToSource(claim(t, 'predicate'));
    expect(p('X r C = 0')).toBe('iszero(X*r*C)');
    expect(p('\\operatorname{rank}(X X^\\top) = d_0')).toBe("rank(X*X') == d[0]");
    expect(p('A \\succeq 0 \\land \\lnot (B = 0) \\lor \\operatorname{rank}(C) \\neq p')).toBe(
      'psd(A) and not iszero(B) or rank(C) != p',
    );
    expect(p('\\mathcal{R}(A) \\subseteq \\mathcal{R}(B)')).toBe('subset(range(A), range(B))');
    expect(p('1 \\le k \\le H')).toBe('1 <= k and k <= H');
    expect(claimToSource(claim('\\operatorname{rank}(C) \\ge p', 'predicate'))).toBe(claimToSource(parseClaim('rank(C) >= p', 't')));
  });
});

describe('ambiguities and mistakes are errors with a position', () => {
  test.each([
    // [formula, goal, message fragment, 1-based char in the claim text (the $ is char 1)]
    ['\\nabla_{W_k} L X = Y', 'equation', 'ambiguous: what does the derivative apply to', 17],
    ['Sxx = X', 'equation', '"Sxx" is a declared name but reads as a product of letters', 2],
    ['W_1 \\cdots W_3 = X', 'equation', 'products run from the higher index down', 13],
    ['\\mathrm{d}X^{-1} = Y', 'equation', 'ambiguous: write \\mathrm{d}(X^{…}) or (\\mathrm{d}X)^{…}', 14],
    ['\\operatorname{tr} X = 1', 'equation', 'tr takes its argument in parentheses', 20],
    ['X / 2 = Y', 'equation', 'write quotients as \\frac{a}{b}', 4],
    ['X^2 = Y', 'equation', 'the superscript ^{2} is not part of the grammar', 4],
    ['(C^\\top C)^{-} = Y', 'equation', '^{-} (a generalized inverse)', 13],
    ['\\|E\\| = 1', 'equation', 'only the squared Frobenius norm', 2],
    ['I = X', 'equation', 'I needs its size: I_{n}', 2],
    ['A \\le B', 'equation', "use 'holds' for \\le", 4],
    ['A = B', 'predicate', '', 0],
    ['(A + B = C', 'equation', 'this delimiter is never closed', 2],
    ['\\frac{X}{2} \\cdots W_1 = Y', 'equation', '\\cdots stands between two members of a declared family', 21],
    ['\\operatorname{rank}(X) \\succeq 1', 'predicate', '\\succeq takes 0 on its right', 25],
    ['\\lnot A = 0', 'predicate', 'ambiguous negation', 10],
    ['\\sqrt{X} = Y', 'equation', '\\sqrt is not part of the grammar', 2],
    ['\\frac{\\partial^2 L}{\\partial W_j \\partial W_k} = Y', 'equation', "in the paper's coordinates", 2],
    ['\\operatorname{foo}(X) = Y', 'equation', 'unknown function \\operatorname{foo}', 2],
    ['X = \\foo', 'equation', 'Undefined control sequence: \\foo', 6],
  ] as const)('%s', (t, goal, fragment, at) => {
    if (fragment === '') {
      // a comparison is a predicate, not an error
      expect(claim(t, goal).kind).toBe('predicate');
      return;
    }
    const m = error(t, goal);
    expect(m).toContain(fragment);
    expect(m.startsWith('f.yaml:3: step 1: ')).toBe(true);
    expect(m).toMatch(new RegExp(`\\(at char ${at}\\)$`));
  });
});
