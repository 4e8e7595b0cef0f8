import { Exact, Rational, type Inertia, type Matrix, convert, symmetricEigenvalues } from '../linalg/index.js';
import { seededRng } from '../linalg/random.js';
import { applyBalance, balanceOf, pow2, unbalanceDirection, type Balance } from './balance.js';
import { risingLine } from './certificates.js';
import type { DataAnalysis } from './data.js';
import { hessianFloat64 } from './derivatives.js';
import { displayRational, displayScaled } from './display-number.js';
import { floatNegativeDirection } from './float-direction.js';
import { floatTolerances } from './float-tolerance.js';
import { lossAlongLine } from './line.js';
import { globalMinimumTest, rangeProjector } from './optimum.js';
import { parameterCount, unflattenWeights } from './params.js';
import { conclude, json, pointOpening, type HessianRouteReport } from './point-report.js';
import { clampToInertia, flushTiny, gershgorin } from './hessian-display.js';
import type { Certificate, Num, PointReport } from './report.js';
import { HESSIAN_LIMITS, beyondExactLimit, exactFallback, type Verdict } from './verdict.js';

/**
 * Float mode: the Hessian's spectrum in float64 (O(n³) in doubles, up to 2500 parameters). Everything else a label
 * rests on is exact and cheap, the weights being rational: the gradient's zero test, the loss, L = L*. The float
 * spectrum only proposes: a negative eigenvalue becomes a label once its direction, rounded to rationals, gives
 * vᵀ∇²L v < 0 exactly (the line polynomial's t² term); what float cannot resolve goes to the exact Hessian (up to
 * 400 parameters) or stays `undetermined`, so float mode degrades to `undetermined`, never to a wrong label.
 * Badly scaled points are first balanced by powers of two (balance.ts), which changes no label.
 */
export function hessianRouteFloat(data: DataAnalysis, point: { name: string; W: readonly Matrix<Rational>[]; expect?: PointReport['expect'] }): HessianRouteReport {
  const W = point.W;
  const n = parameterCount(data.widths);
  const { L, ranks: { C, M, rankMiddle }, base, notCritical } = pointOpening(data, point, 'float', displayRational);
  if (notCritical) return notCritical;
  const global = globalMinimumTest(data, M, L);
  const spectrum = floatSpectrum(data, W, n);
  let hessianField = spectrum.field;
  const { indexSet, criticalValue } = floatIndexSet(data, C);
  let verdict: Verdict;
  if (global.global) verdict = { classification: 'global-min', reason: global.reason, certificate: { kind: 'loss-equals-lossStar', note: global.reason } };
  else {
    const strict = spectrum.negative ? exactNegativeCurvature(data, W, spectrum.negative, spectrum.balance, n) : undefined;
    if (strict) {
      verdict = strict;
      if (hessianField && hessianField.minEigenvalue === 0 && strict.bound !== undefined) hessianField = { ...hessianField, minEigenvalue: strict.bound };
    }
    else {
      // Float could not resolve the smallest eigenvalue (or its direction did not verify): exact where affordable.
      const unresolved = spectrum.why;
      const v = n <= HESSIAN_LIMITS.exact ? exactFallback(data, W, global.reason) : beyondExactLimit(data, W, spectrum.zero);
      verdict = { ...v, reason: `${unresolved}; ${v.reason}` };
    }
  }
  return conclude(data, rankMiddle, [], {
    ...base,
    gradient: { zero: true, maxAbs: 0 },
    ...(hessianField ? { hessian: hessianField } : {}),
    indexSet,
    criticalValue,
    ...verdict,
    diagnostics: {},
  });
}

interface FloatSpectrum {
  readonly field?: NonNullable<PointReport['hessian']>;
  /** The float Hessian (at the balanced point), its smallest eigenvalue and tolerance, when one is below −tolerance. */
  readonly negative?: { readonly Hf: { n: number; data: Float64Array }; readonly lambda: number; readonly tol: number };
  readonly balance: Balance;
  /** Why float did not settle the label, for the reason. */
  readonly why: string;
  /** The Hessian is exactly zero: a zero error bound (every entry computed exactly) and every entry 0. */
  readonly zero: boolean;
}

