import { describe, expect, it } from 'vitest';
import { groupSpectrum, linePlot, spectrumChart } from '../../src/tui/charts.js';
import { formatNumber } from '../../src/tui/numbers.js';

const bar = (row: string) => {
  const [left, right] = row.split('│');
  return { neg: (left!.match(/█/g) ?? []).length, pos: (right!.match(/█/g) ?? []).length };
};

describe('formatNumber', () => {
  it('prints at most four significant digits without trailing zeros', () => {
    expect(formatNumber(153 / 5)).toBe('30.6');
    expect(formatNumber(-2)).toBe('−2');
    expect(formatNumber(-1.38e-16)).toBe('−1.38e−16');
    expect(formatNumber(0)).toBe('0');
    expect(formatNumber(2 / 3)).toBe('0.6667');
    expect(formatNumber(1e-5)).toBe('1e−5');
    expect(formatNumber(123456)).toBe('1.23e5');
  });
});

describe('spectrum chart', () => {
  // docs/mathematics.md §5: H = 1, X = I_3, Y = diag(3,2,1), d_1 = 2, W = 0: spectrum ±3, ±2, ±1, each twice
  const zeroPoint = [3, -3, 2, -2, 1, -1, 3, -3, 2, -2, 1, -1];

  it('groups equal eigenvalues with their multiplicities, decreasing', () => {
    expect(groupSpectrum(zeroPoint, 20)).toEqual([3, 2, 1, -1, -2, -3].map((value) => ({ value, count: 2 })));
    // docs/mathematics.md §6: the scalar chain's Hessian at w = (1, 1, 8/5) has eigenvalues 153/5, 0, 0
    expect(groupSpectrum([0, 153 / 5, 1e-17], 20)).toEqual([
      { value: 153 / 5, count: 1 },
      { value: 0, count: 2 },
    ]);
  });

  it('bins a long spectrum into the rows available, keeping every eigenvalue counted', () => {
    const many = Array.from({ length: 100 }, (_, i) => i - 30.5); // 69 positive, 31 negative
    const g = groupSpectrum(many, 10);
    expect(g).toHaveLength(10);
    expect(g.reduce((n, x) => n + x.count, 0)).toBe(100);
    // rows in proportion to the groups of each sign: round(10 · 69/100) = 7 positive, 3 negative
    expect(g.filter((x) => x.value > 0)).toHaveLength(7);
    expect(g.filter((x) => x.value < 0)).toHaveLength(3);
    expect(g[0]!.range).toEqual([60.5, 68.5]); // 69 values in 7 bins: the top one holds floor(69/7) = 9
    expect(g.filter((x) => x.value > 0).reduce((n, x) => n + x.count, 0)).toBe(69);
    expect(spectrumChart(many, 60, 10)).toHaveLength(10);
  });

  it('never merges eigenvalues of opposite signs, nor negatives the positives keep apart', () => {
    // the spectrum: ±11.59 and ±7.729 twice each, ±3 and ±1, and four zeros; room for 9 rows
    const spectrum = [11.59, 11.59, 7.729, 7.729, 3, 1, 0, 0, 0, 0, -1, -3, -7.729, -7.729, -11.59, -11.59];
    const g = groupSpectrum(spectrum, 9);
    expect(g.map((x) => [x.value, x.count])).toEqual([
      [11.59, 2], [7.729, 2], [3, 1], [1, 1], [0, 4], [-1, 1], [-3, 1], [-7.729, 2], [-11.59, 2],
    ]);
    // fewer rows: each sign gets half, and a bin never crosses zero
    const few = groupSpectrum(spectrum, 5);
    expect(few.map((x) => Math.sign(x.value))).toEqual([1, 1, 0, -1, -1]);
    expect(few.map((x) => x.count)).toEqual([4, 2, 4, 2, 4]);
  });

  it('labels the zero row from the exact inertia, whatever float noise the zero eigenvalues carry', () => {
    const noisy = [5, 2, 4.62e-17, -1.38e-16, 3e-12, -2e-15, -4];
    // without the inertia, 3e-12 looks like a tiny positive eigenvalue; the exact count says 4 zeros
    const rows = spectrumChart(noisy, 40, 12, { positive: 2, negative: 1, zero: 4 });
    expect(rows).toHaveLength(4);
    expect(rows[2]).toMatch(/^ *0 +│ +×4$/);
    expect(rows.join('\n')).not.toMatch(/e−1[0-9]/);
    expect(rows[3]).toMatch(/^ *−4 █+│$/);
  });

  it('labels a bin with its range, or one value when both ends print alike', () => {
    const close = [11.5900001, 11.59, 11.5899999];
    expect(groupSpectrum(close, 1, undefined, 1e-12)).toEqual([{ value: 11.5900001, count: 3, range: [11.5899999, 11.5900001] }]);
    expect(spectrumChart(close, 40, 1)).toEqual([expect.stringMatching(/^11\.59 │█+ ×3$/)]);
    const [high, low] = spectrumChart([9, 8, 2, 1], 40, 2);
    expect(high).toMatch(/^8…9 │█+ +×2$/);
    expect(low).toMatch(/^1…2 │█+ +×2$/);
  });

  it('draws negative bars left of the axis and positive right, proportional to magnitude', () => {
    const rows = spectrumChart(zeroPoint, 40, 20);
    expect(rows).toHaveLength(6);
    const bars = rows.map(bar);
    expect(bars.map((b) => b.neg > 0)).toEqual([false, false, false, true, true, true]);
    expect(bars.map((b) => b.pos > 0)).toEqual([true, true, true, false, false, false]);
    // symmetric spectrum, symmetric bars; 3 : 2 : 1 up to rounding of one cell
    expect(bars[0]!.pos).toBe(bars[5]!.neg);
    expect(bars[2]!.pos).toBe(bars[3]!.neg);
    expect(Math.abs(bars[0]!.pos - 3 * bars[2]!.pos)).toBeLessThanOrEqual(2);
    for (const r of rows) expect(r).toMatch(/ ×2$/);
    // the axis is in the same column on every row
    expect(new Set(rows.map((r) => r.indexOf('│'))).size).toBe(1);
  });

  it('gives a zero eigenvalue no bar and a tiny non-zero one a single cell', () => {
    const rows = spectrumChart([153 / 5, 0, 0, -0.001], 40, 20);
    expect(bar(rows[0]!).pos).toBeGreaterThan(20);
    expect(bar(rows[1]!)).toEqual({ neg: 0, pos: 0 });
    expect(bar(rows[2]!)).toEqual({ neg: 1, pos: 0 });
    expect(rows[1]).toMatch(/^ *0 +│ +×2$/);
  });
});

