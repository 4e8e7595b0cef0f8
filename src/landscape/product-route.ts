import { Exact, Rational, type Matrix, columnSpace, identity, mul, pinv, rank, sub, transpose } from '../linalg/index.js';
import type { DataAnalysis } from './data.js';
import { lossStarOf } from './data.js';
import type { Label } from './network.js';

/**
 * A second classifier that decides what it can from the end-to-end product, sharing no code with the Hessian
 * route (no gradient, Hessian, inertia, certificate or global-minimum test of classify.ts): criticality from
 * Lemma 4.1 in the paper's form Z_k r A_k = 0, the Baldi–Hornik form of Lemma 4.2, M = P_C Y Xᵀ(XXᵀ)⁻¹, the
 * critical value ½(tr YYᵀ − tr P_CΣ), and the index set from the characteristic polynomial of Σ on range(C)
 * (Faddeev–LeVerrier) with Descartes' rule of signs at the data's eigenvalue cut points — exact for the real-
 * rooted polynomials of symmetric maps. Only the data facts (Σ, its isolated spectrum, L*, (A)) are shared.
 * It returns the labels consistent with what it found; the Hessian route's label must be one of them.
 */
export interface SecondOpinion {
  /** The labels this route allows. */
  readonly labels: readonly Label[];
  /** I (1-based) when (A) holds and the point is critical, else null. */
  readonly indexSet: number[] | null;
  /** ½(tr YYᵀ − tr P_CΣ) at a critical point with X Xᵀ invertible, else null. */
  readonly criticalValue: Rational | null;
  readonly reason: string;
}

const SADDLES: readonly Label[] = ['strict-saddle', 'bad-saddle', 'undetermined'];

export function productRoute(data: DataAnalysis, W: readonly Matrix<Rational>[]): SecondOpinion {
  const { X, Y } = data;
  const L = W.length;
  // Z_k = W_{k−1}⋯W_1 X through the rows' products P_{k−1}, and A_k = W_{H+1}⋯W_{k+1}, built here.
  const below: Matrix<Rational>[] = [identity(Exact, X.rows)];
  for (let k = 0; k < L; k++) below.push(mul(Exact, W[k]!, below[k]!));
  const above: Matrix<Rational>[] = new Array(L + 1);
  above[L] = identity(Exact, Y.rows);
  for (let k = L - 1; k >= 1; k--) above[k] = mul(Exact, above[k + 1]!, W[k]!);
  const M = below[L]!;
  const R = sub(Exact, mul(Exact, M, X), Y); // rᵀ
  const XRt = mul(Exact, X, transpose(R)); // X r
  for (let k = 1; k <= L; k++) {
    const Zr = mul(Exact, below[k - 1]!, XRt); // Z_k r
    const g = mul(Exact, Zr, above[k]!);
    const at = g.data.findIndex((x) => !x.isZero());
    if (at >= 0) return { labels: ['not-critical'], indexSet: null, criticalValue: null, reason: `Z_${k} r A_${k} ≠ 0 (Lemma 4.1)` };
  }
  const loss = R.data.reduce((s, x) => s.add(x.mul(x)), Rational.ZERO).mul(Rational.of(1, 2));
  const C = above[1]!;
  const ls = lossStarOf(data);
  if (!data.xxtInvertible) {
    // Without (X Xᵀ)⁻¹ only the value decides, and only when L* is known exactly.
    if (ls.exact) return ls.value.eq(loss) ? only('global-min', 'L = L* exactly') : saddle('L > L* exactly', null, null);
    return { labels: ['global-min', ...SADDLES], indexSet: null, criticalValue: null, reason: 'X Xᵀ is singular and L* is not rational: undecided' };
  }
  const P = mul(Exact, C, pinv(Exact, C));
  const Xt = transpose(X);
  const lemma42 = mul(Exact, mul(Exact, mul(Exact, P, Y), Xt), pinv(Exact, mul(Exact, X, Xt)));
  if (!M.data.every((x, i) => x.eq(lemma42.data[i]!)))
    return { labels: [], indexSet: null, criticalValue: null, reason: 'Lemma 4.2 fails: W_{H+1}⋯W_1 ≠ P_C Y Xᵀ(XXᵀ)⁻¹ at a critical point' };
  const B = columnSpace(Exact, C);
  const q = B.cols;
  const SB = mul(Exact, data.sigma, B);
  // Σ-invariance of range(C), needed for the eigenvalues of Σ on it: (I − P)ΣB = 0.
  const invariant = mul(Exact, P, SB).data.every((x, i) => x.eq(SB.data[i]!));
  const BtB = mul(Exact, transpose(B), B);
  const SP: Matrix<Rational> = q === 0 ? { rows: 0, cols: 0, data: [] } : mul(Exact, pinv(Exact, BtB), mul(Exact, transpose(B), SB)); // Σ on range(C), in the basis B
  let trace = Rational.ZERO;
  for (let i = 0; i < q; i++) trace = trace.add(SP.data[i * q + i]!);
  const criticalValue = data.trYYt.sub(trace).mul(Rational.of(1, 2));
  if (!criticalValue.eq(loss))
    return { labels: [], indexSet: null, criticalValue, reason: `L = ${loss} ≠ ½(tr YYᵀ − tr P_CΣ) = ${criticalValue}` };
  // Float mode does not isolate Σ's spectrum (its cost grows fast with d_y): with L* exact, the value decides.
  if (data.mode === 'float' && ls.exact) {
    if (ls.value.eq(loss)) return { labels: ['global-min'], indexSet: null, criticalValue, reason: `L = L* = ${ls.value}` };
    return underA(data, W, null, criticalValue, true, `L > L* = ${ls.value}`);
  }
  if (!invariant) {
    if (ls.exact) return ls.value.eq(loss) ? only('global-min', 'L = L* exactly') : saddle('L > L* exactly', null, criticalValue);
    return { labels: ['global-min', ...SADDLES], indexSet: null, criticalValue, reason: 'range(C) is not Σ-invariant and L* is not rational: undecided' };
  }
  // Eigenvalues of Σ on range(C), per cluster of Σ's spectrum: roots of χ above each cut point.
  const chi = charPoly(SP);
  const clusters = data.spectrum.clusters;
  const counts = clusters.map((cl) => rootsAbove(chi, cl.lower) - rootsAbove(chi, cl.upper));
  if (counts.reduce((s, c) => s + c, 0) !== q)
    return { labels: [], indexSet: null, criticalValue, reason: 'the eigenvalues of Σ on range(C) are not eigenvalues of Σ' };
  // Global iff tr P_CΣ is the sum of the top r eigenvalues: Σ on range(C) holds the top q (Ky Fan), and
  // λ_{q+1} = … = λ_r = 0 when q < r (Σ is PSD).
  let left = q, top = true, position = 0, zeroTail = true;
  clusters.forEach((cl, i) => {
    const want = Math.min(cl.multiplicity, left);
    if (counts[i] !== want) top = false;
    left -= want;
    const from = Math.max(position, q), to = Math.min(position + cl.multiplicity, data.r);
    if (to > from && !(cl.exact?.isZero() ?? false)) zeroTail = false;
    position += cl.multiplicity;
  });
  const distinct = clusters.every((cl) => cl.multiplicity === 1);
  const indexSet = data.hypotheses.holds && distinct ? counts.flatMap((c, i) => (c === 1 ? [i + 1] : [])) : null;
  const I = indexSet ? `I = {${indexSet.join(',')}}` : `rank C = ${q}`;
  if (top && zeroTail) return { labels: ['global-min'], indexSet, criticalValue, reason: `${I}: Σ on range(C) has the top eigenvalues` };
  return underA(data, W, indexSet, criticalValue, top, `${I}, not global`);
}

