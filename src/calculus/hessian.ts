import { type Expr, Size, build as b, expandDefinitions } from '../expr/index.js';
import { type Derivation, Deriver } from './derivation.js';
import { dE_k, rulesFor } from './gradient.js';
import * as R from './rules.js';
import { context, definitions, j, k, layerRange, pairRange, x } from './setting.js';

/**
 * Lemma 4.3: the Hessian blocks in the paper's row-major coordinates, derived by differentiating the gradient
 * G_j = A_jᵀ E Z_jᵀ in W_k and reading off d vec(G_jᵀ) = H_{jk} vec(dW_kᵀ); the entrywise form; and the
 * quadratic form from the second differential d²L.
 */

/** vec(dW) = K vec(dWᵀ) for W[k] (d_k × d_{k−1}). */
const commuteW = R.commute((w) => {
  if (w.kind !== 'member') throw new Error('commutation of a non-member');
  const i = w.indices[0]!;
  return { rows: Size.dim('d', i), cols: Size.dim('d', i.sub(1)) };
});

/** From d vec(G) = Σ_i M_i vec(dWᵀ), the matrix Σ_i M_i (the Hessian block). */
function readOff(e: Expr): Expr {
  const terms = e.kind === 'add' ? e.terms : [e];
  return b.add(
    ...terms.map((t) => {
      const fs = R.factorsOf(t);
      const last = fs.at(-1)!;
      if (last.kind !== 'vec' || last.arg.kind !== 'transpose' || last.arg.arg.kind !== 'diff') throw new Error('Hessian block: term does not end in vec(dWᵀ)');
      return b.mul(...fs.slice(0, -1));
    }),
  );
}

const expandNotation = (e: Expr): Expr =>
  expandDefinitions(e, new Map(['A', 'Z', 'Q'].map((n) => [n, definitions.get(n)!])));

/** Block (k, k): A_kᵀA_k ⊗ Z_kZ_kᵀ. */
export function diagonalBlockDerivation(): Derivation {
  const rc = rulesFor(layerRange);
  const d = new Deriver(x('d(grad(L, W[k]), W[k])'), rc, context)
    .to(x("d(A[k]'*E*Z[k]', W[k])"), 'the gradient', '∂L/∂W_k = A_kᵀ E Z_kᵀ (Lemma 4.1)')
    .rule(R.productRule)
    .rule(R.linearMaps)
    .rule(R.constants('A_k and Z_k do not contain W_k'))
    .rule(R.replace(x('d(E, W[k])'), dE_k, 'differential of E', 'dE = A_k dW_k Z_k (as in Lemma 4.1)'));
  d.conclude(x("vec(d(grad(L, W[k]), W[k])')"), b.vec(b.transpose(d.value)), 'row-major flattening', 'd vec(G_kᵀ) = vec((dG_k)ᵀ), G_k = ∂L/∂W_k')
    .rule(R.transposeRule)
    .rule(R.vecProduct());
  const block = readOff(d.value);
  d.conclude(x('hess(L, W[k], W[k])'), block, 'read off the block', 'd vec(G_kᵀ) = H_{kk} vec(dW_kᵀ) for every dW_k');
  d.to(expandNotation(block), 'expand the notation', 'A_k = W_{H+1}⋯W_{k+1}, Z_k = W_{k−1}⋯W_1 X');
  return {
    id: 'hessian-diagonal',
    title: 'Hessian, diagonal block (W_k, W_k) (Lemma 4.3)',
    source: 'Kawaguchi 2016, Lemma 4.3; docs/mathematics.md §4',
    domain: 'layer',
    steps: d.steps,
    result: b.equation(x('hess(L, W[k], W[k])'), block),
  };
}

/** The off-diagonal block in the notation of docs/mathematics.md, derived below. */
export const offDiagonalBlock = x("kron(A[j]'*A[k], Z[j]*Z[k]') + kron(Q[j,k]', Z[j]*r*A[k])*commutation(d[k-1], d[k])");

