import { describe, expect, it } from 'vitest';
import { alignBody, DEFAULT_LINE_WIDTH, formulaWidth } from '../../src/render/layout.js';
import { corollary24, lemma41 } from './fixture.js';

const rowsOf = (body: string) => body.split(' \\\\\n');
/** What alignBody may add: alignment tabs, row breaks, continuation indents. Removing them must give the input back. */
const strip = (s: string) => s.replace(/ \\\\\n/g, '').replace(/&\\quad \{\}/g, '').replace(/[&\s]/g, '');
const count = (s: string, re: RegExp) => (s.match(re) ?? []).length;

const sum = (n: number) => Array.from({ length: n }, (_, i) => `x_{${i + 1}}`).join(' + ');
const samples = [
  ...lemma41.steps.map((s) => s.latex),
  ...corollary24.steps.map((s) => s.latex),
  `S = ${sum(40)}`,
  `S = ${sum(12)} = ${sum(30)} = 0`,
  sum(50),
  `${sum(20)} \\geq 0 \\land ${sum(20)} \\leq 1`,
  `f(x) = \\left(${sum(30)}\\right) - \\begin{bmatrix} a & b \\\\ c & d \\end{bmatrix} + \\langle ${sum(8)} \\rangle`,
];

describe('alignBody', () => {
  it('leaves a short equation on one row, aligned at its relation', () => {
    expect(alignBody('a = b')).toBe('a &= b');
    expect(alignBody('E := W X - Y')).toBe('E &:= W X - Y');
    expect(alignBody('\\operatorname{rank}(A) \\geq 2')).toBe('\\operatorname{rank}(A) &\\geq 2');
  });

  it('leaves a short formula without relations as it is', () => {
    expect(alignBody('a + b')).toBe('a + b');
  });

  it('puts each member of a long chain on its own row', () => {
    const body = alignBody(`S = ${sum(6)} = ${sum(7)} = T`, 40);
    expect(rowsOf(body)).toEqual([`S &= ${sum(6)}`, `&= ${sum(7)}`, '&= T']);
  });

  it('wraps a long side before top-level + and -, continuing after the alignment point', () => {
    const rows = rowsOf(alignBody(`S = ${sum(40)}`, 40));
    expect(rows.length).toBeGreaterThan(2);
    expect(rows[0]).toMatch(/^S &= x_\{1\} \+/);
    for (const r of rows.slice(1)) expect(r).toMatch(/^&\\quad \{\} \+ x_/);
  });

  it('never breaks before a unary minus', () => {
    const rows = rowsOf(alignBody(`- a ${'- b '.repeat(30)}`, 20));
    expect(rows[0]).toMatch(/^& - a/);
    expect(rows.every((r) => !/\{\}\s*$/.test(r))).toBe(true);
  });

  it('starts a predicate clause per row at its connective', () => {
    const rows = rowsOf(alignBody(`${sum(20)} \\geq 0 \\land ${sum(20)} \\leq 1`, 60));
    expect(rows[0]).toMatch(/^& x_\{1\}/);
    expect(rows.some((r) => r.startsWith('&\\quad {} \\land x_{1}'))).toBe(true);
  });

  it('puts a wide left side on a row of its own', () => {
    const lhs = `\\frac{\\partial^{2} L}{${sum(12)}}`;
    const rows = rowsOf(alignBody(`${lhs} = ${sum(25)}`, 40));
    expect(rows[0]).toBe(`& ${lhs}`);
    expect(rows[1]).toMatch(/^&= x_\{1\}/);
  });

  it('only adds alignment and breaks, and never breaks inside a group', () => {
    for (const f of samples)
      for (const width of [20, 40, DEFAULT_LINE_WIDTH, 200]) {
        const body = alignBody(f, width);
        expect(strip(body)).toBe(f.replace(/[&\s]/g, ''));
        for (const row of rowsOf(body)) {
          expect(count(row, /\\left\b/g)).toBe(count(row, /\\right\b/g));
          expect(count(row, /\\begin\b/g)).toBe(count(row, /\\end\b/g));
          expect(count(row, /(?<!\\)\{/g)).toBe(count(row, /(?<!\\)\}/g));
          expect(count(row, /\\langle/g)).toBe(count(row, /\\rangle/g));
        }
      }
  });

  it('keeps every row of a breakable sum within the width', () => {
    for (const width of [20, 35, 55]) {
      const body = alignBody(`S = ${sum(60)}`, width);
      for (const row of rowsOf(body)) expect(formulaWidth(row.replace(/&/g, ''))).toBeLessThanOrEqual(width);
    }
  });

  it('returns formulas it cannot parse safely (unbalanced, or with their own rows) unchanged', () => {
    expect(alignBody(`x \\in [0, 1) = ${sum(40)}`, 20)).toBe(`x \\in [0, 1) = ${sum(40)}`);
    expect(alignBody('a &= b \\\\ &= c', 5)).toBe('a &= b \\\\ &= c');
  });
});

describe('formulaWidth', () => {
  it('grows with the printed length, not the source length', () => {
    expect(formulaWidth('\\operatorname{vec}\\left(W\\right)')).toBeLessThan(formulaWidth('vecvecvecvec(W)'));
    expect(formulaWidth('x^{abcdef}')).toBeLessThan(formulaWidth('xabcdef'));
    expect(formulaWidth('\\frac{abcdef}{ab}')).toBeLessThan(formulaWidth('abcdef ab'));
    // a matrix is as wide as its columns, not as all its entries in a row
    expect(formulaWidth('\\begin{bmatrix} a \\\\ b \\\\ c \\\\ d \\\\ e \\\\ f \\end{bmatrix}')).toBeLessThan(formulaWidth('abcdef'));
  });
});
