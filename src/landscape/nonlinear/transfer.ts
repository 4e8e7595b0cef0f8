import { Exact, Rational, type Matrix, add, scale, fromRows } from '../../linalg/index.js';
import type { Certificate, Num, WeightsJson } from '../report.js';
import type { NonlinearModel } from './model.js';
import { outputScale } from './model.js';
import { nonlinearLoss, unscale } from './reduction.js';

/**
 * How a certificate of the linear model at φ(W) becomes one of the nonlinear model at W. Direction certificates
 * (negative curvature, a decreasing line) move by φ⁻¹ — V = (V'_1, …, V'_H, V'_{H+1}/(qρ)) — and are re-checked on
 * the nonlinear model itself: L_nl(W + tV) − L_nl(W) is computed from the expected output at 2H+3 values of t
 * and interpolated exactly, and must be the linear certificate's polynomial. The loss polynomial is the same, so
 * its lowest term proves the same thing.
 */

export interface Transfer {
  readonly certificate: Certificate | null;
  /** True when the transferred certificate was re-checked exactly on the nonlinear model. */
  readonly verified: boolean;
  readonly note: string;
}

/** The coefficients (t⁰ first) of the polynomial of degree ≤ `degree` through f(0), f(1), …, f(degree). */
export function interpolate(f: (t: Rational) => Rational, degree: number): Rational[] {
  const xs = Array.from({ length: degree + 1 }, (_, i) => Rational.fromInt(i));
  // Newton's divided differences, then expansion into the monomial basis.
  const dd = xs.map(f);
  for (let level = 1; level <= degree; level++)
    for (let i = degree; i >= level; i--) dd[i] = dd[i]!.sub(dd[i - 1]!).div(xs[i]!.sub(xs[i - level]!));
  let coeffs: Rational[] = [dd[degree]!];
  for (let i = degree - 1; i >= 0; i--) {
    // coeffs ← coeffs·(t − x_i) + dd_i
    const next = new Array<Rational>(coeffs.length + 1).fill(Rational.ZERO);
    coeffs.forEach((c, k) => {
      next[k + 1] = next[k + 1]!.add(c);
      next[k] = next[k]!.sub(c.mul(xs[i]!));
    });
    next[0] = next[0]!.add(dd[i]!);
    coeffs = next;
  }
  while (coeffs.length > 1 && coeffs[coeffs.length - 1]!.isZero()) coeffs.pop();
  return coeffs;
}

/** L_nl(W + tV) − L_nl(W) as an exact polynomial in t, from the expected output alone. */
export function nonlinearLossAlong(
  model: NonlinearModel,
  X: Matrix<Rational>,
  Y: Matrix<Rational>,
  W: readonly Matrix<Rational>[],
  V: readonly Matrix<Rational>[],
): Rational[] {
  const base = nonlinearLoss(model, X, Y, W);
  const at = (t: Rational) => nonlinearLoss(model, X, Y, W.map((Wk, k) => add(Exact, Wk, scale(Exact, t, V[k]!)))).sub(base);
  return interpolate(at, 2 * W.length);
}

const exactWeights = (W: WeightsJson): Matrix<Rational>[] | undefined => {
  const out: Matrix<Rational>[] = [];
  for (const M of W) {
    const rows = M.map((r) => r.map((x) => (typeof x === 'string' ? Rational.parse(x) : undefined)));
    if (rows.some((r) => r.some((x) => x === undefined))) return undefined;
    out.push(fromRows(rows as Rational[][]));
  }
  return out;
};

const weightsJson = (W: readonly Matrix<Rational>[]): WeightsJson =>
  W.map((M) => Array.from({ length: M.rows }, (_, i) => M.data.slice(i * M.cols, (i + 1) * M.cols).map((x) => x.toString())));

const samePolynomial = (a: readonly Rational[], b: readonly Num[]): boolean =>
  a.length === b.length && a.every((x, i) => typeof b[i] === 'string' && Rational.parse(b[i] as string)?.eq(x));

/**
 * The nonlinear certificate at W for the linear report's certificate at φ(W). `gradientAt` gives ∂L_nl/∂θ_i for a
 * 0-based parameter (for the non-zero-gradient certificate, whose value changes by the chain factor).
 */
export function transferCertificate(
  model: NonlinearModel,
  X: Matrix<Rational>,
  Y: Matrix<Rational>,
  W: readonly Matrix<Rational>[],
  linear: Certificate | null,
  gradientEntry: (parameter: string) => { value: Rational; lastLayer: boolean } | undefined,
): Transfer {
  const c = outputScale(model);
  if (!linear) return { certificate: null, verified: false, note: 'the linear model has no certificate at φ(W), so neither has the nonlinear one' };
  switch (linear.kind) {
    case 'nonzero-gradient': {
      const g = gradientEntry(linear.parameter);
      const ok = g !== undefined && !g.value.isZero();
      const factor = g?.lastLayer ? `the linear model's ${linear.value} times qρ = ${c} (chain rule through φ on W_{H+1})` : `the linear model's, as φ leaves W_1 … W_H unchanged`;
      return {
        certificate: { kind: 'nonzero-gradient', parameter: linear.parameter, value: g?.value.toString() ?? linear.value },
        verified: ok,
        note: ok ? `∂L_nl/∂${linear.parameter} = ${g.value} ≠ 0, ${factor}` : 'the non-zero gradient entry did not transfer (a bug)',
      };
    }
    case 'loss-equals-lossStar':
      return { certificate: linear, verified: true, note: 'L_nl(W) = L_lin(φ(W)) = L*, and φ is a bijection, so L* is also the least value of L_nl' };
    case 'negative-curvature':
    case 'decreasing-line': {
      const Vlin = exactWeights(linear.direction);
      if (!Vlin)
        return { certificate: linear, verified: false, note: 'a float direction: transferred by φ⁻¹ in float arithmetic, not re-checked exactly' };
      const V = unscale(model, Vlin);
      const poly = nonlinearLossAlong(model, X, Y, W, V);
      const expected = linear.polynomial;
      const ok = expected !== undefined && samePolynomial(poly, expected);
      const polynomial = poly.map(String);
      const certificate: Certificate =
        linear.kind === 'negative-curvature'
          ? { kind: 'negative-curvature', direction: weightsJson(V), curvature: (poly[2] ?? Rational.ZERO).mul(Rational.fromInt(2)).toString(), polynomial }
          : { ...linear, direction: weightsJson(V), polynomial };
      return {
        certificate,
        verified: ok,
        note: ok
          ? `V = φ⁻¹(V') (V_{H+1} = V'_{H+1}/(${c})); L_nl(W + tV) − L_nl(W), interpolated exactly from the expected output at t = 0…${2 * W.length}, is the linear certificate's polynomial`
          : 'the transferred line does not reproduce the linear polynomial (a bug)',
      };
    }
    default:
      return { certificate: linear, verified: false, note: 'a certificate kind dln nonlinear does not transfer: it holds for L_lin at φ(W) and carries over through φ, not re-checked' };
  }
}
