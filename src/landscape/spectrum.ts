import {
  Exact, Rational, type Matrix, build, gcd, identity, inertia, mul, pinv, rank, sub, scale, symmetricEigen,
  transpose, convert, trace, modularField, randomModular,
} from '../linalg/index.js';
import { exponentOf, pow2, scaleBy } from './balance.js';
import { simplestBetween } from './rational-search.js';
import type { Rng } from '../linalg/random.js';

/**
 * Exact facts about the spectrum of a rational symmetric matrix (Σ): eigenvalues are isolated by rational
 * cut points c_0 > μ_1 > c_1 > … > μ_k > c_k using exact inertia counts, so every verdict that depends on
 * them (index sets, global minimality) is exact even when the eigenvalues are irrational.
 */

/** Σ = Y Xᵀ (X Xᵀ)⁺ X Yᵀ: with X Xᵀ invertible the paper's Σ; in general the Gram matrix of Y's projection on the row space of X. */
export function sigmaMatrix(X: Matrix<Rational>, Y: Matrix<Rational>): Matrix<Rational> {
  const YXt = mul(Exact, Y, transpose(X));
  return mul(Exact, mul(Exact, YXt, pinv(Exact, mul(Exact, X, transpose(X)))), transpose(YXt));
}

/** Number of distinct eigenvalues of a symmetric matrix: the degree of its minimal polynomial, dim span{I, S, S², …}. */
export function distinctEigenvalueCount(S: Matrix<Rational>): number {
  const n = S.rows;
  const powers: Rational[][] = [];
  let P = identity(Exact, n);
  for (let i = 0; i < n; i++) {
    powers.push([...P.data]);
    P = mul(Exact, P, S);
  }
  return rank(Exact, build(n, n * n, (i, j) => powers[i]![j]!));
}

/** The prime of the Krylov test (any prime would do; a fixed one keeps the stated failure probability simple). */
const F = modularField(67_108_859);

/**
 * Proves that a rational symmetric d×d matrix S has d distinct eigenvalues without locating them, or returns
 * false (undecided). S is diagonalisable, so it has d distinct eigenvalues iff its minimal polynomial has degree
 * d iff some Krylov matrix K = [b, Sb, …, S^{d−1}b] is invertible. With D the common denominator of S, the
 * integer matrix K' = [b, (DS)b, …, (DS)^{d−1}b] = K·diag(D^k) has the same rank, and full rank modulo a prime
 * implies full rank over ℚ (det K' ≢ 0 mod p ⇒ det K' ≠ 0): a proof. When the eigenvalues are distinct it fails
 * for a random b with probability at most d/p (Schwartz–Zippel; unless p is one of the finitely many primes
 * modulo which they collide), and always when one is repeated. `false` only sends the caller to the exact isolation.
 */
export function provesDistinctEigenvalues(S: Matrix<Rational>, rng: Rng): boolean {
  const d = S.rows;
  const D = Rational.of(S.data.reduce((l, x) => (l / gcd(l, x.den)) * x.den, 1n));
  const DS = build(d, d, (i, j) => F.fromRational(S.data[i * d + j]!.mul(D)));
  // Rows of K'ᵀ: b, then repeated products with DS mod p.
  const K = [build(1, d, () => randomModular(rng, F.p))];
  for (let k = 1; k < d; k++) K.push(transpose(mul(F, DS, transpose(K[k - 1]!))));
  return rank(F, build(d, d, (i, j) => K[i]!.data[j]!)) === d;
}

/**
 * #eigenvalues above c and equal to c, exactly: the inertia of S − cI. S is scaled once to an integer
 * matrix D·S, and for c = a/b the inertia of b·D·S − a·D·I (a positive multiple) is taken instead, which keeps
 * the elimination's rationals short.
 */
export function eigenCounter(S: Matrix<Rational>): (c: Rational) => { above: number; at: number } {
  const D = S.data.reduce((l, x) => (l / gcd(l, x.den)) * x.den, 1n);
  const Sint = S.data.map((x) => x.num * (D / x.den));
  const n = S.rows;
  return (c) => {
    const shift = c.num * D;
    const data = Sint.map((x, k) => Rational.of(k % (n + 1) === 0 ? x * c.den - shift : x * c.den));
    const { inertia: i } = inertia(Exact, { rows: n, cols: n, data });
    return { above: i.positive, at: i.zero };
  };
}

