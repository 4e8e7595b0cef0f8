import type { Field } from './field.js';
import type { Matrix } from './matrix.js';

export interface Inertia {
  readonly positive: number;
  readonly negative: number;
  readonly zero: number;
}

export interface InertiaResult<T> {
  readonly inertia: Inertia;
  /** A vector x with xᵀAx < 0 when A has a negative eigenvalue (exact over the rationals). */
  readonly negativeDirection?: readonly T[];
  /** A vector x with xᵀAx > 0 when A has a positive eigenvalue. */
  readonly positiveDirection?: readonly T[];
}

/** One elimination step, kept to lift a direction of a later Schur complement back to the full space. */
interface Step<T> {
  readonly pivot: readonly number[];
  /** Inverse of the pivot block (1×1 or 2×2), row-major. */
  readonly blockInv: readonly T[];
  /** Entries A[p][j] at the time of the step, for each pivot row p, over all indices j (undefined = eliminated). */
  readonly rows: readonly (readonly T[])[];
}

/**
 * Inertia of a symmetric matrix by symmetric elimination (Sylvester's law of inertia): A = P L D Lᵀ Pᵀ with D
 * made of 1×1 and 2×2 blocks. 2×2 pivots handle zero diagonals (as at W = 0, where the Hessian is
 * [[0, −s],[−s, 0]]). Over the rationals the counts are exact; over floats they depend on the field's tolerance.
 * Also returns directions that certify a negative (and a positive) eigenvalue.
 */
