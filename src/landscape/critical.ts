import { Exact, Rational, isZeroMatrix, mul, toRows, transpose } from '../linalg/index.js';
import { loss } from './derivatives.js';
import { isolated, networkSummary, type CheckMode } from './check.js';
import { classifyExact, classifyFloat } from './classify.js';
import { analyzeData, type DataAnalysis } from './data.js';
import { criticalFamilies, type FamilyKind, type FamilyPoint } from './families.js';
import type { Label, NetworkSpec } from './network.js';
import type { Rng } from '../linalg/random.js';
import type { NetworkReport, PointError, PointReport, WeightsJson } from './report.js';

/** One generated critical point: what the construction predicts and what the checker found. */
export interface FamilyReport extends PointReport {
  readonly family: FamilyKind;
  readonly W: WeightsJson;
  readonly predicted: {
    readonly indexSet: number[];
    readonly loss: string;
    readonly middleRank: number;
    /** The label the theory predicts (null when it predicts none), and why. */
    readonly label: Label | null;
    readonly because: string;
  };
  /** Zero gradient, loss = predicted loss, I = predicted I (when determined): the construction's promises. */
  readonly predictionsHold: boolean;
}

export interface CriticalReport {
  readonly network: NetworkReport['network'];
  readonly points: FamilyReport[];
  readonly skipped: { indexSet: number[]; reason: string }[];
  readonly truncated: number;
  /** Points whose classification failed with an internal error (a bug). */
  readonly errors: PointError[];
}

/** The label Theorem 2.3 / Corollary 2.4 / docs/mathematics.md §3 predict for a generated point, if any. */
function predictLabel(data: DataAnalysis, pt: FamilyPoint): { label: Label | null; because: string } {
  const xyNonZero = !isZeroMatrix(Exact, mul(Exact, data.X, transpose(data.Y)));
  if (pt.family === 'zero' && data.H >= 2 && xyNonZero)
    return { label: 'bad-saddle', because: 'W = 0 with H ≥ 2 and X Yᵀ ≠ 0: zero gradient and Hessian, loss falls at order H+1 (docs/mathematics.md §3)' };
  if (!data.hypotheses.holds) return { label: null, because: '(A) fails: the theorem predicts nothing' };
  const top = pt.indexSet.length === data.r && pt.indexSet.every((i, j) => i === j + 1);
  if (top) return { label: 'global-min', because: 'I = {1, …, min(p, d_y)}: the product is a global minimizer (Theorem 2.3)' };
  if (data.H === 1) return { label: 'strict-saddle', because: 'H = 1: every non-global critical point is a strict saddle (Corollary 2.4)' };
  if (pt.middleRank === data.p) return { label: 'strict-saddle', because: 'rank(W_H⋯W_2) = p: Theorem 2.3 (iv)' };
  return { label: null, because: 'rank(W_H⋯W_2) < p: strict or bad saddle, the theorem does not say which' };
}

/**
 * `dln critical`: builds the exact critical-point families of the network and classifies each, checking
 * the construction's predictions (zero gradient, critical value, index set) and the theorem's label.
 */
export function criticalReport(spec: NetworkSpec, mode: CheckMode, rng: Rng, maxIndexSets?: number): CriticalReport {
  const data = analyzeData(spec.X, spec.Y, spec.widths, mode);
  const sigma = { matrix: data.sigma, spectrum: data.spectrum };
  const fam = criticalFamilies(spec.X, spec.Y, spec.widths, rng, maxIndexSets === undefined ? { sigma } : { maxIndexSets, sigma });
  const classify = mode === 'exact' ? classifyExact : classifyFloat;
  const points: FamilyReport[] = [];
  const errors: PointError[] = [];
  const classifyOne = (pt: FamilyPoint): FamilyReport => {
    const prediction = predictLabel(data, pt);
    const r = classify(data, { name: pt.name, W: pt.W, ...(prediction.label ? { expect: prediction.label } : {}) });
    // Both modes compute the loss exactly (float mode shows it as a float).
    const lossHolds = loss(Exact, spec.X, spec.Y, pt.W).eq(pt.predictedLoss);
    const indexHolds = r.indexSet === null ? r.classification !== 'not-critical' : r.indexSet.join(',') === pt.indexSet.join(',');
    const predictionsHold = r.gradient.zero && lossHolds && indexHolds;
    return {
      ...r,
      family: pt.family,
      W: pt.W.map((M) => toRows(M).map((row) => row.map((x: Rational) => x.toString()))),
      predicted: { indexSet: pt.indexSet, loss: pt.predictedLoss.toString(), middleRank: pt.middleRank, ...prediction },
      predictionsHold,
      ok: r.ok && predictionsHold,
    };
  };
  for (const pt of fam.points) {
    const r = isolated(pt.name, () => classifyOne(pt));
    if ('message' in r) errors.push(r);
    else points.push(r);
  }
  return { network: networkSummary(spec, data), points, skipped: fam.skipped, truncated: fam.truncated, errors };
}
