import {
  type Field, type Matrix, type Rational, fro2, identity, mul, sub, transpose, zeros, convert, Float,
} from '../linalg/index.js';
import { parameterCount, parameterOffsets, widthsOf } from './params.js';

/**
 * Loss, gradient (Lemma 4.1) and Hessian (Lemma 4.3) of L(W) = ½‖W_{H+1}⋯W_1 X − Y‖²_F, generic over the
 * field (exact rationals or float64). Parameter order: see params.ts. Gradient and Hessian use the data only
 * through X Xᵀ and E Xᵀ = M X Xᵀ − Y Xᵀ (M the end-to-end product), so their cost does not grow with the
 * number of samples once those are formed.
 */

/** Prefix products P_k = W_k⋯W_1 (P_0 = I) and suffix products A_k = W_{H+1}⋯W_{k+1} (A_{H+1} = I). */
export interface LayerProducts<T> {
  /** prefix[k] = W_k⋯W_1, k = 0 … H+1; Z_k = prefix[k−1]·X. */
  readonly prefix: Matrix<T>[];
  /** suffix[k] = A_k for k = 1 … H+1 (suffix[0] unused, = M). */
  readonly suffix: Matrix<T>[];
}

export function layerProducts<T>(F: Field<T>, W: readonly Matrix<T>[]): LayerProducts<T> {
  const widths = widthsOf(W);
  const L = W.length;
  const prefix: Matrix<T>[] = [identity(F, widths[0]!)];
  for (let k = 1; k <= L; k++) prefix.push(mul(F, W[k - 1]!, prefix[k - 1]!));
  const suffix: Matrix<T>[] = new Array(L + 1);
  suffix[L] = identity(F, widths[L]!);
  for (let k = L - 1; k >= 0; k--) suffix[k] = mul(F, suffix[k + 1]!, W[k]!);
  return { prefix, suffix };
}

/** The end-to-end product W_{H+1}⋯W_1. */
export function endToEnd<T>(F: Field<T>, W: readonly Matrix<T>[]): Matrix<T> {
  return W.slice(1).reduce((acc, Wk) => mul(F, Wk, acc), W[0]!);
}

/** E = W_{H+1}⋯W_1 X − Y (d_y × m); the paper's r is Eᵀ. */
export function residual<T>(F: Field<T>, X: Matrix<T>, Y: Matrix<T>, W: readonly Matrix<T>[]): Matrix<T> {
  return sub(F, mul(F, endToEnd(F, W), X), Y);
}

export function loss<T>(F: Field<T>, X: Matrix<T>, Y: Matrix<T>, W: readonly Matrix<T>[]): T {
  return F.div(fro2(F, residual(F, X, Y, W)), F.fromInt(2));
}

function checkShapes<T>(X: Matrix<T>, Y: Matrix<T>, W: readonly Matrix<T>[]): number[] {
  const widths = widthsOf(W);
  if (X.rows !== widths[0] || Y.rows !== widths[widths.length - 1] || X.cols !== Y.cols)
    throw new RangeError(`data ${X.rows}×${X.cols}, ${Y.rows}×${Y.cols} do not fit widths ${widths.join(',')}`);
  return widths;
}

/** X Xᵀ and E Xᵀ: everything the gradient and Hessian need from the data. */
function dataTerms<T>(F: Field<T>, X: Matrix<T>, Y: Matrix<T>, M: Matrix<T>): { XXt: Matrix<T>; EXt: Matrix<T> } {
  const Xt = transpose(X);
  const XXt = mul(F, X, Xt);
  return { XXt, EXt: sub(F, mul(F, M, XXt), mul(F, Y, Xt)) };
}

/** Lemma 4.1, matrix form: ∂L/∂W_k = A_kᵀ E Z_kᵀ = A_kᵀ (E Xᵀ) (W_{k−1}⋯W_1)ᵀ, for k = 1 … H+1. */
export function gradient<T>(F: Field<T>, X: Matrix<T>, Y: Matrix<T>, W: readonly Matrix<T>[]): Matrix<T>[] {
  checkShapes(X, Y, W);
  const { prefix, suffix } = layerProducts(F, W);
  const { EXt } = dataTerms(F, X, Y, prefix[W.length]!);
  return W.map((_, i) => mul(F, mul(F, transpose(suffix[i + 1]!), EXt), transpose(prefix[i]!)));
}

/**
 * The small matrices the Hessian is assembled from, for each block pair j ≤ k (1-based):
 * G_jk = A_jᵀA_k, K_jk = Z_jZ_kᵀ = P_{j−1} X Xᵀ P_{k−1}ᵀ, and for j < k also Q_jk = W_{k−1}⋯W_{j+1} and
 * R_kj = A_kᵀ E Z_jᵀ. Formed once per pair, so the Hessian costs O(n²) after them.
 */
interface BlockPair<T> {
  readonly j: number;
  readonly k: number;
  readonly G: Matrix<T>;
  readonly K: Matrix<T>;
  readonly Q?: Matrix<T>;
  readonly R?: Matrix<T>;
}

