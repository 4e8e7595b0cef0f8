import {
  Exact, Float, Rational, type Matrix, type Inertia, convert, hstack, identity, inertia, isZeroMatrix, mul, mulAll,
  pinv, rank, sub, symmetricEigenvalues, transpose, toRows, floatField, maxAbs,
} from '../linalg/index.js';
import { termText } from './line.js';
import { negativeCurvatureCertificate, hessianNullSpace, searchLine, type LineCertificate } from './certificates.js';
import { lossStarOf, type DataAnalysis } from './data.js';
import { gradient, hessian, hessianFloat64, layerProducts, loss, toFloat } from './derivatives.js';
import { STATEMENTS_NEEDING_A } from './hypotheses.js';
import { globalMinimumTest, indexSetOf, lemma42Holds } from './optimum.js';
import type { Label } from './network.js';
import { flattenWeights, parameterCount, parameterName, unflattenWeights } from './params.js';
import { seededRng } from '../linalg/random.js';
import type { Certificate, PointReport, WeightsJson } from './report.js';
import { floatNegativeDirection } from './float-direction.js';
import { floatTolerances } from './float-tolerance.js';

/**
 * Classifies a candidate point (docs/mathematics.md §8) with a certificate, and cross-checks the theorem.
 * Exact mode decides everything over the rationals; float mode states its tolerances and, for a PSD Hessian,
 * searches no decreasing line (it labels by the theorem under (A), else `undetermined`).
 */

/** Largest Hessians built: exact elimination is O(n³) on growing rationals, float O(n³) on doubles. */
export const HESSIAN_LIMITS = { exact: 400, float: 2500 } as const;

export interface ClassifyInput {
  readonly name: string;
  readonly W: readonly Matrix<Rational>[];
  readonly expect?: Label;
}

const half = Rational.of(1, 2);
const json = (W: readonly Matrix<Rational>[]): WeightsJson => W.map((M) => toRows(M).map((r) => r.map((x) => x.toString())));
const jsonF = (W: readonly Matrix<number>[]): WeightsJson => W.map((M) => toRows(M).map((r) => [...r]));

/** Ranks that do not depend on the mode (weights are rational): rank C, rank W_H⋯W_2, rank of the product. */
function ranks(data: DataAnalysis, W: readonly Matrix<Rational>[]) {
  const { prefix, suffix } = layerProducts(Exact, W);
  const H = data.H;
  const C = suffix[1]!;
  const middle = H === 1 ? identity(Exact, data.widths[1]!) : mulAll(Exact, W.slice(1, H).reverse());
  return { prefix, suffix, C, M: prefix[H + 1]!, rankC: rank(Exact, C), rankMiddle: rank(Exact, middle) };
}

function lossStarFields(data: DataAnalysis, mode: 'exact' | 'float') {
  const ls = lossStarOf(data);
  if (ls.exact) return { lossStar: mode === 'exact' ? ls.value.toString() : ls.value.toNumber(), lossStarExact: true };
  const mid = ls.lower.add(ls.upper).mul(half);
  return { lossStar: mid.toNumber(), lossStarExact: false, lossStarTolerance: ls.upper.sub(ls.lower).mul(half).toNumber() };
}

function notApplicable(data: DataAnalysis): string[] {
  return data.hypotheses.holds ? [] : [...STATEMENTS_NEEDING_A];
}

/**
 * Necessary conditions for a semidefinite Hessian at a critical point, decided exactly (the weights are
 * rational): Lemma 4.4 (range form) and Corollary 4.5 (rank form) for every k ≥ 2, and for a PSD Hessian
 * Lemma 4.6 (P_C the top-rank(C) projector, or X r = 0; needs the index set I).
 */
