import { Rational, type Matrix } from '../linalg/index.js';

/**
 * Power-of-two rescaling that leaves every label unchanged, for float arithmetic on badly scaled points.
 * With X̃ = 2^{−x}X, Ỹ = 2^{−y}Y and W̃_k = 2^{a_k}W_k where Σ a_k = x − y, the product satisfies
 * W̃_{H+1}⋯W̃_1 X̃ = 2^{−y} W_{H+1}⋯W_1 X, so L̃(φ(W)) = 4^{−y} L(W) for every W: φ is linear, the gradient is zero
 * at the same points, the Hessians are congruent up to a positive factor (same inertia), and a curve γ maps to
 * φ∘γ with the same lowest-order sign. Powers of two are exact in binary floating point, so for weights rescaled
 * by W_k → s·W_k, W_{k+1} → W_{k+1}/s with s a power of two the balanced float problem is the same one.
 */
export interface Balance {
  /** 2-exponents a_k of the layers (index k − 1), x of X and y of Y. */
  readonly layers: readonly number[];
  readonly x: number;
  readonly y: number;
  /** Whether any exponent is non-zero. */
  readonly active: boolean;
}

/** log₂ of the largest |entry| (rounded down), or undefined for a zero matrix. */
export function exponentOf(M: Matrix<Rational>): number | undefined {
  let best: number | undefined;
  for (const q of M.data) {
    if (q.isZero()) continue;
    const e = bits(q.num < 0n ? -q.num : q.num) - bits(q.den);
    if (best === undefined || e > best) best = e;
  }
  return best;
}

const bits = (n: bigint): number => n.toString(2).length;

/**
 * Exponents that bring X, Y and the layers to comparable sizes (each layer near the geometric mean), or the
 * identity when everything is already within `slack` binary orders of magnitude of 1 and of each other.
 */
export function balanceOf(X: Matrix<Rational>, Y: Matrix<Rational>, W: readonly Matrix<Rational>[], slack = 10): Balance {
  const x = exponentOf(X) ?? 0, y = exponentOf(Y) ?? 0;
  const e = W.map(exponentOf);
  const known = e.filter((v): v is number => v !== undefined);
  const L = W.length;
  // Target: every non-zero layer at the same exponent t with Σ (t − e_k) = x − y over all layers; zero layers are
  // unaffected by scaling, so they take whatever keeps the sum.
  const target = known.length ? (known.reduce((s, v) => s + v, 0) + x - y) / known.length : 0;
  const layers = e.map((v) => (v === undefined ? 0 : Math.round(target - v)));
  const drift = x - y - layers.reduce((s, v) => s + v, 0);
  const fix = e.findIndex((v) => v === undefined);
  layers[fix >= 0 ? fix : L - 1] = layers[fix >= 0 ? fix : L - 1]! + drift;
  const needed = Math.abs(x) > slack || Math.abs(y) > slack || known.some((v) => Math.abs(v - target) > slack);
  return needed ? { layers, x, y, active: true } : { layers: W.map(() => 0), x: 0, y: 0, active: false };
}

/** 2^e as a rational. */
export function pow2(e: number): Rational {
  return e >= 0 ? Rational.of(1n << BigInt(e)) : Rational.of(1n, 1n << BigInt(-e));
}

export function scaleBy(M: Matrix<Rational>, e: number): Matrix<Rational> {
  if (e === 0) return M;
  const f = pow2(e);
  return { rows: M.rows, cols: M.cols, data: M.data.map((q) => q.mul(f)) };
}

/** φ applied to the data and the weights. */
export function applyBalance(b: Balance, X: Matrix<Rational>, Y: Matrix<Rational>, W: readonly Matrix<Rational>[]) {
  return { X: scaleBy(X, -b.x), Y: scaleBy(Y, -b.y), W: W.map((Wk, k) => scaleBy(Wk, b.layers[k]!)) };
}

/** A direction (or curve coefficient) at φ(W) as a direction at W: V_k = 2^{−a_k} Ṽ_k. */
export function unbalanceDirection(b: Balance, V: readonly Matrix<Rational>[]): Matrix<Rational>[] {
  return V.map((Vk, k) => scaleBy(Vk, -b.layers[k]!));
}
