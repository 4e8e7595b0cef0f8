import type { Matrix } from '../linalg/index.js';

/**
 * The parameter order, shared by the whole project (the symbolic engine uses it too): blocks W_1, W_2, …,
 * W_{H+1} in layer order, each flattened row by row (vec(W_kᵀ), the paper's coordinates). With 1-based
 * indices, entry (W_k)_{ab} is parameter offset_k + (a−1)·d_{k−1} + b, offset_k = Σ_{j<k} d_j·d_{j−1}.
 * In arrays (0-based) that parameter sits at position offset_k + (a−1)·d_{k−1} + (b−1).
 */
export function parameterCount(widths: readonly number[]): number {
  let n = 0;
  for (let k = 1; k < widths.length; k++) n += widths[k]! * widths[k - 1]!;
  return n;
}

/** offset_k for k = 1 … H+1, at array index k − 1. */
export function parameterOffsets(widths: readonly number[]): number[] {
  const out: number[] = [];
  let n = 0;
  for (let k = 1; k < widths.length; k++) {
    out.push(n);
    n += widths[k]! * widths[k - 1]!;
  }
  return out;
}

/** The 1-based parameter number of (W_k)_{ab}, all arguments 1-based as in the paper. */
export function parameterIndex(widths: readonly number[], k: number, a: number, b: number): number {
  if (!(k >= 1 && k < widths.length && a >= 1 && a <= widths[k]! && b >= 1 && b <= widths[k - 1]!))
    throw new RangeError(`no entry (W_${k})_{${a},${b}} for widths ${widths.join(',')}`);
  return parameterOffsets(widths)[k - 1]! + (a - 1) * widths[k - 1]! + b;
}

/** Where a 0-based array position lives: layer k and entry (a, b), all 1-based. */
export function parameterAt(widths: readonly number[], position: number): { k: number; a: number; b: number } {
  let rest = position;
  for (let k = 1; k < widths.length; k++) {
    const size = widths[k]! * widths[k - 1]!;
    if (rest < size) return { k, a: Math.floor(rest / widths[k - 1]!) + 1, b: (rest % widths[k - 1]!) + 1 };
    rest -= size;
  }
  throw new RangeError(`parameter position ${position} beyond ${parameterCount(widths)} parameters`);
}

/** `(W_2)_{1,3}` style name of a 0-based position. */
export function parameterName(widths: readonly number[], position: number): string {
  const { k, a, b } = parameterAt(widths, position);
  return `(W_${k})_{${a},${b}}`;
}

/** The weights as one vector in the parameter order. */
export function flattenWeights<T>(W: readonly Matrix<T>[]): T[] {
  const out: T[] = [];
  for (const Wk of W) for (const x of Wk.data) out.push(x);
  return out;
}

/** The inverse of flattenWeights. */
export function unflattenWeights<T>(widths: readonly number[], v: readonly T[]): Matrix<T>[] {
  if (v.length !== parameterCount(widths)) throw new RangeError(`${v.length} values for ${parameterCount(widths)} parameters`);
  const out: Matrix<T>[] = [];
  let at = 0;
  for (let k = 1; k < widths.length; k++) {
    const rows = widths[k]!, cols = widths[k - 1]!;
    out.push({ rows, cols, data: v.slice(at, at + rows * cols) });
    at += rows * cols;
  }
  return out;
}

/** The widths [d_0 … d_{H+1}] a list of weight matrices implies (W_k is d_k × d_{k−1}). */
export function widthsOf<T>(W: readonly Matrix<T>[]): number[] {
  if (W.length === 0) throw new RangeError('no weight matrices');
  W.forEach((Wk, i) => {
    if (i > 0 && Wk.cols !== W[i - 1]!.rows)
      throw new RangeError(`W_${i + 1} has ${Wk.cols} columns but W_${i} has ${W[i - 1]!.rows} rows`);
  });
  return [W[0]!.cols, ...W.map((Wk) => Wk.rows)];
}
