import { type Matrix, Rational, build, gcd, get, transpose } from '../linalg/index.js';
import { type Parameter, type Variables, dataLatex, dataName, parameters, weightLatex } from './names.js';
import { Poly, PolySum } from './poly.js';
import { type PolyMatrix, polyIdentity, polyMul, polySub } from './polymatrix.js';

/** The data of L = ½‖W_{H+1}⋯W_1 X − Y‖²_F: exact numbers, or one symbol per entry of X and Y. */
export type EntrywiseData =
  | { readonly kind: 'numeric'; readonly X: Matrix<Rational>; readonly Y: Matrix<Rational> }
  | { readonly kind: 'symbolic'; readonly samples: number };

/**
 * Sizes the entrywise engine accepts. The output grows quickly with depth and width (widths [4,4,4,4]:
 * 48 parameters, ≈ 205 000 Hessian terms, 8 MB of JSON; [5,5,5,5]: 75 parameters, ≈ 1 000 000 terms), so
 * besides static bounds a term budget stops an expansion that would take minutes and gigabytes.
 */
export const ENTRYWISE_LIMITS = {
  maxParameters: 200,
  /** Weights plus data symbols. */
  maxVariables: 400,
  /**
   * Terms over all gradient and Hessian entries (upper triangle), bounded before expanding (`entrywiseCost`, within
   * 1.6× of the true count) and counted as they are computed: ≈ 60 MB of JSON and ≈ 700 MB of memory at most.
   */
  maxTerms: 1_500_000,
  /** Monomial products the expansion may take, estimated before it starts (`entrywiseCost`; ≈ 10 s). */
  maxProducts: 20_000_000,
} as const;

/** The expansion outgrew `ENTRYWISE_LIMITS.maxTerms`. */
export class TermLimitExceeded extends Error {
  constructor(readonly limit: number) {
    super(`the expanded derivatives exceed ${limit} terms`);
    this.name = 'TermLimitExceeded';
  }
}

/**
 * Entrywise loss, gradient and Hessian of a deep linear network with concrete widths [d_0, …, d_{H+1}], as
 * expanded polynomials in the weight entries (and the data entries when the data is symbolic).
 *
 * Variables: the weights first, in the team-wide parameter order (`parameters`), then X row by row, then Y.
 *
 * L is never expanded and differentiated. With data scaled to integers (X = X'/D, Y = Y'/D), S = X'X'ᵀ,
 * T = Y'X'ᵀ and G = PS − T for the product P = W_{H+1}⋯W_1, docs/mathematics.md §4 gives, with A_k = W_{H+1}⋯W_{k+1},
 * R_k = W_{k−1}⋯W_1 (so Z_k = R_k X) and Q_{jk} = W_{k−1}⋯W_{j+1}:
 *   ∂L/∂(W_k)_{ce}              = (A_kᵀ G R_kᵀ)_{ce} / D²                              (Lemma 4.1)
 *   ∂²L/∂(W_j)_{ab}∂(W_k)_{ce}  = [(A_jᵀA_k)_{ac}(R_j S R_kᵀ)_{be} + [j<k](Q_{jk})_{ea}(A_kᵀ G R_jᵀ)_{cb}] / D²
 *                                                                               (Lemma 4.3, entrywise, j ≤ k)
 * so every entry is one or two products of small precomputed polynomials, all on integers until the final
 * division. The Hessian is symmetric: each pair is computed once.
 */
export class EntrywiseDerivation {
  readonly parameters: Parameter[];
  readonly variables: Variables;
  /** Number of weight matrices, H + 1. */
  private readonly depth: number;
  /** W[k] for k = 1..H+1 (index 0 unused). */
  private readonly W: PolyMatrix[];
  /** Data scaled to integers, and 1/D². */
  private readonly Xs: PolyMatrix;
  private readonly Ys: PolyMatrix;
  private readonly unscale: Rational;
  /** Terms computed so far, against `maxTerms`. */
  private terms = 0;
  private readonly maxTerms: number;

