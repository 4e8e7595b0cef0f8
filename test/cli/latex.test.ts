import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import katex from 'katex';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { formulasOf, latexProblems, pdflatex } from '../render/tools.js';
import { allProofs, brokenProof, formulaCounts, rawProof, scratch, SPECIAL_TITLE, specialProof, uncheckableProof } from './proof-files.js';

const strict = (latex: string, displayMode: boolean) => katex.renderToString(latex, { displayMode, throwOnError: true, strict: 'error' });

/** The text pdftotext reads back from a PDF (poppler-utils, installed by .ci/run). */
function pdfText(pdf: string): string {
  return execFileSync('/usr/bin/pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
}

describe('dln latex and dln html with a directory', () => {
  it("take the directory's derivation files, as if each had been named", () => {
    const dir = scratch('dln-dir-');
    for (const [cmd, name] of [['latex', 'a.tex'], ['html', 'a.html']] as const) {
      const r = runCli([cmd, 'proofs', '-o', join(dir, name), '--json', '--trials', '2']);
      expect(r.status).toBe(0);
      expect(JSON.parse(r.stdout).proofs.map((p: { file: string }) => p.file).sort()).toEqual(allProofs.slice().sort());
    }
  });
});

describe('dln latex over all of proofs/', () => {
  const dir = scratch('dln-latex-');
  const out = join(dir, 'appendix.tex');
  const r = runCli(['latex', ...allProofs, '-o', out, '--standalone']);
  const doc = existsSync(out) ? readFileSync(out, 'utf8') : '';

  it('writes the appendix, says so, and exits 0 (every step verified or tested)', () => {
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const steps = allProofs.reduce((n, f) => n + rawProof(f).steps.length, 0);
    const tally = /^wrote (.*): (\d+) proofs, (\d+) steps, (\d+) verified, (\d+) tested, 0 failed, 0 not checked \(seed 1, 24 trials per step\); pdflatex compiles it\n$/.exec(r.stdout)!;
    expect(tally.slice(1, 4)).toEqual([out, String(allProofs.length), String(steps)]);
    expect(Number(tally[4]) + Number(tally[5])).toBe(steps);
    expect(doc.match(/\\dlnsection\{/g)).toHaveLength(allProofs.length);
    expect(doc.match(/\\dlnnote\{\\textbf\{verified\}/g)).toHaveLength(Number(tally[4]));
    expect(doc.match(/\\dlnnote\{\\textbf\{tested\}/g)).toHaveLength(Number(tally[5]));
    expect(doc).not.toMatch(/textbf\{(failed|not checked)\}/);
  });

  it('emits only formulas KaTeX accepts with throwOnError and strict, every one of them', () => {
    const formulas = formulasOf(doc);
    const expected = allProofs.map(formulaCounts).reduce((a, c) => ({ inline: a.inline + c.inline, display: a.display + c.display }), { inline: 0, display: 0 });
    expect(formulas.filter((f) => !f.display)).toHaveLength(expected.inline);
    expect(formulas.filter((f) => f.display)).toHaveLength(expected.display);
    for (const f of formulas) expect(() => strict(f.latex, f.display), f.latex).not.toThrow();
  });

  it('compiles with pdflatex: no errors, no line sticking out of the text block', () => {
    const run = pdflatex(doc, 'appendix');
    expect(latexProblems(run.log, 1)).toEqual([]);
    expect(run.status).toBe(0);
    expect(run.log).not.toMatch(/Missing character/);
    const text = pdfText(run.pdf);
    // each title as written, up to its first formula or non-ASCII character (W₁ is typeset as a subscript)
    for (const f of allProofs) {
      const ascii = /^[\x20-\x23\x25-\x7e]*/.exec(rawProof(f).title)![0].trim();
      expect(ascii.length).toBeGreaterThan(4);
      expect(text).toContain(ascii);
    }
  });

  it('writes an \\input-able fragment without --standalone that compiles in a host document', () => {
    const frag = join(dir, 'fragment.tex');
    const f = runCli(['latex', ...allProofs, '-o', frag, '--trials', '4']);
    expect(f.status).toBe(0);
    const fragment = readFileSync(frag, 'utf8');
    expect(fragment).not.toContain('\\documentclass');
    const run = pdflatex(`\\documentclass{article}\n\\usepackage{amsmath,amssymb}\n\\begin{document}\nBefore.\n${fragment}\nAfter.\n\\end{document}\n`, 'host');
    expect(latexProblems(run.log, 1)).toEqual([]);
    expect(run.status).toBe(0);
  });
});

describe('dln latex with user text full of specials, a false step and an unchecked one', () => {
  const dir = scratch('dln-latex-special-', { 'special.proof.yaml': specialProof, 'uncheckable.proof.yaml': uncheckableProof });
  const out = join(dir, 'out.tex');
  const r = runCli(['latex', join(dir, 'special.proof.yaml'), join(dir, 'uncheckable.proof.yaml'), '-o', out, '--standalone', '--trials', '3', '--seed', '9']);
  const doc = existsSync(out) ? readFileSync(out, 'utf8') : '';

  it('still writes the file, marks the steps, names them and exits 1', () => {
    expect(r.status).toBe(1);
    expect(r.stdout.split('\n')).toEqual([
      `wrote ${out}: 2 proofs, 3 steps, 1 verified, 0 tested, 1 failed, 1 not checked (seed 9, 3 trials per step); pdflatex compiles it`,
      `  ${join(dir, 'special.proof.yaml')} step 2: failed`,
      `  ${join(dir, 'uncheckable.proof.yaml')} step 1: not checked`,
      '',
    ]);
    const notes = doc.split('\n').filter((l) => l.startsWith('\\dlnnote{'));
    expect(notes.map((n) => /textbf\{([a-z ]+)\}/.exec(n)![1])).toEqual(['verified', 'failed', 'not checked']);
    expect(notes[1]).toContain('(seed 9)');
    expect(notes[1]).toMatch(/Counterexample on trial/);
    expect(notes[2]).toMatch(/no instance satisfying the hypotheses could be drawn/);
    expect(doc).toContain('Checked by dln with seed 9: 1 of 2 steps verified, 1 failed.');
    expect(doc).toContain('Checked by dln with seed 9: 0 of 1 step verified, 1 not checked.');
  });

  it('--json summarises the same statuses, exit 1', () => {
    const j = runCli(['latex', join(dir, 'special.proof.yaml'), join(dir, 'uncheckable.proof.yaml'), '-o', join(dir, 'j.tex'), '--trials', '3', '--seed', '9', '--json']);
    expect(j.status).toBe(1);
    const summary = JSON.parse(j.stdout) as { output: string; ok: boolean; proofs: { seed: number; steps: { status: string }[] }[] };
    expect(summary.ok).toBe(false);
    expect(summary.output).toBe(join(dir, 'j.tex'));
    expect(summary.proofs.map((p) => p.steps.map((s) => s.status))).toEqual([['verified', 'failed'], ['unchecked']]);
    expect(summary.proofs[0]!.seed).toBe(9);
  });

  it('escapes the title and justifications, and compiles', () => {
    expect(doc).toContain(
      '\\dlnsection{50\\% of W\\_1 \\& \\#2 \\ensuremath{<}b\\ensuremath{>}\\{x\\}\\ensuremath{<}/b\\ensuremath{>} \\$y\\$ \\textasciitilde{}z\\textasciicircum{}2 \\textbackslash{}back}',
    );
    expect(doc).toContain('difference of squares: 50\\% \\& \\#2 of \\{3\\}, \\textasciitilde{}x\\textasciicircum{}2, \\$y\\$, \\textbackslash{}z');
    const run = pdflatex(doc, 'special');
    expect(latexProblems(run.log, 1)).toEqual([]);
    expect(run.status).toBe(0);
    const text = pdfText(run.pdf);
    expect(text).toContain(SPECIAL_TITLE.replace('_', ' '));
    expect(text).toContain('{x}');
    expect(text).toContain('$y$');
  });
});

describe('dln latex: bad input is one line, exit 2, and no file written or changed', () => {
  const dir = scratch('dln-latex-bad-', { 'good.proof.yaml': specialProof, 'broken.proof.yaml': brokenProof });
  const good = join(dir, 'good.proof.yaml');
  const broken = join(dir, 'broken.proof.yaml');
  const noTemporaries = () => expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);

  it('a malformed file among several: nothing is written', () => {
    const out = join(dir, 'new.tex');
    const r = runCli(['latex', good, broken, '-o', out]);
    expect(r.status).toBe(2);
    expect(r.stderr.startsWith(`dln: ${broken}:3: step 1: unbalanced parentheses`)).toBe(true);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stdout).toBe('');
    expect(existsSync(out)).toBe(false);
    noTemporaries();
  });

  it('an existing output file is left unchanged', () => {
    const out = join(dir, 'existing.tex');
    writeFileSync(out, 'previous contents\n');
    const before = statSync(out).mtimeMs;
    const r = runCli(['latex', good, broken, '-o', out]);
    expect(r.status).toBe(2);
    expect(readFileSync(out, 'utf8')).toBe('previous contents\n');
    expect(statSync(out).mtimeMs).toBe(before);
  });

  it('an output path that cannot be written: no such directory, or a directory', () => {
    const missing = runCli(['latex', good, '-o', join(dir, 'no-such-dir', 'out.tex'), '--trials', '2']);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toBe(`dln: ${join(dir, 'no-such-dir', 'out.tex')}: cannot write (ENOENT)\n`);
    expect(missing.stdout).toBe('');
    const isDir = runCli(['latex', good, '-o', dir, '--trials', '2']);
    expect(isDir.status).toBe(2);
    expect(isDir.stderr).toBe(`dln: ${dir}: is a directory; give the file to write\n`);
    noTemporaries();
  });

  it('-o missing, a missing proof file, bad options', () => {
    const cases: [string[], RegExp][] = [
      [['latex', good], /^dln: -o: missing: give the file to write with -o FILE$/m],
      [['latex', join(dir, 'nope.proof.yaml'), '-o', join(dir, 'x.tex')], /nope\.proof\.yaml: no such file/],
      [['latex', good, '-o', join(dir, 'x.tex'), '--seed', 'abc'], /^dln: --seed: expected an integer/],
      [['latex', good, '-o', join(dir, 'x.tex'), '--trials', '0'], /^dln: --trials: expected an integer from 1 to 1000/],
      [['latex', good, '-o', join(dir, 'x.tex'), '--evidence', 'some'], /^dln: --evidence: expected full, brief, none, got "some"$/m],
      [['html', good, '-o', join(dir, 'x.tex'), '--evidence', ''], /^dln: --evidence: expected full, brief, none, got ""$/m],
    ];
    for (const [args, message] of cases) {
      const r = runCli(args);
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    }
    expect(existsSync(join(dir, 'x.tex'))).toBe(false);
  });
});

describe('dln derive --entries --format latex: gradient and Hessian blocks as bmatrix', () => {
  it('scalar chain (docs/mathematics.md §6): one 1×1 matrix per layer and per block, the values of the paper', () => {
    const r = runCli(['derive', '--network', 'fixtures/scalar-chain.json', '--entries', '--hessian', '--format', 'latex']);
    expect(r.status).toBe(0);
    const lines = r.stdout.trim().split('\n');
    const w = (k: number) => `(W_{${k}})_{1,1}`;
    // ∂L/∂w₂ = 5 w₁² w₂ w₃² − 8 w₁ w₃ and ∂²L/∂w₁∂w₂ = 10 w₁ w₂ w₃² − 8 w₃ for L = 5/2 u² − 8u + 13/2, u = w₁w₂w₃
    expect(lines).toContain(`\\frac{\\partial L}{\\partial W_{2}} = \\begin{bmatrix} 5 ${w(1)}^{2} ${w(2)} ${w(3)}^{2} - 8 ${w(1)} ${w(3)} \\end{bmatrix}`);
    expect(lines).toContain(
      `\\frac{\\partial^2 L}{\\partial \\operatorname{vec}\\left(W_{1}^{\\top}\\right) \\, \\partial \\operatorname{vec}\\left(W_{2}^{\\top}\\right)^{\\top}} = \\begin{bmatrix} 10 ${w(1)} ${w(2)} ${w(3)}^{2} - 8 ${w(3)} \\end{bmatrix}`,
    );
    expect(lines).toHaveLength(1 + 3 + 6);
    const run = pdflatex(['\\documentclass{article}', '\\usepackage{amsmath,amssymb}', '\\begin{document}', ...lines.map((l) => `\\[ ${l} \\]`), '\\end{document}'].join('\n'), 'entries');
    expect(latexProblems(run.log, 1)).toEqual([]);
    expect(run.status).toBe(0);
  });

  it('widths 2,1,2 with symbolic data: W₁ is 1×2, W₂ is 2×1, every block 2×2; KaTeX accepts every line; compiles', () => {
    const r = runCli(['derive', '--widths', '2,1,2', '--symbolic-data', '--entries', '--hessian', '--format', 'latex']);
    expect(r.status).toBe(0);
    const lines = r.stdout.trim().split('\n');
    const matrix = (l: string) => {
      const body = /\\begin\{bmatrix\}(.*)\\end\{bmatrix\}/.exec(l)![1]!;
      const rows = body.split('\\\\');
      return [rows.length, rows[0]!.split('&').length];
    };
    expect(lines.slice(1).map(matrix)).toEqual([[1, 2], [2, 1], [2, 2], [2, 2], [2, 2]]);
    for (const l of lines) expect(() => strict(l, true)).not.toThrow();
    const run = pdflatex(['\\documentclass{article}', '\\usepackage{amsmath,amssymb}', '\\begin{document}', ...lines.map((l) => `\\[ ${l} \\]`), '\\end{document}'].join('\n'), 'symbolic');
    // long polynomial entries run past the margin; only errors matter here
    expect(latexProblems(run.log, Number.POSITIVE_INFINITY)).toEqual([]);
    expect(run.status).toBe(0);
  });
});

describe('dln check --format latex: the classification table', () => {
  it('h2-diag (docs/mathematics.md §3): the origin is a bad saddle with a zero Hessian, L = 7, L* = 1/2; KaTeX-valid; compiles', () => {
    const r = runCli(['check', 'fixtures/h2-diag.json', '--format', 'latex']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toMatch(/^% dln check fixtures\/h2-diag\.json: .*exact rational arithmetic$/);
    // widths [3, 2, 2, 3]: 16 parameters, all in the Hessian's null space at W = 0
    expect(lines).toContain(
      '\\raggedright zero & \\(7\\) & \\(\\frac{1}{2}\\) & \\(0\\) & \\((0, 0, 16)\\) & \\(\\emptyset\\) & \\raggedright bad-saddle \\tabularnewline',
    );
    expect(lines.some((l) => /^\\raggedright global min & \\\(\\frac\{1\}\{2\}\\\) & \\\(\\frac\{1\}\{2\}\\\) & .*global-min \\tabularnewline$/.test(l))).toBe(true);
    const cells = [...r.stdout.matchAll(/\\\((.*?)\\\)/g)].map((m) => m[1]!);
    expect(cells.length).toBeGreaterThan(30);
    for (const c of cells) expect(() => strict(c, false), c).not.toThrow();
    const run = pdflatex(['\\documentclass{article}', '\\usepackage{amsmath,amssymb}', '\\begin{document}', r.stdout, '\\end{document}'].join('\n'), 'table');
    expect(latexProblems(run.log, 1)).toEqual([]);
    expect(run.status).toBe(0);
  });

  it('every fixture, exact and float, fits the text block', () => {
    const fixtures = readdirSync('fixtures').filter((f) => f.endsWith('.json'));
    const tables = fixtures.flatMap((f) =>
      [[], ['--float']].map((extra) => {
        const r = runCli(['check', `fixtures/${f}`, '--format', 'latex', ...extra]);
        expect(r.status, f).toBe(0);
        return r.stdout;
      }),
    );
    const run = pdflatex(['\\documentclass{article}', '\\usepackage{amsmath,amssymb}', '\\begin{document}', ...tables.map((t) => `\\noindent\n${t}\n\\bigskip\n`), '\\end{document}'].join('\n'), 'tables');
    expect(latexProblems(run.log, 1)).toEqual([]);
    expect(run.status).toBe(0);
  });

  it('rejects an unknown format and --json with another format', () => {
    const bad = runCli(['check', 'fixtures/h2-diag.json', '--format', 'pdf']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toBe('dln: --format: expected text, latex or json, got "pdf"\n');
    const both = runCli(['check', 'fixtures/h2-diag.json', '--format', 'latex', '--json']);
    expect(both.status).toBe(2);
    expect(both.stderr).toBe('dln: --json: conflicts with --format latex\n');
  });
});
