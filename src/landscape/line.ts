import { type Field, type Matrix, add, inner, mul, sub } from '../linalg/index.js';

/**
 * The loss along a straight line, L(W + tV) − L(W), as an exact polynomial in t (coefficient i of t^i,
 * degree ≤ 2(H+1)). Computed from the polynomial matrix ∏(W_k + tV_k), independently of the gradient and
 * Hessian formulas, so it also re-checks them (coefficient 1 = ⟨∇L, V⟩, coefficient 2 = ½ Vᵀ∇²L V).
 */
export function lossAlongLine<T>(
  F: Field<T>,
  X: Matrix<T>,
  Y: Matrix<T>,
  W: readonly Matrix<T>[],
  V: readonly Matrix<T>[],
): T[] {
  // coefficient matrices of W_k⋯W_1 along the line, lowest power first
  let P: Matrix<T>[] = [W[0]!, V[0]!];
  for (let k = 1; k < W.length; k++) {
    const next: Matrix<T>[] = [];
    for (let i = 0; i <= P.length; i++) {
      const fromW = i < P.length ? mul(F, W[k]!, P[i]!) : undefined;
      const fromV = i > 0 ? mul(F, V[k]!, P[i - 1]!) : undefined;
      next.push(fromW && fromV ? add(F, fromW, fromV) : (fromW ?? fromV)!);
    }
    P = next;
  }
  const E = P.map((Pi, i) => (i === 0 ? sub(F, mul(F, Pi, X), Y) : mul(F, Pi, X)));
  const coeffs: T[] = new Array(2 * E.length - 1).fill(F.zero);
  for (let i = 0; i < E.length; i++)
    for (let j = i; j < E.length; j++) {
      if (i + j === 0) continue; // L(W) itself cancels
      const v = inner(F, E[i]!, E[j]!);
      // ½ Σ_{i,j} t^{i+j} ⟨E_i, E_j⟩: off-diagonal pairs appear twice
      coeffs[i + j] = F.add(coeffs[i + j]!, i === j ? F.div(v, F.fromInt(2)) : v);
    }
  while (coeffs.length > 1 && F.isZero(coeffs[coeffs.length - 1]!)) coeffs.pop();
  return coeffs;
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
