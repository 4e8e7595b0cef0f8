import { checkNetwork, hessianLimitProblem } from '../landscape/check.js';
import { hessianFloat64, toFloat } from '../landscape/derivatives.js';
import { loadNetwork } from '../landscape/network.js';
import { symmetricEigenvalues } from '../linalg/index.js';
import type { ExplorerSession, PointView } from './session.js';

/** Lets the "checking" frame be drawn before a synchronous check runs. */
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * The point explorer over a network file: each point is checked as `dln check` does (exactly, or in float
 * mode when the Hessian exceeds the exact limit), and the full float spectrum is computed for the chart.
 * Throws an InputError for a malformed file.
 */
export function openExplorer(path: string): ExplorerSession {
  const spec = loadNetwork(path);
  const mode = hessianLimitProblem(spec.widths, 'exact') === undefined ? 'exact' : 'float';
  return {
    file: path,
    name: spec.name,
    widths: spec.widths,
    entries: spec.points.map((p) => ({ name: p.name, kind: 'point' as const, ...(p.expect ? { expect: p.expect } : {}) })),
    async report(name: string): Promise<PointView> {
      await nextTurn();
      const problem = hessianLimitProblem(spec.widths, mode);
      if (problem) throw new Error(problem);
      const report = checkNetwork(spec, mode, [name]).points[0];
      const point = spec.points.find((p) => p.name === name);
      if (!report || !point) throw new Error(`no point named '${name}'`);
      const eigenvalues = report.hessian
        ? Array.from(symmetricEigenvalues(hessianFloat64(toFloat(spec.X), toFloat(spec.Y), point.W.map(toFloat))))
        : [];
      return { report, eigenvalues };
    },
    close: () => {},
  };
}