function semidefiniteConditions(
  data: DataAnalysis,
  W: readonly Matrix<Rational>[],
  C: Matrix<Rational>,
  suffix: Matrix<Rational>[],
  XEt: Matrix<Rational>,
  indexSet: number[] | null,
): { lemma44: boolean; corollary45: boolean; lemma46?: boolean } {
  let rangeForm = true, rankForm = true;
  const Ct = transpose(C);
  const rC = rank(Exact, Ct);
  for (let k = 2; k <= data.H + 1; k++) {
    const B = k === 2 ? identity(Exact, data.widths[1]!) : mulAll(Exact, W.slice(1, k - 1).reverse()); // W_{k−1}⋯W_2
    const residualTerm = isZeroMatrix(Exact, mul(Exact, XEt, suffix[k]!)); // X r W_{H+1}⋯W_{k+1} = 0
    if (!residualTerm && rank(Exact, hstack(Ct, transpose(B))) !== rC) rangeForm = false;
    if (!residualTerm && rank(Exact, suffix[k - 1]!) < rank(Exact, B)) rankForm = false;
  }
  const out = { lemma44: rangeForm, corollary45: rankForm };
  if (!indexSet) return out;
  return { ...out, lemma46: indexSet.every((i, j) => i === j + 1) || isZeroMatrix(Exact, XEt) };
}

