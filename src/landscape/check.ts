import { classifyExact, classifyFloat, HESSIAN_LIMITS } from './classify.js';
import { analyzeData, lossStarOf, type DataAnalysis } from './data.js';
import type { NetworkSpec } from './network.js';
import { parameterCount } from './params.js';
import type { NetworkReport, Num } from './report.js';

export type CheckMode = 'exact' | 'float';

/** Network-level facts for a report: widths, (A), Σ's eigenvalues, L*. */
export function networkSummary(spec: Pick<NetworkSpec, 'name' | 'widths'>, data: DataAnalysis): NetworkReport['network'] {
  const ls = lossStarOf(data);
  // Float mode reports Jacobi's values rather than isolate the spectrum only to print it.
  const sigmaEigenvalues: Num[] =
    data.mode === 'float'
      ? data.sigmaEigen.values
      : data.spectrum.clusters.flatMap((c) => Array.from({ length: c.multiplicity }, () => (c.exact ? c.exact.toString() : c.approx)));
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
          lossStar: ls.lower.add(ls.upper).toNumber() / 2,
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
  const points = spec.points.filter((p) => !pointNames || pointNames.includes(p.name)).map((p) => classify(data, p));
  return { network: networkSummary(spec, data), points };
}
