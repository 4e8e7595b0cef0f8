import type { Matrix } from './matrix.js';
import type { Rational } from './rational.js';

/**
 * The rank of a rational matrix by fraction-free (Bareiss) elimination on integers: each row is scaled to
 * integers once, and every entry after k steps is a (k+1)-minor, so numbers grow linearly with the size instead
 * of through the gcds of rational Gauss–Jordan (a 50×50 matrix with 20-bit entries: milliseconds, not seconds).
 */
export function integerRank(A: Matrix<Rational>): number {
  const { rows: m, cols: n } = A;
  const a: bigint[][] = [];
  for (let i = 0; i < m; i++) {
    const row = A.data.slice(i * n, (i + 1) * n);
    const den = row.reduce((l, q) => lcm(l, q.den), 1n);
    a.push(row.map((q) => q.num * (den / q.den)));
  }
  let prev = 1n;
  let r = 0;
  for (let c = 0; c < n && r < m; c++) {
    let best = -1;
    for (let i = r; i < m; i++) if (a[i]![c] !== 0n && (best < 0 || abs(a[i]![c]!) < abs(a[best]![c]!))) best = i;
    if (best < 0) continue;
    [a[best], a[r]] = [a[r]!, a[best]!];
    const pivot = a[r]![c]!;
    for (let i = r + 1; i < m; i++) {
      const row = a[i]!;
      const f = row[c]!;
      for (let j = c + 1; j < n; j++) row[j] = (pivot * row[j]! - f * a[r]![j]!) / prev;
      row[c] = 0n;
    }
    prev = pivot;
    r++;
  }
  return r;
}

const abs = (x: bigint) => (x < 0n ? -x : x);
const gcd = (x: bigint, y: bigint): bigint => (y === 0n ? x : gcd(y, x % y));
const lcm = (x: bigint, y: bigint) => (x / gcd(x, y)) * y;
