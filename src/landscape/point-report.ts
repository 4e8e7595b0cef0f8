import { Exact, Rational, type Matrix, identity, mulAll, rank, toRows } from '../linalg/index.js';
import { lossStarOf, type DataAnalysis } from './data.js';
import { displayRational } from './display-number.js';
import { gradient, layerProducts, loss } from './derivatives.js';
import { flattenWeights, parameterName } from './params.js';
import { STATEMENTS_NEEDING_A } from './hypotheses.js';
import type { Num, PointReport, WeightsJson } from './report.js';

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

/**
 * What a point's report opens with in either mode — name, loss, L*, hypotheses, ranks — and, when the exact
 * gradient is not zero, the finished `not-critical` report naming its largest entry (`shown` prints the values:
 * exactly, or as decimals in float mode). Otherwise `notCritical` is undefined and the point is critical.
 */
export function pointOpening(
  data: DataAnalysis,
  point: { readonly name: string; readonly W: readonly Matrix<Rational>[]; readonly expect?: PointReport['expect'] },
  mode: 'exact' | 'float',
  shown: (x: Rational) => Num,
) {
  const W = point.W;
  const L = loss(Exact, data.X, data.Y, W);
  const g = flattenWeights(gradient(Exact, data.X, data.Y, W));
  const r = ranks(data, W);
  const base = {
    name: point.name,
    mode,
    loss: shown(L),
    ...lossStarFields(data, mode),
    hypotheses: { holds: data.hypotheses.holds, failed: data.hypotheses.failed, notApplicable: notApplicable(data) },
    p: data.p,
    rankC: r.rankC,
    rankMiddle: r.rankMiddle,
    expect: point.expect ?? null,
  };
  let worst = -1;
  g.forEach((x, i) => {
    if (!x.isZero() && (worst < 0 || x.abs().cmp(g[worst]!.abs()) > 0)) worst = i;
  });
  if (worst < 0) return { L, ranks: r, base, notCritical: undefined };
  const name = parameterName(data.widths, worst);
  const notCritical = finish({
    ...base,
    gradient: { zero: false, maxAbs: displayRational(g[worst]!.abs()) },
    indexSet: null,
    criticalValue: null,
    classification: 'not-critical',
    reason: `the gradient is not zero (exactly): ∂L/∂${name} = ${shown(g[worst]!)}`,
    certificate: { kind: 'nonzero-gradient', parameter: name, value: g[worst]!.toString() },
    theorem: { applicable: data.hypotheses.holds, agrees: true, note: 'not a critical point: the theorem says nothing here' },
    diagnostics: {},
  });
  return { L, ranks: r, base, notCritical };
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

