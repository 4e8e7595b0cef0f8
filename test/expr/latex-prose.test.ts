import { describe, expect, test } from 'vitest';
import { checkProse, proseParts, proseText } from '../../src/expr/index.js';
import { latexToUnicode } from '../../src/expr/latex/unicode.js';

describe('prose with inline math', () => {
  test('splits text and $…$ formulas; \\$ is a dollar sign', () => {
    expect(proseParts('Split at $W_k$: cost \\$5, then $A_k^\\top$.')).toEqual([
      { text: 'Split at ' },
      { math: 'W_k', at: 10 },
      { text: ': cost $5, then ' },
      { math: 'A_k^\\top', at: 32 },
      { text: '.' },
    ]);
    expect(proseParts('no math here')).toEqual([{ text: 'no math here' }]);
  });

  test.each([
    ['a $W_k and more', 'never closed', 2],
    ['$$x$$', 'display math', 0],
    ['empty $$ here', 'display math', 6],
    ['bad $\\foo$ here', 'Undefined control sequence: \\foo', 5],
    ['bad $x^$ here', "Expected group after '^'", 6],
  ])('%s is rejected with its position', (text, fragment, at) => {
    try {
      checkProse(text);
    } catch (e) {
      expect((e as Error).message).toContain(fragment);
      expect((e as { position?: number }).position).toBe(at);
      return;
    }
    throw new Error('no error');
  });

  test('formulas become readable Unicode for terminals, in the IR text printer’s conventions', () => {
    const cases: [string, string][] = [
      ['W_{H+1}\\cdots W_1 X - Y', 'W_{H+1}⋯W₁ X − Y'],
      ['A_k^\\top E Z_k^\\top', 'A_kᵀ E Z_kᵀ'],
      ['(C^\\top C)^{-1} + (C^\\top C)^{+}', '(Cᵀ C)⁻¹ + (Cᵀ C)⁺'],
      ['\\frac{1}{2}\\|E\\|_F^2', '½‖E‖_F²'],
      ['(A_k \\otimes Z_k^\\top)^\\top \\operatorname{vec}(r) = 0', '(A_k ⊗ Z_kᵀ)ᵀ vec(r) = 0'],
      ['\\mathrm{d}W_k Z_k + \\mathrm{d}\\operatorname{vec}(r)', 'dW_k Z_k + d vec(r)'],
      ['\\sum_{i \\in I} \\lambda_i \\le \\operatorname{tr}(\\Sigma)', '∑_{i∈I} λ_i ≤ tr(Σ)'],
      ['X \\in \\mathbb{R}^{d_0 \\times m}', 'X ∈ ℝ^{d₀×m}'],
      ['\\langle Y, W_3 X \\rangle_F', '⟨Y, W₃ X⟩_F'],
      ['U_{\\bar p}', 'U_{p̄}'],
    ];
    for (const [latex, text] of cases) expect(latexToUnicode(latex), latex).toBe(text);
    expect(proseText('Split at $W_k$, costing \\$5.')).toBe('Split at W_k, costing $5.');
  });
});
