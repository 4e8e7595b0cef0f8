import {
  Exact, Float, Rational, type Matrix, type Inertia, type InertiaResult, convert, hstack, identity, inertia, isZeroMatrix, mul, mulAll,
  pinv, rank, sub, symmetricEigenvalues, transpose, toRows, floatField, maxAbs,
} from '../linalg/index.js';
import { tPower } from './line.js';
import { negativeCurvatureCertificate, hessianNullSpace, risingLine } from './certificates.js';
import { findEscape, verifyEscape, type Escape } from './escape.js';
import { kernelChain } from './kernel-chain.js';
import { productRoute } from './product-route.js';
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
 * Classifies a candidate point with a certificate, and cross-checks the theorem. Every label but `undetermined`
 * carries an exact certificate (docs/certificates.md). Exact mode decides everything over the rationals; float
 * mode states its tolerances and hands what they cannot resolve to exact checks (the weights are rational).
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
  return crossChecked(data, point.W, hessianRouteExact(data, point));
}

/** Float mode, cross-checked by the exact product route on labels only (float may be undetermined where it cannot resolve). */
export function classifyFloat(data: DataAnalysis, point: ClassifyInput): PointReport {
  return crossChecked(data, point.W, hessianRouteFloat(data, point));
}

/**
 * The report with the second, independent classifier's verdict (product-route.ts): the label must be one it
 * allows, and in exact mode I and the critical value must be the same. A disagreement is a bug in one of them.
 */
function crossChecked(data: DataAnalysis, W: readonly Matrix<Rational>[], r: HessianRouteReport): PointReport {
  const second = productRoute(data, W);
  const problems: string[] = [];
  // Float mode may leave undecided what it cannot resolve.
  const allowed: readonly Label[] = r.mode === 'float' ? [...second.labels, 'undetermined'] : second.labels;
  if (!allowed.includes(r.classification)) problems.push(`label ${r.classification}, the product route allows ${second.labels.join(' or ') || 'none'} (${second.reason})`);
  if (r.mode === 'exact' && r.gradient.zero) {
    if (second.indexSet && r.indexSet && second.indexSet.join(',') !== r.indexSet.join(','))
      problems.push(`I = {${r.indexSet.join(',')}}, the product route finds {${second.indexSet.join(',')}}`);
    if (second.criticalValue && r.criticalValue !== null && second.criticalValue.toString() !== r.criticalValue)
      problems.push(`critical value ${r.criticalValue}, the product route finds ${second.criticalValue}`);
  }
  const crossCheck = problems.length
    ? { labels: [...second.labels], agrees: false, note: `INTERNAL ERROR (a bug in dln): ${problems.join('; ')}` }
    : { labels: [...second.labels], agrees: true, note: second.reason };
  return { ...r, ok: r.ok && crossCheck.agrees, crossCheck };
}

/** A report before the cross-check. */
type HessianRouteReport = Omit<PointReport, 'crossCheck'>;