export function countAt(S: Matrix<Rational>, c: Rational): { above: number; at: number } {
  return eigenCounter(S)(c);
}

/** One distinct eigenvalue μ with lower < μ < upper (rational cut points no eigenvalue equals). */
export interface EigenCluster {
  readonly multiplicity: number;
  readonly lower: Rational;
  readonly upper: Rational;
  /** The exact value when it is rational and was identified (checked: S − μI is singular). */
  readonly exact?: Rational;
  /** Float approximation (Jacobi), clamped into (lower, upper). */
  readonly approx: number;
}

export interface Spectrum {
  /** Distinct eigenvalues, decreasing. */
  readonly clusters: readonly EigenCluster[];
  /** Float eigenvalues with multiplicity, decreasing. */
  readonly approx: readonly number[];
  /** Orthonormal float eigenvectors (columns) in the order of `approx`. */
  readonly vectors: Matrix<number>;
}

/**
 * Isolates the distinct eigenvalues of a rational symmetric matrix and identifies the rational ones. Far from 1
 * (entries beyond about 2^±64) the matrix is first scaled by a power of two, so its float values stay finite and
 * its relative precision holds; the cut points and exact values are scaled back exactly.
 */
export function isolateSpectrum(S: Matrix<Rational>): Spectrum {
  const e = scaleExponent(S);
  return e === 0 ? isolateScaled(S) : scaleSpectrum(isolateScaled(scaleBy(S, -e)), e);
}

/** The power of two that brings a matrix's entries near 1, or 0 when they are within 2^±64 already. */
export function scaleExponent(S: Matrix<Rational>): number {
  const e = exponentOf(S) ?? 0;
  return Math.abs(e) <= 64 ? 0 : e;
}

/** The spectrum of 2^e·S from that of S: exact bounds and values times 2^e, floats too (display only). */
export function scaleSpectrum(sp: Spectrum, e: number): Spectrum {
  if (e === 0) return sp;
  const f = pow2(e);
  return {
    clusters: sp.clusters.map((c) => ({
      multiplicity: c.multiplicity,
      lower: c.lower.mul(f),
      upper: c.upper.mul(f),
      ...(c.exact ? { exact: c.exact.mul(f) } : {}),
      approx: c.approx * 2 ** e,
    })),
    approx: sp.approx.map((x) => x * 2 ** e),
    vectors: sp.vectors,
  };
}

/** Σ_{i ≤ r} λ_i of 2^e·S from that of S. */
export function scaleSum(s: EigenSum, e: number): EigenSum {
  if (e === 0) return s;
  const f = pow2(e);
  return s.exact ? { exact: true, value: s.value.mul(f) } : { exact: false, lower: s.lower.mul(f), upper: s.upper.mul(f) };
}

