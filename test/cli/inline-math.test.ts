import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { dumpDom, latexProblems, pdflatex } from '../render/tools.js';
import { allProofs, scratch } from './proof-files.js';

/** Inline math `$…$` in titles, summaries and justifications: math in documents, Unicode in terminals. */

const pdfText = (pdf: string) => execFileSync('/usr/bin/pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });

describe('the appendix of proofs/ sets every formula of the prose as math', () => {
  const dir = scratch('dln-inline-');
  const out = join(dir, 'appendix.tex');
  const r = runCli(['latex', ...allProofs, '-o', out, '--standalone', '--trials', '4']);
  const doc = existsSync(out) ? readFileSync(out, 'utf8') : '';

  it('leaves no escaped _, ^ or { in the text: the prose of proofs/ writes its formulas as $…$', () => {
    expect(r.status).toBe(0);
    expect(doc).not.toMatch(/\\_|\\textasciicircum|\\textasciitilde|\\\$/);
    // text-mode braces \{ \} would be escaped prose; inside \(…\) they are set braces
    expect(doc.replace(/\\\(.*?\\\)/gs, '').replace(/\\begin\{align\*\}.*?\\end\{align\*\}/gs, '')).not.toMatch(/\\[{}]/);
  });

  it('compiles, and the PDF shows no W_k, _{, ^T or \\top as raw text', () => {
    const run = pdflatex(doc, 'appendix');
    expect(latexProblems(run.log, 1)).toEqual([]);
    expect(run.status).toBe(0);
    const text = pdfText(run.pdf);
    for (const raw of ['W_k', '_{', '^T', '\\top', '$']) expect(text, raw).not.toContain(raw);
    // the formulas are there, as math: W_{H+1}⋯W_1 reads back as WH+1 · · · W1
    expect(text).toContain('WH+1 · · · W1');
  });

  it('the HTML page renders the same prose formulas with KaTeX, without errors and without raw TeX', () => {
    const page = join(dir, 'page.html');
    expect(runCli(['html', ...allProofs, '-o', page, '--trials', '4']).status).toBe(0);
    const html = readFileSync(page, 'utf8');
    const dom = dumpDom(page);
    expect(dom).not.toContain('katex-error');
    const visible = dom.replace(/<annotation[^>]*>.*?<\/annotation>/gs, '').replace(/<[^>]+>/g, '');
    for (const raw of ['W_k', '_{', '^T', '\\top', '$']) expect(visible, raw).not.toContain(raw);
    // the summary of Lemma 4.1 holds its formulas as KaTeX
    expect(html).toMatch(/<p class="summary"><span class="katex">/);
  });
});

describe('in the terminal the same prose reads as Unicode', () => {
  it('the transcript and the verify report show formulas, not TeX', () => {
    const t = runCli(['walk', 'proofs/lemma-4.1.proof.yaml']);
    expect(t.status).toBe(0);
    expect(t.stdout).toContain('because: Split the product at W_k: the layers after it form A_k = W_{H+1}⋯W_{k+1}');
    expect(t.stdout).toContain('(A_k ⊗ Z_kᵀ)ᵀ vec(r) = 0');
    expect(t.stdout).not.toMatch(/\$|\\top|\\cdots|\\operatorname/);
    const v = runCli(['verify', 'proofs/corollary-2.4.proof.yaml']);
    expect(v.stdout.split('\n')[0]).toBe('Corollary 2.4: W = 0 is a bad saddle for H ≥ 2');
  });
});

describe('invalid inline math is bad input', () => {
  const bad = `title: 'A lemma about $W_k$'
summary: >
  The residual $r = \\foo(E)$ is affine.
given:
  shapes: { X: [2, 2] }
steps:
  - claim: X = X
    because: 'see $X$'
`;
  const unclosed = `title: t
given:
  shapes: { X: [2, 2] }
steps:
  - claim: X = X
    because: 'costs $5 or more'
`;
  const dir = scratch('dln-inline-bad-', { 'bad.proof.yaml': bad, 'unclosed.proof.yaml': unclosed });

  it.each(['verify', 'latex', 'html', 'walk'])('dln %s: exit 2, one line naming the file, line and field, nothing written', (command) => {
    const out = join(dir, `${command}.out`);
    const args = command === 'latex' || command === 'html' ? [command, join(dir, 'bad.proof.yaml'), '-o', out] : [command, join(dir, 'bad.proof.yaml')];
    const r = runCli(args);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(`dln: ${join(dir, 'bad.proof.yaml')}:2: 'summary': in $r = \\foo(E)$: Undefined control sequence: \\foo (at char 19)\n`);
    expect(existsSync(out)).toBe(false);
  });

  it('an unmatched $ says how to write a dollar sign', () => {
    const r = runCli(['verify', join(dir, 'unclosed.proof.yaml')]);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(
      `dln: ${join(dir, 'unclosed.proof.yaml')}:6: 'step 1 because': this $ opens a formula that is never closed (write \\$ for a dollar sign) (at char 7)\n`,
    );
  });
});
