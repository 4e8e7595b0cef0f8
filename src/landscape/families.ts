import {
  Exact, Rational, type Matrix, build, equals, hstack, identity, inverse, mul, nullspace, pinv, rank, scale, sub, trace,
  transpose, zeros,
} from '../linalg/index.js';
import { isolateSpectrum, sigmaMatrix, type Spectrum } from './spectrum.js';
import { randomIntMatrix, type Rng } from '../linalg/random.js';
import { randomUnimodular } from './random.js';

/**
 * Exact critical points of any depth (docs/mathematics.md §5). For an index set I, B is a rational basis of the
 * Σ-invariant subspace span{u_i : i ∈ I} and P = B(BᵀB)⁻¹Bᵀ (= U_I U_Iᵀ). The product P Y Xᵀ(XXᵀ)⁻¹ is factored
 * as W_{H+1} = [B 0]·G_H⁻¹, W_k = G_k J_k G_{k−1}⁻¹ (J_k a top-left identity of rank r ≥ |I|),
 * W_1 = G_1 [(BᵀB)⁻¹BᵀYXᵀ(XXᵀ)⁻¹; 0] with random unimodular G_k. Every gradient block then contains
 * (I − P)YXᵀ or Bᵀ(I − P) or (I − P)ΣB, all zero, so the point is critical with L = ½(tr YYᵀ − Σ_{i∈I} λ_i).
 * Exactness needs B rational: every rational eigenvalue gives a rational eigenspace basis (null space of
 * Σ − λI); the irrational eigenvalues are only available together (their span is the orthogonal complement
 * of the rational eigenvectors), so index sets that split them are skipped and reported as such.
 * With (XXᵀ) singular the pseudo-inverse takes the inverse's place and the construction still holds.
 */

export type FamilyKind = 'index-set' | 'zero' | 'zero-layers';

export interface FamilyPoint {
  readonly family: FamilyKind;
  /** Human-readable, unique within one call: `I = {1,3}, middle rank 2`. */
  readonly name: string;
  /** Predicted I (1-based positions of Σ's eigenvalues, decreasing, with multiplicity). */
  readonly indexSet: number[];
  readonly W: Matrix<Rational>[];
  /** ½(tr YYᵀ − Σ_{i∈I} λ_i), exact. */
  readonly predictedLoss: Rational;
  /** rank(W_H⋯W_2) by construction (H ≥ 2), or d_1 for H = 1. */
  readonly middleRank: number;
}

export interface CriticalFamilies {
  readonly points: FamilyPoint[];
  /** Index sets for which no exact point could be built, with the reason. */
  readonly skipped: { indexSet: number[]; reason: string }[];
  /** Index sets not enumerated because of `maxIndexSets`. */
  readonly truncated: number;
}

export interface FamilyOptions {
  /** At most this many index sets (enumerated by size, then lexicographically). Default 64. */
  readonly maxIndexSets?: number;
  /** Σ and its isolated spectrum, when the caller has them already (they are isolated otherwise). */
  readonly sigma?: { readonly matrix: Matrix<Rational>; readonly spectrum: Spectrum };
}

interface Block {
  /** 1-based positions of the eigenvalues in this block. */
  readonly positions: number[];
  /** Basis vectors, one per position for rational eigenvalues; the whole block's basis otherwise. */
  readonly vectors: Matrix<Rational>;
  /** Whether positions can be taken one at a time. */
  readonly splittable: boolean;
}

/** Rational invariant-subspace pieces of Σ: each rational eigenspace, and the span of all irrational eigenvalues. */
function invariantBlocks(sigma: Matrix<Rational>, spectrum: Spectrum): Block[] {
  const n = sigma.rows;
  const blocks: Block[] = [];
  const irrational: number[] = [];
  let pos = 1;
  const rationalVectors: Matrix<Rational>[] = [];
  for (const c of spectrum.clusters) {
    const positions = Array.from({ length: c.multiplicity }, (_, i) => pos + i);
    pos += c.multiplicity;
    if (c.exact) {
      const V = nullspace(Exact, sub(Exact, sigma, scale(Exact, c.exact, identity(Exact, n))));
      blocks.push({ positions, vectors: V, splittable: true });
      rationalVectors.push(V);
    } else irrational.push(...positions);
  }
  if (irrational.length) {
    const R = rationalVectors.length ? rationalVectors.reduce((a, b) => hstack(a, b)) : zeros(Exact, n, 0);
    // Σ is symmetric, so the irrational eigenvectors span the orthogonal complement of the rational ones.
    const V = R.cols === 0 ? identity(Exact, n) : nullspace(Exact, transpose(R));
    blocks.push({ positions: irrational, vectors: V, splittable: false });
  }
  return blocks;
}

function subsets(n: number, maxSize: number, limit: number): { sets: number[][]; truncated: number } {
  const sets: number[][] = [];
  let total = 0;
  const rec = (start: number, size: number, acc: number[]) => {
    if (acc.length === size) {
      total++;
      if (sets.length < limit) sets.push([...acc]);
      return;
    }
    for (let i = start; i <= n; i++) rec(i + 1, size, [...acc, i]);
  };
  for (let size = 0; size <= maxSize; size++) rec(1, size, []);
  return { sets, truncated: total - sets.length };
}

/** A d_k × d_{k−1} matrix whose top-left r×r block is the identity and the rest zero. */
const topIdentity = (rows: number, cols: number, r: number) =>
  build(rows, cols, (i, j) => (i === j && i < r ? Rational.ONE : Rational.ZERO));