export function inertia<T>(F: Field<T>, A: Matrix<T>): InertiaResult<T> {
  const n = A.rows;
  if (A.cols !== n) throw new RangeError(`inertia of a non-square ${A.rows}×${A.cols} matrix`);
  const a: T[][] = [];
  for (let i = 0; i < n; i++) a.push(A.data.slice(i * n, (i + 1) * n));
  const active = new Set<number>(Array.from({ length: n }, (_, i) => i));
  const steps: Step<T>[] = [];
  let positive = 0, negative = 0;
  let negativeDirection: T[] | undefined;
  let positiveDirection: T[] | undefined;

  const liftFrom = (local: Map<number, T>, upTo: number): T[] => {
    const x: T[] = new Array(n).fill(F.zero);
    for (const [i, v] of local) x[i] = v;
    for (let s = upTo - 1; s >= 0; s--) {
      const { pivot, blockInv, rows } = steps[s]!;
      // x_P = −E⁻¹ A_{P,rest} x_rest, with rest = the indices still active after step s.
      const rhs = pivot.map((p) => {
        let acc = F.zero;
        const row = rows[pivot.indexOf(p)]!;
        for (let j = 0; j < n; j++) {
          const v = row[j];
          if (v !== undefined && !pivot.includes(j)) acc = F.add(acc, F.mul(v, x[j]!));
        }
        return acc;
      });
      const k = pivot.length;
      for (let r = 0; r < k; r++) {
        let acc = F.zero;
        for (let c = 0; c < k; c++) acc = F.add(acc, F.mul(blockInv[r * k + c]!, rhs[c]!));
        x[pivot[r]!] = F.neg(acc);
      }
    }
    return x;
  };

  while (active.size > 0) {
    const idx = [...active];
    let best = -1, bestCost = Infinity, maxOff = 0, offI = -1, offJ = -1, offCost = Infinity;
    // Exact: fewest non-zeros first (Markowitz: the Schur update fills about nnz² entries, each a normalised
    // rational), then the shortest pivot. Sparse Hessians (zero layers) stay sparse; dense ones are unaffected.
    const nnz = new Map<number, number>();
    if (F.kind === 'exact') for (const i of idx) nnz.set(i, idx.reduce((c, j) => (F.isZero(a[i]![j]!) ? c : c + 1), 0));
    const fill = (i: number, j = i) => (F.kind === 'exact' ? (nnz.get(i)! + (j === i ? 0 : nnz.get(j)!)) * 2 ** 20 : 0);
    for (const i of idx) {
      const d = a[i]![i]!;
      if (!F.isZero(d)) {
        const cost = fill(i) + F.pivotCost(d);
        if (cost < bestCost) (best = i), (bestCost = cost);
      }
    }
    // Off-diagonal pivots are only needed without a usable diagonal (exact) or for the float pivot rule.
    if (best < 0 || F.kind === 'float')
    for (const i of idx)
      for (const j of idx) {
        if (j <= i) continue;
        const v = a[i]![j]!;
        if (F.isZero(v)) continue;
        const cost = fill(i, j) + F.pivotCost(v);
        if (cost < offCost) (offCost = cost), (offI = i), (offJ = j);
        maxOff = Math.max(maxOff, Math.abs(F.toNumber(v)));
      }
    if (best < 0 && offI < 0) break; // the rest is the zero matrix
    // Floats: Bunch–Kaufman-style choice, a 2×2 pivot when every diagonal is small beside the off-diagonal.
    const use2 =
      best < 0 || (F.kind === 'float' && Math.abs(F.toNumber(a[best]![best]!)) < 0.6404 * maxOff);
    const pivot = use2 ? [offI, offJ] : [best];
    const k = pivot.length;
    let blockInv: T[];
    if (k === 1) {
      const d = a[best]![best]!;
      blockInv = [F.div(F.one, d)];
      if (F.sign(d) < 0) {
        negative++;
        if (!negativeDirection) negativeDirection = liftFrom(new Map([[best, F.one]]), steps.length);
      } else {
        positive++;
        if (!positiveDirection) positiveDirection = liftFrom(new Map([[best, F.one]]), steps.length);
      }
    } else {
      const p = a[offI]![offI]!, q = a[offJ]![offJ]!, b = a[offI]![offJ]!;
      const dt = F.sub(F.mul(p, q), F.mul(b, b));
      blockInv = [F.div(q, dt), F.neg(F.div(b, dt)), F.neg(F.div(b, dt)), F.div(p, dt)];
      // det < 0 here in exact mode (zero diagonals); in float mode it may be anything non-zero.
      const signs = blockSigns(F, p, q, dt);
      positive += signs.filter((s) => s > 0).length;
      negative += signs.filter((s) => s < 0).length;
      if (!negativeDirection && signs.includes(-1))
        negativeDirection = liftFrom(twoByTwoDirection(F, offI, offJ, p, q, b, -1), steps.length);
      if (!positiveDirection && signs.includes(1))
        positiveDirection = liftFrom(twoByTwoDirection(F, offI, offJ, p, q, b, 1), steps.length);
    }
    const rows = pivot.map((pi) => {
      const r: T[] = new Array(n);
      for (const j of active) r[j] = a[pi]![j]!;
      return r;
    });
    for (const pi of pivot) active.delete(pi);
    // Schur complement on the remaining indices: a_ij −= [a_ip…] E⁻¹ [a_pj…]ᵀ.
    const rest = [...active];
    const coef = rest.map((i) => {
      const out: T[] = [];
      for (let r = 0; r < k; r++) {
        let acc = F.zero;
        for (let c = 0; c < k; c++) acc = F.add(acc, F.mul(a[i]![pivot[c]!]!, blockInv[c * k + r]!));
        out.push(acc);
      }
      return out;
    });
    rest.forEach((i, ii) => {
      const ci = coef[ii]!;
      if (ci.every((c) => F.isZero(c))) return;
      for (const j of rest) {
        if (j < i) continue;
        let acc: T = a[i]![j]!;
        for (let r = 0; r < k; r++) acc = F.sub(acc, F.mul(ci[r]!, a[pivot[r]!]![j]!));
        a[i]![j] = acc;
        a[j]![i] = acc;
      }
    });
    steps.push({ pivot, blockInv, rows });
  }
  const inertiaCounts = { positive, negative, zero: n - positive - negative };
  return {
    inertia: inertiaCounts,
    ...(negativeDirection ? { negativeDirection } : {}),
    ...(positiveDirection ? { positiveDirection } : {}),
  };
}

/** Signs of the two eigenvalues of [[p, b], [b, q]] given its determinant dt ≠ 0. */
function blockSigns<T>(F: Field<T>, p: T, q: T, dt: T): (-1 | 1)[] {
  if (F.sign(dt) < 0) return [1, -1];
  const s = F.sign(F.add(p, q));
  return s < 0 ? [-1, -1] : [1, 1];
}

/** A vector y in span(e_i, e_j) with sign(yᵀ E y) = want for E = [[p, b], [b, q]], which has such a vector. */
function twoByTwoDirection<T>(F: Field<T>, i: number, j: number, p: T, q: T, b: T, want: -1 | 1): Map<number, T> {
  if (F.sign(p) === want) return new Map([[i, F.one]]);
  if (F.sign(q) === want) return new Map([[j, F.one]]);
  // p and q are of the other sign or zero. If q = 0 (then b ≠ 0), y = (1, t) gives p + 2bt = want for
  // t = (want − p)/(2b). Otherwise q has the other sign and det < 0, so y = (q, −b) gives q·det of sign want.
  if (F.isZero(q)) {
    const t = F.div(F.sub(F.fromInt(want), p), F.mul(F.fromInt(2), b));
    return new Map([[i, F.one], [j, t]]);
  }
  return new Map([[i, q], [j, F.neg(b)]]);
}

export function inertiaOf<T>(F: Field<T>, A: Matrix<T>): Inertia {
  return inertia(F, A).inertia;
}
