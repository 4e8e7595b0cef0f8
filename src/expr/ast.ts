import type { Rational } from '../linalg/rational.js';
import type { Size } from './size.js';

/**
 * The matrix-expression IR. Plain immutable data; each node kind's parse rule, shape rule, printers and
 * evaluator live together in src/expr/nodes/. Sizes and indices inside nodes are normal-form `Size`s.
 */

/** A rational constant. */
export interface Num { readonly kind: 'num'; readonly value: Rational }
/** A named value: a declared matrix or scalar (`X`), a defined name (`E`, `L`), or a size variable (`p`, `m`). */
export interface Sym { readonly kind: 'sym'; readonly name: string }
/** An integer size expression used as a scalar: `min(p, d[H+1])`. */
export interface SizeValue { readonly kind: 'size'; readonly value: Size }
/** A member of an indexed family: `W[k]`, a defined family `A[k]`, `Q[j,k]`, or a width `d[k]` used as a scalar. */
export interface Member { readonly kind: 'member'; readonly family: string; readonly indices: readonly Size[] }
/** `prod(W, a, b)` = W_a W_{a−1} ⋯ W_b; the identity (of size d_{b−1}) when a < b. */
export interface Prod { readonly kind: 'prod'; readonly family: string; readonly from: Size; readonly to: Size }
export interface Add { readonly kind: 'add'; readonly terms: readonly Expr[] }
export interface Neg { readonly kind: 'neg'; readonly arg: Expr }
/** Matrix product and scalar multiplication, left to right. */
export interface Mul { readonly kind: 'mul'; readonly factors: readonly Expr[] }
/** Quotient by a scalar: `fro2(E)/2`. */
export interface Div { readonly kind: 'div'; readonly num: Expr; readonly den: Expr }
export interface Transpose { readonly kind: 'transpose'; readonly arg: Expr }
export interface Kron { readonly kind: 'kron'; readonly left: Expr; readonly right: Expr }
/** Column-stacking vec. */
export interface Vec { readonly kind: 'vec'; readonly arg: Expr }
export interface Inv { readonly kind: 'inv'; readonly arg: Expr }
/** Moore–Penrose inverse (a valid generalized inverse M⁻). */
export interface Pinv { readonly kind: 'pinv'; readonly arg: Expr }
export interface Trace { readonly kind: 'trace'; readonly arg: Expr }
/** Squared Frobenius norm. */
export interface Fro2 { readonly kind: 'fro2'; readonly arg: Expr }
/** Frobenius inner product ⟨A, B⟩_F = tr(AᵀB). */
export interface Inner { readonly kind: 'inner'; readonly left: Expr; readonly right: Expr }
export interface Identity { readonly kind: 'identity'; readonly n: Size }
export interface Zeros { readonly kind: 'zeros'; readonly rows: Size; readonly cols: Size }
/** The commutation matrix K_{m,n}: K vec(A) = vec(Aᵀ) for A ∈ R^{m×n}. */
export interface Commutation { readonly kind: 'commutation'; readonly m: Size; readonly n: Size }
/** Entry (i, j), 1-based. */
export interface Entry { readonly kind: 'entry'; readonly arg: Expr; readonly row: Size; readonly col: Size }
/** Matrix gradient ∂f/∂W of a scalar f (same shape as W), computed independently by forward-mode differentiation. */
export interface Grad { readonly kind: 'grad'; readonly f: Expr; readonly wrt: Variable }
/**
 * Hessian block ∂²f / ∂vec(W₁ᵀ) ∂vec(W₂ᵀ)ᵀ in the paper's coordinates (each matrix flattened row by row):
 * entry ((a−1)·cols(W₁) + b, (c−1)·cols(W₂) + e) is ∂²f/∂(W₁)_{ab}∂(W₂)_{ce}.
 */
export interface Hess { readonly kind: 'hess'; readonly f: Expr; readonly wrt1: Variable; readonly wrt2: Variable }
/**
 * Differential: `d(E)` varies every variable that has a direction (dW_k = the direction of W_k);
 * `d(E, W[k])` varies only W_k. Evaluates as the exact directional derivative.
 */
export interface Diff { readonly kind: 'diff'; readonly arg: Expr; readonly wrt: Variable | null }
/** Σ_{index = from}^{to} body (empty, i.e. zero, when to < from). */
export interface Sum { readonly kind: 'sum'; readonly index: string; readonly from: Size; readonly to: Size; readonly body: Expr }
export interface IsZero { readonly kind: 'iszero'; readonly arg: Expr }
/** Symmetric positive semidefinite. */
export interface Psd { readonly kind: 'psd'; readonly arg: Expr }
export interface Rank { readonly kind: 'rank'; readonly arg: Expr }
/** Column space R(A), only as an argument of `subset`. */
export interface Range { readonly kind: 'range'; readonly arg: Expr }
export interface Subset { readonly kind: 'subset'; readonly left: Expr; readonly right: Expr }
export type CompareOp = '==' | '!=' | '<' | '<=' | '>' | '>=';
export interface Compare { readonly kind: 'compare'; readonly op: CompareOp; readonly left: Expr; readonly right: Expr }
export interface Logic { readonly kind: 'logic'; readonly op: 'and' | 'or'; readonly left: Expr; readonly right: Expr }
export interface Not { readonly kind: 'not'; readonly arg: Expr }
/**
 * Integer power `x^k` of a scalar or a square matrix; `k` is a constant or a size expression (`X^(k-1)`), and a
 * negative `k` means the inverse's power. `A^0` is the identity.
 */