/** Block (j, k), j < k: (A_jᵀA_k ⊗ Z_jZ_kᵀ) + (Q_{jk}ᵀ ⊗ Z_j r A_k) K_{d_{k−1},d_k}. */
export function offDiagonalBlockDerivation(): Derivation {
  const rc = rulesFor(pairRange);
  const d = new Deriver(x('d(grad(L, W[j]), W[k])'), rc, context)
    .to(x("d(A[j]'*E*Z[j]', W[k])"), 'the gradient', '∂L/∂W_j = A_jᵀ E Z_jᵀ (Lemma 4.1)')
    .rule(R.productRule)
    .rule(R.linearMaps)
    .rule(R.constants('Z_j = W_{j−1}⋯W_1 X does not contain W_k (j < k)'))
    .rule(R.replace(x('d(E, W[k])'), dE_k, 'differential of E', 'dE = A_k dW_k Z_k (as in Lemma 4.1)'))
    .rule(R.unfold(['A'], 'A_j = W_{H+1}⋯W_{j+1}'))
    .rule(R.isolate)
    .rule(R.productRule)
    .rule(R.constants('W_{H+1}⋯W_{k+1} and W_{k−1}⋯W_{j+1} do not contain W_k'))
    .rule(R.notation(['A', 'Q'], 'A_k = W_{H+1}⋯W_{k+1}, Q_{jk} = W_{k−1}⋯W_{j+1}'));
  d.conclude(x("vec(d(grad(L, W[j]), W[k])')"), b.vec(b.transpose(d.value)), 'row-major flattening', 'd vec(G_jᵀ) = vec((dG_j)ᵀ), G_j = ∂L/∂W_j')
    .rule(R.transposeRule)
    .rule(R.transposeRule)
    .rule(R.vecLinear)
    .rule(R.vecProduct())
    .rule(commuteW)
    .rule(R.notation(['r'], 'r = Eᵀ'));
  d.conclude(x('hess(L, W[j], W[k])'), readOff(d.value), 'read off the block', 'd vec(G_jᵀ) = H_{jk} vec(dW_kᵀ) for every dW_k');
  d.to(offDiagonalBlock, 'reorder the terms', 'Gauss–Newton term first, as in the paper');
  d.to(
    x("kron(A[j]'*A[k], Z[j]*Z[k]') + kron(Q[j,k]', Z[j])*kron(I(d[k-1]), r*A[k])*commutation(d[k-1], d[k])"),
    "the paper's form",
    '(P ⊗ Q)(I ⊗ S) = P ⊗ QS; (I ⊗ rA_k) K_{d_{k−1},d_k} is the block row [I ⊗ (rA_k)_{·,1}, …, I ⊗ (rA_k)_{·,d_k}] of Lemma 4.3',
  );
  return {
    id: 'hessian-off-diagonal',
    title: 'Hessian, off-diagonal block (W_j, W_k), j < k (Lemma 4.3, general j)',
    source: 'Kawaguchi 2016, Lemma 4.3 (printed for j = 1); docs/mathematics.md §4',
    domain: 'pair',
    steps: d.steps,
    result: b.equation(x('hess(L, W[j], W[k])'), offDiagonalBlock),
  };
}

/** ∂²L/∂(W_j)_{ab}∂(W_k)_{ce} = (A_jᵀA_k)_{ac}(Z_jZ_kᵀ)_{be} + [j<k] (Q_{jk})_{ea}(A_kᵀ E Z_jᵀ)_{cb}. */
export function entrywiseDerivation(): Derivation {
  const rc = rulesFor(pairRange);
  const lhs = x('entry(hess(L, W[j], W[k]), (a-1)*d[j-1] + b, (c-1)*d[k-1] + e)');
  const d = new Deriver(lhs, rc, context)
    .to(x('entry(' + 'kron(A[j]\'*A[k], Z[j]*Z[k]\') + kron(Q[j,k]\', Z[j]*r*A[k])*commutation(d[k-1], d[k])' + ', (a-1)*d[j-1] + b, (c-1)*d[k-1] + e)'), 'the block', 'Lemma 4.3, block (j, k)')
    .to(
      x("entry(A[j]'*A[k], a, c)*entry(Z[j]*Z[k]', b, e) + entry(Q[j,k]', a, e)*entry(Z[j]*r*A[k], b, c)"),
      'entries of Kronecker products',
      '(P ⊗ S)_{(a−1)q+b,(c−1)t+e} = P_{ac} S_{be} for S ∈ R^{q×t}; K_{d_{k−1},d_k} sends column (c, e) to (e, c)',
    )
    .to(x("entry(A[j]'*A[k], a, c)*entry(Z[j]*Z[k]', b, e) + entry(Q[j,k], e, a)*entry(A[k]'*E*Z[j]', c, b)"), 'transpose', '(Mᵀ)_{ae} = M_{ea}, (Z_j r A_k)ᵀ = A_kᵀ E Z_jᵀ');
  return {
    id: 'hessian-entrywise',
    title: 'Hessian entries ∂²L/∂(W_j)_{ab}∂(W_k)_{ce}, j < k (Lemma 4.3)',
    source: 'docs/mathematics.md §4, entrywise form',
    domain: 'pair',
    steps: d.steps,
    result: b.equation(lhs, d.value),
    entries: { a: Size.dim('d', j), b: Size.dim('d', j.sub(1)), c: Size.dim('d', k), e: Size.dim('d', k.sub(1)) },
  };
}