  constructor(
    readonly widths: readonly number[],
    data: EntrywiseData,
    options: { maxTerms?: number } = {},
  ) {
    this.maxTerms = options.maxTerms ?? ENTRYWISE_LIMITS.maxTerms;
    if (widths.length < 2 || !widths.every((d) => Number.isSafeInteger(d) && d >= 1))
      throw new RangeError(`widths must be at least two positive integers, got [${widths.join(', ')}]`);
    this.depth = widths.length - 1;
    this.parameters = parameters(widths);
    const names = this.parameters.map((p) => p.name);
    const latex = this.parameters.map((p) => weightLatex(p.layer, p.row, p.col));
    let index = 0;
    this.W = [];
    for (let k = 1; k <= this.depth; k++) {
      this.W[k] = build(widths[k]!, widths[k - 1]!, () => Poly.variable(index++));
    }
    const d0 = widths[0]!;
    const dy = widths[this.depth]!;
    if (data.kind === 'numeric') {
      const { X, Y } = data;
      if (X.rows !== d0 || Y.rows !== dy || X.cols !== Y.cols || X.cols < 1)
        throw new RangeError(`data X ${X.rows}×${X.cols}, Y ${Y.rows}×${Y.cols} do not fit widths [${widths.join(', ')}]`);
      let D = 1n;
      for (const q of [...X.data, ...Y.data]) D = (D / gcd(D, q.den)) * q.den;
      const scaled = (M: Matrix<Rational>) => build(M.rows, M.cols, (i, j) => Poly.constant(get(M, i, j).mul(Rational.of(D))));
      this.Xs = scaled(X);
      this.Ys = scaled(Y);
      this.unscale = Rational.of(1n, D * D);
    } else {
      const m = data.samples;
      if (!Number.isSafeInteger(m) || m < 1) throw new RangeError(`samples must be a positive integer, got ${m}`);
      const symbols = (which: 'X' | 'Y', rows: number) =>
        build(rows, m, (i, j) => {
          names.push(dataName(which, i + 1, j + 1));
          latex.push(dataLatex(which, i + 1, j + 1));
          return Poly.variable(index++);
        });
      this.Xs = symbols('X', d0);
      this.Ys = symbols('Y', dy);
      this.unscale = Rational.ONE;
    }
    this.variables = { names, latex };
    if (this.parameters.length > ENTRYWISE_LIMITS.maxParameters || names.length > ENTRYWISE_LIMITS.maxVariables)
      throw new RangeError(`${this.parameters.length} parameters and ${names.length} variables exceed ENTRYWISE_LIMITS`);
  }

  /** L itself, expanded: (½ Σ (PS)∘P − Σ T∘P + ½‖Y'‖²) / D². */
  loss(): Poly {
    const { P, PS, T } = this.core();
    const twice = new PolySum();
    const minusTwo = Rational.of(-2);
    for (let i = 0; i < P.data.length; i++) {
      twice.addProduct(PS.data[i]!, P.data[i]!);
      twice.addProduct(T.data[i]!.scale(minusTwo), P.data[i]!);
    }
    for (const y of this.Ys.data) twice.addProduct(y, y);
    return twice.result().scale(this.unscale.div(Rational.of(2)));
  }

  /** ∂L/∂θ_i for every parameter θ_i, in parameter order. */
  gradient(): Poly[] {
    const out: Poly[] = [];
    for (let k = 1; k <= this.depth; k++) out.push(...this.finish(polyMul(this.AtG(k), transpose(this.R(k)))).data);
    return out;
  }