function isolateScaled(S: Matrix<Rational>): Spectrum {
  const n = S.rows;
  const { values, vectors } = symmetricEigen(convert(S, (q) => q.toNumber()));
  // Gershgorin: every eigenvalue lies in [−R, R].
  let R = Rational.ZERO;
  for (let i = 0; i < n; i++) {
    let row = Rational.ZERO;
    for (let j = 0; j < n; j++) row = row.add(S.data[i * n + j]!.abs());
    if (row.cmp(R) > 0) R = row;
  }
  const scaleF = Math.max(1, R.toNumber());
  // Pieces: open intervals (lo, hi) holding `count` eigenvalues, or exact hits lo = hi = exact.
  type Piece = { lo: Rational; hi: Rational; count: number; exact?: Rational };
  const top = R.add(Rational.ONE), bottom = R.add(Rational.ONE).neg();
  const cuts: Rational[] = [top];
  // Seed cuts between well separated float eigenvalues; exact counts below decide everything.
  for (let i = 0; i + 1 < n; i++) {
    const a = values[i]!, b = values[i + 1]!;
    if (a - b > 1e-9 * scaleF) {
      const c = simplestBetween(Rational.fromNumber(b + (a - b) / 4), Rational.fromNumber(a - (a - b) / 4));
      if (c.cmp(cuts[cuts.length - 1]!) < 0 && c.cmp(bottom) > 0) cuts.push(c);
    }
  }
  cuts.push(bottom);
  const pieces: Piece[] = [];
  const counts = new Map<string, { above: number; at: number }>();
  const counter = eigenCounter(S);
  const at = (c: Rational) => {
    let v = counts.get(c.toString());
    if (!v) counts.set(c.toString(), (v = counter(c)));
    return v;
  };
  // A cut that hits an eigenvalue is an exact eigenvalue: split it off as its own piece.
  const addInterval = (hi: Rational, lo: Rational) => {
    const count = at(lo).above - at(hi).above - at(hi).at;
    if (count > 0) pieces.push({ lo, hi, count });
  };
  for (let i = 0; i + 1 < cuts.length; i++) {
    const hi = cuts[i]!, lo = cuts[i + 1]!;
    if (i > 0 && at(hi).at > 0) pieces.push({ lo: hi, hi, count: at(hi).at, exact: hi });
    addInterval(hi, lo);
  }
  // Bisect intervals holding several eigenvalues until there are k pieces (one distinct eigenvalue each).
  // k (the minimal polynomial's degree) is only needed when some interval holds more than one eigenvalue.
  let k: number | undefined;
  for (let guard = 0; pieces.some((p) => p.count > 1 && !p.exact) && pieces.length < (k ??= distinctEigenvalueCount(S)); guard++) {
    if (guard > 10_000) throw new Error('eigenvalue isolation did not terminate');
    const idx = pieces.findIndex((p) => p.exact === undefined && p.count > 1 && !p.lo.eq(p.hi));
    if (idx < 0) throw new Error('eigenvalue isolation: no piece left to split');
    const p = pieces[idx]!;
    const mid = p.lo.add(p.hi).div(Rational.fromInt(2));
    const c = simplestBetween(p.lo.add(mid).div(Rational.fromInt(2)), p.hi.add(mid).div(Rational.fromInt(2)));
    const replacement: Piece[] = [];
    const upperCount = at(c).above - at(p.hi).above - at(p.hi).at;
    if (upperCount > 0) replacement.push({ lo: c, hi: p.hi, count: upperCount });
    if (at(c).at > 0) replacement.push({ lo: c, hi: c, count: at(c).at, exact: c });
    const lowerCount = at(p.lo).above - at(c).above - at(c).at;
    if (lowerCount > 0) replacement.push({ lo: p.lo, hi: c, count: lowerCount });
    pieces.splice(idx, 1, ...replacement);
  }
  // Exact hits become open intervals around them, shrunk until no other eigenvalue is inside.
  let position = 0;
  const clusters: EigenCluster[] = pieces.map((p) => {
    const floats = values.slice(position, position + p.count);
    position += p.count;
    let { lo, hi } = p;
    if (p.exact) {
      let width = Rational.ONE;
      for (;;) {
        hi = p.exact.add(width);
        lo = p.exact.sub(width);
        if (at(hi).at === 0 && at(lo).at === 0 && at(lo).above - at(hi).above === p.count) break;
        width = width.div(Rational.fromInt(2));
      }
    }
    const mean = floats.reduce((s, x) => s + x, 0) / Math.max(1, floats.length);
    const approx = Math.min(hi.toNumber(), Math.max(lo.toNumber(), mean));
    const exact = p.exact ?? identifyRational(lo, hi, approx, scaleF, at);
    return exact ? { multiplicity: p.count, lower: lo, upper: hi, exact, approx: exact.toNumber() } : { multiplicity: p.count, lower: lo, upper: hi, approx };
  });
  return { clusters, approx: values, vectors };
}

/**
 * Guesses rationals near the float value and keeps one only if S − qI is exactly singular: the simplest
 * rational within the Jacobi error (relative 1e-12), the shortest decimal that prints as the float (data
 * typed as decimals), then the simplest within 1e-9. Rational eigenvalues with large denominators may go
 * unidentified; they are then treated as not known exactly (never as rational).
 */
