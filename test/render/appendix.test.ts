import katex from 'katex';
import { describe, expect, it } from 'vitest';
import { appendixLatex } from '../../src/render/appendix.js';
import { FormulaError, loadTex } from '../../src/render/katex.js';
import type { PresentedProof } from '../../src/render/presented.js';
import { corollary24, lemma41 } from './fixture.js';
import { formulasOf } from './tools.js';

describe('appendixLatex', async () => {
  const tex = await loadTex();
  const proofs = [lemma41, corollary24];
  const doc = appendixLatex(proofs, tex, { standalone: false });

  it('emits only formulas KaTeX accepts with throwOnError and strict (checked here by KaTeX directly)', () => {
    const formulas = formulasOf(doc);
    // setting (shapes + ranges), math hypotheses, one definitions block per proof with definitions, one per step
    const expected = proofs.reduce(
      (n, p) => n + p.shapes.length + p.ranges.length + p.hypotheses.filter((h) => 'math' in h).length + (p.defines.length > 0 ? 1 : 0) + p.steps.length,
      0,
    );
    expect(formulas).toHaveLength(expected);
    for (const f of formulas)
      expect(() => katex.renderToString(f.latex, { displayMode: f.display, throwOnError: true, strict: 'error' })).not.toThrow();
  });

  it('states each step with exactly the status the checker gave it, and the seed', () => {
    const notes = doc.split('\n').filter((l) => l.startsWith('\\dlnnote{'));
    const statuses = proofs.flatMap((p) => p.steps.map((s) => ({ status: s.status, seed: p.seed })));
    expect(notes).toHaveLength(statuses.length);
    const word: Record<string, string> = { verified: 'verified', failed: 'failed', unchecked: 'not checked' };
    notes.forEach((n, i) => {
      expect(n.startsWith(`\\dlnnote{\\textbf{${word[statuses[i]!.status]}}`)).toBe(true);
      expect(n).toContain(`(seed ${statuses[i]!.seed})`);
    });
    expect(doc).toContain('Checked by dln with seed 20160507: 3 of 5 steps verified, 1 failed, 1 not checked.');
    expect(doc).toContain('Checked by dln with seed 7: 2 of 2 steps verified.');
  });

  it('states the source, setting, hypotheses and definitions', () => {
    expect(doc).toContain('\\dlnsection{Lemma 4.1: gradient of the loss in vec form}\n\\label{dln:lemma-4.1}');
    expect(doc).toContain('\\noindent\\textit{Source:} Kawaguchi 2016, Lemma 4.1 and Appendix A.1.');
    expect(doc).toContain('\\(X \\in \\mathbb{R}^{d_{0} \\times m}\\)');
    expect(doc).toContain('\\(1 \\le k \\le H+1\\)');
    expect(doc).toContain('\\paragraph{Hypotheses.} None beyond the setting.');
    expect(doc).toContain('\\item W = 0 (all weights), X Y\\ensuremath{^{\\mathrm{T}}} \\ensuremath{\\neq} 0');
    expect(doc).toContain('\\item \\(\\operatorname{rank}\\left(W_{H} \\cdots W_{2}\\right) < p\\)');
    expect(doc).toContain('E &:= W_{H+1} \\cdots W_{1} X - Y \\\\\nL &:= \\frac{1}{2}');
  });

  it('escapes user text in titles and justifications', () => {
    expect(doc).toContain('\\dlnsection{Corollary 2.4: 50\\% of W\\_1 \\& \\#2 ---');
    expect(doc).toContain('50\\% of the work \\& \\#2 of \\{3\\}');
  });

  it('is pure ASCII', () => {
    expect([...doc].filter((c) => c.codePointAt(0)! > 0x7e)).toEqual([]);
  });

  it('is a fragment for \\input unless standalone', () => {
    expect(doc).not.toContain('\\documentclass');
    expect(doc).not.toContain('\\begin{document}');
    const full = appendixLatex(proofs, tex, { standalone: true });
    expect(full).toMatch(/\\documentclass\{article\}\n\\usepackage\{amsmath,amssymb\}\n/);
    expect(full.trimEnd().endsWith('\\end{document}')).toBe(true);
    expect(full).toContain(doc.slice(doc.indexOf('\\begingroup')).trimEnd());
  });

  it('refuses to write a formula KaTeX rejects, naming the file and step', () => {
    const broken: PresentedProof = { ...lemma41, steps: [lemma41.steps[0]!, { ...lemma41.steps[1]!, latex: 'a = \\frac{1}{' }] };
    expect(() => appendixLatex([broken], tex, { standalone: true })).toThrow(FormulaError);
    expect(() => appendixLatex([broken], tex, { standalone: true })).toThrow(/^proofs\/lemma-4\.1\.proof\.yaml: step 2: KaTeX rejects/);
  });
});
