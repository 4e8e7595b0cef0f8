import { type Matrix, type Rational, toRows } from '../../linalg/index.js';
import { networkSummary, type CheckMode } from '../check.js';
import { classifyExact, classifyFloat, HESSIAN_LIMITS } from '../classify.js';
import { analyzeData } from '../data.js';
import type { CandidatePoint, Label, NetworkSpec } from '../network.js';
import { parameterAt, parameterName } from '../params.js';
import type { Certificate, NetworkReport, PointReport, WeightsJson } from '../report.js';
import { expectedOutput } from './expectation.js';
import { type NonlinearModel, modelJson } from './model.js';
import { type MonteCarloReport, monteCarlo } from './monte-carlo.js';
import { PATH_TERM_LIMIT, pathCount } from './paths.js';
import { gradientCorresponds, hessianCongruent, linearLossAtRescaled, nonlinearGradient, nonlinearLoss, rescale } from './reduction.js';
import { transferCertificate } from './transfer.js';

/**
 * `dln nonlinear` for the paper's model (`paths: "bernoulli"`): per point, the expected output three ways, the loss
 * of the expected output against the deep linear loss at φ(W), and the classification by the reduction — the
 * linear model classified at φ(W) exactly as `dln check` does, its certificate carried back through φ⁻¹ and
 * re-checked on the nonlinear model.
 */

const rows = (M: Matrix<Rational>): string[][] => toRows(M).map((r) => r.map(String));
const weights = (W: readonly Matrix<Rational>[]): WeightsJson => W.map(rows);

export interface NonlinearPointReport {
  readonly name: string;
  readonly classification: Label;
  readonly expect: Label | null;
  readonly ok: boolean;
  readonly reason: string;
  readonly expectedOutput: {
    readonly paths: number;
    readonly enumerated: boolean;
    readonly byPaths?: string[][];
    readonly layered: string[][];
    readonly closedForm: string[][];
    readonly agree: boolean;
    readonly method: string;
  };
  /** L_nl(W) = ½‖E_Z[Ŷ] − Y‖², exact. */
  readonly loss: string;
  /** L_lin(φ(W)), exact; equal to `loss`. */
  readonly linearLoss: string;
  readonly lossesAgree: boolean;
  /** φ(W) = (W_1, …, W_H, qρ·W_{H+1}), where the linear model is classified. */
  readonly rescaled: WeightsJson;
  /** ∇L_nl(W) = S∇L_lin(φ(W)) checked exactly. */
  readonly gradient: { readonly zero: boolean; readonly corresponds: boolean };
  /** ∇²L_nl(W) = S∇²L_lin(φ(W))S checked exactly; null when not checked (not critical, float mode, too large). */
  readonly hessianCongruent: boolean | null;
  /** The certificate in the nonlinear model's coordinates. */
  readonly certificate: Certificate | null;
  readonly transfer: { readonly verified: boolean; readonly note: string };
  /** Every check of the reduction held at this point (expected output, losses, gradient, Hessian, certificate). */
  readonly reductionHolds: boolean;
  /** The linear model's report at φ(W), as `dln check` gives it. */
  readonly linear: PointReport;
  /** With a Monte Carlo run (`--monte-carlo N`): the estimate of E_Z[Ŷ] against N. */
  readonly monteCarlo?: MonteCarloReport;
}

export interface NonlinearReport {
  readonly network: NetworkReport['network'] & {
    readonly model: ReturnType<typeof modelJson>;
    /** Ψ, paths per output. */
    readonly paths: number;
    readonly pathTermLimit: number;
  };
  readonly points: NonlinearPointReport[];
}

/** Options of a check: the classification mode, and a Monte Carlo run per point. */
export interface NonlinearCheckOptions {
  readonly mode: CheckMode;
  readonly monteCarlo?: { readonly draws: number; readonly seed: number };
}

function checkPoint(
  model: NonlinearModel,
  spec: NetworkSpec,
  classify: (p: CandidatePoint) => PointReport,
  point: CandidatePoint,
  options: NonlinearCheckOptions,
): NonlinearPointReport {
  const linear = classify({ name: point.name, W: rescale(model, point.W), ...(point.expect ? { expect: point.expect } : {}) });
  return reducePoint(model, spec.X, spec.Y, point, linear, options);
}

