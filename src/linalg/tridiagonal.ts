import { householderRows } from './householder-rows.js';
import { tridiagonalHelper, type TridiagonalHelper } from './tridiagonal-helper.js';

/**
 * Matrices at least this large are reduced on two threads when a helper thread is available. Measured on whole
 * `dln check --float` processes (the helper starts and warms up in 50–100 ms, and competes with V8's own
 * background threads meanwhile): 588 parameters break even, 800 gain 6 %, 1140 20 %, 1610 33 %.
 */
export const PARALLEL_MIN_SIZE = 600;
/**
 * Steps whose trailing block has at least this many rows split their row pass in two shares (the helper thread
 * takes the second when there is one); smaller steps are not worth a hand-over.
 */
const SPLIT_MIN_ROWS = 128;

export interface Tridiagonal {
  /** Diagonal. */
  readonly d: Float64Array;
  /** Sub-diagonal in e[1..n−1]; e[0] = 0. */
  readonly e: Float64Array;
}

/**
 * Householder reduction of a symmetric matrix (only its lower triangle is read) to tridiagonal form with the same
 * eigenvalues. With `parallel` (and n ≥ PARALLEL_MIN_SIZE, and a helper thread: tridiagonal-helper.ts) each
 * step's row pass is shared by two threads. The arithmetic does not depend on that: the result is the same to
 * the last bit with or without the helper, and whenever it joins in.
 */
export function tridiagonalize(A: { readonly n: number; readonly data: ArrayLike<number> }, parallel = true): Tridiagonal {
  const n = A.n;
  const helper = parallel && n >= PARALLEL_MIN_SIZE ? tridiagonalHelper() : null;
  const d = new Float64Array(n);
  const e = new Float64Array(n);
  if (helper) {
    const rows = helper.rows(n);
    rows.a.set(A.data);
    reduce(rows.a, n, d, e, rows, helper);
  } else {
    const f = () => new Float64Array(n);
    reduce(Float64Array.from(A.data), n, d, e, { vA: f(), vB: f(), w: f(), share: f() });
  }
  return { d, e };
}

/** The step vectors: v and vNext alternate between vA and vB; `share` is the second share's part of pNext. */
interface StepVectors {
  readonly vA: Float64Array;
  readonly vB: Float64Array;
  readonly w: Float64Array;
  readonly share: Float64Array;
}

/**
 * Reduces symmetric a (n×n, row-major, destroyed) to tridiagonal: diagonal d, sub-diagonal e[1..n-1].
 * Only the lower triangle is read and updated. Each step k applies H = I − v vᵀ/h to the trailing block:
 * A ← A − v wᵀ − w vᵀ with w = p − (vᵀp / 2h) v, p = A v / h. The update of step k and the product A v' of
 * step k+1 are fused into one pass over the rows (householder-rows.ts: the matrix is streamed once per step).
 * With a helper, a and the step vectors live in its shared arrays.
 */
function reduce(a: Float64Array, n: number, d: Float64Array, e: Float64Array, vectors: StepVectors, helper?: TridiagonalHelper): void {
  if (n === 0) return;
  const { w, share } = vectors;
  let v = vectors.vA;
  let vNext = vectors.vB;
  let p = new Float64Array(n);
  let pNext = new Float64Array(n);
  const col = new Float64Array(n);

  /** Householder vector of column x = col[k+1..n−1] into vOut; returns h (0 when x = 0) and sets e[k+1]. */
  const householder = (k: number, vOut: Float64Array): number => {
    let alpha = 0;
    for (let i = k + 1; i < n; i++) alpha += col[i]! * col[i]!;
    alpha = Math.sqrt(alpha);
    const x0 = col[k + 1]!;
    if (alpha === 0) {
      e[k + 1] = 0;
      return 0;
    }
    const sgn = x0 > 0 ? -alpha : alpha; // new sub-diagonal entry, sign chosen to avoid cancellation
    e[k + 1] = sgn;
    for (let i = k + 1; i < n; i++) vOut[i] = col[i]!;
    vOut[k + 1] = x0 - sgn;
    return sgn * sgn - sgn * x0;
  };
  /** p = A22 v over rows/cols ≥ from, using the lower triangle. */
  const symv = (from: number, vIn: Float64Array, pOut: Float64Array): void => {
    pOut.fill(0, from);
    for (let i = from; i < n; i++) {
      const row = i * n;
      const vi = vIn[i]!;
      let acc = 0;
      for (let j = from; j < i; j++) {
        const aij = a[row + j]!;
        acc += aij * vIn[j]!;
        pOut[j] = pOut[j]! + aij * vi;
      }
      pOut[i] = pOut[i]! + acc + a[row + i]! * vi;
    }
  };

  for (let i = 1; i < n; i++) col[i] = a[i * n];
  let h = n > 2 ? householder(0, v) : 0;
  if (h !== 0) symv(1, v, p);
  for (let k = 0; k < n - 2; k++) {
    d[k] = a[k * n + k]!;
    if (h === 0) {
      // Nothing to eliminate: the next column is read as it stands.
      for (let i = k + 2; i < n; i++) col[i] = a[i * n + k + 1]!;
      h = k + 1 < n - 2 ? householder(k + 1, v) : 0;
      if (h !== 0) symv(k + 2, v, p);
      continue;
    }
    let K = 0;
    for (let i = k + 1; i < n; i++) {
      p[i] = p[i]! / h;
      K += v[i]! * p[i]!;
    }
    K /= 2 * h;
    for (let i = k + 1; i < n; i++) w[i] = p[i]! - K * v[i]!;
    // Column k+1 after this step's update gives the next Householder vector before the fused pass.
    const c = k + 1;
    for (let i = c + 1; i < n; i++) col[i] = a[i * n + c]! - v[i]! * w[c]! - w[i]! * v[c]!;
    const hNext = c < n - 2 ? householder(c, vNext) : 0;
    if (hNext !== 0) pNext.fill(0, c + 1);
    const fused = hNext !== 0;
    if (n - c >= SPLIT_MIN_ROWS) {
      // Row i costs ∝ i − c: the first (n − c)/√2 rows are half the work. The second share's pNext part is summed
      // separately and added, whether the helper or this thread computes it.
      const split = c + Math.round((n - c) / Math.SQRT2);
      const helping = helper?.ready ? helper : undefined;
      helping?.start(n, c, split, fused, v === vectors.vA);
      householderRows(a, n, c, c, split, v, w, vNext, pNext, fused);
      if (helping) helping.finish();
      else {
        if (fused) share.fill(0, c + 1);
        householderRows(a, n, c, split, n, v, w, vNext, share, fused);
      }
      if (fused) for (let j = c + 1; j < n; j++) pNext[j] = pNext[j]! + share[j]!;
    } else householderRows(a, n, c, c, n, v, w, vNext, pNext, fused);
    [v, vNext] = [vNext, v];
    [p, pNext] = [pNext, p];
    h = hNext;
  }
  if (n >= 2) {
    d[n - 2] = a[(n - 2) * n + n - 2]!;
    e[n - 1] = a[(n - 1) * n + n - 2]!;
  }
  d[n - 1] = a[(n - 1) * n + n - 1]!;
  e[0] = 0;
}

