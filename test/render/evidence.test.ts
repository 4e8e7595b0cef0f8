import { describe, expect, it } from 'vitest';
import { appendixLatex } from '../../src/render/appendix.js';
import { pageHtml } from '../../src/render/html.js';
import { loadTex } from '../../src/render/katex.js';
import type { PresentedProof } from '../../src/render/presented.js';
import { corollary24, lemma41 } from './fixture.js';
import { latexProblems, pdflatex } from './tools.js';

/** --evidence full|brief|none, the fragment's commands, and the setting as a mathematician writes it. */

const statuses = lemma41.steps.map((s) => s.status);
const lines = (doc: string, prefix: string) => doc.split('\n').filter((l) => l.startsWith(prefix));

describe('evidence in the LaTeX appendix', async () => {
  const tex = await loadTex();
  const full = appendixLatex([lemma41], tex, { standalone: true, evidence: 'full' });
  const brief = appendixLatex([lemma41], tex, { standalone: true, evidence: 'brief' });
  const none = appendixLatex([lemma41], tex, { standalone: true, evidence: 'none' });

  it('full: a note under every step', () => {
    expect(lines(full, '\\dlnnote{\\textbf{')).toHaveLength(lemma41.steps.length);
    expect(full).not.toContain('\\paragraph{Evidence.}');
  });

  it('brief: a mark per step, one table with trials and shapes, each distinct note once', () => {
    expect(lines(brief, '\\dlnnote{\\textbf{')).toEqual([]);
    const marks = lines(brief, '\\dlnstep{').map((l) => /^\\dlnstep\{(\d+)\}~\\dln(\w+)\{\}/.exec(l)?.slice(1));
    expect(marks).toEqual(lemma41.steps.map((s) => [String(s.index), s.status]));
    const rows = brief.split('\n').filter((l) => /^\d+ & \\dln\w+\{\} /.test(l));
    expect(rows).toHaveLength(lemma41.steps.length);
    expect(rows[2]).toBe('3 & \\dlnfailed{} failed & 24 & 12 & (c) \\tabularnewline');
    const notes = lines(brief, '\\dlnnote{(');
    expect(notes).toHaveLength(new Set(lemma41.steps.map((s) => s.note)).size);
    expect(notes[2]).toContain('counterexample at H = 2, j = 1, k = 2');
    expect(brief).toContain('\\paragraph{Evidence.} Checked by dln with seed 20160507: 3 of 5 steps verified, 1 failed, 1 not checked.');
  });

  it('none: the mathematics alone, except that a step that is not verified keeps its mark and note', () => {
    const heads = lines(none, '\\dlnstep{');
    heads.forEach((h, i) => expect(h.includes('~\\dln'), h).toBe(statuses[i] !== 'verified'));
    expect(lines(none, '\\dlnnote{\\textbf{').map((l) => /textbf\{([a-z ]+)\}/.exec(l)![1])).toEqual(['failed', 'not checked']);
    // not all verified: the tally stays
    expect(none).toContain('Checked by dln with seed 20160507: 3 of 5 steps verified');
    const clean = appendixLatex([corollary24], tex, { standalone: true, evidence: 'none' });
    expect(clean.slice(clean.indexOf('\\begin{document}'))).not.toMatch(/Checked by dln|\\dlnnote|\\dlnverified/);
  });

  it.each([
    ['full', full],
    ['brief', brief],
    ['none', none],
  ])('%s compiles without errors or overfull lines', (mode, doc) => {
    const run = pdflatex(doc, `evidence-${mode}`);
    expect(latexProblems(run.log, 1)).toEqual([]);
    expect(run.status).toBe(0);
  });
});

describe('the fragment', async () => {
  const tex = await loadTex();
  const fragment = appendixLatex([lemma41, corollary24], tex, { standalone: false, evidence: 'brief' });

  it('loads no package and defines only \\dln… commands, each with \\providecommand', () => {
    expect(fragment).not.toMatch(/\\usepackage|\\documentclass|\\(re)?newcommand|\\def\b|\\let\b/);
    const defined = [...fragment.matchAll(/\\providecommand\{(\\[A-Za-z]+)\}/g)].map((m) => m[1]!);
    expect(defined.length).toBeGreaterThan(4);
    for (const d of defined) expect(d).toMatch(/^\\dln[a-z]+$/);
    // every command the fragment uses that LaTeX, amsmath and amssymb do not define is one of those
    const used = new Set([...fragment.matchAll(/\\(dln[a-z]+)/g)].map((m) => `\\${m[1]}`));
    for (const u of used) expect(defined).toContain(u);
    expect([...fragment.matchAll(/\\label\{([^}]*)\}/g)].every((m) => m[1]!.startsWith('dln:'))).toBe(true);
  });

  it('inputs into a paper with commands of its own, restyled where the paper says so', () => {
    const host = [
      '\\documentclass{article}',
      '\\usepackage{amsmath,amssymb}',
      // a paper's own macros with the names a careless fragment might have used
      '\\newcommand{\\step}{STEP}\\newcommand{\\note}{NOTE}\\newcommand{\\verified}{V}\\newcommand{\\failed}{F}',
      // and a restyling of one of dln's
      '\\newcommand{\\dlnsection}[1]{\\subsection{#1}}',
      '\\begin{document}',
      '\\section{Appendix}',
      '\\input{fragment}',
      '\\step\\note\\verified\\failed',
      '\\end{document}',
      '',
    ].join('\n');
    const run = pdflatex(host.replace('\\input{fragment}', fragment), 'host');
    expect(latexProblems(run.log, 1)).toEqual([]);
    expect(run.status).toBe(0);
    expect(run.log).not.toMatch(/already defined/);
  });
});

describe('the setting as a mathematician writes it', async () => {
  const tex = await loadTex();
  const fixed: PresentedProof = {
    ...lemma41,
    ranges: [
      { name: 'H', lo: '2', hi: '2' },
      { name: 'k', lo: '1', hi: 'H+1' },
    ],
  };

  it('a range of one value is an equation: H = 2, not 2 ≤ H ≤ 2', () => {
    const doc = appendixLatex([fixed], tex, { standalone: false });
    expect(doc).toContain('\\(H = 2\\), \\(1 \\le k \\le H+1\\).');
    expect(doc).not.toContain('2 \\le H \\le 2');
    const page = pageHtml([fixed], tex, '');
    expect(page).not.toContain('2 \\le H');
    expect(page).toContain(tex.html('H = 2', false, 'test'));
  });
});

describe('evidence in the HTML page', async () => {
  const tex = await loadTex();
  it('brief: badges and one table; none: no badge or note for verified steps', () => {
    const brief = pageHtml([lemma41], tex, '', 'brief');
    expect(brief.match(/<p class="note">\(/g)).toHaveLength(new Set(lemma41.steps.map((s) => s.note)).size);
    expect(brief.match(/<tr class="(verified|failed|unchecked)">/g)).toHaveLength(lemma41.steps.length);
    expect(brief.match(/<span class="badge /g)).toHaveLength(lemma41.steps.length);
    const none = pageHtml([lemma41], tex, '', 'none');
    expect(none).not.toContain('<table class="evidence">');
    expect(none.match(/<span class="badge (\w+)"/g)).toEqual(['<span class="badge failed"', '<span class="badge unchecked"']);
    expect(none.match(/<p class="note">/g)).toHaveLength(2);
  });
});
