import type { PresentedProof } from '../../src/render/presented.js';
import type { ClassificationRow } from '../../src/render/tables.js';

/**
 * Representative derivations as the IR printer and the checker hand them to the writers: chains, long Kronecker
 * formulas that need breaking, a predicate, matrices, all three statuses, and user text full of LaTeX specials
 * and the Unicode people type in justifications.
 */
export const lemma41: PresentedProof = {
  file: 'proofs/lemma-4.1.proof.yaml',
  title: 'Lemma 4.1: gradient of the loss in vec form',
  source: 'Kawaguchi 2016, Lemma 4.1 and Appendix A.1',
  summary:
    'The loss is half the squared norm of the residual; differentiate it one weight matrix at a time.\n\n' +
    'Second paragraph: the paper writes vec(W_kᵀ) for the row-by-row flattening & uses (A ⊗ B).',
  shapes: [
    { name: 'X', rows: 'd_{0}', cols: 'm' },
    { name: 'Y', rows: 'd_{H+1}', cols: 'm' },
    { name: 'W_{k}', rows: 'd_{k}', cols: 'd_{k-1}' },
  ],
  ranges: [
    { name: 'H', lo: '1', hi: '3' },
    { name: 'k', lo: '1', hi: 'H+1' },
  ],
  hypotheses: [],
  defines: [
    { name: 'E', latex: 'W_{H+1} \\cdots W_{1} X - Y' },
    { name: 'L', latex: '\\frac{1}{2} \\left\\| E \\right\\|_F^{2}' },
  ],
  steps: [
    {
      index: 1,
      latex:
        'L = \\frac{1}{2} \\operatorname{vec}\\left(E^{\\top}\\right)^{\\top} \\operatorname{vec}\\left(E^{\\top}\\right) = \\frac{1}{2} \\operatorname{tr}\\left(E E^{\\top}\\right)',
      because: 'L = ½‖r‖² with r = Eᵀ; the Frobenius norm is the 2-norm of vec',
      status: 'verified',
      note: 'randomized exact identity test, 24 trials over H = 1..3, error probability ≤ 2⁻²⁴',
      methods: ['randomized exact evaluation on sampled instances'],
      trials: 24,
      shapes: 12,
    },
    {
      index: 2,
      latex:
        '\\operatorname{vec}\\left(E^{\\top}\\right) = \\left(W_{H+1} \\cdots W_{k+1} \\otimes \\left(W_{k-1} \\cdots W_{1} X\\right)^{\\top}\\right) \\operatorname{vec}\\left(W_{k}^{\\top}\\right) - \\operatorname{vec}\\left(Y^{\\top}\\right) = \\left(A_{k} \\otimes Z_{k}^{\\top}\\right) \\operatorname{vec}\\left(W_{k}^{\\top}\\right) - \\operatorname{vec}\\left(Y^{\\top}\\right)',
      because: 'vec(PQR) = (Rᵀ ⊗ P) vec(Q), applied to Z_kᵀ W_kᵀ A_kᵀ; 50% of the work & #2 of {3}',
      status: 'verified',
      note: 'randomized exact identity test, 24 trials, error probability ≤ 2⁻²⁴',
      methods: ['randomized exact evaluation on sampled instances'],
      trials: 24,
      shapes: 12,
    },
    {
      index: 3,
      latex:
        '\\frac{\\partial^{2} L}{\\partial \\operatorname{vec}\\left(W_{j}^{\\top}\\right) \\partial \\operatorname{vec}\\left(W_{k}^{\\top}\\right)^{\\top}} = \\left(A_{j}^{\\top} A_{k} \\otimes Z_{j} Z_{k}^{\\top}\\right) + \\left(Q_{jk}^{\\top} \\otimes Z_{j}\\right) \\left[ I_{d_{k-1}} \\otimes \\left(r A_{k}\\right)_{\\cdot,1} , \\ldots , I_{d_{k-1}} \\otimes \\left(r A_{k}\\right)_{\\cdot,d_{k}} \\right] + W_{H+1}^{\\top} W_{H}^{\\top} \\cdots W_{k+1}^{\\top} E Z_{k}^{\\top} - W_{H+1}^{\\top} W_{H}^{\\top} \\cdots W_{k+1}^{\\top} E Z_{k}^{\\top} + X X^{\\top} W_{1}^{\\top} C^{\\top} C - X Y^{\\top} C',
      because: 'Lemma 4.3 for j < k: Gauss–Newton part plus the residual part; signs as in A.3 — “not obvious”',
      status: 'failed',
      note: 'counterexample at H = 2, j = 1, k = 2 (sizes d = (2, 1, 3, 2), m = 2): entry (1, 2) differs: 3/4 vs −1/4',
      methods: ['randomized exact evaluation on sampled instances'],
      trials: 24,
      shapes: 12,
    },
    {
      index: 4,
      latex:
        '\\operatorname{rank}\\left(W_{H+1} \\cdots W_{k}\\right) \\geq \\operatorname{rank}\\left(W_{k-1} \\cdots W_{2}\\right) \\lor X r W_{H+1} \\cdots W_{k+1} = 0 \\lor \\mathcal{R}\\left(\\left(W_{k-1} \\cdots W_{2}\\right)^{\\top}\\right) \\subseteq \\mathcal{R}\\left(C^{\\top} C\\right)',
      because: 'Corollary 4.5 ~ needs PSD Hessian (∇²L ⪰ 0) at a critical point; λ ≥ 0 for all λ ∈ Σ',
      status: 'unchecked',
      note: 'no sampler yet for PSD-Hessian critical points with rank-deficient middles',
      methods: ['randomized exact evaluation on sampled instances'],
      trials: 24,
      shapes: 12,
    },
    {
      index: 5,
      latex:
        'W_{3} W_{2} W_{1} = \\begin{bmatrix} 3 & 0 & 0 \\\\ 0 & 0 & 0 \\\\ 0 & 0 & 0 \\end{bmatrix} \\neq \\begin{bmatrix} 3 & 0 & 0 \\\\ 0 & 2 & 0 \\\\ 0 & 0 & 0 \\end{bmatrix} = U_{2} U_{2}^{\\top} Y X^{\\top} \\left(X X^{\\top}\\right)^{-1}',
      status: 'verified',
      note: 'exact evaluation at the fixed instance',
      methods: ['randomized exact evaluation on sampled instances'],
      trials: 24,
      shapes: 12,
    },
  ],
  seed: 20160507,
};

