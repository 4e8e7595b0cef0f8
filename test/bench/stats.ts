/** Small pure helpers for the benchmark table: medians and human-readable numbers. */

export function median(xs: readonly number[]): number {
  if (xs.length === 0) throw new RangeError('median of no samples');
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** Three significant figures, milliseconds below one second: "38.2 ms", "1.24 s", "125 s". */
export function formatSeconds(s: number): string {
  if (s < 1) return `${sig3(s * 1000)} ms`;
  return `${sig3(s)} s`;
}

/** A dln/reference ratio: "0.0421×", "0.85×", "12.3×". */
export function formatRatio(r: number): string {
  return `${sig3(r)}×`;
}

/** Peak RSS from KiB, in MB (10^6 bytes) as `ps`-style tools print it: "52 MB", "1.2 GB". */
export function formatMemory(kib: number): string {
  const mb = (kib * 1024) / 1e6;
  return mb >= 1000 ? `${sig3(mb / 1000)} GB` : `${Math.round(mb)} MB`;
}

function sig3(x: number): string {
  if (x === 0) return '0';
  const digits = Math.max(0, 2 - Math.floor(Math.log10(Math.abs(x))));
  return x.toFixed(Math.min(digits, 6));
}

/** Left-aligned text columns separated by two spaces, with a dashed rule under the header. */
export function formatTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => (r[c] ?? '').length)));
  const line = (cells: readonly string[]) =>
    cells.map((cell, c) => (c === cells.length - 1 ? cell : cell.padEnd(widths[c]!))).join('  ').trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}
