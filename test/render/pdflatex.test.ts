import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { appendixLatex } from '../../src/render/appendix.js';
import { loadTex } from '../../src/render/katex.js';
import { bmatrix, classificationTable } from '../../src/render/tables.js';
import { corollary24, lemma41, workedExample } from './fixture.js';
import { latexProblems, pdflatex } from './tools.js';

/** The text pdftotext reads back from a PDF (poppler-utils, installed by .ci/run). */
function pdfText(pdf: string): string {
  if (!existsSync('/usr/bin/pdftotext'))
    throw new Error("/usr/bin/pdftotext is missing: install it with 'apt-get install -y --no-install-recommends poppler-utils' (as .ci/run does)");
  return execFileSync('/usr/bin/pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
}

describe('pdflatex', async () => {
  const tex = await loadTex();

  it('compiles the standalone appendix without errors or overfull lines', () => {
    const run = pdflatex(appendixLatex([lemma41, corollary24], tex, { standalone: true }), 'appendix');
    expect(latexProblems(run.log, 1)).toEqual([]);
    expect(run.status).toBe(0);
    expect(existsSync(run.pdf)).toBe(true);
    expect(run.log).toMatch(/Output written on appendix\.pdf \(2 pages/);
  });

  it('prints escaped user text as the user wrote it', () => {
    const run = pdflatex(appendixLatex([corollary24], tex, { standalone: true }), 'escaped');
    expect(run.status).toBe(0);
    const text = pdfText(run.pdf).replace(/\s+/g, ' ');
    // OT1 draws `_` as a rule, which pdftotext reads as a space
    expect(text).toContain('Corollary 2.4: 50% of W 1 & #2');
    expect(text).toContain('{braces}');
    expect(text).toContain('$\\alpha$');
    expect(text).toContain('Sophie Germain');
    expect(text).toContain('[U+65E5]');
  });

  it('compiles every symbol the escaper knows, in titles, justifications and notes', () => {
    const symbols =
      'αβγδεϵζηθϑικλμνξπρςστυφϕχψω ΓΔΘΛΞΠΣΥΦΨΩ ΑΒΕΖΗΙΚΜΝΟΡΤΧ ⊗⊕⊙∘×÷·⋅∙±∓−∗⊤⊥ ⋯⋮⋱‖∥⟨⟩⌊⌋⌈⌉′″ ≥≤≠≈≡∼≃≅⪰⪯≻≺∝≪≫≔ ' +
      '∈∉∋⊂⊆⊃⊇⊊∪∩∅∖∀∃∄¬∧∨ →←↔⇒⇐⇔↦⟹⟸⟺↑↓ ∂∇∫∑∏√∞ℓℝℕℤℚℂ ½⅓⅔¼¾° Wᵀ⁺⁻⁼⁽⁾⁰¹²³⁴⁵⁶⁷⁸⁹ⁱʲᵏⁿᵐᵖˣʸᵗ ' +
      'x₊₋₌₍₎₀₁₂₃₄₅₆₇₈₉ᵢⱼₖₙₘₚₓₗₜ \u00a0–—‘’“”…•†‡§¶© ßæÆœŒøØåÅłŁı¡¿ àéîõüçñŷǎőȩ _%&#\\${}\\~^<>|"\''; // \\$: a $ alone would open inline math
    const proof = {
      ...corollary24,
      title: symbols,
      steps: corollary24.steps.map((s) => ({ ...s, because: symbols, note: symbols })),
    };
    const run = pdflatex(appendixLatex([proof], tex, { standalone: true }), 'symbols');
    // long symbol runs without spaces may stick out of the line; only errors matter here
    expect(latexProblems(run.log, Number.POSITIVE_INFINITY)).toEqual([]);
    expect(run.status).toBe(0);
    expect(run.log).not.toMatch(/Missing character/);
  });

  it('compiles the \\input-able fragment inside a document that loads amsmath and amssymb', () => {
    const fragment = appendixLatex([lemma41], tex, { standalone: false });
    const run = pdflatex(
      `\\documentclass{article}\n\\usepackage{amsmath,amssymb}\n\\begin{document}\n\\input{fragment}\n\\end{document}\n`.replace(
        '\\input{fragment}',
        fragment,
      ),
      'host',
    );
    expect(latexProblems(run.log, 1)).toEqual([]);
    expect(run.status).toBe(0);
  });

  it('compiles classification tables and matrices wider than amsmath\'s default', () => {
    const wide = bmatrix([0, 1].map((r) => Array.from({ length: 14 }, (_, c) => String(r * 14 + c))));
    const run = pdflatex(
      [
        '\\documentclass{article}',
        '\\usepackage{amsmath,amssymb}',
        '\\begin{document}',
        '\\noindent',
        classificationTable(workedExample, tex),
        `\\[ H = ${wide} \\]`,
        `\\[ ${bmatrix([['1', '-\\frac{3}{4}'], ['0', '2']])} \\]`,
        '\\end{document}',
      ].join('\n'),
      'tables',
    );
    expect(latexProblems(run.log, 1)).toEqual([]);
    expect(run.status).toBe(0);
  });
});
