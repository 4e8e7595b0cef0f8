import { type Expr, build as b, expandDefinitions } from '../expr/index.js';
import { type Derivation, Deriver } from './derivation.js';
import * as R from './rules.js';
import { type Assumptions, context, definitions, layerRange, x } from './setting.js';

/**
 * Lemma 4.1: ∂L/∂W_k for symbolic H and k, from the differential dL with only W_k varying, and its vec form
 * (A_k ⊗ Z_kᵀ)ᵀ vec(r) in the paper's row-major coordinates.
 */

export const rulesFor = (assumptions: Assumptions): R.RuleContext => ({ definitions, assumptions, family: 'W' });

const only = (name: string) => definitions.get(name)!;
const expand = (e: Expr, names: readonly string[]) => expandDefinitions(e, new Map(names.map((n) => [n, only(n)])));

/** The differential dE with only W_k varying, used again by the Hessian. */
export const dE_k = x('A[k]*d(W[k])*Z[k]');

export function gradientDerivation(): Derivation {
  const rc = rulesFor(layerRange);
  const d = new Deriver(x('d(L, W[k])'), rc, context)
    .rule(R.unfold(['L'], 'L = ½‖E‖²_F'))
    .rule(R.linearity)
    .rule(R.frobenius)
    .rule(R.unfold(['E'], 'E = W_{H+1}⋯W_1 X − Y'))
    .rule(R.linearity)
    .rule(R.productRule)
    .rule(R.constants('X and Y do not depend on W_k'))
    .rule(R.isolate)
    .rule(R.productRule)
    .rule(R.constants('W_{H+1}⋯W_{k+1} and W_{k−1}⋯W_1 do not contain W_k'))
    .rule(R.cyclic)
    .rule(R.notation(['A', 'Z'], 'A_k = W_{H+1}⋯W_{k+1}, Z_k = W_{k−1}⋯W_1 X'));
  // dL = tr(G dW_k) = ⟨Gᵀ, dW_k⟩_F for every dW_k identifies the gradient as Gᵀ
  const trace = d.value;
  if (trace.kind !== 'trace') throw new Error('gradient derivation did not end in a trace');
  const G = R.factorsOf(trace.arg).slice(0, -1);
  d.conclude(x('grad(L, W[k])'), b.transpose(b.mul(...G)), 'identify the gradient', 'dL = tr(G dW_k) = ⟨Gᵀ, dW_k⟩_F for every dW_k, so ∂L/∂W_k = Gᵀ')
    .rule(R.transposeRule);
  const short = d.value;
  d.to(expand(short, ['A', 'Z']), 'expand the notation', 'A_k = W_{H+1}⋯W_{k+1}, Z_k = W_{k−1}⋯W_1 X');
  d.to(expand(d.value, ['E']), 'expand E', 'E = W_{H+1}⋯W_1 X − Y');
  return {
    id: 'gradient',
    title: 'Gradient with respect to W_k (Lemma 4.1, matrix form)',
    source: 'Kawaguchi 2016, Lemma 4.1; docs/mathematics.md §4',
    domain: 'layer',
    steps: d.steps,
    result: b.equation(x('grad(L, W[k])'), short),
  };
}

/** (D_{vec(W_kᵀ)} L)ᵀ = (A_k ⊗ Z_kᵀ)ᵀ vec(r): the gradient flattened row by row. */
export function gradientVecDerivation(): Derivation {
  const rc = rulesFor(layerRange);
  const d = new Deriver(x("vec(grad(L, W[k])')"), rc, context)
    .to(x("vec((A[k]'*E*Z[k]')')"), 'the gradient', "∂L/∂W_k = A_kᵀ E Z_kᵀ (matrix form above)")
    .rule(R.transposeRule)
    .rule(R.notation(['r'], 'r = Eᵀ'))
    .rule(R.vecProduct((f) => f.kind === 'sym' && f.name === 'r'));
  const kron = R.factorsOf(d.value)[0]!;
  if (kron.kind !== 'kron' || kron.left.kind !== 'transpose') throw new Error('vec form: unexpected shape');
  d.to(b.mul(b.transpose(b.kron(kron.left.arg, b.transpose(kron.right))), x('vec(r)')), 'transpose of a Kronecker product', '(A ⊗ B)ᵀ = Aᵀ ⊗ Bᵀ');
  return {
    id: 'gradient-vec',
    title: 'Gradient in vec form (Lemma 4.1)',
    source: 'Kawaguchi 2016, Lemma 4.1: (D_{vec(W_kᵀ)} L)ᵀ = (A_k ⊗ Z_kᵀ)ᵀ vec(r)',
    domain: 'layer',
    steps: d.steps,
    result: b.equation(x("vec(grad(L, W[k])')"), d.value),
  };
}
