import { Exact, Rational, type Matrix, equals, scale, toRows } from '../../linalg/index.js';
import { networkSummary, type CheckMode } from '../check.js';
import { classifyExact, classifyFloat } from '../classify.js';
import { analyzeData } from '../data.js';
import type { CandidatePoint, Label, NetworkSpec } from '../network.js';
import { parameterName, unflattenWeights } from '../params.js';
import type { Certificate, NetworkReport, PointReport } from '../report.js';
import { expectedOutputClosedForm } from './expectation.js';
import { type NonlinearModel, modelJson } from './model.js';
import { pathCount } from './paths.js';
import { nonlinearLoss, rescale } from './reduction.js';
import { activePathFraction, reluByPaths, reluForward, reluGradientVector, reluLoss, stableBox, type Pattern } from './relu.js';
import { interpolate } from './transfer.js';

/**
 * `dln nonlinear` on a file with `paths: "relu"`: the real ReLU network, whose path gates are decided by the
 * pre-activations, against the model the reduction would use at the same weights (the reduced model
 * ½‖qρ W_{H+1}⋯W_1X − Y‖², classified as `dln nonlinear` classifies the paper's model). Where the two disagree —
 * one critical, the other not — the reduction breaks, and the report says so with exact numbers.
 */

const rows = (M: Matrix<Rational>): string[][] => toRows(M).map((r) => r.map(String));

/** Why a ReLU label holds. */
export type ReluCertificate =
  /**
   * A non-zero partial derivative, re-checked on the loss along the coordinate line: for |t| ≤ radius the pattern is
   * fixed, so L(W + t·e) − L(W) is the quadratic `line` (t⁰ first), interpolated exactly, whose t¹ term is the entry.
   */
  | { readonly kind: 'nonzero-gradient'; readonly parameter: string; readonly value: string; readonly line: string[]; readonly radius: string }
  /** L = 0 and L ≥ 0 everywhere. */
  | { readonly kind: 'zero-loss' }
  /**
   * Every hidden pre-activation stays positive on the box |W′ − W|_∞ ≤ radius (exact interval arithmetic), so there
   * the network is the linear one at ψ(W′) = (W′_1, …, W′_H, q·W′_{H+1}), whose certificate at ψ(W) is `linear`.
   */
  | { readonly kind: 'locally-linear'; readonly radius: string; readonly linear: Certificate | null; readonly note: string }
  /** Some hidden layer is inactive on every sample on the whole box: the output is 0 and the loss constant there. */
  | { readonly kind: 'locally-constant'; readonly radius: string; readonly note: string };

export interface ReluPointReport {
  readonly name: string;
  readonly classification: Label;
  readonly expect: Label | null;
  readonly ok: boolean;
  readonly reason: string;
  readonly certificate: ReluCertificate | null;
  /** Ŷ by the forward pass; by the path formula with the real gates (when enumerable), which must agree. */
  readonly output: { readonly forward: string[][]; readonly byPaths?: string[][]; readonly pathsAgree: boolean };
  /** ρ̂: the fraction of active path gates over samples and paths. */
  readonly activePathFraction: string;
  /** What the reduction would take for E_Z[Ŷ]: qρ W_{H+1}⋯W_1 X, and whether it differs from the real output. */
  readonly reducedOutput: string[][];
  readonly outputsDiffer: boolean;
  readonly pattern: {
    readonly kinks: ReluPointReportKink[];
    /** The largest box radius 2⁻ⁱ on which every pre-activation keeps its sign, and the pattern there. */
    readonly radius: string | null;
    readonly kind: Pattern | 'kink';
  };
  readonly loss: string;
  readonly gradient: { readonly zero: boolean; readonly maxAbs: number };
  /** A point of the file with a smaller ReLU loss (so a local minimum here is not global). */
  readonly lowerLoss: { readonly point: string; readonly loss: string } | null;
  /** The reduced model at the same W, as `dln nonlinear` classifies the paper's model. */
  readonly reduced: { readonly classification: Label; readonly loss: string; readonly critical: boolean; readonly reason: string };
  /** The reduction's verdict and the real network's disagree on criticality at this point. */
  readonly breaks: boolean;
}

export interface ReluPointReportKink {
  readonly layer: number;
  readonly unit: number;
  readonly sample: number;
}