export function classifyExact(data: DataAnalysis, point: ClassifyInput): PointReport {
  const { X, Y } = data;
  const W = point.W;
  const n = parameterCount(data.widths);
  const L = loss(Exact, X, Y, W);
  const g = flattenWeights(gradient(Exact, X, Y, W));
  const { C, M, suffix, rankC, rankMiddle } = ranks(data, W);
  const base = {
    name: point.name,
    mode: 'exact' as const,
    loss: L.toString(),
    ...lossStarFields(data, 'exact'),
    hypotheses: { holds: data.hypotheses.holds, failed: data.hypotheses.failed, notApplicable: notApplicable(data) },
    p: data.p,
    rankC,
    rankMiddle,
    expect: point.expect ?? null,
  };
  let worst = -1;
  g.forEach((x, i) => {
    if (!x.isZero() && (worst < 0 || x.abs().cmp(g[worst]!.abs()) > 0)) worst = i;
  });
  const gradientField = { zero: worst < 0, maxAbs: worst < 0 ? 0 : g[worst]!.abs().toNumber() };
  if (worst >= 0) {
    return finish({
      ...base,
      gradient: gradientField,
      indexSet: null,
      criticalValue: null,
      classification: 'not-critical',
      reason: `the gradient is not zero: ∂L/∂${parameterName(data.widths, worst)} = ${g[worst]}`,
      certificate: { kind: 'nonzero-gradient', parameter: parameterName(data.widths, worst), value: g[worst]!.toString() },
      theorem: { applicable: data.hypotheses.holds, agrees: true, note: 'not a critical point: the theorem says nothing here' },
      diagnostics: {},
    });
  }

  const Hm = hessian(Exact, X, Y, W);
  const inert = inertia(Exact, Hm);
  const ev = symmetricEigenvalues(convert(Hm, (x) => x.toNumber()));
  // Float extremes, made consistent with the exact inertia (e.g. λ_min is exactly 0 when PSD and singular).
  const { positive, negative, zero } = inert.inertia;
  const fMin = ev[ev.length - 1] ?? 0, fMax = ev[0] ?? 0;
  const hessianField = {
    size: n,
    inertia: inert.inertia,
    minEigenvalue: negative > 0 ? Math.min(fMin, 0) : zero > 0 ? 0 : Math.max(fMin, 0),
    maxEigenvalue: positive > 0 ? Math.max(fMax, 0) : zero > 0 ? 0 : Math.min(fMax, 0),
  };
  const A = data.hypotheses.holds;
  const global = globalMinimumTest(data, M, L);
  const violations: string[] = [];
  const diagnostics: { -readonly [K in keyof PointReport['diagnostics']]: PointReport['diagnostics'][K] } = {};
  const XEt = mul(Exact, X, transpose(sub(Exact, mul(Exact, M, X), Y))); // X r, r = Eᵀ

  let indexSet: number[] | null = null;
  let criticalValue: string | null = null;
  if (data.xxtInvertible) {
    const idx = indexSetOf(data, C);
    diagnostics.lemma42 = lemma42Holds(data, M, idx.projector);
    if (!diagnostics.lemma42) violations.push('Lemma 4.2 fails: W_{H+1}⋯W_1 ≠ C(CᵀC)⁻Cᵀ Y Xᵀ(XXᵀ)⁻¹ at a critical point');
    if (A) {
      diagnostics.projectorCommutes = idx.commutes;
      if (!idx.commutes) violations.push('P_C does not commute with Σ at a critical point, so P_C ≠ U_I U_Iᵀ');
      if (idx.indexSet) {
        indexSet = idx.indexSet;
        criticalValue = idx.criticalValue.toString();
        if (!idx.criticalValue.eq(L)) violations.push(`L = ${L} differs from the critical value ½(tr YYᵀ − Σ_I λ_i) = ${idx.criticalValue}`);
        if (indexSet.length !== rankC || rank(Exact, M) !== rankC) violations.push(`|I| = ${indexSet.length}, rank C = ${rankC}, rank(W_{H+1}⋯W_1) = ${rank(Exact, M)} should agree`);
        const top = indexSet.length === data.r && indexSet.every((i, j) => i === j + 1);
        if (top !== global.global) violations.push(`I = {${indexSet.join(',')}} but the exact global-minimum test says ${global.global}`);
      }
    }
  }
  const semidefinite = inert.inertia.negative === 0 || inert.inertia.positive === 0;
  if (A && semidefinite) {
    const sd = semidefiniteConditions(data, W, C, suffix, XEt, inert.inertia.negative === 0 ? indexSet : null);
    Object.assign(diagnostics, sd);
    if (!sd.lemma44) violations.push('Lemma 4.4 fails at a semidefinite critical point');
    if (!sd.corollary45) violations.push('Corollary 4.5 fails at a semidefinite critical point');
    if (sd.lemma46 === false) violations.push('Lemma 4.6 fails: PSD Hessian but P_C is not the top-rank(C) projector and X r ≠ 0');
  }

  if (global.global && inert.inertia.negative > 0) violations.push('a global minimum with a negative Hessian eigenvalue');
  const rng = seededRng(0x5eed);
  let classification: Label;
  let reason: string;
  let certificate: Certificate | null;
  if (global.global) {
    classification = 'global-min';
    reason = global.reason;
    certificate = { kind: 'loss-equals-lossStar', note: global.reason };
  } else if (inert.negativeDirection) {
    const cert = negativeCurvatureCertificate(X, Y, W, Hm, inert.negativeDirection);
    certificate = { kind: 'negative-curvature', direction: json(cert.V), curvature: cert.curvature.toString(), polynomial: cert.polynomial.map(String) };
    let increase = inert.inertia.positive > 0 ? 'and a positive one' : '';
    if (!increase && A) increase = 'and no local maxima exist under (A) (Theorem 2.3 iii)';
    if (!increase) {
      const up = searchLine(X, Y, W, identity(Exact, n), rng, 'increase');
      if (up.found) increase = `and the loss rises along a line (lowest term ${termText(String(up.found.term.coefficient), up.found.term.order!)})`;
    }
    if (increase) {
      classification = 'strict-saddle';
      reason = `the Hessian has a negative eigenvalue (vᵀ∇²L v = ${cert.curvature.toString().replace('-', '−')}) ${increase}`;
    } else {
      classification = 'undetermined';
      reason = 'the Hessian is negative semidefinite and no line along which the loss rises was found: it might be a local maximum';
    }
  } else {
    const search = searchLine(X, Y, W, hessianNullSpace(Hm), rng, 'decrease');
    if (search.found) {
      classification = 'bad-saddle';
      reason = `PSD Hessian but ${lineText(search.found)} with V in the Hessian's null space`;
      certificate = lineCertificate(search.found);
    } else if (A) {
      classification = 'bad-saddle';
      reason = `PSD Hessian, not a global minimum; no decreasing line found among ${search.tried} null-space directions, so the label rests on Theorem 2.3 (ii)`;
      certificate = { kind: 'theorem', note: `(A) holds and L ≠ L* (${global.reason}): not a local minimum by Theorem 2.3 (ii); no explicit decreasing line found` };
    } else {
      classification = 'undetermined';
      reason = `PSD Hessian, not a global minimum (${global.reason}), (A) fails and no decreasing line was found among ${search.tried} null-space directions: a non-global local minimum is possible`;
      certificate = null;
    }
  }
  return conclude(data, rankMiddle, violations, {
    ...base,
    gradient: gradientField,
    hessian: hessianField,
    indexSet,
    criticalValue,
    classification,
    reason,
    certificate,
    diagnostics,
  });
}

function lineText(found: LineCertificate): string {
  return `L(W + tV) − L(W) = ${termText(String(found.term.coefficient), found.term.order!)} + …`;
}

function lineCertificate({ V, polynomial, term }: LineCertificate): Certificate {
  return {
    kind: 'decreasing-line',
    direction: json(V),
    polynomial: polynomial.map(String),
    order: term.order!,
    coefficient: term.coefficient!.toString(),
    towards: term.towards!,
  };
}

