import { classifyExact, classifyFloat, HESSIAN_LIMITS } from './classify.js';
import { analyzeData, lossStarOf, type DataAnalysis } from './data.js';
import type { NetworkSpec } from './network.js';
import { parameterCount } from './params.js';
import { Rational } from '../linalg/index.js';
import { displayRational, displayScaled } from './display-number.js';
import type { NetworkReport, Num, PointError, PointReport } from './report.js';

export type CheckMode = 'exact' | 'float';

/** Network-level facts for a report: widths, (A), Σ's eigenvalues, L*. */
export function networkSummary(spec: Pick<NetworkSpec, 'name' | 'widths'>, data: DataAnalysis): NetworkReport['network'] {
  const ls = lossStarOf(data);
  // Float mode reports Jacobi's values rather than isolate the spectrum only to print it.
  // Display: exact values where rational, else Jacobi's floats of the scaled Σ (finite at any size), scaled back.
  const e = data.sigmaExponent;
  const floats = data.sigmaEigen.values;
  const sigmaEigenvalues: Num[] = floats.map((v) => displayScaled(v, e));
  if (data.mode === 'exact') {
    let position = 0;
    for (const c of data.spectrum.clusters)
      for (let i = 0; i < c.multiplicity; i++, position++) if (c.exact) sigmaEigenvalues[position] = c.exact.toString();
  }
  return {
    name: spec.name,
    widths: spec.widths,
    H: data.H,
    p: data.p,
    parameters: parameterCount(spec.widths),
    hypotheses: { holds: data.hypotheses.holds, failed: data.hypotheses.failed },
    sigmaEigenvalues,
    ...(ls.exact
      ? { lossStar: ls.value.toString(), lossStarExact: true }
      : {
          lossStar: displayRational(ls.lower.add(ls.upper).div(Rational.fromInt(2))),
          lossStarExact: false,
          lossStarTolerance: ls.upper.sub(ls.lower).toNumber() / 2,
        }),
  };
}

/**
 * The data facts ((A), Σ and its eigenvalues, L*) are decided exactly in both modes; their cost grows steeply with
 * the data's rows (random integer data with d_0 = d_{H+1} = 20 takes over a minute), so wider data is refused.
 */
export const DATA_LIMITS = {
  /** d_0 and d_{H+1}. */
  maxDataWidth: 32,
};

/** The Hessian and data limits for a mode, or a message when the network exceeds them (checked before any work). */
export function hessianLimitProblem(widths: readonly number[], mode: CheckMode): string | undefined {
  const [dx, dy] = [widths[0]!, widths[widths.length - 1]!];
  if (Math.max(dx, dy) > DATA_LIMITS.maxDataWidth)
    return `d_0 = ${dx} and d_{H+1} = ${dy}: the exact analysis of the data (Σ, L*, (A)) takes data of at most ${DATA_LIMITS.maxDataWidth} rows`;
  const n = parameterCount(widths);
  const limit = HESSIAN_LIMITS[mode];
  if (n <= limit) return undefined;
  return mode === 'exact'
    ? `${n} parameters exceed the exact Hessian limit of ${limit} (use --float, limit ${HESSIAN_LIMITS.float})`
    : `${n} parameters exceed the float Hessian limit of ${HESSIAN_LIMITS.float}`;
}

/** Classifies the chosen points of a network (all by default). The caller checks the Hessian limit first. */
export function checkNetwork(spec: NetworkSpec, mode: CheckMode, pointNames?: readonly string[]): NetworkReport {
  const problem = hessianLimitProblem(spec.widths, mode);
  if (problem) throw new RangeError(problem);
  const data = analyzeData(spec.X, spec.Y, spec.widths, mode);
  const classify = mode === 'exact' ? classifyExact : classifyFloat;
  const points: PointReport[] = [];
  const errors: PointError[] = [];
  for (const p of spec.points.filter((q) => !pointNames || pointNames.includes(q.name))) {
    const r = isolated(p.name, () => classify(data, p));
    if ('message' in r) errors.push(r);
    else points.push(r);
  }
  return { network: networkSummary(spec, data), points, errors };
}

/** Runs one point's work; an exception (a bug) becomes that point's error instead of ending the run. */
export function isolated<R>(point: string, work: () => R): R | PointError {
  try {
    return work();
  } catch (e) {
    return { point, message: e instanceof Error ? e.message : String(e) };
  }
}

/** Internal errors of a report: points that threw and cross-check disagreements, one line each (exit 3). */
export function internalErrors(report: { points: readonly PointReport[]; errors: readonly PointError[] }): string[] {
  return [
    ...report.errors.map((e) => `point "${e.point}": ${e.message}`),
    ...report.points.filter((p) => !p.crossCheck.agrees).map((p) => `point "${p.name}": ${p.crossCheck.note}`),
  ];
}