  /** The full symmetric Hessian; entries (i, j) and (j, i) are the same object. */
  hessian(): Poly[][] {
    const n = this.parameters.length;
    const H: Poly[][] = Array.from({ length: n }, () => new Array<Poly>(n));
    const offsets = [0];
    for (let k = 1; k <= this.depth; k++) offsets[k] = offsets[k - 1]! + this.widths[k]! * this.widths[k - 1]!;
    for (let j = 1; j <= this.depth; j++) {
      for (let k = j; k <= this.depth; k++) {
        const gaussNewton = polyMul(transpose(this.A(j)), this.A(k)); // d_j × d_k
        const data = polyMul(this.R(j), this.SRt(k)); // d_{j−1} × d_{k−1}
        const Q = j < k ? this.Q(j, k) : undefined; // d_{k−1} × d_j
        const residual = j < k ? polyMul(this.AtG(k), transpose(this.R(j))) : undefined; // d_k × d_{j−1}
        const [dj, dj1, dk, dk1] = [this.widths[j]!, this.widths[j - 1]!, this.widths[k]!, this.widths[k - 1]!];
        for (let a = 0; a < dj; a++)
          for (let b = 0; b < dj1; b++) {
            const row = offsets[j - 1]! + a * dj1 + b;
            for (let c = 0; c < dk; c++)
              for (let e = 0; e < dk1; e++) {
                const col = offsets[k - 1]! + c * dk1 + e;
                if (col < row) continue; // the diagonal block's lower triangle: its mirror is computed
                const s = new PolySum();
                s.addProduct(get(gaussNewton, a, c), get(data, b, e));
                if (Q && residual) s.addProduct(get(Q, e, a), get(residual, c, b));
                const h = this.unscaled(s.result());
                H[row]![col] = h;
                H[col]![row] = h;
              }
          }
      }
    }
    return H;
  }

  // Partial products, each computed once (the caches below are filled on first use).
  private readonly cache = new Map<string, PolyMatrix>();

  private memo(key: string, f: () => PolyMatrix): PolyMatrix {
    let M = this.cache.get(key);
    if (M === undefined) this.cache.set(key, (M = f()));
    return M;
  }

  /** A_k = W_{H+1}⋯W_{k+1} (d_y × d_k), identity for k = H+1. */
  private A(k: number): PolyMatrix {
    return this.memo(`A${k}`, () => (k === this.depth ? polyIdentity(this.widths[k]!) : polyMul(this.A(k + 1), this.W[k + 1]!)));
  }

  /** R_k = W_{k−1}⋯W_1 (d_{k−1} × d_0), identity for k = 1; R_{H+2} = P. */
  private R(k: number): PolyMatrix {
    return this.memo(`R${k}`, () => (k === 1 ? polyIdentity(this.widths[0]!) : polyMul(this.W[k - 1]!, this.R(k - 1))));
  }

  /** Q_{jk} = W_{k−1}⋯W_{j+1} (d_{k−1} × d_j), identity for k = j+1. */
  private Q(j: number, k: number): PolyMatrix {
    return this.memo(`Q${j},${k}`, () => (k === j + 1 ? polyIdentity(this.widths[j]!) : polyMul(this.W[k - 1]!, this.Q(j, k - 1))));
  }

  /** S = X'X'ᵀ (d_0 × d_0). */
  private S(): PolyMatrix {
    return this.memo('S', () => polyMul(this.Xs, transpose(this.Xs)));
  }

  private core(): { P: PolyMatrix; PS: PolyMatrix; T: PolyMatrix; G: PolyMatrix } {
    const T = this.memo('T', () => polyMul(this.Ys, transpose(this.Xs)));
    const P = this.R(this.depth + 1);
    const PS = this.memo('PS', () => polyMul(P, this.S()));
    const G = this.memo('G', () => polySub(PS, T));
    return { P, PS, T, G };
  }

  /** A_kᵀ G (d_k × d_0). */
  private AtG(k: number): PolyMatrix {
    return this.memo(`AtG${k}`, () => polyMul(transpose(this.A(k)), this.core().G));
  }

  /** S R_kᵀ (d_0 × d_{k−1}). */
  private SRt(k: number): PolyMatrix {
    return this.memo(`SRt${k}`, () => polyMul(this.S(), transpose(this.R(k))));
  }

  private finish(M: PolyMatrix): PolyMatrix {
    return { rows: M.rows, cols: M.cols, data: M.data.map((p) => this.unscaled(p)) };
  }

  /** Divides out the data scaling and charges the result to the term budget. */
  private unscaled(p: Poly): Poly {
    this.terms += p.termCount;
    if (this.terms > this.maxTerms) throw new TermLimitExceeded(this.maxTerms);
    return this.unscale.eq(Rational.ONE) ? p : p.scale(this.unscale);
  }
}

/** Term counts of a matrix of polynomials (upper bounds), for the cost estimate. */
type Counts = number[][];

