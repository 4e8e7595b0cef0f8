import { describe, expect, it } from 'vitest';
import { claimToLatex, parseClaim, parseSize } from '../../src/expr/index.js';
import { appendixLatex } from '../../src/render/appendix.js';
import { loadTex } from '../../src/render/katex.js';
import { alignBody } from '../../src/render/layout.js';
import type { PresentedProof } from '../../src/render/presented.js';
import { latexProblems, pdflatex } from './tools.js';

/**
 * The writers against what the IR printer really produces: claims in the style of the paper's derivations, printed
 * by src/expr, broken into rows, validated by KaTeX and compiled by pdflatex without overfull lines.
 */
const claims = [
  "grad(L, W[k]) = prod(W, H+1, k+1)' * E * (prod(W, k-1, 1) * X)'",
  "vec(E) = kron((prod(W, k-1, 1) * X)', prod(W, H+1, k+1)) * vec(W[k]) - vec(Y)",
  "vec(prod(W,H+1,1)*X - Y) = kron(X', I(d[H+1])) * vec(prod(W, H+1, 1)) - vec(Y)",
  "L = fro2(E) / 2 = trace(E * E') / 2 = inner(vec(E), vec(E)) / 2",
  "hess(L, W[j], W[k]) = kron(A[j]' * A[k], Z[j] * Z[k]') + kron(Q[j,k]', Z[j]) * commutation(d[k-1], d[k]) * kron(I(d[k]), E' * A[k])",
  'd(L) = inner(E, d(E)) = inner(E, sum(k, 1, H+1, prod(W, H+1, k+1) * d(W[k]) * prod(W, k-1, 1) * X))',
  "prod(W, H+1, 1) = C * pinv(C'*C) * C' * Y * X' * inv(X*X')",
  "W[1] = pinv(C'*C)*C'*Y*X'*inv(X*X') + (I(d[1]) - pinv(C'*C)*C'*C) * Lp",
  "(prod(W,H+1,1) * X - Y) * (prod(W,H+1,1) * X - Y)' = prod(W,H+1,1)*X*X'*prod(W,H+1,1)' - prod(W,H+1,1)*X*Y' - Y*X'*prod(W,H+1,1)' + Y*Y'",
  "rank(prod(W, H+1, k)) >= rank(prod(W, k-1, 2)) or iszero(X * E' * prod(W, H+1, k+1)) or subset(range(prod(W,k-1,2)'), range(C'*C))",
  "not iszero(X*Y') and psd(X*X') and rank(X*X') == d[0]",
  'sum(i, 1, p, entry(Sigma, i, i)) = trace(Sigma)',
  'd(log(det(S))) = trace(inv(S)*d(S)) = trace(adj(S)*d(S))/det(S)',
  'grad(exp(trace(A .* B)) + sqrt(norm(x)^2) + log(abs(det(X))), A) = exp(trace(A .* B))*B',
  'det(X^k) = det(X)^k',
  "map(A, exp) .* ones(m, n) + diag(diagvec(A)) = A^(-2) + unit(n, i)*unit(n, j)'",
];

describe('IR-printed formulas in the writers', async () => {
  const tex = await loadTex();
  const latex = claims.map((c, i) => claimToLatex(parseClaim(c, `claim ${i + 1}`)));
  const size = (s: string) => parseSize(s, 'size').toString('latex');
  const proof: PresentedProof = {
    file: 'test/ir.proof.yaml',
    title: 'Formulas as the IR prints them',
    shapes: [
      { name: 'X', rows: size('d[0]'), cols: 'm' },
      { name: 'W_{k}', rows: size('d[k]'), cols: size('d[k-1]') },
    ],
    ranges: [{ name: 'k', lo: '1', hi: size('H+1') }],
    hypotheses: [],
    defines: [{ name: 'E', latex: claimToLatex(parseClaim('E = prod(W, H+1, 1) * X - Y', 'define')).replace(/^E = /, '') }],
    steps: latex.map((l, i) => ({ index: i + 1, latex: l, status: 'unchecked' as const, note: 'layout test only', methods: [], trials: 0, shapes: 0 })),
    seed: 1,
  };

  it('breaks each into rows KaTeX accepts', () => {
    for (const [i, l] of latex.entries()) expect(tex.problem(`\\begin{align*}${alignBody(l)}\\end{align*}`, true), claims[i]).toBeUndefined();
  });

  it('compiles with pdflatex, no line sticking out of the text block', () => {
    const run = pdflatex(appendixLatex([proof], tex, { standalone: true }), 'ir');
    expect(latexProblems(run.log, 1)).toEqual([]);
    expect(run.status).toBe(0);
  });
});
