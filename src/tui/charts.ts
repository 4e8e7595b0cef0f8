/**
 * Text pictures for the point explorer: the Hessian spectrum as a bar chart and the loss along a certificate
 * line as a small plot. Pure functions of numbers to lines, so they are tested on their own.
 */

/** A float for a chart label: at most 4 significant digits, no trailing zeros, exponent form when tiny or huge. */
export function formatNumber(x: number): string {
  if (x === 0 || Object.is(x, -0)) return '0';
  const a = Math.abs(x);
  if (a >= 1e5 || a < 1e-3) return x.toExponential(2).replace(/\.?0+e/, 'e').replace('e+', 'e');
  return String(Number(x.toPrecision(4)));
}

export interface SpectrumGroup {
  /** The value shown: the eigenvalue, or for a bin the one of largest magnitude in it. */
  readonly value: number;
  readonly count: number;
  /** For a bin of several distinct values, its range. */
  readonly range?: readonly [number, number];
}

/**
 * Groups eigenvalues equal up to `tol` (relative to the largest magnitude) with their multiplicities, in
 * decreasing order; when more than `maxRows` groups remain, merges neighbours into `maxRows` bins. Values
 * within `tol` of zero count as zero.
 */
export function groupSpectrum(eigenvalues: readonly number[], maxRows: number, tol = 1e-9): SpectrumGroup[] {
  const sorted = [...eigenvalues].filter(Number.isFinite).sort((a, b) => b - a);
  if (sorted.length === 0) return [];
  const scale = Math.max(1, ...sorted.map(Math.abs));
  const groups: { lo: number; hi: number; count: number }[] = [];
  for (const x of sorted) {
    const g = groups[groups.length - 1];
    if (g && Math.abs(g.lo - x) <= tol * scale) {
      g.lo = x;
      g.count += 1;
    } else groups.push({ lo: x, hi: x, count: 1 });
  }
  const rows = Math.max(1, maxRows);
  // float noise around zero is drawn as zero (the exact inertia beside the chart is the verdict)
  const snap = (x: number) => (Math.abs(x) <= tol * scale ? 0 : x);
  if (groups.length <= rows) return groups.map((g) => ({ value: snap((g.lo + g.hi) / 2), count: g.count }));
  const out: SpectrumGroup[] = [];
  for (let b = 0; b < rows; b++) {
    const part = groups.slice(Math.floor((b * groups.length) / rows), Math.floor(((b + 1) * groups.length) / rows));
    const hi = part[0]!.hi;
    const lo = part[part.length - 1]!.lo;
    out.push({
      value: snap(Math.abs(hi) >= Math.abs(lo) ? hi : lo),
      count: part.reduce((n, g) => n + g.count, 0),
      range: [lo, hi],
    });
  }
  return out;
}

/**
 * The spectrum as horizontal bars around a zero axis: negative eigenvalues grow left, positive right, length
 * proportional to magnitude (at least one cell when non-zero), each row labelled with the value and `×k`.
 * `width` is the whole line's width.
 */
export function spectrumChart(eigenvalues: readonly number[], width: number, maxRows: number): string[] {
  const groups = groupSpectrum(eigenvalues, maxRows);
  if (groups.length === 0) return ['(no eigenvalues)'];
  const labels = groups.map((g) => (g.range ? `${formatNumber(g.range[0])}…${formatNumber(g.range[1])}` : formatNumber(g.value)));
  const counts = groups.map((g) => (g.count > 1 ? ` ×${g.count}` : ''));
  const labelWidth = Math.max(...labels.map((l) => l.length));
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
    return `${labels[i]!.padStart(labelWidth)} ${neg.padStart(negCells)}│${pos.padEnd(posCells)}${counts[i]}`.trimEnd();
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
