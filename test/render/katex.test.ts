import { describe, expect, it } from 'vitest';
import { FormulaError, loadTex } from '../../src/render/katex.js';

describe('KaTeX validation', async () => {
  const tex = await loadTex();

  it('accepts the formulas the printers produce', () => {
    expect(tex.problem('\\operatorname{vec}\\left(W_{k}^{\\top}\\right) \\otimes I_{d_{k}}', false)).toBeUndefined();
    expect(tex.problem('\\begin{align*} a &= b \\\\ &\\quad {} + c \\end{align*}', true)).toBeUndefined();
  });

  it('names the unknown command and where it is', () => {
    const p = tex.problem('x + \\foo{y}', false);
    expect(p?.message).toBe('Undefined control sequence: \\foo');
    expect(p?.position).toBe(4);
    expect(p?.length).toBe(4);
  });

  it('is strict: LaTeX-incompatible input is an error, not a warning', () => {
    expect(tex.problem('é', false)?.message).toMatch(/unicodeTextInMathMode/);
    expect(tex.problem('x^', false)?.message).toBe("Expected group after '^'");
  });

  it('knows which environments need display mode', () => {
    expect(tex.problem('\\begin{align*} a &= b \\end{align*}', false)?.message).toMatch(/only in display mode/);
  });

  it('throws a FormulaError that names the place and marks the offending text', () => {
    const attempt = () => tex.check('a + \\foo{y}', false, 'proofs/x.proof.yaml: step 3');
    expect(attempt).toThrow(FormulaError);
    expect(attempt).toThrow('proofs/x.proof.yaml: step 3: KaTeX rejects the formula: Undefined control sequence: \\foo at position 4 in "a + >>>\\foo<<<{y}"');
  });

  it('renders to HTML with the KaTeX classes the stylesheet styles', () => {
    const html = tex.html('\\frac{1}{2}', true, 'test');
    expect(html).toContain('class="katex-display"');
    expect(html).not.toContain('katex-error');
  });
});