/** ∂²L/∂(W_k)_{ab}∂(W_k)_{ce} = (A_kᵀA_k)_{ac}(Z_kZ_kᵀ)_{be}. */
export function entrywiseDiagonalDerivation(): Derivation {
  const rc = rulesFor(layerRange);
  const lhs = x('entry(hess(L, W[k], W[k]), (a-1)*d[k-1] + b, (c-1)*d[k-1] + e)');
  const d = new Deriver(lhs, rc, context)
    .to(x("entry(kron(A[k]'*A[k], Z[k]*Z[k]'), (a-1)*d[k-1] + b, (c-1)*d[k-1] + e)"), 'the block', 'Lemma 4.3, block (k, k)')
    .to(x("entry(A[k]'*A[k], a, c)*entry(Z[k]*Z[k]', b, e)"), 'entries of a Kronecker product', '(P ⊗ S)_{(a−1)q+b,(c−1)q+e} = P_{ac} S_{be} for S ∈ R^{q×q}');
  return {
    id: 'hessian-entrywise-diagonal',
    title: 'Hessian entries ∂²L/∂(W_k)_{ab}∂(W_k)_{ce} (Lemma 4.3)',
    source: 'docs/mathematics.md §4, entrywise form, j = k',
    domain: 'layer',
    steps: d.steps,
    result: b.equation(lhs, d.value),
    entries: { a: Size.dim('d', k), b: Size.dim('d', k.sub(1)), c: Size.dim('d', k), e: Size.dim('d', k.sub(1)) },
  };
}

/** ∇²L[Δ, Δ] = d²L = ‖Σ_k A_k Δ_k Z_k‖²_F + 2 Σ_{j<k} ⟨E, A_k Δ_k Q_{jk} Δ_j Z_j⟩_F, with dW_k = Δ_k. */
export function quadraticFormDerivation(): Derivation {
  const rc = rulesFor([]);
  const first = x('sum(k, 1, H+1, A[k]*d(W[k])*Z[k])');
  const result = x("fro2(sum(k, 1, H+1, A[k]*d(W[k])*Z[k])) + 2*sum(k, 2, H+1, sum(j, 1, k-1, inner(E, A[k]*d(W[k])*Q[j,k]*d(W[j])*Z[j])))");
  const d = new Deriver(x('d(d(L))'), rc, context)
    .to(x("d(trace(E'*d(E)))"), 'first differential', 'dL = tr(Eᵀ dE), as in Lemma 4.1 with every layer varying')
    .rule(R.linearMaps)
    .rule(R.productRule)
    .rule(R.linearMaps)
    .to(x("fro2(d(E)) + inner(E, d(d(E)))"), 'Frobenius forms', 'tr(PᵀP) = ‖P‖²_F and tr(EᵀM) = ⟨E, M⟩_F')
    .rule(R.replace(x('d(E)'), first, 'total differential of E', 'dE = Σ_k W_{H+1}⋯W_{k+1} dW_k W_{k−1}⋯W_1 X = Σ_k A_k dW_k Z_k'))
    .rule(R.linearity)
    .rule(R.productRule)
    .rule(R.constants('the directions dW_k are fixed: d(dW_k) = 0'))
    .to(
      x("fro2(sum(k, 1, H+1, A[k]*d(W[k])*Z[k])) + inner(E, sum(k, 1, H+1, sum(i, k+1, H+1, A[i]*d(W[i])*Q[k,i])*d(W[k])*Z[k] + A[k]*d(W[k])*sum(j, 1, k-1, Q[j,k]*d(W[j])*Z[j])))"),
      'differentials of the shorthands',
      'dA_k = Σ_{i>k} A_i dW_i Q_{ki}, dZ_k = Σ_{j<k} Q_{jk} dW_j Z_j (product rule over the layers)',
    )
    .to(result, 'exchange the order of summation', 'Σ_k Σ_{i>k} A_i dW_i Q_{ki} dW_k Z_k = Σ_k Σ_{j<k} A_k dW_k Q_{jk} dW_j Z_j (rename i → k, k → j); ⟨E, ·⟩_F is linear')
    .to(
      x("sum(j, 1, H+1, sum(k, 1, H+1, vec(d(W[j])')'*hess(L, W[j], W[k])*vec(d(W[k])')))"),
      'the Hessian quadratic form',
      'd²L = Σ_{j,k} vec(dW_jᵀ)ᵀ H_{jk} vec(dW_kᵀ): the blocks above in the same coordinates',
    );
  return {
    id: 'hessian-quadratic-form',
    title: 'Hessian quadratic form ∇²L[Δ, Δ] = d²L along dW_k = Δ_k (Lemma 4.3)',
    source: 'docs/mathematics.md §4, quadratic form (Gauss–Newton part plus residual part)',
    domain: 'none',
    steps: d.steps,
    result: b.equation(x('d(d(L))'), result),
  };
}