/**
 * The Hessian's eigenvalues in float64 at the balanced point, with the running error bound as tolerance; its
 * inertia is that of the Hessian at W (congruent). The extreme eigenvalues shown are those of the Hessian at W
 * itself: the balanced one transformed back (a second, scaled solve when balancing changed anything).
 */
function floatSpectrum(data: DataAnalysis, W: readonly Matrix<Rational>[], n: number): FloatSpectrum {
  const balance = balanceOf(data.X, data.Y, W);
  const b = balance.active ? applyBalance(balance, data.X, data.Y, W) : { X: data.X, Y: data.Y, W };
  const f = (Mq: Matrix<Rational>) => convert(Mq, (q) => q.toNumber());
  const Xf = f(b.X), Yf = f(b.Y), Wf = b.W.map(f);
  const Hf = hessianFloat64(Xf, Yf, Wf);
  const tol = floatTolerances(Xf, Yf, Wf).hessian;
  const zero = tol === 0 && Hf.data.every((x) => x === 0);
  const ev = eigenvaluesOrUndefined(Hf);
  if (!ev || !Number.isFinite(tol)) return { balance, zero, why: ev ? 'the float error bound is not finite' : 'the float eigenvalue solver failed' };
  const inertia: Inertia = {
    positive: ev.filter((x) => x > tol).length,
    negative: ev.filter((x) => x < -tol).length,
    zero: ev.filter((x) => Math.abs(x) <= tol).length,
  };
  const shown = balance.active ? originalExtremes(Hf, balance, W, inertia) : clampToInertia(ev[n - 1] ?? 0, ev[0] ?? 0, inertia);
  const field = {
    size: n,
    inertia,
    minEigenvalue: shown[0],
    maxEigenvalue: shown[1],
    tolerance: tol,
    ...(balance.active ? { balance: { layers: [...balance.layers], x: balance.x, y: balance.y } } : {}),
  };
  const lambda = ev[n - 1] ?? 0;
  if (lambda < -tol) return { field, negative: { Hf, lambda, tol }, balance, zero, why: '' };
  return { field, balance, zero, why: `float λ_min = ${lambda.toExponential(3)} within the tolerance ${tol.toExponential(2)}${balance.active ? ' (balanced)' : ''}` };
}

function eigenvaluesOrUndefined(Hf: { n: number; data: Float64Array }): Float64Array | undefined {
  if (!Hf.data.every(Number.isFinite)) return undefined;
  try {
    return symmetricEigenvalues(Hf);
  } catch {
    return undefined;
  }
}

/**
 * Extreme eigenvalues of the Hessian at W from the balanced one: H(W)_{ij} = 4^y 2^{a_i + a_j} H̃_{ij} (a_i the
 * exponent of parameter i's layer), solved with a common factor 2^{−g} taken out so nothing overflows.
 */
function originalExtremes(Hb: { n: number; data: Float64Array }, b: Balance, W: readonly Matrix<Rational>[], inertia: Inertia): [Num, Num] {
  const { n } = Hb;
  const a: number[] = [];
  W.forEach((Wk, k) => {
    for (let i = 0; i < Wk.rows * Wk.cols; i++) a.push(b.layers[k]!);
  });
  const g = 2 * Math.max(...a);
  const data = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) data[i * n + j] = flushTiny(Hb.data[i * n + j]! * 2 ** (a[i]! + a[j]! - g));
  const ev = eigenvaluesOrUndefined({ n, data });
  const [lo, hi] = clampToInertia(...(ev ? ([ev[n - 1] ?? 0, ev[0] ?? 0] as const) : gershgorin(data, n)), inertia);
  return [displayScaled(lo, g + 2 * b.y), displayScaled(hi, g + 2 * b.y)];
}

/**
 * A strict saddle from a float negative eigenvalue, certified exactly: its direction (at the balanced point,
 * mapped back to W) rounded to rationals — first to 30 bits, then as the floats themselves — must give a line
 * polynomial with no t¹ term and a negative t² term; then a rising line excludes a local maximum.
 */