/** The report of a critical point, with the theorem cross-check of its label added to the violations found. */
function conclude(
  data: DataAnalysis,
  rankMiddle: number,
  violations: string[],
  r: Omit<PointReport, 'ok' | 'theorem'>,
): PointReport {
  const badSaddle = data.hypotheses.holds && r.classification === 'bad-saddle' ? badSaddleViolation(data, rankMiddle) : undefined;
  if (badSaddle) violations.push(badSaddle);
  return finish({ ...r, theorem: theoremField(data, violations) });
}

/** Under (A) a bad saddle exists only for H ≥ 2 with rank(W_H⋯W_2) < p (Corollary 2.4, Theorem 2.3 (iv)). */
function badSaddleViolation(data: DataAnalysis, rankMiddle: number): string | undefined {
  if (data.H === 1) return 'a bad saddle with H = 1 contradicts Corollary 2.4';
  if (rankMiddle === data.p) return `a bad saddle with rank(W_H⋯W_2) = p = ${data.p} contradicts Theorem 2.3 (iv)`;
  return undefined;
}

function theoremField(data: DataAnalysis, violations: string[]): PointReport['theorem'] {
  if (!data.hypotheses.holds)
    return { applicable: false, agrees: violations.length === 0, note: violations.length ? `VIOLATION: ${violations.join('; ')}` : `(A) fails (${data.hypotheses.failed.map((f) => f.part).join(', ')}): the theorem's statements are not applicable` };
  if (violations.length) return { applicable: true, agrees: false, note: `THEOREM VIOLATION (a bug): ${violations.join('; ')}` };
  return { applicable: true, agrees: true, note: 'consistent with Theorem 2.3 and Lemmas 4.2–4.6' };
}

/** The report with its keys in a fixed, readable order, and `ok`: as expected and no theorem violation. */
function finish(r: Omit<PointReport, 'ok'>): PointReport {
  return {
    name: r.name,
    mode: r.mode,
    classification: r.classification,
    expect: r.expect,
    ok: (r.expect === null || r.expect === r.classification) && r.theorem.agrees,
    reason: r.reason,
    loss: r.loss,
    lossStar: r.lossStar,
    lossStarExact: r.lossStarExact,
    ...(r.lossStarTolerance !== undefined ? { lossStarTolerance: r.lossStarTolerance } : {}),
    gradient: r.gradient,
    ...(r.hessian ? { hessian: r.hessian } : {}),
    hypotheses: r.hypotheses,
    p: r.p,
    rankC: r.rankC,
    rankMiddle: r.rankMiddle,
    indexSet: r.indexSet,
    criticalValue: r.criticalValue,
    certificate: r.certificate,
    theorem: r.theorem,
    diagnostics: r.diagnostics,
  };
}

/**
 * Float mode: float64 with tolerances from a running error bound (float-tolerance.ts); the data facts (A) and
 * L* stay exact or enclosed by exact counts (data.ts), the index set comes from Σ's float eigenvectors.
 */