export const corollary24: PresentedProof = {
  file: 'proofs/corollary-2.4.proof.yaml',
  title: 'Corollary 2.4: 50% of W_1 & #2 — bad saddles for H ≥ 2 (\\$\\alpha\\$, ~x^2, {braces}, \\back)',
  shapes: [{ name: 'W_{k}', rows: 'd_{k}', cols: 'd_{k-1}' }],
  ranges: [{ name: 'H', lo: '2', hi: '3' }],
  hypotheses: [{ text: 'W = 0 (all weights), X Yᵀ ≠ 0' }, { math: '\\operatorname{rank}\\left(W_{H} \\cdots W_{2}\\right) < p' }],
  defines: [],
  steps: [
    {
      index: 1,
      latex: '\\nabla L(0) = 0',
      because: 'every gradient term contains at least one weight matrix',
      status: 'verified',
      note: 'symbolic expansion (nerdamer) and randomized exact identity test, 12 trials',
      methods: ['randomized exact evaluation on sampled instances'],
      trials: 24,
      shapes: 12,
    },
    {
      index: 2,
      latex:
        'L(tD) - L(0) = - t^{H+1} \\left\\langle Y, D_{H+1} \\cdots D_{1} X \\right\\rangle_F + \\frac{1}{2} t^{2H+2} \\left\\| D_{H+1} \\cdots D_{1} X \\right\\|_F^{2}',
      because: 'the loss falls at order H+1 ≥ 3 along W_k = t·D_k; Sophie Germain’s café, naïve Łukasiewicz, 日本',
      status: 'verified',
      note: 'randomized exact identity test, 12 trials',
      methods: ['randomized exact evaluation on sampled instances'],
      trials: 24,
      shapes: 12,
    },
  ],
  seed: 7,
};

/**
 * Table rows: losses of the docs/mathematics.md §5 worked example (X = I₃, Y = diag(3,2,1), H = 1, d₁ = 2; L* = 1/2);
 * the inertia is illustrative, the zero point is mis-expected on purpose, and one row is a float.
 */
export const workedExample: ClassificationRow[] = [
  { name: 'I_{1,2}', loss: '1/2', lossStar: '1/2', gradient: { zero: true }, hessian: { inertia: { positive: 6, negative: 0, zero: 4 } }, indexSet: [1, 2], classification: 'global-min', expect: 'global-min' },
  { name: 'I_{1,3}', loss: '2', lossStar: '1/2', gradient: { zero: true }, indexSet: [1, 3], classification: 'strict-saddle', expect: 'strict-saddle' },
  { name: 'zero & 50%', loss: '7', lossStar: '1/2', gradient: { zero: true }, indexSet: [], classification: 'strict-saddle', expect: 'bad-saddle' },
  { name: 'float', loss: 1.5e-10, gradient: { zero: false }, classification: 'not-critical' },
];