function identifyRational(
  lo: Rational,
  hi: Rational,
  approx: number,
  scaleF: number,
  at: (c: Rational) => { above: number; at: number },
): Rational | undefined {
  const window = (rel: number): Rational | undefined => {
    const tol = rel * scaleF;
    let a = Rational.fromNumber(approx - tol), b = Rational.fromNumber(approx + tol);
    if (a.cmp(lo) < 0) a = lo;
    if (b.cmp(hi) > 0) b = hi;
    return a.cmp(b) < 0 ? simplestBetween(a, b) : undefined;
  };
  const tried: Rational[] = [];
  for (const guess of [() => window(1e-12), () => Rational.fromNumber(approx), () => window(1e-9)]) {
    const q = guess();
    if (!q || q.cmp(lo) <= 0 || q.cmp(hi) >= 0 || tried.some((t) => t.eq(q))) continue;
    tried.push(q);
    if (at(q).at > 0) return q;
  }
  return undefined;
}

/** The number of eigenvalues of S restricted to range(B) (B's columns spanning an S-invariant subspace) above c. */
export function countAboveOn(S: Matrix<Rational>, B: Matrix<Rational>, c: Rational): number {
  const M = mul(Exact, mul(Exact, transpose(B), sub(Exact, S, scale(Exact, c, identity(Exact, S.rows)))), B);
  return inertia(Exact, M).inertia.positive;
}

/** How many eigenvalues of each cluster lie in the invariant subspace range(B). */
export function clusterCountsOn(S: Matrix<Rational>, B: Matrix<Rational>, spectrum: Spectrum): number[] {
  if (B.cols === 0) return spectrum.clusters.map(() => 0);
  const above = (c: Rational) => countAboveOn(S, B, c);
  return spectrum.clusters.map((cl) => above(cl.lower) - above(cl.upper));
}

/** Exact or rigorously enclosed sum of the top r eigenvalues (with multiplicity). */
export type EigenSum =
  | { readonly exact: true; readonly value: Rational }
  | { readonly exact: false; readonly lower: Rational; readonly upper: Rational };

/**
 * Σ_{i ≤ r} λ_i without isolating the whole spectrum: exact counts are taken only around the float eigenvalues
 * (`approx`, decreasing) on the shorter side — the top r, or the bottom d − r subtracted from the trace. Float
 * values within 1e-9 (relative) form a group at positions [s, s + m); it is identified as a rational eigenvalue q
 * (m eigenvalues equal q and s above it: one count), or else enclosed: s eigenvalues above hi (none at it) and
 * s + m above lo put exactly those m in (lo, hi). Undefined when the counts disagree with the floats (the caller
 * then isolates the spectrum); the floats only choose where to count, so the result is exact or enclosed.
 */
export function topEigenSumNear(S: Matrix<Rational>, approx: readonly number[], r: number): EigenSum | undefined {
  const d = approx.length;
  const fromTop = r <= d - r;
  const [first, last] = fromTop ? [0, r] : [r, d];
  const scaleF = Math.max(1, ...approx.map(Math.abs));
  const counter = eigenCounter(S);
  let lower = Rational.ZERO, upper = Rational.ZERO;
  for (let s = first; s < last; ) {
    let end = s + 1;
    while (end < d && approx[end - 1]! - approx[end]! <= 1e-9 * scaleF) end++;
    while (s > 0 && approx[s - 1]! - approx[s]! <= 1e-9 * scaleF) s--; // a group straddling `first` starts above it
    const group = approx.slice(s, end), m = end - s;
    const taken = Rational.fromInt(Math.min(end, last) - Math.max(s, first));
    const enclosure = enclose(counter, s, m, group, scaleF);
    if (!enclosure) return undefined;
    lower = lower.add(enclosure[0].mul(taken));
    upper = upper.add(enclosure[1].mul(taken));
    s = end;
  }
  if (!fromTop) [lower, upper] = [trace(Exact, S).sub(upper), trace(Exact, S).sub(lower)];
  return lower.eq(upper) ? { exact: true, value: lower } : { exact: false, lower, upper };
}

