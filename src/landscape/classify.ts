import {
  Exact, Rational, type Matrix, bilinear, hstack, identity, isZeroMatrix, mul, mulAll, rank, sub, transpose,
} from '../linalg/index.js';
import { hessianRouteFloat } from './classify-float.js';
import type { DataAnalysis } from './data.js';
import { hessian } from './derivatives.js';
import { displayRational } from './display-number.js';
import { hessianExtremes } from './hessian-display.js';
import { globalMinimumTest, indexSetOf, lemma42Holds } from './optimum.js';
import type { Label } from './network.js';
import { parameterCount } from './params.js';
import { conclude, pointOpening, type HessianRouteReport } from './point-report.js';
import { productRoute } from './product-route.js';
import { reducedInertia } from './symmetry-reduction.js';
import { seededRng } from '../linalg/random.js';
import type { Num, PointReport } from './report.js';
import { saddleVerdict, type Verdict } from './verdict.js';

/**
 * Classifies a candidate point with a certificate, and cross-checks the theorem. Every label but `undetermined`
 * carries an exact certificate (docs/certificates.md). Exact mode decides everything over the rationals; float
 * mode states its tolerances and hands what they cannot resolve to exact checks (the weights are rational).
 */

export { HESSIAN_LIMITS } from './verdict.js';

export interface ClassifyInput {
  readonly name: string;
  readonly W: readonly Matrix<Rational>[];
  readonly expect?: Label;
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


function hessianRouteExact(data: DataAnalysis, point: ClassifyInput): HessianRouteReport {
  const { X, Y } = data;
  const W = point.W;
  const n = parameterCount(data.widths);
  const { L, ranks: { C, M, suffix, rankC, rankMiddle }, base, notCritical } = pointOpening(data, point, 'exact', (x: Rational) => x.toString());
  if (notCritical) return notCritical;
  const gradientField = { zero: true, maxAbs: 0 };

  const Hm = hessian(Exact, X, Y, W);
  const inert = reducedInertia(Hm, W, seededRng(0x1e47));
  const bound = inert.negativeDirection ? rayleighBound(Hm, inert.negativeDirection) : undefined;
  const hessianField = { size: n, inertia: inert.inertia, ...hessianExtremes(Hm, inert.inertia, bound) };
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


/** vᵀHv / vᵀv ≥ λ_min, exact, for display when the float value is lost beside the largest eigenvalue. */
function rayleighBound(Hm: Matrix<Rational>, v: readonly Rational[]): Num {
  const vv = v.reduce((s, x) => s.add(x.mul(x)), Rational.ZERO);
  return displayRational(bilinear(Exact, v, Hm, v).div(vv));
}
