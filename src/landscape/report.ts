import type { Inertia } from '../linalg/index.js';
import type { HypothesisFailure } from './hypotheses.js';
import type { Label } from './network.js';

/** Numbers in reports: exact rationals as strings ("5/2"), floats as numbers. */
export type Num = string | number;

/** Weights (or a direction) as matrices of rows, W[k-1] = W_k. */
export type WeightsJson = Num[][][];

export type Certificate =
  /** Not critical: the largest gradient entry. */
  | { readonly kind: 'nonzero-gradient'; readonly parameter: string; readonly value: Num }
  /** Global minimum: L equals L*, decided as described in `note`. */
  | { readonly kind: 'loss-equals-lossStar'; readonly note: string }
  /**
   * Strict saddle: vᵀ∇²L v < 0, checked by the bilinear form and again by the line polynomial's t² term; `rising`
   * is a line along which the loss rises (so the point is no local maximum either), when one is known.
   */
  | {
      readonly kind: 'negative-curvature';
      readonly direction: WeightsJson;
      readonly curvature: Num;
      /** Coefficients of L(W + tv) − L(W), t⁰ first (exact mode). */
      readonly polynomial?: Num[];
      readonly rising?: { readonly direction: WeightsJson; readonly polynomial: Num[] };
    }
  /** Not a local minimum: L(W + tV) − L(W) has a decreasing lowest term (V in the Hessian's null space when PSD). */
  | ({ readonly kind: 'decreasing-line'; readonly direction: WeightsJson } & EscapeFields)
  /** Not a local minimum: L(γ(t)) − L(W) along γ(t) = W + tV₁ + t²V₂ + … has a decreasing lowest term. */
  | ({ readonly kind: 'decreasing-curve'; readonly curve: WeightsJson[] } & EscapeFields);

/** The common part of the escape certificates (docs/certificates.md). */
export interface EscapeFields {
  /** Coefficients of L(γ(t)) − L(W), t⁰ first. */
  readonly polynomial: Num[];
  /** The lowest non-zero term: its power of t and coefficient. */
  readonly order: number;
  readonly coefficient: Num;
  /** The sign of t along which the loss falls. */
  readonly towards: 1 | -1;
  /** How the curve was built (kernel chain, null-space search, …); the check does not depend on it. */
  readonly construction: string;
}

export interface PointReport {
  readonly name: string;
  readonly mode: 'exact' | 'float';
  readonly loss: Num;
  /** L*: exact string when exact, else a float with `lossStarTolerance` (a rigorous bound on its error). */
  readonly lossStar: Num;
  readonly lossStarExact: boolean;
  readonly lossStarTolerance?: number;
  /** `maxAbs`: the largest |entry| (a number, or a decimal string beyond float64's range); decided exactly in both modes. */
  readonly gradient: { readonly zero: boolean; readonly maxAbs: Num };
  readonly hypotheses: { readonly holds: boolean; readonly failed: readonly HypothesisFailure[]; readonly notApplicable: readonly string[] };
  /** Absent for points that are not critical (not needed to classify them). */
  readonly hessian?: {
    readonly size: number;
    readonly inertia: Inertia;
    /**
     * Float approximations of the extreme eigenvalues of the Hessian at W (also in exact mode, where the inertia
     * itself is exact): numbers, or decimal strings beyond float64's range.
     */
    readonly minEigenvalue: Num;
    readonly maxEigenvalue: Num;
    /** Float mode: the error bound that separates the float eigenvalues counted as zero. */
    readonly tolerance?: number;
    /** Float mode, badly scaled points: the power-of-two balancing the float spectrum was computed at (balance.ts). */
    readonly balance?: { readonly layers: number[]; readonly x: number; readonly y: number };
  };
  readonly p: number;
  readonly rankC: number;
  /** rank(W_H⋯W_2) (= d_1 when H = 1, where the product is I_{d_1}). */
  readonly rankMiddle: number;
  /** I (1-based, λ decreasing) with P_C = U_I U_Iᵀ; null when not critical or (A) fails. */
  readonly indexSet: number[] | null;
  /** ½(tr YYᵀ − Σ_{i∈I} λ_i); null with indexSet. */
  readonly criticalValue: Num | null;
  readonly classification: Label;
  readonly reason: string;
  readonly certificate: Certificate | null;
  readonly theorem: { readonly applicable: boolean; readonly agrees: boolean; readonly note: string };
  /**
   * The second classifier (from the end-to-end product, no Hessian): the labels it allows, whether the label,
   * I and the critical value agree with it, and its reason. `agrees: false` is an internal error (a bug).
   */
  readonly crossCheck: { readonly labels: readonly Label[]; readonly agrees: boolean; readonly note: string };
  /** Conditions of Lemma 4.2 / 4.4 (Corollary 4.5) / 4.6 where they apply; true = holds. */
  readonly diagnostics: {
    readonly lemma42?: boolean;
    readonly lemma44?: boolean;
    readonly corollary45?: boolean;
    readonly lemma46?: boolean;
    readonly projectorCommutes?: boolean;
  };
  readonly expect: Label | null;
  readonly ok: boolean;
}

export interface NetworkReport {
  readonly network: {
    readonly name: string;
    readonly widths: readonly number[];
    readonly H: number;
    readonly p: number;
    readonly parameters: number;
    readonly hypotheses: { readonly holds: boolean; readonly failed: readonly HypothesisFailure[] };
    /** Σ's eigenvalues, decreasing, with multiplicity: exact strings where rational, floats otherwise; float mode: all floats (Jacobi). */
    readonly sigmaEigenvalues: Num[];
    readonly lossStar: Num;
    readonly lossStarExact: boolean;
    readonly lossStarTolerance?: number;
  };
  readonly points: PointReport[];
  /** Points whose classification failed with an internal error (a bug); the others are still classified. */
  readonly errors: PointError[];
}

/** A point whose classification threw: reported on its own line, the other points still classified. */
export interface PointError {
  readonly point: string;
  readonly message: string;
}
