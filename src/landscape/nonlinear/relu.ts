import { Exact, Rational, type Matrix, build, fro2, get, map, mul, scale, sub, transpose } from '../../linalg/index.js';
import { flattenWeights } from '../params.js';
import { PATH_TERM_LIMIT, pathFormula, pathTerms } from './paths.js';

/**
 * The real ReLU network of the path model: Ŷ = q·W_{H+1} σ(W_H ⋯ σ(W_1 X)), σ(z) = max(z, 0) entrywise, exactly
 * over the rationals (the ReLU of a rational is rational). A path is active on a sample iff every ReLU on it is, so
 * the gates depend on X and W — what the paper's assumption A5u-m rules out.
 *
 * At a kink (a pre-activation exactly 0) σ is not differentiable: dln uses σ′(0) = 0 there and flags the point;
 * no critical-point verdict is given at a kink.
 */

export interface ReluForward {
  /** Pre-activations W_k A_{k−1}, k = 1 … H (d_k × m). */
  readonly pre: Matrix<Rational>[];
  /** A_0 = X, A_k = σ(pre_k). */
  readonly act: Matrix<Rational>[];
  readonly output: Matrix<Rational>;
  /** Pre-activations exactly 0: layer k (1-based), unit and sample (0-based). */
  readonly kinks: { readonly layer: number; readonly unit: number; readonly sample: number }[];
}

const relu = (z: Rational) => (z.sign() > 0 ? z : Rational.ZERO);

export function reluForward(q: Rational, X: Matrix<Rational>, W: readonly Matrix<Rational>[]): ReluForward {
  const pre: Matrix<Rational>[] = [];
  const act: Matrix<Rational>[] = [X];
  const kinks: ReluForward['kinks'] = [];
  for (let k = 1; k < W.length; k++) {
    const z = mul(Exact, W[k - 1]!, act[k - 1]!);
    pre.push(z);
    act.push(map(z, relu));
    z.data.forEach((x, i) => {
      if (x.isZero()) kinks.push({ layer: k, unit: Math.floor(i / z.cols), sample: i % z.cols });
    });
  }
  return { pre, act, output: scale(Exact, q, mul(Exact, W[W.length - 1]!, act[act.length - 1]!)), kinks };
}

export function reluLoss(q: Rational, X: Matrix<Rational>, Y: Matrix<Rational>, W: readonly Matrix<Rational>[]): Rational {
  return fro2(Exact, sub(Exact, reluForward(q, X, W).output, Y)).mul(Rational.of(1, 2));
}

/**
 * ∂L/∂W_k by back-propagation with σ′(z) = [z > 0] (exact; the true gradient wherever no pre-activation is 0):
 * δ_{H+1} = q(Ŷ − Y), ∂L/∂W_k = δ_k A_{k−1}ᵀ, δ_k = (W_{k+1}ᵀ δ_{k+1}) ∘ [pre_k > 0].
 */
export function reluGradient(q: Rational, X: Matrix<Rational>, Y: Matrix<Rational>, W: readonly Matrix<Rational>[]): Matrix<Rational>[] {
  const f = reluForward(q, X, W);
  const grads: Matrix<Rational>[] = new Array(W.length);
  let delta = scale(Exact, q, sub(Exact, f.output, Y));
  for (let k = W.length; k >= 1; k--) {
    grads[k - 1] = mul(Exact, delta, transpose(f.act[k - 1]!));
    if (k === 1) break;
    const back = mul(Exact, transpose(W[k - 1]!), delta);
    const z = f.pre[k - 2]!;
    delta = build(back.rows, back.cols, (i, j) => (get(z, i, j).sign() > 0 ? get(back, i, j) : Rational.ZERO));
  }
  return grads;
}

/**
 * The path formula with the real gates Z_{s,p} = Π_{k=1}^{H} [pre_k(i_k, s) > 0]: it must reproduce the forward pass
 * (undefined beyond the enumeration limit).
 */
export function reluByPaths(q: Rational, X: Matrix<Rational>, W: readonly Matrix<Rational>[]): Matrix<Rational> | undefined {
  const widths = [X.rows, ...W.map((Wk) => Wk.rows)];
  if (pathTerms(widths, X.cols) > PATH_TERM_LIMIT) return undefined;
  const { pre } = reluForward(q, X, W);
  return pathFormula(Exact, X, W, q, (s, _j, path) =>
    pre.every((z, k) => get(z, path[k + 1]!, s).sign() > 0) ? Rational.ONE : Rational.ZERO,
  );
}