/** [q, q] for a rational eigenvalue of multiplicity m at positions [s, s+m), else (lo, hi) holding exactly them. */
function enclose(
  counter: (c: Rational) => { above: number; at: number },
  s: number,
  m: number,
  group: readonly number[],
  scaleF: number,
): readonly [Rational, Rational] | undefined {
  const mean = group.reduce((t, x) => t + x, 0) / m;
  const tight = 1e-12 * scaleF;
  const q = simplestBetween(Rational.fromNumber(mean - tight), Rational.fromNumber(mean + tight));
  const atQ = counter(q);
  if (atQ.at === m && atQ.above === s) return [q, q];
  for (const width of [1e-12 * scaleF, 1e-9 * scaleF]) {
    const lo = Rational.fromNumber(group[m - 1]! - width), hi = Rational.fromNumber(group[0]! + width);
    const cHi = counter(hi);
    if (cHi.above === s && cHi.at === 0 && counter(lo).above === s + m) return [lo, hi];
  }
  return undefined;
}

/**
 * Σ_{i ≤ r} λ_i: exact when the eigenvalues involved (or all the others, through the trace) are rational;
 * otherwise an interval from the cut points, narrowed by exact counts to about `relWidth` (1e-12) of the largest eigenvalue.
 */
export function topEigenSum(S: Matrix<Rational>, spectrum: Spectrum, r: number, relWidth = 1e-12): EigenSum {
  const take: { cl: EigenCluster; m: number }[] = [];
  const rest: { cl: EigenCluster; m: number }[] = [];
  let left = r;
  for (const cl of spectrum.clusters) {
    const m = Math.min(left, cl.multiplicity);
    if (m > 0) take.push({ cl, m });
    if (cl.multiplicity - m > 0) rest.push({ cl, m: cl.multiplicity - m });
    left -= m;
  }
  const sum = (parts: typeof take) => parts.reduce((s, { cl, m }) => s.add(cl.exact!.mul(Rational.fromInt(m))), Rational.ZERO);
  if (take.every(({ cl }) => cl.exact)) return { exact: true, value: sum(take) };
  if (rest.every(({ cl }) => cl.exact)) return { exact: true, value: trace(Exact, S).sub(sum(rest)) };
  const scaleF = Math.max(1, ...spectrum.approx.map(Math.abs));
  const counter = eigenCounter(S);
  let lower = Rational.ZERO, upper = Rational.ZERO;
  for (const { cl, m } of take) {
    let { lower: lo, upper: hi } = cl;
    if (!cl.exact) {
      const target = relWidth * scaleF;
      // First try a tight interval around the float value (two exact counts); bisect only if it fails.
      const tight = [Rational.fromNumber(cl.approx - target / 4), Rational.fromNumber(cl.approx + target / 4)] as const;
      if (tight[0].cmp(lo) > 0 && tight[1].cmp(hi) < 0) {
        const cLo = counter(tight[0]), cHi = counter(tight[1]);
        if (cLo.at === 0 && cHi.at === 0 && cLo.above - cHi.above === cl.multiplicity) [lo, hi] = tight;
      }
      // The cluster is one eigenvalue (with multiplicity m) in (lo, hi): bisect by exact counts.
      const above = counter;
      const base = above(hi).above;
      for (let it = 0; it < 200 && hi.sub(lo).toNumber() > target; it++) {
        const mid = simplestBetween(lo.add(hi.sub(lo).div(Rational.fromInt(3))), hi.sub(hi.sub(lo).div(Rational.fromInt(3))));
        const c = above(mid);
        if (c.at > 0) {
          lo = hi = mid;
          break;
        }
        if (c.above > base) lo = mid;
        else hi = mid;
      }
    }
    const M = Rational.fromInt(m);
    lower = lower.add((cl.exact ?? lo).mul(M));
    upper = upper.add((cl.exact ?? hi).mul(M));
  }
  return lower.eq(upper) ? { exact: true, value: lower } : { exact: false, lower, upper };
}