export interface Pow { readonly kind: 'pow'; readonly base: Expr; readonly exponent: Size }
export interface Det { readonly kind: 'det'; readonly arg: Expr }
/** Adjugate (classical adjoint): A·adj(A) = det(A)·I, defined for singular A too. */
export interface Adj { readonly kind: 'adj'; readonly arg: Expr }
/** Hadamard (entrywise) product A ∘ B. */
export interface Hadamard { readonly kind: 'hadamard'; readonly left: Expr; readonly right: Expr }
/** The all-ones matrix. */
export interface Ones { readonly kind: 'ones'; readonly rows: Size; readonly cols: Size }
/** The i-th standard basis vector of R^n, a column (1-based). */
export interface Unit { readonly kind: 'unit'; readonly n: Size; readonly index: Size }
/** The diagonal matrix with a column vector on its diagonal. */
export interface Diag { readonly kind: 'diag'; readonly arg: Expr }
/** The column vector of a square matrix's diagonal entries. */
export interface DiagVec { readonly kind: 'diagvec'; readonly arg: Expr }
/** Scalar functions: natural logarithm, exponential, absolute value. */
export interface Log { readonly kind: 'log'; readonly arg: Expr }
export interface Exp { readonly kind: 'exp'; readonly arg: Expr }
export interface Abs { readonly kind: 'abs'; readonly arg: Expr }
/** The Jacobian [∂f_i/∂x_j] of a column vector f with respect to a column vector x. */
export interface Jacobian { readonly kind: 'jacobian'; readonly f: Expr; readonly wrt: Variable }
export interface Sqrt { readonly kind: 'sqrt'; readonly arg: Expr }
export type ScalarFunction = 'log' | 'exp' | 'abs' | 'sqrt';
/** The Frobenius norm ‖A‖_F = √tr(AᵀA), the 2-norm of a vector (mathjs's norm). */
export interface Norm { readonly kind: 'norm'; readonly arg: Expr }
/** A scalar function applied to every entry of a matrix (`map(A, exp)`). */
export interface Elementwise { readonly kind: 'elementwise'; readonly fn: ScalarFunction; readonly arg: Expr }

/** `gated(W, D, a, b)` = D_a W_a ⋯ D_b W_b: a forward pass with layer masks (identity of size d_{b−1} when a < b). */
export interface Gated { readonly kind: 'gated'; readonly family: string; readonly masks: string; readonly from: Size; readonly to: Size }
/** E[body] over independent Bernoulli(p) diagonal entries of the masks D[k] the body reads, computed exactly. */
export interface Expect { readonly kind: 'expect'; readonly body: Expr; readonly family: string; readonly p: Expr }

export type Variable = Sym | Member;

export type Expr =
  | Num | SizeValue | Sym | Member | Prod | Add | Neg | Mul | Div | Transpose | Kron | Vec | Inv | Pinv | Trace | Fro2 | Inner
  | Identity | Zeros | Commutation | Entry | Grad | Hess | Diff | Sum
  | IsZero | Psd | Rank | Range | Subset | Compare | Logic | Not | Gated | Expect
  | Pow | Det | Adj | Hadamard | Ones | Unit | Diag | DiagVec | Log | Exp | Abs | Sqrt | Norm | Elementwise | Jacobian;

export type Kind = Expr['kind'];
export type NodeOf<K extends Kind> = Extract<Expr, { kind: K }>;

/** A derivation step's claim: an equation chain `a = b = c`, or a predicate. */
export type Claim =
  | { readonly kind: 'equation'; readonly sides: readonly Expr[] }
  | { readonly kind: 'predicate'; readonly expr: Expr };

/** A name given by `define:`; `params` are the index variables of a defined family (`A[k]`, `Q[j,k]`). */
export interface Definition {
  readonly name: string;
  readonly params: readonly string[];
  readonly body: Expr;
}
export type Definitions = ReadonlyMap<string, Definition>;

export type Shape =
  | { readonly kind: 'scalar' }
  | { readonly kind: 'matrix'; readonly rows: Size; readonly cols: Size }
  | { readonly kind: 'bool' }
  /** A subspace of R^dim. */
  | { readonly kind: 'space'; readonly dim: Size };
