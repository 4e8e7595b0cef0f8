import { describe, expect, it } from 'vitest';
import { Rational, fromRows, type Matrix } from '../../src/linalg/index.js';
import { randomIntMatrix, seededRng } from '../../src/linalg/random.js';
import type { NonlinearModel } from '../../src/landscape/nonlinear/model.js';
import { monteCarlo } from '../../src/landscape/nonlinear/monte-carlo.js';
import { openExplorer } from '../../src/tui/explorer-session.js';
import { monteCarloPlot } from '../../src/tui/monte-carlo-plot.js';
import { reportLines } from '../../src/tui/report-lines.js';

const Q = (rows: number[][]): Matrix<Rational> => fromRows(rows.map((r) => r.map((x) => Rational.fromInt(x))));
const model = (rho: string, q: string): NonlinearModel => ({ activation: 'relu', paths: 'bernoulli', rho: Rational.parse(rho)!, q: Rational.parse(q)! });
const randomWeights = (widths: number[], seed: number) => {
  const rng = seededRng(seed);
  return widths.slice(1).map((d, k) => randomIntMatrix(rng, d, widths[k]!, 5));
};

describe('the explorer’s Monte Carlo plot', () => {
  it('draws the exact value, a band that narrows like 1/√N and the estimate, with a legend', () => {
    const mc = monteCarlo(model('1/3', '2'), Q([[1, 0, 1], [0, 1, 1]]), randomWeights([2, 3, 3, 2], 11), 10_000, 3);
    const plot = monteCarloPlot(mc, 60, 11);
    expect(plot).toHaveLength(11 + 3);
    const { row, col } = mc.entry;
    expect(plot[plot.length - 1]).toContain(`• estimate of entry (${row + 1},${col + 1})   ─ exact ${mc.exact[row]![col]}   · exact ± σ/√N`);
    expect(plot[plot.length - 2]).toMatch(/N = 1 +10000 \(log scale\)/);
    const grid = plot.slice(0, 11).map((l) => l.slice(l.search(/[┤│]/) + 1));
    const exactRow = grid.findIndex((l) => (l.match(/─/g) ?? []).length > 20);
    expect(exactRow).toBeGreaterThan(0);
    // the band's distance from the exact row, in rows, at the left third and at the right end
    const bandRows = (c: number) => grid.map((l, r) => (l[c] === '·' ? Math.abs(r - exactRow) : -1)).filter((d) => d >= 0);
    const left = Math.max(...bandRows(10), 0), right = Math.max(...bandRows(59), 0);
    expect(left).toBeGreaterThan(right);
    expect(grid.some((l) => l.includes('•'))).toBe(true);
  });
});

describe('the explorer on a file with the path model', () => {
  it('classifies by the reduction and carries the Monte Carlo run into the report', async () => {
    const session = openExplorer('fixtures/section-3/paths-2332.json');
    const view = await session.report('point:strict-saddle');
    expect(view.report.classification).toBe('strict-saddle');
    expect(view.report.reason).toMatch(/^by the reduction/);
    expect(view.monteCarlo?.draws).toBe(20_000);
    expect(view.monteCarlo?.withinBand).toBe(true);
    const text = reportLines(view, { width: 90, spectrumRows: 8, plotRows: 7 }).map((l) => l.text).join('\n');
    expect(text).toMatch(/Monte Carlo: E_Z\[Ŷ\] from 20000 draws of the path gates \(seed 1\)/);
    expect(text).toMatch(/· exact ± σ\/√N/);
    // a family of the linear model, moved by φ⁻¹, is a critical point of the nonlinear one
    const family = session.entries.find((e) => e.kind === 'family')!;
    expect((await session.report(family.key)).report.gradient.zero).toBe(true);
  });
});

describe('the explorer on a real ReLU network (paths: relu)', () => {
  it('shows the reduced model, without the file’s expectations (they are the ReLU network’s) and without Monte Carlo', async () => {
    const session = openExplorer('fixtures/section-3/relu-breaks.json');
    expect(session.name).toMatch(/the reduced model \(dln nonlinear shows the ReLU network\)$/);
    expect(session.entries.filter((e) => e.kind === 'point').every((e) => e.expect === undefined)).toBe(true);
    const view = await session.report('point:reduced-optimum');
    expect(view.report.classification).toBe('global-min');
    expect(view.monteCarlo).toBeUndefined();
  });
});