/**
 * The fraction of active path gates over samples and paths, ρ̂ = #{(s, p): Z_{s,p} = 1} / (mΨ), counted layer by
 * layer: the number of active paths into a unit is the forward pass of 0/1 activity with all-ones weights.
 */
export function activePathFraction(X: Matrix<Rational>, W: readonly Matrix<Rational>[]): Rational {
  const { pre } = reluForward(Rational.ONE, X, W);
  const widths = [X.rows, ...W.map((Wk) => Wk.rows)];
  let active = Rational.ZERO;
  for (let s = 0; s < X.cols; s++) {
    // paths from the inputs through active units only, counted unit by unit
    let counts: Rational[] = new Array(widths[0]!).fill(Rational.ONE);
    for (let k = 1; k < W.length; k++) {
      const total = counts.reduce((a, c) => a.add(c), Rational.ZERO);
      counts = Array.from({ length: widths[k]! }, (_, u) => (get(pre[k - 1]!, u, s).sign() > 0 ? total : Rational.ZERO));
    }
    active = active.add(counts.reduce((a, c) => a.add(c), Rational.ZERO));
  }
  const Psi = widths.slice(0, -1).reduce((a, d) => a * d, 1);
  return active.div(Rational.fromInt(Psi * X.cols));
}

/** Interval [lo, hi] with exact ends. */
interface Interval {
  readonly lo: Rational;
  readonly hi: Rational;
}

const imul = (a: Interval, b: Interval): Interval => {
  const c = [a.lo.mul(b.lo), a.lo.mul(b.hi), a.hi.mul(b.lo), a.hi.mul(b.hi)];
  return { lo: c.reduce((m, x) => (x.cmp(m) < 0 ? x : m)), hi: c.reduce((m, x) => (x.cmp(m) > 0 ? x : m)) };
};

/** The activation pattern on the box |W′ − W|_∞ ≤ r: every pre-activation's sign fixed, or undefined. */
export type Pattern = 'all-active' | 'dead-layer' | 'mixed';

/**
 * Exact interval arithmetic over the box of weights within r of W (every entry): whether every hidden
 * pre-activation keeps its sign on the whole box, and which pattern that is. `dead-layer`: some hidden layer is
 * inactive on every sample, so the output is 0 on the box.
 */
export function patternOnBox(X: Matrix<Rational>, W: readonly Matrix<Rational>[], r: Rational): Pattern | undefined {
  let h: Interval[][] = Array.from({ length: X.rows }, (_, i) => Array.from({ length: X.cols }, (_, s) => ({ lo: get(X, i, s), hi: get(X, i, s) })));
  let allActive = true;
  for (let k = 1; k < W.length; k++) {
    const Wk = W[k - 1]!;
    const next: Interval[][] = [];
    let layerDead = true;
    for (let a = 0; a < Wk.rows; a++) {
      const row: Interval[] = [];
      for (let s = 0; s < X.cols; s++) {
        let lo = Rational.ZERO, hi = Rational.ZERO;
        for (let b = 0; b < Wk.cols; b++) {
          const w = get(Wk, a, b);
          const p = imul({ lo: w.sub(r), hi: w.add(r) }, h[b]![s]!);
          lo = lo.add(p.lo);
          hi = hi.add(p.hi);
        }
        if (lo.sign() <= 0 && hi.sign() >= 0) return undefined; // the sign may change on the box
        if (lo.sign() > 0) layerDead = false;
        else allActive = false;
        row.push(lo.sign() > 0 ? { lo, hi } : { lo: Rational.ZERO, hi: Rational.ZERO });
      }
      next.push(row);
    }
    if (layerDead) return 'dead-layer';
    h = next;
  }
  return allActive ? 'all-active' : 'mixed';
}

/** The largest r = 2⁻ⁱ (i ≤ 40) whose box keeps the pattern, with the pattern; undefined at a kink or beyond. */
export function stableBox(X: Matrix<Rational>, W: readonly Matrix<Rational>[]): { radius: Rational; pattern: Pattern } | undefined {
  for (let i = 0; i <= 40; i++) {
    const radius = Rational.of(1n, 1n << BigInt(i));
    const pattern = patternOnBox(X, W, radius);
    if (pattern) return { radius, pattern };
  }
  return undefined;
}

/** The gradient as one vector in the parameter order. */
export const reluGradientVector = (q: Rational, X: Matrix<Rational>, Y: Matrix<Rational>, W: readonly Matrix<Rational>[]) =>
  flattenWeights(reluGradient(q, X, Y, W));
