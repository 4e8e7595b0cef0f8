import { Exact, Rational, type Matrix, type InertiaResult } from '../linalg/index.js';
import { seededRng } from '../linalg/random.js';
import { hessianNullSpace, negativeCurvatureCertificate, risingLine } from './certificates.js';
import type { DataAnalysis } from './data.js';
import { hessian } from './derivatives.js';
import { findEscape, verifyEscape, type Escape } from './escape.js';
import { kernelChain } from './kernel-chain.js';
import { reducedInertia } from './symmetry-reduction.js';
import { shortRational } from './display-number.js';
import { termText } from './line.js';
import type { Label } from './network.js';
import { parameterCount } from './params.js';
import { json } from './point-report.js';
import type { Certificate } from './report.js';

/**
 * Labels of critical points that are not global minima, each with an exact certificate: negative curvature and a
 * rising line (strict saddle), a PSD Hessian and an escape curve (bad saddle), else `undetermined` with the reason.
 */

/** Largest Hessians built: exact elimination is O(n³) on growing rationals, float O(n³) on doubles. */
export const HESSIAN_LIMITS = { exact: 400, float: 2500 } as const;

export interface Verdict {
  readonly classification: Label;
  readonly reason: string;
  readonly certificate: Certificate | null;
}

/**
 * The label of a critical point that is not a global minimum, from the exact Hessian and its inertia, each label
 * with an exact certificate: strict saddle (negative curvature and a rising line), bad saddle (PSD and an escape
 * curve), otherwise undetermined with the reason — never a label on the theorem's word.
 */
export function saddleVerdict(
  data: DataAnalysis,
  W: readonly Matrix<Rational>[],
  Hm: Matrix<Rational>,
  inert: InertiaResult<Rational>,
  notGlobal: string,
): Verdict {
  const { X, Y } = data;
  const rng = seededRng(0x5eed);
  if (inert.negativeDirection) {
    const cert = negativeCurvatureCertificate(X, Y, W, Hm, inert.negativeDirection);
    const up = risingLine(X, Y, W, inert.positiveDirection, Hm.rows, rng);
    const certificate: Certificate = {
      kind: 'negative-curvature',
      direction: json(cert.V),
      curvature: cert.curvature.toString(),
      polynomial: cert.polynomial.map(String),
      ...(up ? { rising: { direction: json(up.V), polynomial: up.polynomial.map(String) } } : {}),
    };
    return up
      ? {
          classification: 'strict-saddle',
          reason: `the Hessian has a negative eigenvalue (vᵀ∇²L v = ${shortRational(cert.curvature).replace('-', '−')}) and the loss rises along a line (lowest term ${termText(shortRational(up.term.coefficient!), up.term.order!)})`,
          certificate,
        }
      : {
          classification: 'undetermined',
          reason: 'the Hessian is negative semidefinite and no line along which the loss rises was found: it might be a local maximum',
          certificate,
        };
  }
  const escape = findEscape(X, Y, W, () => hessianNullSpace(Hm), rng);
  if (escape.found) return { classification: 'bad-saddle', reason: `PSD Hessian but ${escapeText(escape.found)}`, certificate: escapeCertificate(escape.found) };
  return {
    classification: 'undetermined',
    reason: `PSD Hessian, not a global minimum (${notGlobal}), and no escape curve found (${escape.tried}): ` +
      (data.hypotheses.holds ? 'Theorem 2.3 (ii) says this is no local minimum, but dln has no certificate of it' : '(A) fails, so a non-global local minimum is possible'),
    certificate: null,
  };
}

/** `L(W + tV) − L(W) = −2t³ + … (kernel chain through W_1, W_2, W_3)`, for reasons. */
export function escapeText(e: Escape): string {
  const along = e.curve.length === 1 ? 'L(W + tV) − L(W)' : 'L(γ(t)) − L(W)';
  return `${along} = ${termText(shortRational(e.term.coefficient!), e.term.order!)} + … (${e.construction})`;
}

/** The JSON certificate of an escape: a line keeps its direction, a curve lists its coefficient matrices. */
export function escapeCertificate(e: Escape): Certificate {
  const fields = {
    polynomial: e.polynomial.map(String),
    order: e.term.order!,
    coefficient: e.term.coefficient!.toString(),
    towards: e.term.towards!,
    construction: e.construction,
  };
  return e.curve.length === 1
    ? { kind: 'decreasing-line', direction: json(e.curve[0]!), ...fields }
    : { kind: 'decreasing-curve', curve: e.curve.map(json), ...fields };
}

/** Float mode, when float arithmetic cannot resolve the smallest eigenvalue: the exact Hessian decides. */
export function exactFallback(data: DataAnalysis, W: readonly Matrix<Rational>[], notGlobal: string): Verdict {
  const Hm = hessian(Exact, data.X, data.Y, W);
  const inert = reducedInertia(Hm, W, seededRng(0x1e47));
  const { positive, negative, zero } = inert.inertia;
  const v = saddleVerdict(data, W, Hm, inert, notGlobal);
  return { ...v, reason: `decided by the exact Hessian (inertia +${positive} −${negative} 0×${zero}): ${v.reason}` };
}

/**
 * Float mode beyond the exact Hessian limit: a kernel chain of order 2 is exact negative curvature; one of higher
 * order proves the point is no local minimum, but not whether its Hessian is PSD — unless it is exactly zero —
 * so the label is otherwise undetermined.
 */
export function beyondExactLimit(data: DataAnalysis, W: readonly Matrix<Rational>[], zeroHessian: boolean): Verdict {
  const { X, Y } = data;
  const chain = kernelChain(X, Y, W);
  const escape = chain && verifyEscape(X, Y, W, [chain.V], `kernel chain through ${chain.layers.map((k) => `W_${k}`).join(', ')}`);
  const beyond = `the exact Hessian is limited to ${HESSIAN_LIMITS.exact} parameters`;
  if (!escape) return { classification: 'undetermined', reason: `no kernel chain, and ${beyond}`, certificate: null };
  if (escape.term.order === 2) {
    const up = risingLine(X, Y, W, undefined, parameterCount(data.widths), seededRng(0x5eed));
    const curvature = escape.term.coefficient!.mul(Rational.fromInt(2)).toString();
    const certificate: Certificate = {
      kind: 'negative-curvature',
      direction: json(escape.curve[0]!),
      curvature,
      polynomial: escape.polynomial.map(String),
      ...(up ? { rising: { direction: json(up.V), polynomial: up.polynomial.map(String) } } : {}),
    };
    return up
      ? { classification: 'strict-saddle', reason: `exact negative curvature vᵀ∇²L v = ${shortRational(escape.term.coefficient!.mul(Rational.fromInt(2)))} (${escape.construction}) and a rising line`, certificate }
      : { classification: 'undetermined', reason: 'exact negative curvature, but no line along which the loss rises was found', certificate };
  }
  if (zeroHessian) return { classification: 'bad-saddle', reason: `the Hessian is exactly zero (error bound 0) but ${escapeText(escape)}`, certificate: escapeCertificate(escape) };
  return {
    classification: 'undetermined',
    reason: `no local minimum (${escapeText(escape)}), but whether the Hessian has a negative eigenvalue is beyond float resolution and ${beyond}`,
    certificate: escapeCertificate(escape),
  };
}