describe('line plot', () => {
  // docs/mathematics.md §6: along w = (t, t, t) from the origin, L − L(0) = 5t⁶/2 − 8t³: a third-order decrease for t > 0
  const samples = Array.from({ length: 49 }, (_, i) => {
    const t = -1.2 + i * 0.05;
    return { t, delta: (5 / 2) * t ** 6 - 8 * t ** 3 };
  });
  const plot = linePlot(samples, 41, 9);
  const grid = plot.slice(0, 9);
  const start = grid[0]!.search(/[┤│]/) + 1;
  const cells = grid.map((r) => Array.from(r.slice(start)));

  it('has the requested size, an x axis, and labels at both ends and at zero', () => {
    expect(plot).toHaveLength(11);
    for (const r of cells) expect(r).toHaveLength(41);
    expect(plot[10]).toMatch(/−1\.2 +0 +1\.2$/);
    expect(grid[0]).toMatch(/^ *\d+(\.\d+)? ┤/); // the top label is the maximum
    expect(grid[8]).toMatch(/^ *−\d+(\.\d+)? ┤/); // the bottom label the (negative) minimum
  });

  it('draws zero lines and the curve where the polynomial is', () => {
    const zeroRow = grid.findIndex((r) => /^ *0 ┤/.test(r));
    expect(zeroRow).toBeGreaterThan(0);
    const zeroCol = cells[0]!.indexOf('│');
    expect(zeroCol).toBe(20);
    // left of t = 0 the loss rises (points above the axis), right of it it falls (lowest row)
    const rowsOf = (c: number) => cells.map((r, i) => (r[c] === '•' ? i : -1)).filter((i) => i >= 0);
    expect(Math.max(...rowsOf(0))).toBeLessThan(zeroRow);
    const lowest = cells[8]!.map((ch, c) => (ch === '•' ? c : -1)).filter((c) => c >= 0);
    expect(lowest.length).toBeGreaterThan(0);
    for (const c of lowest) expect(c).toBeGreaterThan(zeroCol);
    // every column has a point (the curve is connected)
    for (let c = 0; c < 41; c++) expect(rowsOf(c).length).toBeGreaterThan(0);
  });

  it('says so when there is nothing to plot', () => {
    expect(linePlot([{ t: 0, delta: 0 }], 20, 5)).toEqual(['(not enough samples to plot)']);
  });
});
