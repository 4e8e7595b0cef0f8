import { copyFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseTexDocument } from '../../src/proof/tex.js';
import { runCli } from '../helpers/cli.js';
import { latexProblems } from '../render/tools.js';
import { scratch } from './proof-files.js';
import { spawnSync } from 'node:child_process';

/** `dln verify notes.tex`: derivations checked where they are written, in a document that still compiles. */

const NOTES = String.raw`\documentclass{article}
\usepackage{amsmath,amssymb}
\usepackage{dln}

\begin{document}
\section{The gradient of a deep linear network}

\begin{dlnsetting}
title: Lemma 4.1, the matrix form of the gradient
source: Kawaguchi 2016, Lemma 4.1
given:
  shapes: { X: ["d[0]", m], Y: ["d[H+1]", m], "W[k]": ["d[k]", "d[k-1]"] }
  ranges: { H: [1, 3], k: [1, "H+1"] }
  define:
    E: $W_{H+1} \cdots W_1 X - Y$
    L: $\frac{1}{2} \|E\|_F^2$
    "A[k]": $W_{H+1} \cdots W_{k+1}$
    "Z[k]": $W_{k-1} \cdots W_1 X$
\end{dlnsetting}

Let $E = W_{H+1} \cdots W_1 X - Y$ and $L = \frac12 \|E\|_F^2$. % a comment with a \begin{dlnderivation} in it
Splitting the product at $W_k$,
\begin{dlnderivation}
W_{H+1} \cdots W_1 X &= A_k W_k Z_k && \text{split at $W_k$} \\
\operatorname{vec}(E^\top) &= (A_k \otimes Z_k^\top) \operatorname{vec}(W_k^\top)
   - \operatorname{vec}(Y^\top) && \text{the vec identity}
\end{dlnderivation}
and therefore
\begin{dlnderivation}
\nabla_{W_k} L &= A_k^\top E Z_k^\top \\
  &= A_k^\top (W_{H+1} \cdots W_1 X - Y) Z_k^\top \label{eq:grad} \\[2pt]
  &= A_k^\top W_{H+1} \cdots W_1 X Z_k^\top \\
  &\quad - A_k^\top Y Z_k^\top.
\end{dlnderivation}
At $k = 1$ the gradient vanishes exactly when
\begin{dlnderivation}
\operatorname{rank}(A_1) &\le d_1 && \text{a $d_1$-column matrix} \\
\nabla_{W_1} L &= A_1^\top E X^\top, \tag{G}
\end{dlnderivation}
\end{document}
`;

/** The same document with a transpose dropped in step 5. */
const WRONG = NOTES.replace('&= A_k^\\top W_{H+1} \\cdots W_1 X Z_k^\\top \\\\', '&= A_k^\\top W_{H+1} \\cdots W_1 X Z_k \\\\');

const lineOf = (text: string, needle: string) => text.slice(0, text.indexOf(needle)).split('\n').length;

function compile(dir: string, name: string): { status: number | null; log: string } {
  copyFileSync('tex/dln.sty', join(dir, 'dln.sty'));
  const r = spawnSync('/usr/bin/pdflatex', ['-interaction=nonstopmode', '-halt-on-error', '-no-shell-escape', name], { cwd: dir, encoding: 'utf8', timeout: 60_000 });
  return { status: r.status, log: readFileSync(join(dir, name.replace(/\.tex$/, '.log')), 'latin1') };
}

