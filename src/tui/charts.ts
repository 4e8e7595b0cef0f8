/**
 * Text pictures for the point explorer: the Hessian spectrum as a bar chart and the loss along a certificate
 * line as a small plot. Pure functions of numbers to lines, so they are tested on their own.
 */
import { formatNumber } from './numbers.js';

export interface SpectrumGroup {
  /** The value shown: the eigenvalue, or for a bin the one of largest magnitude in it. */
  readonly value: number;
  readonly count: number;
  /** For a bin of several distinct values, its range. */
  readonly range?: readonly [number, number];
}

/** Exact counts of positive, negative and zero eigenvalues (the report's inertia). */
export interface Inertia {
  readonly positive: number;
  readonly negative: number;
  readonly zero: number;
}

/**
 * Groups eigenvalues equal up to `tol` (relative to the largest magnitude) with their multiplicities, in
 * decreasing order. Zero eigenvalues form one group of value 0: with `inertia` (exact counts that add up to the
 * number of eigenvalues) exactly `inertia.zero` of them, those nearest 0, whatever float noise they carry;
 * without it, those within `tol` of zero. When more than `maxRows` groups remain, neighbours of the same sign are
 * merged into bins: positive and negative values never share a row, and each side gets rows in proportion to
 * its number of groups (at least one).
 */
export function groupSpectrum(eigenvalues: readonly number[], maxRows: number, inertia?: Inertia, tol = 1e-9): SpectrumGroup[] {
  const sorted = [...eigenvalues].filter(Number.isFinite).sort((a, b) => b - a);
  if (sorted.length === 0) return [];
  const scale = Math.max(1, ...sorted.map(Math.abs));
  const exact = inertia !== undefined && inertia.positive + inertia.negative + inertia.zero === sorted.length;
  const positive = exact ? sorted.slice(0, inertia.positive) : sorted.filter((x) => x > tol * scale);
  const negative = exact ? sorted.slice(sorted.length - inertia.negative) : sorted.filter((x) => x < -tol * scale);
  const zeros = sorted.length - positive.length - negative.length;
  const equalRuns = (values: readonly number[]) => {
    const runs: { lo: number; hi: number; count: number }[] = [];
    for (const x of values) {
      const g = runs[runs.length - 1];
      if (g && Math.abs(g.lo - x) <= tol * scale) {
        g.lo = x;
        g.count += 1;
      } else runs.push({ lo: x, hi: x, count: 1 });
    }
    return runs;
  };
  const pos = equalRuns(positive);
  const neg = equalRuns(negative);
  const rows = Math.max(1, maxRows) - (zeros > 0 ? 1 : 0);
  // rows for each side, in proportion to its groups, at least one for a side that has any
  let posRows = pos.length + neg.length <= rows ? pos.length : Math.round((rows * pos.length) / (pos.length + neg.length));
  if (pos.length > 0) posRows = Math.max(1, Math.min(posRows, rows - (neg.length > 0 ? 1 : 0)));
  const negRows = Math.max(neg.length > 0 ? 1 : 0, rows - posRows);
  const bins = (runs: { lo: number; hi: number; count: number }[], n: number): SpectrumGroup[] => {
    if (runs.length <= n) return runs.map((g) => ({ value: (g.lo + g.hi) / 2, count: g.count }));
    return Array.from({ length: n }, (_, b) => {
      const part = runs.slice(Math.floor((b * runs.length) / n), Math.floor(((b + 1) * runs.length) / n));
      const hi = part[0]!.hi;
      const lo = part[part.length - 1]!.lo;
      const count = part.reduce((k, g) => k + g.count, 0);
      return part.length === 1 ? { value: (lo + hi) / 2, count } : { value: Math.abs(hi) >= Math.abs(lo) ? hi : lo, count, range: [lo, hi] };
    });
  };
  return [...bins(pos, posRows), ...(zeros > 0 ? [{ value: 0, count: zeros }] : []), ...bins(neg, negRows)];
}

/** A row's label: the value, or a bin's range (one value when both ends print alike). */
function groupLabel(g: SpectrumGroup): string {
  if (!g.range) return formatNumber(g.value);
  const [lo, hi] = g.range.map(formatNumber);
  return lo === hi ? lo! : `${lo}…${hi}`;
}

/**
 * The spectrum as horizontal bars around a zero axis: negative eigenvalues grow left, positive right, length
 * proportional to magnitude (at least one cell when non-zero), each row labelled with the value and `×k`.
 * `width` is the whole line's width; `inertia`, when known exactly, decides which eigenvalues are zero.
 */