/**
 * The cost model `dln derive --entries` checks before expanding anything, from the term counts of the weights and
 * data alone, with the formulas above: the monomial products the expansion takes (each `addProduct` of
 * polynomials with s and t terms takes s·t), and an upper bound on the terms of the gradient and Hessian entries.
 * Counts of merged terms are bounded by the products that made them, so both are upper bounds, tight where
 * monomials are distinct (the partial products; the outputs' true term count is within 1.6× of the bound on the
 * widths measured).
 */
export function entrywiseCost(widths: readonly number[], data: { dataTerms: (which: 'X' | 'Y', i: number, s: number) => number; samples: number }, withHessian: boolean): { products: number; terms: number } {
  let products = 0;
  let terms = 0;
  const depth = widths.length - 1;
  const ones = (r: number, c: number): Counts => Array.from({ length: r }, () => new Array<number>(c).fill(1));
  const eye = (n: number): Counts => Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 1 : 0)));
  const tr = (A: Counts): Counts => (A[0] ?? []).map((_, j) => A.map((row) => row[j]!));
  const mul = (A: Counts, B: Counts): Counts =>
    A.map((row) =>
      (B[0] ?? []).map((_, j) => {
        let t = 0;
        for (let l = 0; l < row.length; l++) t += row[l]! * B[l]![j]!;
        products += t;
        return t;
      }),
    );
  const add = (A: Counts, B: Counts): Counts => A.map((row, i) => row.map((x, j) => x + B[i]![j]!));
  const W = widths.map((d, k) => (k === 0 ? [] : ones(d, widths[k - 1]!)));
  const X = Array.from({ length: widths[0]! }, (_, i) => Array.from({ length: data.samples }, (_, s) => data.dataTerms('X', i, s)));
  const Y = Array.from({ length: widths[depth]! }, (_, i) => Array.from({ length: data.samples }, (_, s) => data.dataTerms('Y', i, s)));
  const memo = new Map<string, Counts>();
  const m = (key: string, f: () => Counts) => memo.get(key) ?? (memo.set(key, f()), memo.get(key)!);
  const A = (k: number): Counts => m(`A${k}`, () => (k === depth ? eye(widths[k]!) : mul(A(k + 1), W[k + 1]!)));
  const R = (k: number): Counts => m(`R${k}`, () => (k === 1 ? eye(widths[0]!) : mul(W[k - 1]!, R(k - 1))));
  const Q = (j: number, k: number): Counts => m(`Q${j},${k}`, () => (k === j + 1 ? eye(widths[j]!) : mul(W[k - 1]!, Q(j, k - 1))));
  const S = m('S', () => mul(X, tr(X)));
  const P = R(depth + 1);
  const PS = mul(P, S);
  const T = mul(Y, tr(X));
  const G = add(PS, T);
  // the loss: (PS_i + T_i)·P_i summed, and ‖Y‖²
  const [ps, t, pf] = [PS.flat(), T.flat(), P.flat()];
  ps.forEach((x, i) => (products += (x + t[i]!) * pf[i]!));
  products += Y.flat().reduce((s, y) => s + y * y, 0);
  const AtG = (k: number) => m(`AtG${k}`, () => mul(tr(A(k)), G));
  for (let k = 1; k <= depth; k++) terms += mul(AtG(k), tr(R(k))).flat().reduce((x, y) => x + y, 0);
  if (!withHessian) return { products, terms };
  for (let j = 1; j <= depth; j++)
    for (let k = j; k <= depth; k++) {
      const gaussNewton = mul(tr(A(j)), A(k));
      const dataPart = mul(R(j), m(`SRt${k}`, () => mul(S, tr(R(k)))));
      const q = j < k ? Q(j, k) : undefined;
      const residual = j < k ? mul(AtG(k), tr(R(j))) : undefined;
      // entry (a,b,c,e) multiplies gaussNewton[a][c] by dataPart[b][e] (and q[e][a] by residual[c][b]): over the
      // block, the products of the sums (the diagonal block's lower triangle is mirrored: about half)
      const total = (C: Counts) => C.flat().reduce((x, y) => x + y, 0);
      const block = total(gaussNewton) * total(dataPart) + (q && residual ? total(q) * total(residual) : 0);
      products += j === k ? block / 2 : block;
      terms += j === k ? block / 2 : block;
    }
  return { products, terms };
}
