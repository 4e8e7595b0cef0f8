import { type Field, type Matrix, add, inner, mul, sub } from '../linalg/index.js';

/**
 * Polynomial curves through a point: γ(t) = W + t V₁ + t² V₂ + … + t^d V_d, every V_i a full set of
 * layer matrices (V_i[k−1] is the t^i coefficient of W_k). A straight line is the case d = 1.
 */
export type Curve<T> = readonly (readonly Matrix<T>[])[];

/**
 * L(γ(t)) − L(W) as a polynomial in t (coefficient i of t^i, trailing zeros dropped), computed from the
 * polynomial matrix γ_{H+1}(t)⋯γ_1(t) alone — no gradient or Hessian formula — so it re-checks them too:
 * along a line, coefficient 1 is ⟨∇L, V⟩ and coefficient 2 is ½ Vᵀ∇²L V.
 */
export function lossAlongCurve<T>(F: Field<T>, X: Matrix<T>, Y: Matrix<T>, W: readonly Matrix<T>[], curve: Curve<T>): T[] {
  const layer = (k: number): (Matrix<T> | undefined)[] => [W[k]!, ...curve.map((Vi) => (isZero(F, Vi[k]!) ? undefined : Vi[k]!))];
  // Coefficient matrices of γ_k(t)⋯γ_1(t), lowest power first; `undefined` is a zero coefficient.
  let P: (Matrix<T> | undefined)[] = layer(0);
  for (let k = 1; k < W.length; k++) {
    const Gk = layer(k);
    const next: (Matrix<T> | undefined)[] = new Array(P.length + Gk.length - 1).fill(undefined);
    Gk.forEach((G, a) => {
      if (!G) return;
      P.forEach((Pb, b) => {
        if (!Pb) return;
        const term = mul(F, G, Pb);
        next[a + b] = next[a + b] ? add(F, next[a + b]!, term) : term;
      });
    });
    P = next;
  }
  const E = P.map((Pi, i) => (i === 0 ? sub(F, mul(F, Pi!, X), Y) : Pi ? mul(F, Pi, X) : undefined));
  const coeffs: T[] = new Array(2 * E.length - 1).fill(F.zero);
  for (let i = 0; i < E.length; i++)
    for (let j = i; j < E.length; j++) {
      if (i + j === 0 || !E[i] || !E[j]) continue; // L(W) itself cancels
      const v = inner(F, E[i]!, E[j]!);
      // ½ Σ_{i,j} t^{i+j} ⟨E_i, E_j⟩: off-diagonal pairs appear twice
      coeffs[i + j] = F.add(coeffs[i + j]!, i === j ? F.div(v, F.fromInt(2)) : v);
    }
  while (coeffs.length > 1 && F.isZero(coeffs[coeffs.length - 1]!)) coeffs.pop();
  return coeffs;
}

/** Exactly zero (a float field's tolerance must not drop a small coefficient). */
function isZero<T>(F: Field<T>, M: Matrix<T>): boolean {
  return M.data.every((x) => (F.kind === 'exact' ? F.isZero(x) : x === 0));
}
