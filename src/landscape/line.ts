import type { Field, Matrix } from '../linalg/index.js';
import { lossAlongCurve } from './curve.js';

/**
 * The loss along a straight line, L(W + tV) − L(W), as an exact polynomial in t (coefficient i of t^i,
 * degree ≤ 2(H+1)): the curve of degree 1 (curve.ts), so coefficient 1 = ⟨∇L, V⟩ and coefficient 2 = ½ Vᵀ∇²L V.
 */
export function lossAlongLine<T>(
  F: Field<T>,
  X: Matrix<T>,
  Y: Matrix<T>,
  W: readonly Matrix<T>[],
  V: readonly Matrix<T>[],
): T[] {
  return lossAlongCurve(F, X, Y, W, [V]);
}

export interface LowestTerm<T> {
  /** Power of t of the lowest non-zero term (≥ 1), or undefined when the loss is constant on the line. */
  readonly order?: number;
  readonly coefficient?: T;
  /** True when the term makes the loss fall for small t of some sign: odd order, or even with c < 0. */
  readonly decreasing: boolean;
  /** The sign of t that decreases the loss (when decreasing). */
  readonly towards?: 1 | -1;
}

export function lowestTerm<T>(F: Field<T>, coeffs: readonly T[]): LowestTerm<T> {
  for (let i = 1; i < coeffs.length; i++) {
    const c = coeffs[i]!;
    if (F.isZero(c)) continue;
    const s = F.sign(c);
    if (i % 2 === 1) return { order: i, coefficient: c, decreasing: true, towards: s > 0 ? -1 : 1 };
    return s < 0 ? { order: i, coefficient: c, decreasing: true, towards: 1 } : { order: i, coefficient: c, decreasing: false };
  }
  return { decreasing: false };
}

const SUPERSCRIPT = '⁰¹²³⁴⁵⁶⁷⁸⁹';

/** t³-style power of t for messages. */
export function tPower(k: number): string {
  return k === 1 ? 't' : `t${String(k).replace(/\d/g, (d) => SUPERSCRIPT[Number(d)]!)}`;
}

/** One term `c·tᵏ` for messages, as the reports print polynomials: `−13t³`, `(5/2)t⁴`, `t²` (Unicode minus). */
export function termText(coefficient: string, order: number): string {
  const negative = coefficient.startsWith('-');
  const magnitude = negative ? coefficient.slice(1) : coefficient;
  const c = magnitude === '1' ? '' : magnitude.includes('/') ? `(${magnitude})` : magnitude;
  return `${negative ? '−' : ''}${c}${tPower(order)}`;
}