function hessianRouteExact(data: DataAnalysis, point: ClassifyInput): HessianRouteReport {
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
  const verdict: Verdict = global.global
    ? { classification: 'global-min', reason: global.reason, certificate: { kind: 'loss-equals-lossStar', note: global.reason } }
    : saddleVerdict(data, W, Hm, inert, global.reason);
  const { classification, reason, certificate } = verdict;
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

interface Verdict {
  readonly classification: Label;
  readonly reason: string;
  readonly certificate: Certificate | null;
}

/**
 * The label of a critical point that is not a global minimum, from the exact Hessian and its inertia, each label
 * with an exact certificate: strict saddle (negative curvature and a rising line), bad saddle (PSD and an escape
 * curve), otherwise undetermined with the reason — never a label on the theorem's word.
 */
function saddleVerdict(
  data: DataAnalysis,
  W: readonly Matrix<Rational>[],
  Hm: Matrix<Rational>,
  inert: InertiaResult<Rational>,
  notGlobal: string,
): Verdict {
  const { X, Y } = data;
  const rng = seededRng(0x5eed);
  if (inert.negativeDirection) {
    const cert = negativeCurvatureCertificate(X, Y, W, Hm, inert.negativeDirection);
    const up = risingLine(X, Y, W, inert.positiveDirection, Hm.rows, rng);
    const certificate: Certificate = {
      kind: 'negative-curvature',
      direction: json(cert.V),
      curvature: cert.curvature.toString(),
      polynomial: cert.polynomial.map(String),
      ...(up ? { rising: { direction: json(up.V), polynomial: up.polynomial.map(String) } } : {}),
    };
    return up
      ? {
          classification: 'strict-saddle',
          reason: `the Hessian has a negative eigenvalue (vᵀ∇²L v = ${cert.curvature}) and the loss rises along a line (lowest term ${up.term.coefficient}·${tPower(up.term.order!)})`,
          certificate,
        }
      : {
          classification: 'undetermined',
          reason: 'the Hessian is negative semidefinite and no line along which the loss rises was found: it might be a local maximum',
          certificate,
        };
  }
  const escape = findEscape(X, Y, W, () => hessianNullSpace(Hm), rng);
  if (escape.found) return { classification: 'bad-saddle', reason: `PSD Hessian but ${escapeText(escape.found)}`, certificate: escapeCertificate(escape.found) };
  return {
    classification: 'undetermined',
    reason: `PSD Hessian, not a global minimum (${notGlobal}), and no escape curve found (${escape.tried}): ` +
      (data.hypotheses.holds ? 'Theorem 2.3 (ii) says this is no local minimum, but dln has no certificate of it' : '(A) fails, so a non-global local minimum is possible'),
    certificate: null,
  };
}

/** `L(W + tV) − L(W) = −2·t³ + … (kernel chain through W_1, W_2, W_3)`, for reasons. */
function escapeText(e: Escape): string {
  const along = e.curve.length === 1 ? 'L(W + tV) − L(W)' : 'L(γ(t)) − L(W)';
  return `${along} = ${e.term.coefficient}·${tPower(e.term.order!)} + … (${e.construction})`;
}

/** The JSON certificate of an escape: a line keeps its direction, a curve lists its coefficient matrices. */
function escapeCertificate(e: Escape): Certificate {
  const fields = {
    polynomial: e.polynomial.map(String),
    order: e.term.order!,
    coefficient: e.term.coefficient!.toString(),
    towards: e.term.towards!,
    construction: e.construction,
  };
  return e.curve.length === 1
    ? { kind: 'decreasing-line', direction: json(e.curve[0]!), ...fields }
    : { kind: 'decreasing-curve', curve: e.curve.map(json), ...fields };
}

/** The report of a critical point, with the theorem cross-check of its label added to the violations found. */
function conclude(
  data: DataAnalysis,
  rankMiddle: number,
  violations: string[],
  r: Omit<HessianRouteReport, 'ok' | 'theorem'>,
): HessianRouteReport {
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
function finish(r: Omit<HessianRouteReport, 'ok'>): HessianRouteReport {
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
function hessianRouteFloat(data: DataAnalysis, point: ClassifyInput): HessianRouteReport {
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
    // No eigenvalue below −tolerance, but a negative one may hide inside it. The weights are rational: where the
    // exact Hessian is affordable it decides; beyond that only an exact certificate can.
    const lambda = `float λ_min = ${ev[n - 1]} within tolerance ${hTol.toExponential(2)}`;
    // A zero error bound means every entry was computed exactly; all zero, the Hessian is exactly 0 (as at W = 0).
    const zeroHessian = hTol === 0 && Hf.data.every((x) => x === 0);
    const verdict = n <= HESSIAN_LIMITS.exact ? exactFallback(data, point.W, globalBy) : beyondExactLimit(data, point.W, zeroHessian);
    ({ classification, certificate } = verdict);
    reason = `${lambda}; ${verdict.reason}`;
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

/** Float mode, when float arithmetic cannot resolve the smallest eigenvalue: the exact Hessian decides. */
function exactFallback(data: DataAnalysis, W: readonly Matrix<Rational>[], notGlobal: string): Verdict {
  const Hm = hessian(Exact, data.X, data.Y, W);
  const inert = inertia(Exact, Hm);
  const { positive, negative, zero } = inert.inertia;
  const v = saddleVerdict(data, W, Hm, inert, notGlobal);
  return { ...v, reason: `decided by the exact Hessian (inertia +${positive} −${negative} 0×${zero}): ${v.reason}` };
}

/**
 * Float mode beyond the exact Hessian limit: a kernel chain of order 2 is exact negative curvature; one of higher
 * order proves the point is no local minimum, but not whether its Hessian is PSD — unless it is exactly zero —
 * so the label is otherwise undetermined.
 */
function beyondExactLimit(data: DataAnalysis, W: readonly Matrix<Rational>[], zeroHessian: boolean): Verdict {
  const { X, Y } = data;
  const chain = kernelChain(X, Y, W);
  const escape = chain && verifyEscape(X, Y, W, [chain.V], `kernel chain through ${chain.layers.map((k) => `W_${k}`).join(', ')}`);
  const beyond = `the exact Hessian is limited to ${HESSIAN_LIMITS.exact} parameters`;
  if (!escape) return { classification: 'undetermined', reason: `no kernel chain, and ${beyond}`, certificate: null };
  if (escape.term.order === 2) {
    const up = risingLine(X, Y, W, undefined, parameterCount(data.widths), seededRng(0x5eed));
    const curvature = escape.term.coefficient!.mul(Rational.fromInt(2)).toString();
    const certificate: Certificate = {
      kind: 'negative-curvature',
      direction: json(escape.curve[0]!),
      curvature,
      polynomial: escape.polynomial.map(String),
      ...(up ? { rising: { direction: json(up.V), polynomial: up.polynomial.map(String) } } : {}),
    };
    return up
      ? { classification: 'strict-saddle', reason: `exact negative curvature vᵀ∇²L v = ${curvature} (${escape.construction}) and a rising line`, certificate }
      : { classification: 'undetermined', reason: 'exact negative curvature, but no line along which the loss rises was found', certificate };
  }
  if (zeroHessian) return { classification: 'bad-saddle', reason: `the Hessian is exactly zero (error bound 0) but ${escapeText(escape)}`, certificate: escapeCertificate(escape) };
  return {
    classification: 'undetermined',
    reason: `no local minimum (${escapeText(escape)}), but whether the Hessian has a negative eigenvalue is beyond float resolution and ${beyond}`,
    certificate: escapeCertificate(escape),
  };
}

/** Float pseudo-inverse of a small matrix (C), zero tests relative to its largest entry. */
function pinvFloat(A: Matrix<number>): Matrix<number> {
  return pinv(floatField(1e-10 * Math.max(1, maxAbs(Float, A))), A);
}