function blockPairs<T>(F: Field<T>, X: Matrix<T>, Y: Matrix<T>, W: readonly Matrix<T>[]): BlockPair<T>[] {
  const L = W.length;
  const { prefix, suffix } = layerProducts(F, W);
  const { XXt, EXt } = dataTerms(F, X, Y, prefix[L]!);
  const At = suffix.map((A) => transpose(A));
  const PXXt = prefix.map((P) => mul(F, P, XXt)); // P_{k} X Xᵀ
  const Pt = prefix.map((P) => transpose(P));
  const AtEXt = suffix.map((_, k) => (k === 0 ? undefined : mul(F, At[k]!, EXt)));
  const pairs: BlockPair<T>[] = [];
  for (let j = 1; j <= L; j++) {
    let Q = identity(F, W[j - 1]!.rows); // Q_{j,j+1} = I_{d_j}
    for (let k = j; k <= L; k++) {
      const G = mul(F, At[j]!, suffix[k]!);
      const K = mul(F, PXXt[j - 1]!, Pt[k - 1]!);
      if (k === j) pairs.push({ j, k, G, K });
      else {
        pairs.push({ j, k, G, K, Q, R: mul(F, AtEXt[k]!, Pt[j - 1]!) });
        Q = mul(F, W[k - 1]!, Q);
      }
    }
  }
  return pairs;
}

/**
 * Lemma 4.3, entrywise: ∂²L/∂(W_j)_{ab}∂(W_k)_{ce} = (A_jᵀA_k)_{ac}(Z_jZ_kᵀ)_{be} + [j<k](Q_jk)_{ea}(A_kᵀEZ_jᵀ)_{cb}
 * for j ≤ k, the (k, j) block its transpose. Floats go through a Float64Array kernel.
 */
export function hessian<T>(F: Field<T>, X: Matrix<T>, Y: Matrix<T>, W: readonly Matrix<T>[]): Matrix<T> {
  const widths = checkShapes(X, Y, W);
  if (F.kind === 'float') {
    const { n, data } = hessianFloat64(X as Matrix<number>, Y as Matrix<number>, W as readonly Matrix<number>[]);
    return { rows: n, cols: n, data: Array.from(data) as T[] };
  }
  const n = parameterCount(widths);
  const off = parameterOffsets(widths);
  const H = zeros(F, n, n).data as T[];
  for (const { j, k, G, K, Q, R } of blockPairs(F, X, Y, W)) {
    const dj = widths[j]!, dj1 = widths[j - 1]!, dk = widths[k]!, dk1 = widths[k - 1]!;
    for (let a = 0; a < dj; a++)
      for (let b = 0; b < dj1; b++) {
        const row = off[j - 1]! + a * dj1 + b;
        for (let c = 0; c < dk; c++) {
          const g = G.data[a * dk + c]!;
          const gZero = F.isZero(g);
          for (let e = 0; e < dk1; e++) {
            let v = gZero ? F.zero : F.mul(g, K.data[b * dk1 + e]!);
            if (Q && R) {
              const q = Q.data[e * dj + a]!;
              if (!F.isZero(q)) v = F.add(v, F.mul(q, R.data[c * dj1 + b]!));
            }
            const col = off[k - 1]! + c * dk1 + e;
            H[row * n + col] = v;
            H[col * n + row] = v;
          }
        }
      }
  }
  return { rows: n, cols: n, data: H };
}

/** The float Hessian as a row-major Float64Array (what symmetricEigenvalues takes), built in O(n²). */
export function hessianFloat64(
  X: Matrix<number>,
  Y: Matrix<number>,
  W: readonly Matrix<number>[],
): { n: number; data: Float64Array } {
  const widths = checkShapes(X, Y, W);
  const n = parameterCount(widths);
  const off = parameterOffsets(widths);
  const H = new Float64Array(n * n);
  const f64 = (M: Matrix<number>) => Float64Array.from(M.data);
  for (const pair of blockPairs(Float, X, Y, W)) {
    const { j, k } = pair;
    const G = f64(pair.G), K = f64(pair.K);
    const Q = pair.Q ? f64(pair.Q) : undefined, R = pair.R ? f64(pair.R) : undefined;
    const dj = widths[j]!, dj1 = widths[j - 1]!, dk = widths[k]!, dk1 = widths[k - 1]!;
    const offJ = off[j - 1]!, offK = off[k - 1]!;
    for (let a = 0; a < dj; a++)
      for (let b = 0; b < dj1; b++) {
        const row = (offJ + a * dj1 + b) * n;
        const kRow = b * dk1;
        for (let c = 0; c < dk; c++) {
          const g = G[a * dk + c]!;
          const rcb = R ? R[c * dj1 + b]! : 0;
          const base = row + offK + c * dk1;
          for (let e = 0; e < dk1; e++) H[base + e] = g * K[kRow + e]! + (Q ? Q[e * dj + a]! * rcb : 0);
        }
      }
  }
  // Blocks j ≤ k were written, so the upper triangle is complete: mirror it.
  for (let r = 0; r < n; r++) for (let c = r + 1; c < n; c++) H[c * n + r] = H[r * n + c]!;
  return { n, data: H };
}

/** A float copy of an exact matrix, for float mode. */
export function toFloat(M: Matrix<Rational>): Matrix<number> {
  return convert(M, (q) => q.toNumber());
}
