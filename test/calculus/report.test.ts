import katex from 'katex';
import { describe, expect, test } from 'vitest';
import { InputError } from '../../src/errors.js';
import { matrixForm, matrixFormReport, renderMatrixForm } from '../../src/calculus/index.js';

const render = (tex: string, displayMode = false) => katex.renderToString(tex, { throwOnError: true, strict: 'error', displayMode });

describe('text report', () => {
  const symbolic = matrixFormReport({ hessian: true, format: 'text' });

  test('states the results of Lemma 4.1 and 4.3 in the paper’s notation', () => {
    expect(symbolic).toContain('result: ∂L/∂W_k = A_kᵀ E Z_kᵀ');
    expect(symbolic).toContain('    = (W_{H+1}⋯W_{k+1})ᵀ (W_{H+1}⋯W₁ X − Y) (W_{k−1}⋯W₁ X)ᵀ');
    expect(symbolic).toContain('result: vec((∂L/∂W_k)ᵀ) = (A_k ⊗ Z_kᵀ)ᵀ vec(r)');
    expect(symbolic).toContain('result: ∂²L/∂vec(W_kᵀ)∂vec(W_kᵀ)ᵀ = A_kᵀ A_k ⊗ Z_k Z_kᵀ');
    expect(symbolic).toContain('result: ∂²L/∂vec(W_jᵀ)∂vec(W_kᵀ)ᵀ = A_jᵀ A_k ⊗ Z_j Z_kᵀ + (Q_{jk}ᵀ ⊗ Z_j r A_k) K_{d_{k−1},d_k}');
    expect(symbolic).toContain('(A_jᵀ A_k)_{ac} (Z_j Z_kᵀ)_{be} + (Q_{jk})_{ea} (A_kᵀ E Z_jᵀ)_{cb}');
    expect(symbolic).toContain('result: d²L = ‖Σ_{k=1}^{H+1} A_k dW_k Z_k‖²_F + 2 Σ_{k=2}^{H+1} Σ_{j=1}^{k−1} ⟨E, A_k dW_k Q_{jk} dW_j Z_j⟩_F');
    expect(symbolic).toContain('for 1 ≤ j < k ≤ H+1');
  });

  test('every derivation carries a passed check', () => {
    expect(symbolic.match(/✓ checked: \d+ equations on 4 random instances/g)).toHaveLength(7);
    expect(symbolic).not.toContain('FAILED');
    expect(symbolic.trimEnd().endsWith('All derivations checked.')).toBe(true);
  });

  test('without --hessian only the gradient derivations', () => {
    const g = matrixFormReport({ hessian: false, format: 'text' });
    expect(g.match(/✓ checked/g)).toHaveLength(2);
    expect(g).not.toContain('Hessian,');
  });

  test('a given depth substitutes H', () => {
    const d = matrixFormReport({ hessian: false, format: 'text', depth: 4 });
    expect(d).toContain('for 1 ≤ k ≤ 5');
    expect(d).toContain('(W₅⋯W_{k+1})ᵀ');
    expect(d).toMatch(/instances \(H=4 widths/);
  });

  test('widths instantiate every block with its size', () => {
    const w = matrixFormReport({ hessian: true, format: 'text', widths: [3, 2, 2, 3] });
    expect(w).toContain('k = 1: ∂L/∂W₁ = (W₃W₂)ᵀ E Xᵀ   (2×3)');
    expect(w).toContain('k = 3: ∂L/∂W₃ = E (W₂W₁ X)ᵀ   (3×2)');
    expect(w).toContain('k = 3: ∂²L/∂vec(W₃ᵀ)∂vec(W₃ᵀ)ᵀ = I₃ ⊗ W₂W₁ X (W₂W₁ X)ᵀ   (6×6)');
    expect(w).toContain('j = 1, k = 3: ∂²L/∂vec(W₁ᵀ)∂vec(W₃ᵀ)ᵀ = (W₃W₂)ᵀ ⊗ X (W₂W₁ X)ᵀ + (W₂ᵀ ⊗ X r) K_{2,3}   (6×6)');
  });
});

describe('LaTeX report', () => {
  const tex = matrixFormReport({ hessian: true, format: 'latex', widths: [2, 1, 2] });

  test('every formula renders with KaTeX', () => {
    const inline = [...tex.matchAll(/\$([^$]+)\$/g)].map((m) => m[1]!);
    expect(inline.length).toBeGreaterThan(20);
    for (const m of inline) render(m);
    const blocks = [...tex.matchAll(/\\begin\{align\*\}([\s\S]*?)\\end\{align\*\}/g)].map((m) => m[1]!);
    expect(blocks).toHaveLength(7);
    for (const body of blocks) render(`\\begin{aligned}${body.replace(/^\s*%.*$/gm, '')}\\end{aligned}`, true);
  });

  test('justifications are plain text, one row per step', () => {
    expect(tex).toContain('&& \\text{product rule}');
    expect(tex).toContain('\\subsection*{Hessian, off-diagonal block $(W_j, W_k)$, $j < k$ (Lemma 4.3, general $j$)}');
  });
});

describe('JSON report', () => {
  const json = JSON.parse(matrixFormReport({ hessian: true, format: 'json', depth: 1 }));

  test('stable structure with text, LaTeX and source forms', () => {
    expect(json.depth).toBe(1);
    expect(json.ok).toBe(true);
    expect(json.derivations.map((d: { id: string }) => d.id)).toEqual([
      'gradient', 'gradient-vec', 'hessian-diagonal', 'hessian-off-diagonal', 'hessian-entrywise-diagonal', 'hessian-entrywise', 'hessian-quadratic-form',
    ]);
    const g = json.derivations[0];
    expect(g.result.source).toBe("grad(L, W[k]) = A[k]'*E*Z[k]'");
    expect(g.steps[0]).toMatchObject({ name: 'definition of L', before: { source: 'd(L, W[k])' } });
    expect(g.check.passed).toBe(true);
    for (const d of json.derivations) for (const s of d.steps) render(s.after.latex);
  });
});

describe('options', () => {
  test('bad widths and depths are input errors', () => {
    expect(() => matrixForm({ hessian: false, format: 'text', widths: [2, 3] })).toThrow(InputError);
    expect(() => matrixForm({ hessian: false, format: 'text', depth: 0 })).toThrow(/positive integer/);
    expect(() => matrixForm({ hessian: false, format: 'text', depth: 2, widths: [1, 1, 1] })).toThrow(/disagrees/);
  });

  test('rendering is separate from checking', () => {
    const mf = matrixForm({ hessian: false, format: 'text', instances: 2, seed: 3 });
    expect(mf.ok).toBe(true);
    expect(mf.derivations[0]!.check.instances).toHaveLength(2);
    expect(renderMatrixForm(mf, 'text')).toContain('2 random instances');
  });
});