describe('the rows of a dlnderivation are the steps', () => {
  const doc = parseTexDocument(NOTES, 'notes.tex');

  it('reads the setting, and one step per row with the line of the row', () => {
    expect(doc.title).toBe('Lemma 4.1, the matrix form of the gradient');
    expect(doc.shapes.map((s) => s.name)).toEqual(['X', 'Y', 'W[k]']);
    expect(doc.defines.map((d) => [d.name, d.line])).toEqual([
      ['E', 15],
      ['L', 16],
      ['A[k]', 17],
      ['Z[k]', 18],
    ]);
    const at = (needle: string) => lineOf(NOTES, needle);
    const squeeze = (t: string) => t.replace(/\s+/g, ' ');
    expect(doc.steps.map((s) => [s.index, s.kind, s.line, squeeze(s.text), s.because])).toEqual([
      [1, 'claim', at('W_1 X &= A_k W_k Z_k'), '$W_{H+1} \\cdots W_1 X = A_k W_k Z_k$', 'split at $W_k$'],
      [2, 'claim', at('\\operatorname{vec}(E^\\top) &='), '$\\operatorname{vec}(E^\\top) = (A_k \\otimes Z_k^\\top) \\operatorname{vec}(W_k^\\top) - \\operatorname{vec}(Y^\\top)$', 'the vec identity'],
      [3, 'claim', at('\\nabla_{W_k} L &='), '$\\nabla_{W_k} L = A_k^\\top E Z_k^\\top$', undefined],
      [4, 'claim', at('\\label{eq:grad}'), '$A_k^\\top E Z_k^\\top = A_k^\\top (W_{H+1} \\cdots W_1 X - Y) Z_k^\\top$', undefined],
      [5, 'claim', at('X Z_k^\\top \\\\'), '$A_k^\\top (W_{H+1} \\cdots W_1 X - Y) Z_k^\\top = A_k^\\top W_{H+1} \\cdots W_1 X Z_k^\\top \\quad - A_k^\\top Y Z_k^\\top$', undefined],
      [6, 'holds', at('\\operatorname{rank}(A_1)'), '$\\operatorname{rank}(A_1) \\le d_1$', 'a $d_1$-column matrix'],
      [7, 'claim', at('\\nabla_{W_1} L'), '$\\nabla_{W_1} L = A_1^\\top E X^\\top$', undefined],
    ]);
    // each row on a line of its own: its column (for editors) is that of the line's first non-blank character
    for (const st of doc.steps) expect(st.column).toBe(NOTES.split('\n')[st.line - 1]!.search(/\S/) + 1);
  });

  it('keeps the & of a matrix inside a row', () => {
    const matrix = NOTES.replace('= A_1^\\top E X^\\top,', '= \\begin{bmatrix} 1 & 0 \\end{bmatrix} \\begin{bmatrix} 1 \\\\ 0 \\end{bmatrix} A_1^\\top E X^\\top,');
    expect(parseTexDocument(matrix, 'notes.tex').steps[6]!.text.replace(/\s+/g, ' ')).toBe(
      '$\\nabla_{W_1} L = \\begin{bmatrix} 1 & 0 \\end{bmatrix} \\begin{bmatrix} 1 \\\\ 0 \\end{bmatrix} A_1^\\top E X^\\top$',
    );
  });

  const twoSettings = NOTES.replace('Splitting the product', '\\begin{dlnsetting}\ntitle: t\n\\end{dlnsetting}\nSplitting the product');
  const unclosed = NOTES.replace(/\\end\{dlnderivation\}\n\\end\{document\}/, '\\end{document}');
  const badYaml = NOTES.replace('  ranges: { H: [1, 3], k: [1, "H+1"] }', '  ranges: { H: [1, 3], k: [1, "H+1"]');
  const badRow = NOTES.replace('\\nabla_{W_k} L &= A_k', '\\nabla_{W_k} L &= \\foo A_k');
  const dangling = NOTES.replace('\\nabla_{W_k} L &= A_k^\\top E Z_k^\\top \\\\', '&= A_k^\\top E Z_k^\\top \\\\');
  it.each([
    ['no setting', NOTES.replace(/\\begin\{dlnsetting\}[\s\S]*\\end\{dlnsetting\}/, ''), /^notes\.tex: no \\begin\{dlnsetting\}/],
    ['two settings', twoSettings, new RegExp(`^notes\\.tex:${lineOf(twoSettings, 'title: t')  - 1}: a second \\\\begin\\{dlnsetting\\}`)],
    ['an unclosed derivation', unclosed, new RegExp(`^notes\\.tex:${lineOf(unclosed, '\\operatorname{rank}') - 1}: \\\\begin\\{dlnderivation\\} is never closed`)],
    ['YAML errors at the document line (where YAML finds them)', badYaml, new RegExp(`^notes\\.tex:${lineOf(badYaml, '  define:')}: invalid YAML`)],
    ['a steps key', NOTES.replace('\\end{dlnsetting}', 'steps: []\n\\end{dlnsetting}'), new RegExp(`^notes\\.tex:${lineOf(NOTES, '\\end{dlnsetting}')}: a LaTeX document's steps are the rows`)],
    ['a row KaTeX rejects', badRow, new RegExp(`^notes\\.tex:${lineOf(badRow, '\\foo')}: Undefined control sequence: \\\\foo \\(at char 19 of the row's formula\\)$`)],
    ['a continuation with nothing before it', dangling, new RegExp(`^notes\\.tex:${lineOf(dangling, 'and therefore') + 2}: the row starts with a relation, but no formula comes before it$`)],
  ])('%s is an error naming the .tex line', (_what, text, message) => {
    expect(() => parseTexDocument(text, 'notes.tex')).toThrow(message);
  });
});

