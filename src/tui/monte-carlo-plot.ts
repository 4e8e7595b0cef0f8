import type { MonteCarloReport } from '../landscape/nonlinear/monte-carlo.js';
import { formatNumber } from './numbers.js';

/**
 * The Monte Carlo estimate of one entry of E_Z[Ŷ] against the number of draws N (log scale): the running estimate
 * `•`, the exact value `─` and the band exact ± σ/√N `·`, which narrows like 1/√N. Pure: report and size to lines.
 */
export function monteCarloPlot(mc: MonteCarloReport, width: number, height: number): string[] {
  const { row, col } = mc.entry;
  const [n, d] = mc.exact[row]![col]!.split('/');
  const exact = Number(n) / (d === undefined ? 1 : Number(d));
  const sigma = mc.sigma[row]![col]!;
  const points = mc.checkpoints.map((c) => ({ N: c.draws, y: c.estimate[row]![col]! }));
  if (points.length < 2) return ['(not enough draws to plot)'];
  const w = Math.max(16, width);
  const h = Math.max(5, height);
  const x0 = Math.log10(points[0]!.N), x1 = Math.log10(points[points.length - 1]!.N);
  // The y range: the band at the first N ≥ 10 (the first few draws would flatten everything after them).
  const N0 = points.find((p) => p.N >= 10)?.N ?? points[0]!.N;
  const half = Math.max(2 * (sigma / Math.sqrt(N0)), ...points.filter((p) => p.N >= N0).map((p) => Math.abs(p.y - exact)), 1e-12);
  const yMax = exact + half, yMin = exact - half;
  const rowOf = (y: number) => Math.round(((yMax - y) / (yMax - yMin)) * (h - 1));
  const grid = Array.from({ length: h }, () => Array<string>(w).fill(' '));
  const put = (r: number, c: number, ch: string) => {
    if (r >= 0 && r < h && c >= 0 && c < w) grid[r]![c] = ch;
  };
  const exactRow = rowOf(exact);
  for (let c = 0; c < w; c++) {
    put(exactRow, c, '─');
    const N = 10 ** (x0 + ((x1 - x0) * c) / (w - 1));
    const band = sigma / Math.sqrt(N);
    put(rowOf(exact + band), c, '·');
    put(rowOf(exact - band), c, '·');
  }
  // the estimate, interpolated in log N between checkpoints; off-scale values pinned to the edge as ↑ / ↓
  let k = 0;
  for (let c = 0; c < w; c++) {
    const x = x0 + ((x1 - x0) * c) / (w - 1);
    while (k < points.length - 2 && Math.log10(points[k + 1]!.N) < x) k++;
    const a = points[k]!, b = points[k + 1]!;
    const xa = Math.log10(a.N), xb = Math.log10(b.N);
    const y = xb === xa ? a.y : a.y + ((b.y - a.y) * (x - xa)) / (xb - xa);
    const r = rowOf(y);
    if (r < 0) put(0, c, '↑');
    else if (r >= h) put(h - 1, c, '↓');
    else put(r, c, '•');
  }
  const labels = new Map<number, string>([
    [0, formatNumber(yMax)],
    [h - 1, formatNumber(yMin)],
    [exactRow, formatNumber(exact)],
  ]);
  const lw = Math.max(...[...labels.values()].map((l) => l.length));
  const out = grid.map((cells, r) => `${(labels.get(r) ?? '').padStart(lw)} ${labels.has(r) ? '┤' : '│'}${cells.join('')}`);
  out.push(`${' '.repeat(lw)} └${'─'.repeat(w)}`);
  const left = `N = ${points[0]!.N}`, right = `${points[points.length - 1]!.N} (log scale)`;
  out.push(`${' '.repeat(lw)}  ${left}${' '.repeat(Math.max(1, w - left.length - right.length))}${right}`);
  out.push(`${' '.repeat(lw)}  • estimate of entry (${row + 1},${col + 1})   ─ exact ${mc.exact[row]![col]}   · exact ± σ/√N`);
  return out;
}