export interface ReluReport {
  readonly network: NetworkReport['network'] & { readonly model: ReturnType<typeof modelJson>; readonly paths: number };
  readonly points: ReluPointReport[];
}

function classifyRelu(
  model: NonlinearModel,
  spec: NetworkSpec,
  classifyLinear: (p: CandidatePoint) => PointReport,
  W: readonly Matrix<Rational>[],
  losses: ReadonlyMap<string, Rational>,
  self: string,
): Pick<ReluPointReport, 'classification' | 'reason' | 'certificate' | 'lowerLoss'> & { radius: string | null; kind: Pattern | 'kink' } {
  const { X, Y, widths } = spec;
  const q = model.q;
  const f = reluForward(q, X, W);
  const L = losses.get(self)!;
  let lower: { point: string; loss: string } | null = null;
  for (const [name, other] of losses) if (other.cmp(L) < 0 && (!lower || other.cmp(Rational.parse(lower.loss)!) < 0)) lower = { point: name, loss: other.toString() };
  if (L.isZero()) {
    const box = stableBox(X, W);
    return { classification: 'global-min', reason: 'L = 0 and L ≥ 0 everywhere', certificate: { kind: 'zero-loss' }, lowerLoss: null, radius: box?.radius.toString() ?? null, kind: f.kinks.length ? 'kink' : (box?.pattern ?? 'mixed') };
  }
  if (f.kinks.length > 0) {
    const k = f.kinks[0]!;
    return {
      classification: 'undetermined',
      reason: `at a kink: the pre-activation of unit ${k.unit + 1} of layer ${k.layer} on sample ${k.sample + 1} is exactly 0 (${f.kinks.length} in all), where ReLU is not differentiable; dln gives no verdict there`,
      certificate: null,
      lowerLoss: lower,
      radius: null,
      kind: 'kink',
    };
  }
  const box = stableBox(X, W);
  const g = reluGradientVector(q, X, Y, W);
  if (!box) return { classification: 'undetermined', reason: 'no box of radius ≥ 2⁻⁴⁰ keeps the activation pattern', certificate: null, lowerLoss: lower, radius: null, kind: 'mixed' };
  const radius = box.radius.toString();
  let worst = -1;
  g.forEach((x, i) => {
    if (!x.isZero() && (worst < 0 || x.abs().cmp(g[worst]!.abs()) > 0)) worst = i;
  });
  if (worst >= 0) {
    // On the box the loss along the coordinate line is a quadratic in t (the pattern is fixed and one weight
    // enters the output linearly): interpolated exactly at t = 0, r/2, r, its slope at 0 must be the entry.
    const half = box.radius.mul(Rational.of(1, 2));
    const e = unflattenWeights(widths, g.map((_, i) => (i === worst ? Rational.ONE : Rational.ZERO)));
    const at = (u: Rational) => reluLoss(q, X, Y, W.map((Wk, k) => ({ ...Wk, data: Wk.data.map((x, i) => x.add(u.mul(half).mul(e[k]!.data[i]!))) }))).sub(L);
    // coefficients in u (t = u·r/2), then in t
    const line = interpolate(at, 2).map((c, k) => c.div(half.pow(k)));
    const slope = line[1] ?? Rational.ZERO;
    const name = parameterName(widths, worst);
    if (!slope.eq(g[worst]!)) throw new Error(`ReLU gradient ${g[worst]} disagrees with the line's slope ${slope} (a bug)`);
    return {
      classification: 'not-critical',
      reason: `the gradient is not zero: ∂L/∂${name} = ${g[worst]} (back-propagation, re-checked on the loss along that coordinate inside the box of radius ${radius})`,
      certificate: { kind: 'nonzero-gradient', parameter: name, value: g[worst]!.toString(), line: line.map(String), radius },
      lowerLoss: lower,
      radius,
      kind: box.pattern,
    };
  }
  const nonGlobal = lower ? `; not global: point "${lower.point}" has loss ${lower.loss} < ${L}` : '; whether it is global is not known';
  if (box.pattern === 'dead-layer')
    return {
      classification: 'local-min',
      reason: `a hidden layer is inactive on every sample on the whole box of radius ${radius}: the output is 0 and the loss constant (${L}) there, a flat local minimum (and local maximum)${nonGlobal}`,
      certificate: { kind: 'locally-constant', radius, note: 'every pre-activation of some hidden layer is negative on the box (exact interval arithmetic)' },
      lowerLoss: lower,
      radius,
      kind: box.pattern,
    };
  if (box.pattern === 'all-active') {
    const psi = W.map((Wk, i) => (i === W.length - 1 ? scale(Exact, q, Wk) : Wk));
    const lin = classifyLinear({ name: self, W: psi });
    const local = lin.classification === 'global-min';
    const classification: Label = local ? 'local-min' : lin.classification;
    const note = `every hidden pre-activation is positive on the box of radius ${radius} (exact interval arithmetic), so there the network is the linear one at ψ(W′) = (W′_1, …, W′_H, q·W′_{H+1}); the linear model at ψ(W) is ${lin.classification}`;
    return {
      classification,
      reason: local ? `${note}, so L ≥ L* = ${L} on the box: a local minimum${nonGlobal}` : `${note}: ${lin.reason}`,
      certificate: { kind: 'locally-linear', radius, linear: lin.certificate, note },
      lowerLoss: lower,
      radius,
      kind: box.pattern,
    };
  }
  return {
    classification: 'undetermined',
    reason: `a critical point with a mixed activation pattern (stable on the box of radius ${radius}): locally a network with fixed masks, which dln does not classify`,
    certificate: null,
    lowerLoss: lower,
    radius,
    kind: box.pattern,
  };
}

