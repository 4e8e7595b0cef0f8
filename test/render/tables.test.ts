import { describe, expect, it } from 'vitest';
import { FormulaError, loadTex } from '../../src/render/katex.js';
import { bmatrix, classificationTable, latexTable, numberLatex } from '../../src/render/tables.js';
import { workedExample } from './fixture.js';

describe('bmatrix', () => {
  it('writes rows and columns', () => {
    expect(bmatrix([['1', '-\\frac{3}{4}'], ['0', 'x']])).toBe('\\begin{bmatrix} 1 & -\\frac{3}{4} \\\\ 0 & x \\end{bmatrix}');
  });

  it('switches to a bracketed array beyond the 10 columns amsmath allows by default', () => {
    const wide = bmatrix([Array.from({ length: 12 }, (_, i) => String(i))]);
    expect(wide).toBe(`\\left[\\begin{array}{cccccccccccc} ${Array.from({ length: 12 }, (_, i) => i).join(' & ')} \\end{array}\\right]`);
  });

  it('rejects ragged rows', () => {
    expect(() => bmatrix([['1', '2'], ['3']])).toThrow(/ragged/);
  });
});

describe('numberLatex', () => {
  it('writes exact rationals as fractions', () => {
    expect(numberLatex('-3/4')).toBe('-\\frac{3}{4}');
    expect(numberLatex('5')).toBe('5');
    expect(numberLatex('0')).toBe('0');
    expect(numberLatex('153/5')).toBe('\\frac{153}{5}');
  });

  it('writes floats with six significant digits and powers of ten', () => {
    expect(numberLatex(0.1)).toBe('0.1');
    expect(numberLatex(-2.5)).toBe('-2.5');
    expect(numberLatex(1.5e-10)).toBe('1.5 \\times 10^{-10}');
    expect(numberLatex(1234567)).toBe('1.23457 \\times 10^{6}');
    expect(numberLatex(Number.NEGATIVE_INFINITY)).toBe('-\\infty');
  });

  it('refuses strings that are not exact rationals', () => {
    expect(() => numberLatex('0.1')).toThrow(/not an exact rational/);
  });
});

describe('classificationTable', async () => {
  const tex = await loadTex();

  it('tabulates loss, L*, gradient, inertia, index set and verdict, escaping names', () => {
    const table = classificationTable(workedExample, tex);
    const lines = table.split('\n');
    expect(lines[0]).toBe('{\\small\\setlength{\\tabcolsep}{4pt}\\renewcommand{\\arraystretch}{1.3}%');
    expect(lines[1]).toBe('\\begin{tabular}{p{8em}rrcccp{7.5em}}');
    expect(lines[lines.length - 1]).toBe('\\end{tabular}}');
    const body = lines.filter((l) => l.endsWith(' \\tabularnewline'));
    expect(body).toHaveLength(1 + workedExample.length);
    for (const l of body) expect(l.split(' & ')).toHaveLength(7);
    expect(body[1]).toBe(
      '\\raggedright I\\_\\{1,2\\} & \\(\\frac{1}{2}\\) & \\(\\frac{1}{2}\\) & \\(0\\) & \\((6, 0, 4)\\) & \\(\\{1, 2\\}\\) & \\raggedright global-min \\tabularnewline',
    );
    expect(body[3]).toBe('\\raggedright zero \\& 50\\% & \\(7\\) & \\(\\frac{1}{2}\\) & \\(0\\) & -- & \\(\\emptyset\\) & \\raggedright strict-saddle (expected bad-saddle) \\tabularnewline');
    expect(body[4]).toBe('\\raggedright float & \\(1.5 \\times 10^{-10}\\) & -- & \\(\\neq 0\\) & -- & -- & \\raggedright not-critical \\tabularnewline');
  });

  it('validates math cells with KaTeX', () => {
    expect(() => latexTable([{ header: { text: 'x' }, align: 'l' }], [[{ math: '\\frac{1}{' }]], tex)).toThrow(FormulaError);
  });
});
