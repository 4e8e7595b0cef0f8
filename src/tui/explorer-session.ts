import { InputError } from '../errors.js';
import { checkNetwork, hessianLimitProblem, type CheckMode } from '../landscape/check.js';
import { criticalReport, type CriticalReport } from '../landscape/critical.js';
import { hessianFloat64, toFloat } from '../landscape/derivatives.js';
import { criticalFamilies } from '../landscape/families.js';
import { loadNetwork, type Label, type NetworkSpec } from '../landscape/network.js';
import { checkNonlinear } from '../landscape/nonlinear/check.js';
import { type NonlinearModel, outputScale } from '../landscape/nonlinear/model.js';
import { monteCarloProblem } from '../landscape/nonlinear/monte-carlo.js';
import { unscale } from '../landscape/nonlinear/reduction.js';
import { seededRng } from '../linalg/random.js';
import { Exact, scale, symmetricEigenvalues, toRows, type Matrix, type Rational } from '../linalg/index.js';
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
  // A file with the paper's path model is explored as that model (dln nonlinear), with a Monte Carlo plot; a real
  // ReLU network as its reduced model, without the file's expectations (they are the ReLU network's).
  const model = spec.model ? { ...spec.model, paths: 'bernoulli' as const } : undefined;
  const relu = spec.model?.paths === 'relu';
  const mode = hessianLimitProblem(spec.widths, 'exact') === undefined ? 'exact' : 'float';
  // refused before any work, as by `dln check` and `dln critical`
  const tooLarge = hessianLimitProblem(spec.widths, mode);
  if (tooLarge) throw new InputError(`${path}: widths`, tooLarge);
  const families = criticalFamilies(spec.X, spec.Y, spec.widths, seededRng(seed)).points;
  const weights = new Map<string, readonly Matrix<Rational>[]>();
  const entries: ExplorerEntry[] = [];
  for (const p of spec.points) {
    weights.set(`point:${p.name}`, p.W);
    entries.push({ key: `point:${p.name}`, name: p.name, kind: 'point', ...(p.expect && !relu ? { expect: p.expect } : {}) });
  }
  for (const f of families) {
    // a critical point of the linear model, moved by φ⁻¹ to one of the nonlinear model
    weights.set(`family:${f.name}`, model ? unscale(model, f.W) : f.W);
    entries.push({ key: `family:${f.name}`, name: f.name, kind: 'family' });
  }
  let critical: CriticalReport | undefined;
  const spectrum = (W: readonly Matrix<Rational>[]) =>
    Array.from(symmetricEigenvalues(hessianFloat64(toFloat(spec.X), toFloat(spec.Y), W.map(toFloat))));
  return {
    file: path,
    name: relu ? `${spec.name} · the reduced model (dln nonlinear shows the ReLU network)` : spec.name,
    seed,
    widths: spec.widths,
    entries,
    async report(key: string): Promise<PointView> {
      await nextTurn();
      const entry = entries.find((e) => e.key === key);
      const W = weights.get(key);
      if (!entry || !W) throw new Error(`no entry '${key}'`);
      const family = () => (critical ??= criticalReport(spec, mode, seededRng(seed))).points.find((p) => p.name === entry.name);
      if (model) return nonlinearView(spec, model, mode, { name: entry.name, W: [...W], expect: entry.kind === 'point' ? entry.expect : family()?.expect ?? undefined });
      const report = entry.kind === 'point' ? checkNetwork(spec, mode, [entry.name]).points[0] : family();
      if (!report) throw new Error(`no report for '${entry.name}'`);
      return { report, weights: weightRows(W), eigenvalues: report.hessian ? spectrum(W) : [] };
    },
    close: () => {},
  };
}

const weightRows = (W: readonly Matrix<Rational>[]) => W.map((M) => toRows(M).map((row) => row.map(String)));

/** Monte Carlo draws per point in the explorer (about 0.1 s for a small network). */
const EXPLORER_DRAWS = 20_000;

/**
 * A point of the path model as the explorer shows it: the linear report at φ(W) with the nonlinear loss, reason and
 * transferred certificate, the spectrum of the nonlinear Hessian, and the Monte Carlo run when it fits the limits.
 */
function nonlinearView(spec: NetworkSpec, model: NonlinearModel, mode: CheckMode, point: { name: string; W: Matrix<Rational>[]; expect?: Label | undefined }): PointView {
  const draws = spec.model?.paths === 'bernoulli' && monteCarloProblem(spec.widths, spec.X.cols, EXPLORER_DRAWS) === undefined ? EXPLORER_DRAWS : undefined;
  const pt = { name: point.name, W: point.W, ...(point.expect ? { expect: point.expect } : {}) };
  const nl = checkNonlinear({ ...spec, model, points: [pt] }, { mode, ...(draws ? { monteCarlo: { draws, seed: 1 } } : {}) }).points[0]!;
  const report = { ...nl.linear, loss: nl.loss, reason: nl.reason, certificate: nl.certificate, ok: nl.ok };
  const cX = scale(Exact, outputScale(model), spec.X);
  const eigenvalues = report.hessian ? Array.from(symmetricEigenvalues(hessianFloat64(toFloat(cX), toFloat(spec.Y), point.W.map(toFloat)))) : [];
  return { report, weights: weightRows(point.W), eigenvalues, ...(nl.monteCarlo ? { monteCarlo: nl.monteCarlo } : {}) };
}