/** Checks the chosen points (all by default) of a file with `paths: "relu"`. */
export function checkRelu(spec: NetworkSpec & { model: NonlinearModel }, mode: CheckMode, pointNames?: readonly string[]): ReluReport {
  const { X, Y, model } = spec;
  const data = analyzeData(X, Y, spec.widths, mode);
  const classifyLinear = (p: CandidatePoint) => (mode === 'exact' ? classifyExact(data, p) : classifyFloat(data, p));
  // the ReLU loss of every point of the file: a lower one shows a local minimum is not global
  const losses = new Map(spec.points.map((p) => [p.name, reluLoss(model.q, X, Y, p.W)] as const));
  const points = spec.points
    .filter((p) => !pointNames || pointNames.includes(p.name))
    .map((p): ReluPointReport => {
      const f = reluForward(model.q, X, p.W);
      const byPaths = reluByPaths(model.q, X, p.W);
      const reducedOut = expectedOutputClosedForm(model, X, p.W);
      const lin = classifyLinear({ name: p.name, W: rescale(model, p.W) });
      const real = classifyRelu(model, spec, classifyLinear, p.W, losses, p.name);
      const g = reluGradientVector(model.q, X, Y, p.W);
      const reluCritical = real.kind !== 'kink' && g.every((x) => x.isZero());
      const reducedCritical = lin.gradient.zero;
      const pathsAgree = byPaths === undefined || equals(Exact, byPaths, f.output);
      return {
        name: p.name,
        classification: real.classification,
        expect: p.expect ?? null,
        ok: (p.expect === undefined || p.expect === real.classification) && pathsAgree,
        reason: real.reason,
        certificate: real.certificate,
        output: { forward: rows(f.output), ...(byPaths ? { byPaths: rows(byPaths) } : {}), pathsAgree },
        activePathFraction: activePathFraction(X, p.W).toString(),
        reducedOutput: rows(reducedOut),
        outputsDiffer: !equals(Exact, reducedOut, f.output),
        pattern: { kinks: f.kinks, radius: real.radius, kind: real.kind },
        loss: losses.get(p.name)!.toString(),
        gradient: { zero: g.every((x) => x.isZero()), maxAbs: Math.max(0, ...g.map((x) => Math.abs(x.toNumber()))) },
        lowerLoss: real.lowerLoss,
        reduced: { classification: lin.classification, loss: nonlinearLoss(model, X, Y, p.W).toString(), critical: reducedCritical, reason: lin.reason },
        breaks: real.kind !== 'kink' && reluCritical !== reducedCritical,
      };
    });
  return { network: { ...networkSummary(spec, data), model: modelJson(model), paths: pathCount(spec.widths) }, points };
}