/**
 * A critical point that is not a global minimum. Under (A): a saddle (Theorem 2.3 iii), strict when H = 1 or
 * rank(W_H⋯W_2) = p (iv), or when I is not the top |I| (Lemma 4.6: a PSD Hessian needs P_C = U_{|I|}U_{|I|}ᵀ,
 * since X r ≠ 0 off the global minimum). Without (A) any saddle kind, or undetermined.
 */
function underA(
  data: DataAnalysis,
  W: readonly Matrix<Rational>[],
  indexSet: number[] | null,
  criticalValue: Rational,
  top: boolean,
  what: string,
): SecondOpinion {
  const H = data.H;
  if (!data.hypotheses.holds) return saddle(`${what}; (A) fails`, indexSet, criticalValue);
  const middle = H === 1 ? data.p : rank(Exact, W.slice(1, H).reduce((acc, Wk) => mul(Exact, Wk, acc), identity(Exact, W[0]!.rows)));
  if (H === 1 || middle === data.p) return { labels: ['strict-saddle', 'undetermined'], indexSet, criticalValue, reason: `${what}, rank(W_H⋯W_2) = p: Theorem 2.3 (iv)` };
  if (!top) return { labels: ['strict-saddle', 'undetermined'], indexSet, criticalValue, reason: `${what}, I not the top |I|: Lemma 4.6` };
  return saddle(`${what}, rank(W_H⋯W_2) < p: strict or bad`, indexSet, criticalValue);
}

const only = (label: Label, reason: string): SecondOpinion => ({ labels: [label], indexSet: null, criticalValue: null, reason });
const saddle = (reason: string, indexSet: number[] | null, criticalValue: Rational | null): SecondOpinion => ({ labels: SADDLES, indexSet, criticalValue, reason });

/** det(xI − A), coefficients from x⁰ up (Faddeev–LeVerrier: c_{n−k} = −tr(A M_k)/k, M_{k+1} = A M_k + c_{n−k} I). */
export function charPoly(A: Matrix<Rational>): Rational[] {
  const n = A.rows;
  const c: Rational[] = new Array(n + 1).fill(Rational.ZERO);
  c[n] = Rational.ONE;
  let Mk = identity(Exact, n);
  for (let k = 1; k <= n; k++) {
    const AM = mul(Exact, A, Mk);
    let tr = Rational.ZERO;
    for (let i = 0; i < n; i++) tr = tr.add(AM.data[i * n + i]!);
    c[n - k] = tr.div(Rational.fromInt(k)).neg();
    Mk = { rows: n, cols: n, data: AM.data.map((x, j) => (j % (n + 1) === 0 ? x.add(c[n - k]!) : x)) };
  }
  return c;
}

/**
 * The number of roots above c of a real-rooted polynomial (coefficients from x⁰): Descartes' rule of signs
 * on p(x + c), exact when every root is real. Taylor shift by synthetic division.
 */
export function rootsAbove(p: readonly Rational[], c: Rational): number {
  const a = [...p];
  const n = a.length - 1;
  for (let i = 0; i < n; i++) for (let j = n - 1; j >= i; j--) a[j] = a[j]!.add(c.mul(a[j + 1]!));
  let changes = 0, last = 0;
  for (const x of a) {
    const s = x.sign();
    if (s === 0) continue;
    if (last !== 0 && s !== last) changes++;
    last = s;
  }
  return changes;
}
