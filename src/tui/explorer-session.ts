import { checkNetwork, hessianLimitProblem } from '../landscape/check.js';
import { criticalReport, type CriticalReport } from '../landscape/critical.js';
import { hessianFloat64, toFloat } from '../landscape/derivatives.js';
import { criticalFamilies } from '../landscape/families.js';
import { loadNetwork } from '../landscape/network.js';
import { seededRng } from '../linalg/random.js';
import { symmetricEigenvalues, toRows, type Matrix, type Rational } from '../linalg/index.js';
import type { ExplorerEntry, ExplorerSession, PointView } from './session.js';

/** Lets the "checking" frame be drawn before a synchronous check runs. */
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * The point explorer over a network file: its candidate points, checked as `dln check` does, and its
 * critical-point families, checked as `dln critical --seed SEED` does (with the predicted label as expectation;
 * seed 1 is `dln critical`'s default, so the names agree); exact mode unless the Hessian exceeds the exact
 * limit. The full float spectrum is computed for the chart. Throws an InputError for a malformed file.
 */
export function openExplorer(path: string, seed = 1): ExplorerSession {
  const spec = loadNetwork(path);
  const mode = hessianLimitProblem(spec.widths, 'exact') === undefined ? 'exact' : 'float';
  const tooLarge = hessianLimitProblem(spec.widths, mode);
  const families = tooLarge ? [] : criticalFamilies(spec.X, spec.Y, spec.widths, seededRng(seed)).points;
  const weights = new Map<string, readonly Matrix<Rational>[]>();
  const entries: ExplorerEntry[] = [];
  for (const p of spec.points) {
    weights.set(`point:${p.name}`, p.W);
    entries.push({ key: `point:${p.name}`, name: p.name, kind: 'point', ...(p.expect ? { expect: p.expect } : {}) });
  }
  for (const f of families) {
    weights.set(`family:${f.name}`, f.W);
    entries.push({ key: `family:${f.name}`, name: f.name, kind: 'family' });
  }
  let critical: CriticalReport | undefined;
  const spectrum = (W: readonly Matrix<Rational>[]) =>
    Array.from(symmetricEigenvalues(hessianFloat64(toFloat(spec.X), toFloat(spec.Y), W.map(toFloat))));
  return {
    file: path,
    name: spec.name,
    seed,
    widths: spec.widths,
    entries,
    async report(key: string): Promise<PointView> {
      await nextTurn();
      if (tooLarge) throw new Error(tooLarge);
      const entry = entries.find((e) => e.key === key);
      const W = weights.get(key);
      if (!entry || !W) throw new Error(`no entry '${key}'`);
      const report =
        entry.kind === 'point'
          ? checkNetwork(spec, mode, [entry.name]).points[0]
          : (critical ??= criticalReport(spec, mode, seededRng(seed))).points.find((p) => p.name === entry.name);
      if (!report) throw new Error(`no report for '${entry.name}'`);
      return { report, weights: W.map((M) => toRows(M).map((row) => row.map(String))), eigenvalues: report.hessian ? spectrum(W) : [] };
    },
    close: () => {},
  };
}