/**
 * The reduction at one point W of the nonlinear model, given the linear model's report at φ(W): the expected output
 * three ways, the losses, the gradient and Hessian correspondences, the certificate carried back. The label is the
 * linear one; `ok` needs every check to hold.
 */
export function reducePoint(
  model: NonlinearModel,
  X: Matrix<Rational>,
  Y: Matrix<Rational>,
  point: CandidatePoint,
  linear: PointReport,
  options: NonlinearCheckOptions,
): NonlinearPointReport {
  const { mode } = options;
  const widths = [X.rows, ...point.W.map((Wk) => Wk.rows)];
  const W = point.W;
  const out = expectedOutput(model, X, W);
  const L = nonlinearLoss(model, X, Y, W);
  const Llin = linearLossAtRescaled(model, X, Y, W);
  const phiW = rescale(model, W);
  const g = nonlinearGradient(model, X, Y, W);
  const corresponds = gradientCorresponds(model, X, Y, W);
  const congruent =
    mode === 'exact' && linear.hessian && linear.hessian.size <= HESSIAN_LIMITS.exact ? hessianCongruent(model, X, Y, W) : null;
  // The classifier names a parameter as params.ts's parameterName does.
  const entry = (name: string) => {
    const i = g.findIndex((_, j) => parameterName(widths, j) === name);
    return i < 0 ? undefined : { value: g[i]!, lastLayer: parameterAt(widths, i).k === widths.length - 1 };
  };
  const transfer = transferCertificate(model, X, Y, W, linear.certificate, entry);
  const checks = out.agree && L.eq(Llin) && corresponds && congruent !== false && (transfer.verified || !needsVerification(linear.certificate));
  return {
    name: point.name,
    classification: linear.classification,
    expect: point.expect ?? null,
    ok: linear.ok && checks,
    reason: checks
      ? `by the reduction: the linear model at φ(W) is ${linear.classification} (${linear.reason})`
      : `the reduction FAILED to check at this point (${[
          !out.agree && 'expected output',
          !L.eq(Llin) && 'loss',
          !corresponds && 'gradient',
          congruent === false && 'Hessian',
          !transfer.verified && needsVerification(linear.certificate) && 'certificate',
        ].filter(Boolean).join(', ')}): a bug`,
    expectedOutput: {
      paths: out.paths,
      enumerated: out.byPaths !== undefined,
      ...(out.byPaths ? { byPaths: rows(out.byPaths) } : {}),
      layered: rows(out.layered),
      closedForm: rows(out.closedForm),
      agree: out.agree,
      method: out.method,
    },
    loss: L.toString(),
    linearLoss: Llin.toString(),
    lossesAgree: L.eq(Llin),
    rescaled: weights(phiW),
    gradient: { zero: g.every((x) => x.isZero()), corresponds },
    hessianCongruent: congruent,
    certificate: transfer.certificate,
    transfer: { verified: transfer.verified, note: transfer.note },
    reductionHolds: checks,
    linear,
    ...(options.monteCarlo ? { monteCarlo: monteCarlo(model, X, W, options.monteCarlo.draws, options.monteCarlo.seed) } : {}),
  };
}

/** Direction certificates must re-check on the nonlinear model (exact ones); the others transfer by statement. */
function needsVerification(c: Certificate | null): boolean {
  if (!c) return false;
  if (c.kind === 'nonzero-gradient') return true;
  if (c.kind === 'negative-curvature' || c.kind === 'decreasing-line') return c.direction.every((M) => M.every((r) => r.every((x) => typeof x === 'string')));
  return false;
}

/** Checks the chosen points (all by default) of a network file with `paths: "bernoulli"`. */
export function checkNonlinear(spec: NetworkSpec & { model: NonlinearModel }, options: NonlinearCheckOptions, pointNames?: readonly string[]): NonlinearReport {
  const { mode } = options;
  const data = analyzeData(spec.X, spec.Y, spec.widths, mode);
  const classify = (p: CandidatePoint) => (mode === 'exact' ? classifyExact(data, p) : classifyFloat(data, p));
  const points = spec.points.filter((p) => !pointNames || pointNames.includes(p.name)).map((p) => checkPoint(spec.model, spec, classify, p, options));
  return {
    network: {
      ...networkSummary(spec, data),
      model: modelJson(spec.model),
      paths: pathCount(spec.widths),
      pathTermLimit: PATH_TERM_LIMIT,
    },
    points,
  };
}
