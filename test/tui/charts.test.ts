import { describe, expect, it } from 'vitest';
import { formatNumber, groupSpectrum, linePlot, spectrumChart } from '../../src/tui/charts.js';

const bar = (row: string) => {
  const [left, right] = row.split('│');
  return { neg: (left!.match(/█/g) ?? []).length, pos: (right!.match(/█/g) ?? []).length };
};

describe('formatNumber', () => {
  it('prints at most four significant digits without trailing zeros', () => {
    expect(formatNumber(153 / 5)).toBe('30.6');
    expect(formatNumber(-2)).toBe('-2');
    expect(formatNumber(0)).toBe('0');
    expect(formatNumber(2 / 3)).toBe('0.6667');
    expect(formatNumber(1e-5)).toBe('1e-5');
    expect(formatNumber(123456)).toBe('1.23e5');
  });
});

describe('spectrum chart', () => {
  // MATH.md §5: H = 1, X = I_3, Y = diag(3,2,1), d_1 = 2, W = 0: spectrum ±3, ±2, ±1, each twice
  const zeroPoint = [3, -3, 2, -2, 1, -1, 3, -3, 2, -2, 1, -1];

  it('groups equal eigenvalues with their multiplicities, decreasing', () => {
    expect(groupSpectrum(zeroPoint, 20)).toEqual([3, 2, 1, -1, -2, -3].map((value) => ({ value, count: 2 })));
    // MATH.md §6: the scalar chain's Hessian at w = (1, 1, 8/5) has eigenvalues 153/5, 0, 0
    expect(groupSpectrum([0, 153 / 5, 1e-17], 20)).toEqual([
      { value: 153 / 5, count: 1 },
      { value: 0, count: 2 },
    ]);
  });

  it('bins a long spectrum into the rows available, keeping every eigenvalue counted', () => {
    const many = Array.from({ length: 100 }, (_, i) => i - 30.5);
    const g = groupSpectrum(many, 10);
    expect(g).toHaveLength(10);
    expect(g.reduce((n, x) => n + x.count, 0)).toBe(100);
    expect(g[0]!.range).toEqual([59.5, 68.5]); // the ten largest: 68.5 down to 59.5
    expect(spectrumChart(many, 60, 10)).toHaveLength(10);
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
  // MATH.md §6: along w = (t, t, t) from the origin, L − L(0) = 5t⁶/2 − 8t³: a third-order decrease for t > 0
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
    expect(plot[10]).toMatch(/-1\.2 +0 +1\.2$/);
    expect(grid[0]).toMatch(/^ *\d+(\.\d+)? ┤/); // the top label is the maximum
    expect(grid[8]).toMatch(/^ *-\d+(\.\d+)? ┤/); // the bottom label the (negative) minimum
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
