import { type Matrix, Rational, toRows } from '../../linalg/index.js';
import { randomInt, seededRng, type Rng } from '../../linalg/random.js';
import { criticalReport, type CriticalReport, type FamilyReport } from '../critical.js';
import { drawData, SweepTally, type SweepOptions, type SweepReport } from '../sweep.js';
import { reducePoint } from './check.js';
import type { NonlinearModel } from './model.js';
import { unscale } from './reduction.js';

/**
 * `dln sweep --model nonlinear`: Corollary 3.2 on random instances. Each instance draws data as the linear sweep does
 * and a path model (ρ, q); every critical point W′ the linear construction builds is moved to the nonlinear model,
 * W = φ⁻¹(W′) (W_{H+1} divided by qρ), where the reduction is checked in full — the expected output by its Ψ paths,
 * the loss of the expected output, ∇L_nl = S∇L_lin, ∇²L_nl = S∇²L_linS, the certificate carried back — and the
 * labels are tallied against the theorem exactly as the linear sweep tallies them. A point at which the reduction
 * fails to check counts as a violation.
 */

/** The path model of an instance: ρ = a/b with b ≤ 6; q = 1/ρ (the paper's) for even seeds, else c/d in [1/4, 16]. */
export function drawModel(rng: Rng, seed: number): NonlinearModel {
  const b = randomInt(rng, 1, 6);
  const rho = Rational.of(randomInt(rng, 1, b), b);
  const q = seed % 2 === 0 ? rho.inv() : Rational.of(randomInt(rng, 1, 16), randomInt(rng, 1, 4));
  return { activation: 'relu', paths: 'bernoulli', rho, q };
}

export interface NonlinearSweepReport extends SweepReport {
  readonly model: 'nonlinear';
  /** Per instance, ρ and q (rational strings), in instance order. */
  readonly models: { readonly rho: string; readonly q: string }[];
  /** Points at which the reduction was checked, and at how many it failed (each also a violation). */
  readonly reduction: { readonly points: number; readonly failed: number };
}

/** The instance's critical points moved to the nonlinear model, each checked by the reduction. */
function reduceReport(model: NonlinearModel, report: CriticalReport, X: Matrix<Rational>, Y: Matrix<Rational>, mode: SweepOptions['mode']): { report: CriticalReport; failed: number } {
  let failed = 0;
  const points = report.points.map((pt): FamilyReport => {
    const Wlin = pt.W.map((M) => ({ rows: M.length, cols: M[0]!.length, data: M.flat().map((x) => (typeof x === 'number' ? Rational.fromNumber(x) : Rational.parse(x)!)) }));
    const W = unscale(model, Wlin);
    const nl = reducePoint(model, X, Y, { name: pt.name, W, ...(pt.expect ? { expect: pt.expect } : {}) }, pt, { mode });
    const held = nl.reductionHolds;
    if (!held) failed++;
    return {
      ...pt,
      W: W.map((M) => toRows(M).map((r) => r.map(String))),
      loss: nl.loss,
      certificate: nl.certificate,
      reason: nl.reason,
      ok: pt.ok && held,
      predictionsHold: pt.predictionsHold && held,
      theorem: held ? pt.theorem : { ...pt.theorem, agrees: false, note: nl.reason },
    };
  });
  return { report: { ...report, points }, failed };
}

/** Draws and classifies `options.instances` instances of the nonlinear model; `onInstance` is told after each one. */
export function nonlinearSweep(options: SweepOptions, onInstance?: (done: number) => void): NonlinearSweepReport {
  const { widths } = options;
  const tally = new SweepTally(options);
  const models: NonlinearSweepReport['models'][number][] = [];
  let points = 0, failed = 0;
  for (let index = 0; index < options.instances; index++) {
    const seed = options.seed + index;
    const rng = seededRng(seed);
    const { X, Y } = drawData(options.data, rng, widths[0]!, widths[widths.length - 1]!);
    const model = drawModel(rng, seed);
    models.push({ rho: model.rho.toString(), q: model.q.toString() });
    const linear = criticalReport({ name: `instance ${index}`, widths: [...widths], X, Y, points: [] }, options.mode, rng);
    const reduced = reduceReport(model, linear, X, Y, options.mode);
    points += reduced.report.points.length;
    failed += reduced.failed;
    tally.add(index, seed, reduced.report);
    onInstance?.(index + 1);
  }
  return { ...tally.report(), model: 'nonlinear', models, reduction: { points, failed } };
}