function exactNegativeCurvature(
  data: DataAnalysis,
  W: readonly Matrix<Rational>[],
  neg: NonNullable<FloatSpectrum['negative']>,
  balance: Balance,
  n: number,
): (Verdict & { bound?: Num }) | undefined {
  let v: Float64Array;
  try {
    v = floatNegativeDirection(neg.Hf, neg.lambda, neg.tol);
  } catch {
    return undefined;
  }
  const top = v.reduce((m, x) => Math.max(m, Math.abs(x)), 0);
  if (!(top > 0)) return undefined;
  const rounded = Array.from(v, (x) => Rational.of(BigInt(Math.round((x / top) * 2 ** 30)), 1n << 30n));
  for (const candidate of [rounded, Array.from(v, (x) => Rational.fromNumber(x))]) {
    const V = unbalanceDirection(balance, unflattenWeights(data.widths, candidate));
    const polynomial = lossAlongLine(Exact, data.X, data.Y, W, V);
    const c1 = polynomial[1] ?? Rational.ZERO, c2 = polynomial[2] ?? Rational.ZERO;
    if (!c1.isZero() || c2.sign() >= 0) continue;
    const curvature = c2.mul(Rational.fromInt(2));
    const up = risingLine(data.X, data.Y, W, undefined, n, seededRng(0x5eed));
    const certificate: Certificate = {
      kind: 'negative-curvature',
      direction: json(V),
      curvature: curvature.toString(),
      polynomial: polynomial.map(String),
      ...(up ? { rising: { direction: json(up.V), polynomial: up.polynomial.map(String) } } : {}),
    };
    const found = `float λ_min = ${neg.lambda.toExponential(3)} below −${neg.tol.toExponential(2)}; its direction, rounded to rationals, has vᵀ∇²L v = ${displayRational(curvature)} exactly`;
    // λ_min ≤ vᵀ∇²L v / vᵀv, shown when the float value is lost beside the largest eigenvalue.
    const bound = displayRational(curvature.div(V.reduce((s, Vk) => Vk.data.reduce((t, x) => t.add(x.mul(x)), s), Rational.ZERO)));
    return up
      ? { classification: 'strict-saddle', reason: `${found}, and the loss rises along a line`, certificate, bound }
      : { classification: 'undetermined', reason: `${found}, but no line along which the loss rises was found: it might be a local maximum`, certificate, bound };
  }
  return undefined;
}

const scaleBy = (q: Rational, e: number): number => (e === 0 ? q.toNumber() : q.mul(pow2(e)).toNumber());

/**
 * I and the critical value for display, under (A): u_iᵀ P_C u_i (P_C exact, Σ's eigenvectors in float) is 1 for
 * i ∈ I and 0 otherwise at a critical point; null when the weights are not clearly 0 or 1. No label depends on it.
 */
function floatIndexSet(data: DataAnalysis, C: Matrix<Rational>): { indexSet: number[] | null; criticalValue: Num | null } {
  if (!data.hypotheses.holds) return { indexSet: null, criticalValue: null };
  const P = convert(rangeProjector(C), (q) => q.toNumber());
  const U = data.sigmaEigen.vectors;
  const dy = U.rows;
  const weights = Array.from({ length: dy }, (_, i) => {
    let s = 0;
    for (let a = 0; a < dy; a++) for (let c = 0; c < dy; c++) s += U.data[a * dy + i]! * P.data[a * dy + c]! * U.data[c * dy + i]!;
    return s;
  });
  if (!weights.every((w) => Math.abs(w) < 1e-6 || Math.abs(w - 1) < 1e-6)) return { indexSet: null, criticalValue: null };
  const indexSet = weights.flatMap((w, i) => (w > 0.5 ? [i + 1] : []));
  // ½(tr YYᵀ − Σ_I λ_i) with Σ's floats in units of 2^e (sigmaExponent), shown at any size
  const e = data.sigmaExponent;
  const scaledValue = 0.5 * (scaleBy(data.trYYt, -e) - indexSet.reduce((s, i) => s + data.sigmaEigen.values[i - 1]!, 0));
  return { indexSet, criticalValue: displayScaled(scaledValue, e) };
}