describe('dln verify notes.tex', () => {
  const dir = scratch('dln-tex-', { 'notes.tex': NOTES, 'wrong.tex': WRONG });

  it('a correct document verifies (exit 0) and compiles with pdflatex before and after', () => {
    const before = compile(dir, 'notes.tex');
    expect(latexProblems(before.log, 1)).toEqual([]);
    expect(before.status).toBe(0);
    const r = runCli(['verify', join(dir, 'notes.tex')]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('6 verified, 1 tested, 0 failed, 0 not checked');
    expect(readFileSync(join(dir, 'notes.tex'), 'utf8')).toBe(NOTES);
    expect(compile(dir, 'notes.tex').status).toBe(0);
  });

  it('a planted error fails with the .tex line of the false step and a counterexample', () => {
    expect(compile(dir, 'wrong.tex').status).toBe(0);
    const line = lineOf(WRONG, 'X Z_k \\\\');
    expect(WRONG.split('\n')[line - 1]).toBe('  &= A_k^\\top W_{H+1} \\cdots W_1 X Z_k \\\\');
    const r = runCli(['verify', join(dir, 'wrong.tex')]);
    expect(r.status).toBe(1);
    // the row starts after its indent, at the column of its `&=`
    const col = WRONG.split('\n')[line - 1]!.indexOf('&') + 1;
    expect(r.stdout).toContain(`${join(dir, 'wrong.tex')}:${line}:${col}: step 5: failed`);
    expect(r.stdout).toMatch(/counterexample \(seed 1, trial \d+\): H=\d/);
    // Z_k for Z_kᵀ: a product that can be formed only where m = d_{k−1}, reported as the shape error it is
    expect(r.stdout.replace(/\s+/g, ' ')).toMatch(/shape error on this instance \((m = \d+, d\[k-1\] = \d+|d\[k-1\] = \d+, m = \d+)\): product /);
    expect(r.stdout).toContain('5 verified, 1 tested, 1 failed, 0 not checked');
    const json = JSON.parse(runCli(['verify', join(dir, 'wrong.tex'), '--json']).stdout) as { proofs: { steps: { step: number; line: number; status: string }[] }[] };
    expect(json.proofs[0]!.steps.filter((s) => s.status === 'failed')).toEqual([expect.objectContaining({ step: 5, line, status: 'failed' })]);
  });

  it('the walkthrough opens it (transcript when not a terminal) with the .tex lines', () => {
    const r = runCli(['walk', join(dir, 'wrong.tex')]);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain(`✗ Step 5 of 7 · claim · line ${lineOf(WRONG, 'X Z_k \\\\')}`);
    expect(r.stdout).toContain('because: split at W_k');
  });

  it('dln latex and dln html take the document too', () => {
    const out = join(dir, 'appendix.tex');
    expect(runCli(['latex', join(dir, 'notes.tex'), '-o', out, '--evidence', 'brief']).status).toBe(0);
    expect(readFileSync(out, 'utf8')).toContain('\\dlnsection{Lemma 4.1, the matrix form of the gradient}');
  });

  it('the style file defines the two environments with standard packages only', () => {
    const sty = readFileSync('tex/dln.sty', 'utf8');
    expect(sty).toMatch(/\\newenvironment\{dlnsetting\}/);
    expect(sty).toMatch(/\\newenvironment\{dlnderivation\}/);
    expect([...sty.matchAll(/\\RequirePackage\{(\w+)\}/g)].map((m) => m[1])).toEqual(['amsmath', 'verbatim']);
  });
});