export function classifyFloat(data: DataAnalysis, point: ClassifyInput): PointReport {
  const Xf = toFloat(data.X), Yf = toFloat(data.Y);
  const Wf = point.W.map(toFloat);
  const n = parameterCount(data.widths);
  const { C, rankC, rankMiddle } = ranks(data, point.W);
  const L = loss(Float, Xf, Yf, Wf);
  const grads = gradient(Float, Xf, Yf, Wf);
  const g = flattenWeights(grads);
  const ls = lossStarFields(data, 'float');
  const tol = floatTolerances(Xf, Yf, Wf);
  const lossTol = tol.loss, gradTol = tol.gradient, hTol = tol.hessian;
  let worst = 0;
  g.forEach((x, i) => {
    if (Math.abs(x) > Math.abs(g[worst]!)) worst = i;
  });
  const gMax = Math.abs(g[worst] ?? 0);
  const base = {
    name: point.name,
    mode: 'float' as const,
    loss: L,
    ...ls,
    hypotheses: { holds: data.hypotheses.holds, failed: data.hypotheses.failed, notApplicable: notApplicable(data) },
    p: data.p,
    rankC,
    rankMiddle,
    expect: point.expect ?? null,
  };
  const gradientField = { zero: gMax <= gradTol, maxAbs: gMax, tolerance: gradTol };
  if (gMax > gradTol) {
    return finish({
      ...base,
      gradient: gradientField,
      indexSet: null,
      criticalValue: null,
      classification: 'not-critical',
      reason: `the gradient is not zero: |∂L/∂${parameterName(data.widths, worst)}| = ${gMax} > tolerance ${gradTol.toExponential(2)}`,
      certificate: { kind: 'nonzero-gradient', parameter: parameterName(data.widths, worst), value: g[worst]! },
      theorem: { applicable: data.hypotheses.holds, agrees: true, note: 'not a critical point: the theorem says nothing here' },
      diagnostics: {},
    });
  }
  const Hf = hessianFloat64(Xf, Yf, Wf);
  const ev = symmetricEigenvalues(Hf);
  const counts: Inertia = {
    positive: ev.filter((x) => x > hTol).length,
    negative: ev.filter((x) => x < -hTol).length,
    zero: ev.filter((x) => Math.abs(x) <= hTol).length,
  };
  const hessianField = { size: n, inertia: counts, minEigenvalue: ev[n - 1] ?? 0, maxEigenvalue: ev[0] ?? 0, tolerance: hTol };
  const A = data.hypotheses.holds;
  const lsVal = typeof ls.lossStar === 'number' ? ls.lossStar : Number(ls.lossStar);
  const nearLStar = Math.abs(L - lsVal) <= lossTol + (ls.lossStarTolerance ?? 0);
  // Under (A) the index set decides (Theorem 2.3: global iff I = {1…min(p, d_y)}); |L − L*| ≤ tolerance is only
  // necessary, and the running error bound can exceed the gaps between critical values when weights are large.
  let isGlobal = nearLStar;
  let globalBy = `|L − L*| ≤ ${(lossTol + (ls.lossStarTolerance ?? 0)).toExponential(2)} (float tolerance)`;
  const violations: string[] = [];

  // I from the float eigenvectors of Σ: u_iᵀ P_C u_i is 1 for i ∈ I and 0 otherwise at a critical point.
  let indexSet: number[] | null = null;
  let criticalValue: number | null = null;
  if (A) {
    const Cf = toFloat(C);
    const P = mul(Float, Cf, pinvFloat(Cf));
    const U = data.sigmaEigen.vectors;
    const dy = U.rows;
    const weights = Array.from({ length: dy }, (_, i) => {
      let s = 0;
      for (let a = 0; a < dy; a++) for (let b = 0; b < dy; b++) s += U.data[a * dy + i]! * P.data[a * dy + b]! * U.data[b * dy + i]!;
      return s;
    });
    if (weights.every((w) => Math.abs(w) < 1e-6 || Math.abs(w - 1) < 1e-6)) {
      indexSet = weights.flatMap((w, i) => (w > 0.5 ? [i + 1] : []));
      criticalValue = 0.5 * (data.trYYt.toNumber() - indexSet.reduce((s, i) => s + data.sigmaEigen.values[i - 1]!, 0));
      if (Math.abs(criticalValue - L) > lossTol) violations.push(`L = ${L} differs from the critical value ${criticalValue} beyond tolerance ${lossTol.toExponential(2)}`);
      const top = indexSet.length === data.r && indexSet.every((i, j) => i === j + 1);
      if (top && !nearLStar) violations.push(`I = {${indexSet.join(',')}} is the top index set but |L − L*| exceeds the tolerance`);
      isGlobal = top;
      if (top) globalBy = `I = {${indexSet.join(',')}}: P_C projects onto the top eigenvectors of Σ (to 1e-6), and ${globalBy}`;
    } else violations.push('P_C is not U_I U_Iᵀ for any I (to tolerance 1e-6) at a critical point');
  }

  let classification: Label;
  let reason: string;
  let certificate: Certificate | null = null;
  if (isGlobal) {
    classification = 'global-min';
    reason = globalBy;
    certificate = { kind: 'loss-equals-lossStar', note: reason };
  } else if (counts.negative > 0) {
    const v = floatNegativeDirection(Hf, ev[n - 1]!, hTol);
    let curvature = 0;
    for (let i = 0; i < n; i++) {
      let row = 0;
      for (let j = 0; j < n; j++) row += Hf.data[i * n + j]! * v[j]!;
      curvature += v[i]! * row;
    }
    if (curvature < -hTol && (counts.positive > 0 || A)) {
      classification = 'strict-saddle';
      reason = `the Hessian has a negative eigenvalue ${ev[n - 1]} (beyond tolerance ${hTol.toExponential(2)})${counts.positive > 0 ? ' and a positive one' : ' and no local maxima exist under (A)'}`;
      certificate = { kind: 'negative-curvature', direction: jsonF(unflattenWeights(data.widths, Array.from(v))), curvature };
    } else {
      classification = 'undetermined';
      reason = counts.positive > 0 ? 'the negative-curvature direction did not verify in float arithmetic' : 'negative semidefinite Hessian without (A): a local maximum is not excluded in float mode';
    }
  } else {
    // No eigenvalue below −tolerance. A negative one may still hide inside the tolerance: under (A) the exact
    // necessary conditions for semidefiniteness (Theorem 2.3 iv, Lemmas 4.4 and 4.6) can rule PSD out.
    const obstruction = A ? psdObstruction(data, point.W, rankMiddle) : undefined;
    // The weights are rational: when the exact Hessian is affordable, look for an exact decreasing line.
    const exactSearch =
      obstruction === undefined && n <= HESSIAN_LIMITS.exact
        ? searchLine(data.X, data.Y, point.W, hessianNullSpace(hessian(Exact, data.X, data.Y, point.W)), seededRng(0x5eed), 'decrease')
        : undefined;
    const lambda = `λ_min = ${ev[n - 1]} within tolerance ${hTol.toExponential(2)}`;
    if (obstruction) {
      classification = 'strict-saddle';
      reason = `${obstruction}, so the Hessian has a negative eigenvalue that float arithmetic cannot resolve (${lambda})`;
      certificate = { kind: 'theorem', note: reason };
    } else if (exactSearch?.found) {
      classification = 'bad-saddle';
      reason = `Hessian PSD to tolerance (${lambda}) and exactly ${lineText(exactSearch.found)} with V in the exact Hessian's null space`;
      certificate = lineCertificate(exactSearch.found);
    } else if (A) {
      classification = 'bad-saddle';
      reason = `Hessian PSD to tolerance (${lambda}) and L > L*: not a local minimum by Theorem 2.3 (ii); ${exactSearch ? `no decreasing line found among ${exactSearch.tried} null-space directions` : `no line searched beyond ${HESSIAN_LIMITS.exact} parameters`}`;
      certificate = { kind: 'theorem', note: reason };
    } else {
      classification = 'undetermined';
      reason = `Hessian PSD to tolerance (${lambda}), L > L*, (A) fails and ${exactSearch ? 'no decreasing line was found' : `no line is searched beyond ${HESSIAN_LIMITS.exact} parameters`}: a non-global local minimum is possible`;
    }
  }
  return conclude(data, rankMiddle, violations, {
    ...base,
    gradient: gradientField,
    hessian: hessianField,
    indexSet,
    criticalValue,
    classification,
    reason,
    certificate,
    diagnostics: {},
  });
}

