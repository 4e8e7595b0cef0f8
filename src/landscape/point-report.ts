import { Exact, Rational, type Matrix, identity, mulAll, rank, toRows } from '../linalg/index.js';
import { lossStarOf, type DataAnalysis } from './data.js';
import { displayRational } from './display-number.js';
import { layerProducts } from './derivatives.js';
import { STATEMENTS_NEEDING_A } from './hypotheses.js';
import type { PointReport, WeightsJson } from './report.js';

/** Assembling a point's report (both modes): shared fields, the theorem cross-check of the label, key order. */

/** A report before the second classifier's cross-check. */
export type HessianRouteReport = Omit<PointReport, 'crossCheck'>;

const half = Rational.of(1, 2);
/** Weights or a direction as rows of exact strings. */
export const json = (W: readonly Matrix<Rational>[]): WeightsJson => W.map((M) => toRows(M).map((r) => r.map((x) => x.toString())));

/** Ranks that do not depend on the mode (weights are rational): rank C, rank W_H⋯W_2, rank of the product. */
export function ranks(data: DataAnalysis, W: readonly Matrix<Rational>[]) {
  const { prefix, suffix } = layerProducts(Exact, W);
  const H = data.H;
  const C = suffix[1]!;
  const middle = H === 1 ? identity(Exact, data.widths[1]!) : mulAll(Exact, W.slice(1, H).reverse());
  return { prefix, suffix, C, M: prefix[H + 1]!, rankC: rank(Exact, C), rankMiddle: rank(Exact, middle) };
}

export function lossStarFields(data: DataAnalysis, mode: 'exact' | 'float') {
  const ls = lossStarOf(data);
  if (ls.exact) return { lossStar: mode === 'exact' ? ls.value.toString() : displayRational(ls.value), lossStarExact: true };
  const mid = ls.lower.add(ls.upper).mul(half);
  return { lossStar: displayRational(mid), lossStarExact: false, lossStarTolerance: ls.upper.sub(ls.lower).mul(half).toNumber() };
}

export function notApplicable(data: DataAnalysis): string[] {
  return data.hypotheses.holds ? [] : [...STATEMENTS_NEEDING_A];
}

/** The report of a critical point, with the theorem cross-check of its label added to the violations found. */
export function conclude(
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
export function finish(r: Omit<HessianRouteReport, 'ok'>): HessianRouteReport {
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