export function spectrumChart(eigenvalues: readonly number[], width: number, maxRows: number, inertia?: Inertia): string[] {
  const groups = groupSpectrum(eigenvalues, maxRows, inertia);
  if (groups.length === 0) return ['(no eigenvalues)'];
  const labels = groups.map(groupLabel);
  const counts = groups.map((g) => (g.count > 1 ? ` ×${g.count}` : ''));
  const labelWidth = Math.max(...labels.map((l) => Array.from(l).length));
  const countWidth = Math.max(...counts.map((c) => c.length));
  // one scale for both sides, so equal magnitudes get equal bars; a cell is kept for rounding both sides up
  const bars = Math.max(4, width - labelWidth - countWidth - 2) - 1;
  const maxPos = Math.max(0, ...groups.map((g) => g.value));
  const maxNeg = Math.max(0, ...groups.map((g) => -g.value));
  const unit = maxPos + maxNeg === 0 ? 0 : bars / (maxPos + maxNeg);
  const cells = (v: number) => (v <= 0 ? 0 : Math.max(1, Math.round(v * unit)));
  const negCells = cells(maxNeg);
  const posCells = cells(maxPos);
  return groups.map((g, i) => {
    const neg = '█'.repeat(cells(-g.value));
    const pos = '█'.repeat(cells(g.value));
    const label = ' '.repeat(labelWidth - Array.from(labels[i]!).length) + labels[i];
    return `${label} ${neg.padStart(negCells)}│${pos.padEnd(posCells)}${counts[i]}`.trimEnd();
  });
}

/**
 * A small plot of `samples` (x increasing): `height` rows by `width` columns of plot area, the zero lines of
 * both axes drawn when in range, y labels (top, zero, bottom) on the left and x labels (left, zero, right)
 * below. The y range always includes 0, so a decrease below the starting loss is visible at a glance; with
 * `focusBelowZero` the top is capped (labelled `≥`) so that a small decrease is not flattened by a tall rise.
 */
export function linePlot(
  samples: readonly { readonly t: number; readonly delta: number }[],
  width: number,
  height: number,
  options: { readonly focusBelowZero?: boolean } = {},
): string[] {
  const pts = samples.filter((s) => Number.isFinite(s.t) && Number.isFinite(s.delta));
  if (pts.length < 2) return ['(not enough samples to plot)'];
  const w = Math.max(8, width);
  const h = Math.max(3, height);
  const t0 = pts[0]!.t;
  const t1 = pts[pts.length - 1]!.t;
  let yMax = Math.max(0, ...pts.map((p) => p.delta));
  let yMin = Math.min(0, ...pts.map((p) => p.delta));
  if (yMax === yMin) [yMin, yMax] = [-1, 1];
  // a small dip under a tall rise would be flat: cap the top so the dip fills at least a fifth of the height
  const capped = options.focusBelowZero === true && yMin < 0 && yMax > -4 * yMin;
  if (capped) yMax = -4 * yMin;
  const rowOf = (y: number) => Math.max(0, Math.round(((yMax - Math.min(y, yMax)) / (yMax - yMin)) * (h - 1)));
  const colOf = (t: number) => Math.round(((t - t0) / (t1 - t0)) * (w - 1));
  const grid = Array.from({ length: h }, () => Array<string>(w).fill(' '));
  const zeroRow = rowOf(0);
  const zeroCol = t0 <= 0 && 0 <= t1 ? colOf(0) : -1;
  for (let c = 0; c < w; c++) grid[zeroRow]![c] = '─';
  if (zeroCol >= 0) for (let r = 0; r < h; r++) grid[r]![zeroCol] = r === zeroRow ? '┼' : '│';
  // linear interpolation between samples, one point per column, gaps filled so steep parts stay connected
  let prevRow: number | undefined;
  let k = 0;
  for (let c = 0; c < w; c++) {
    const t = t0 + ((t1 - t0) * c) / (w - 1);
    while (k < pts.length - 2 && pts[k + 1]!.t < t) k++;
    const a = pts[k]!, b = pts[k + 1]!;
    const y = b.t === a.t ? a.delta : a.delta + ((b.delta - a.delta) * (t - a.t)) / (b.t - a.t);
    const row = rowOf(y);
    const [from, to] =
      prevRow === undefined || row === prevRow ? [row, row] : row > prevRow ? [prevRow + 1, row] : [row, prevRow - 1];
    for (let r = from; r <= to; r++) grid[r]![c] = '•';
    prevRow = row;
  }
  const yLabels = new Map<number, string>([
    [0, `${capped ? '≥ ' : ''}${formatNumber(yMax)}`],
    [h - 1, formatNumber(yMin)],
    [zeroRow, '0'],
  ]);
  const lw = Math.max(...[...yLabels.values()].map((l) => l.length));
  const out = grid.map((cells, r) => {
    const label = yLabels.get(r) ?? '';
    return `${label.padStart(lw)} ${label === '' ? '│' : '┤'}${cells.join('')}`;
  });
  out.push(`${' '.repeat(lw)} └${'─'.repeat(w)}`);
  // x labels under the plot area (index 0 is the corner): left end, right end, and 0 where it fits
  const xl = Array<string>(w + 1).fill(' ');
  const fits = (at: number, text: string) => at >= 1 && at + text.length <= w + 1 && xl.slice(at - 1, at + text.length + 1).every((ch) => ch === ' ');
  const put = (at: number, text: string) => {
    if (fits(at, text)) for (let i = 0; i < text.length; i++) xl[at + i] = text[i]!;
  };
  put(1, formatNumber(t0));
  put(w + 1 - formatNumber(t1).length, formatNumber(t1));
  if (zeroCol >= 0) put(zeroCol + 1, '0');
  out.push(`${' '.repeat(lw)} ${xl.join('').trimEnd()}`);
  return out;
}