/**
 * Under (A), at a non-global critical point: why the Hessian cannot be PSD (exact reasons), or undefined.
 * Used by float mode when a negative eigenvalue is below its resolution.
 */
function psdObstruction(data: DataAnalysis, W: readonly Matrix<Rational>[], rankMiddle: number): string | undefined {
  if (rankMiddle === data.p) return `rank(W_H⋯W_2) = p = ${data.p} at a saddle: Theorem 2.3 (iv)`;
  const { C, M, suffix } = ranks(data, W);
  const XEt = mul(Exact, data.X, transpose(sub(Exact, mul(Exact, M, data.X), data.Y)));
  const sd = semidefiniteConditions(data, W, C, suffix, XEt, indexSetOf(data, C).indexSet ?? null);
  if (!sd.lemma44) return 'the range condition of Lemma 4.4 fails (checked exactly)';
  if (sd.lemma46 === false) return 'P_C is not the top-rank(C) projector and X r ≠ 0 (checked exactly): Lemma 4.6';
  return undefined;
}

/** Float pseudo-inverse of a small matrix (C), zero tests relative to its largest entry. */
function pinvFloat(A: Matrix<number>): Matrix<number> {
  return pinv(floatField(1e-10 * Math.max(1, maxAbs(Float, A))), A);
}
