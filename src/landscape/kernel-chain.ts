import {
  Exact, Rational, type Matrix, build, identity, mul, nullspace, sub, transpose, zeros,
} from '../linalg/index.js';
import { layerProducts } from './derivatives.js';

/**
 * Escape lines read off the structure of a critical point: a new path through the network, carried by the
 * kernels of the layers (the mechanism of Kawaguchi's Case II, and of W = 0 where the loss falls at order H+1).
 *
 * Pick layers s₁ < … < s_r to perturb, V_{s_i} = n_i m_iᵀ (rank one), the other layers kept; K_i is the
 * product of the kept layers between s_i and s_{i+1}, K_0 the product below s₁, K_r the product above s_r.
 * For every consecutive pair, n_i ∈ N(W_{s_{i+1}} K_i) and m_{i+1} ⊥ range(K_i W_{s_i}) with
 * c_i = m_{i+1}ᵀ K_i n_i ≠ 0. Every term of ∏_k (W_k + tV_k) that mixes W's and V's of the chosen layers has a
 * consecutive pair with one of each, W_{s_{i+1}}K_iV_{s_i} = 0 or V_{s_{i+1}}K_iW_{s_i} = 0, so
 *   W_{H+1}⋯W_1 (t) = M + t^r · K_r n_r (c_1⋯c_{r−1}) m_1ᵀ K_0,
 *   L(W + tV) − L(W) = t^r · c_1⋯c_{r−1} · n_rᵀ (K_rᵀ E Xᵀ K_0ᵀ) m_1 + ½ t^{2r} ‖…‖²,
 * and n_r, m_1 are free: any non-zero entry of G = K_rᵀ E Xᵀ K_0ᵀ gives a term of order r of either sign.
 * Which pairs are linkable and which ends see the residual are independent facts, so the shortest chain is a
 * shortest path; r = 2 is negative curvature, r ≥ 3 escapes a point whose Hessian is PSD.
 */
export interface KernelChain {
  /** The perturbed layers s₁ < … < s_r (1-based). */
  readonly layers: number[];
  /** The direction V (zero on the kept layers). */
  readonly V: Matrix<Rational>[];
  /** r: the order at which the loss changes along W + tV. */
  readonly order: number;
}

interface Link {
  readonly n: Rational[];
  readonly m: Rational[];
}

const col = (A: Matrix<Rational>, j: number): Rational[] => Array.from({ length: A.rows }, (_, i) => A.data[i * A.cols + j]!);

/** The entry of smallest bit size among the non-zero ones (short certificates), or undefined. */
function smallestEntry(A: Matrix<Rational>): { i: number; j: number; value: Rational } | undefined {
  let best: { i: number; j: number; value: Rational } | undefined;
  A.data.forEach((x, k) => {
    if (!x.isZero() && (!best || x.bitSize() < best.value.bitSize())) best = { i: Math.floor(k / A.cols), j: k % A.cols, value: x };
  });
  return best;
}

/**
 * The shortest kernel chain with at least `minOrder` layers whose end term is non-zero, or undefined. The residual
 * enters only through E Xᵀ (d_y × d_0).
 */