/** Conjugates hidden coordinates by random unimodular maps: W_k → G_k W_k G_{k−1}⁻¹ (critical points stay critical). */
function randomize(W: Matrix<Rational>[], rng: Rng): Matrix<Rational>[] {
  const H = W.length - 1;
  const G = Array.from({ length: H }, (_, k) => randomUnimodular(rng, W[k]!.rows));
  return W.map((Wk, k) => {
    let M = Wk;
    if (k < H) M = mul(Exact, G[k]!.G, M);
    if (k > 0) M = mul(Exact, M, G[k - 1]!.Ginv);
    return M;
  });
}

export function criticalFamilies(
  X: Matrix<Rational>,
  Y: Matrix<Rational>,
  widths: readonly number[],
  rng: Rng,
  options: FamilyOptions = {},
): CriticalFamilies {
  const H = widths.length - 2;
  const dy = widths[H + 1]!, dx = widths[0]!;
  const p = Math.min(...widths.slice(1, H + 1));
  const sigma = options.sigma?.matrix ?? sigmaMatrix(X, Y);
  const trYYt = trace(Exact, mul(Exact, Y, transpose(Y)));
  const half = Rational.of(1, 2);
  const Xt = transpose(X);
  const YXtInv = mul(Exact, mul(Exact, Y, Xt), pinv(Exact, mul(Exact, X, Xt))); // Y Xᵀ (X Xᵀ)⁻¹
  const blocks = invariantBlocks(sigma, options.sigma?.spectrum ?? isolateSpectrum(sigma));
  const points: FamilyPoint[] = [];
  const skipped: { indexSet: number[]; reason: string }[] = [];
  const add = (pt: FamilyPoint) => {
    if (!points.some((q) => q.W.every((M, k) => equals(Exact, M, pt.W[k]!)))) points.push(pt);
  };

  const { sets, truncated } = subsets(dy, Math.min(p, dy), options.maxIndexSets ?? 64);
  for (const I of sets) {
    const cols: Matrix<Rational>[] = [];
    let reason: string | undefined;
    for (const b of blocks) {
      const inI = b.positions.filter((i) => I.includes(i));
      if (inI.length === 0) continue;
      if (!b.splittable && inI.length !== b.positions.length) {
        reason = `eigenvalues ${b.positions.join(', ')} are irrational: only all of them together have a rational invariant subspace`;
        break;
      }
      cols.push(b.splittable ? pickColumns(b.vectors, inI.map((i) => b.positions.indexOf(i))) : b.vectors);
    }
    if (reason) {
      skipped.push({ indexSet: I, reason });
      continue;
    }
    const q = I.length;
    const B = cols.length ? cols.reduce((a, b) => hstack(a, b)) : zeros(Exact, dy, 0);
    const P = q ? mul(Exact, mul(Exact, B, inverse(Exact, mul(Exact, transpose(B), B))), transpose(B)) : zeros(Exact, dy, dy);
    const predictedLoss = trYYt.sub(trace(Exact, mul(Exact, P, sigma))).mul(half);
    const first = q ? mul(Exact, mul(Exact, inverse(Exact, mul(Exact, transpose(B), B)), transpose(B)), YXtInv) : zeros(Exact, 0, dx);
    const W1 = build(widths[1]!, dx, (i, j) => (i < q ? first.data[i * dx + j]! : Rational.ZERO));
    const WL = build(dy, widths[H]!, (i, j) => (j < q ? B.data[i * q + j]! : Rational.ZERO));
    const ranks = H === 1 ? [widths[1]!] : q < p ? [p, q] : [p];
    for (const r of ranks) {
      if (q === 0 && r === 0) continue; // that is the zero point, added below
      const middles = Array.from({ length: H - 1 }, (_, i) => topIdentity(widths[i + 2]!, widths[i + 1]!, r));
      const label = `I = {${I.join(',')}}` + (H === 1 ? '' : r === p ? `, middle rank p = ${p}` : `, middle rank ${r} < p`);
      add({ family: 'index-set', name: label, indexSet: I, W: randomize([W1, ...middles, WL], rng), predictedLoss, middleRank: r });
    }
  }

  const allZero = widths.slice(1).map((d, k) => zeros(Exact, d, widths[k]!));
  const zeroLoss = trYYt.mul(half);
  add({ family: 'zero', name: 'W = 0', indexSet: [], W: allZero, predictedLoss: zeroLoss, middleRank: H === 1 ? widths[1]! : 0 });
  if (H >= 2) {
    // Two or more zero layers: every gradient term A_kᵀ E Z_kᵀ keeps a zero factor.
    const zeroSets: number[][] = [];
    for (let a = 0; a <= H; a++) for (let b = a + 1; b <= H; b++) zeroSets.push([a, b]);
    if (H >= 3) zeroSets.push(Array.from({ length: H }, (_, k) => k)); // App. C.1: W_1 = … = W_H = 0
    for (const zs of zeroSets) {
      const W = widths.slice(1).map((d, k) => (zs.includes(k) ? zeros(Exact, d, widths[k]!) : nonZeroRandom(rng, d, widths[k]!)));
      const middle = W.slice(1, H).reduce((acc, M) => mul(Exact, M, acc), identity(Exact, widths[1]!));
      add({
        family: 'zero-layers',
        name: `W_${zs.map((k) => k + 1).join(' = W_')} = 0`,
        indexSet: [],
        W,
        predictedLoss: zeroLoss,
        middleRank: rank(Exact, middle),
      });
    }
  }
  return { points, skipped, truncated };
}

function pickColumns(M: Matrix<Rational>, cols: number[]): Matrix<Rational> {
  return build(M.rows, cols.length, (i, j) => M.data[i * M.cols + cols[j]!]!);
}

function nonZeroRandom(rng: Rng, rows: number, cols: number): Matrix<Rational> {
  for (;;) {
    const M = randomIntMatrix(rng, rows, cols, 2);
    if (M.data.some((x) => !x.isZero())) return M;
  }
}