export function kernelChain(
  X: Matrix<Rational>,
  Y: Matrix<Rational>,
  W: readonly Matrix<Rational>[],
  minOrder = 2,
): KernelChain | undefined {
  const L = W.length;
  const { prefix, suffix } = layerProducts(Exact, W);
  const Xt = transpose(X);
  const EXt = sub(Exact, mul(Exact, mul(Exact, prefix[L]!, X), Xt), mul(Exact, Y, Xt));
  // between[a][b] = W_{b−1}⋯W_{a+1} for 1 ≤ a < b ≤ L (the identity when b = a + 1).
  const between: Matrix<Rational>[][] = Array.from({ length: L + 1 }, () => []);
  for (let a = 1; a <= L; a++) {
    let K = identity(Exact, W[a - 1]!.rows);
    for (let b = a + 1; b <= L; b++) {
      between[a]![b] = K;
      K = mul(Exact, W[b - 1]!, K);
    }
  }
  const links = new Map<string, Link | null>();
  const link = (a: number, b: number): Link | null => {
    const key = `${a},${b}`;
    if (!links.has(key)) links.set(key, findLink(W[a - 1]!, W[b - 1]!, between[a]![b]!));
    return links.get(key)!;
  };
  const endTerm = (first: number, last: number) =>
    smallestEntry(mul(Exact, mul(Exact, transpose(suffix[last]!), EXt), transpose(prefix[first - 1]!)));

  let best: { path: number[]; end: { i: number; j: number; value: Rational } } | undefined;
  for (let first = 1; first <= L; first++)
    for (let last = first + minOrder - 1; last <= L; last++) {
      if (best && last - first + 1 < best.path.length) continue;
      const path = shortestPath(first, last, minOrder, (a, b) => link(a, b) !== null);
      if (!path || (best && path.length >= best.path.length)) continue;
      const end = endTerm(first, last);
      if (end) best = { path, end };
    }
  if (!best) return undefined;
  const { path, end } = best;
  const r = path.length;
  const n = path.map((s, i) => (i < r - 1 ? link(s, path[i + 1]!)!.n : unit(W[s - 1]!.rows, end.i)));
  const m = path.map((s, i) => (i > 0 ? link(path[i - 1]!, s)!.m : unit(W[s - 1]!.cols, end.j)));
  // The order-r coefficient: c_1⋯c_{r−1} · G_ab. Even orders need it negative: flip m_1 if it is not.
  const coefficient = path.slice(0, -1).reduce((c, s, i) => c.mul(dot(m[i + 1]!, matVec(between[s]![path[i + 1]!]!, n[i]!))), end.value);
  if (r % 2 === 0 && coefficient.sign() > 0) m[0] = m[0]!.map((x) => x.neg());
  const V = W.map((Wk) => zeros(Exact, Wk.rows, Wk.cols));
  path.forEach((s, i) => (V[s - 1] = build(n[i]!.length, m[i]!.length, (a, b) => n[i]![a]!.mul(m[i]![b]!))));
  return { layers: path, V, order: r };
}

/** n ∈ N(W_b K), m ⊥ range(K W_a) with mᵀ K n ≠ 0 (the smallest such entry), or null when none exists. */
function findLink(Wa: Matrix<Rational>, Wb: Matrix<Rational>, K: Matrix<Rational>): Link | null {
  const Nn = nullspace(Exact, mul(Exact, Wb, K));
  if (Nn.cols === 0) return null;
  const Bm = nullspace(Exact, transpose(mul(Exact, K, Wa)));
  if (Bm.cols === 0) return null;
  const entry = smallestEntry(mul(Exact, mul(Exact, transpose(Bm), K), Nn));
  return entry ? { n: col(Nn, entry.j), m: col(Bm, entry.i) } : null;
}

/** The shortest increasing path first = s₁ < … < s_r = last with r ≥ minNodes along linkable pairs (BFS on (node, length)). */
function shortestPath(first: number, last: number, minNodes: number, linked: (a: number, b: number) => boolean): number[] | undefined {
  if (first === last) return minNodes <= 1 ? [first] : undefined;
  // Paths are increasing, so the number of nodes is bounded by last − first + 1: search by length.
  for (let nodes = Math.max(2, minNodes); nodes <= last - first + 1; nodes++) {
    const found = extend([first], last, nodes, linked);
    if (found) return found;
  }
  return undefined;
}

function extend(path: number[], last: number, nodes: number, linked: (a: number, b: number) => boolean): number[] | undefined {
  const at = path[path.length - 1]!;
  if (path.length === nodes - 1) return linked(at, last) ? [...path, last] : undefined;
  for (let next = at + 1; next <= last - (nodes - path.length - 1); next++) {
    if (!linked(at, next)) continue;
    const found = extend([...path, next], last, nodes, linked);
    if (found) return found;
  }
  return undefined;
}

const unit = (n: number, i: number): Rational[] => Array.from({ length: n }, (_, k) => (k === i ? Rational.ONE : Rational.ZERO));

function matVec(A: Matrix<Rational>, x: readonly Rational[]): Rational[] {
  return Array.from({ length: A.rows }, (_, i) => dot(A.data.slice(i * A.cols, (i + 1) * A.cols), x));
}

function dot(a: readonly Rational[], b: readonly Rational[]): Rational {
  return a.reduce((s, x, i) => (x.isZero() ? s : s.add(x.mul(b[i]!))), Rational.ZERO);
}
