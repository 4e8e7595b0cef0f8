import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { checkStep } from '../../src/proof/check.js';
import { parseProofDocument, type ProofDocument } from '../../src/proof/document.js';
import { buildSetting } from '../../src/proof/setting.js';
import { mutants, scalarTest } from './mutants.js';

/**
 * Soundness: for every equation step in proofs/, mutants (drop a transpose, swap two factors, flip a sign,
 * double a term, shift an index by one) and the file without its hypotheses must not pass (neither verified nor
 * tested). Mutants that are still true identities are listed here with the reason.
 */
const TRUE_MUTANTS: Record<string, string> = {
  'appendix-c1 2 flip-sign hess(L, W[1], W[1]) = -zeros(d0*d1, d0*d1)': 'a zero matrix is unchanged by a sign',
  'appendix-c1 2 double-term hess(L, W[1], W[1]) = 2*zeros(d0*d1, d0*d1)': 'a zero matrix is unchanged by a factor 2',
  'appendix-c1 3 flip-sign hess(L, W[2], W[2]) = -zeros(d1*d2, d1*d2)': 'a zero matrix is unchanged by a sign',
  'appendix-c1 3 double-term hess(L, W[2], W[2]) = 2*zeros(d1*d2, d1*d2)': 'a zero matrix is unchanged by a factor 2',
  'corollary-2.4 3 double-term d(d(L)) = 2*0': 'zero is unchanged by a factor 2',
  'baldi-hornik 3 drop-transpose P*P = P = P': 'P is symmetric, so P = Pᵀ',
  'baldi-hornik 4 swap-factors Sigma*P = Sigma*P': 'the step says P and Σ commute; swapping them gives a tautology',
  'baldi-hornik 4 swap-factors P*Sigma = P*Sigma': 'the step says P and Σ commute; swapping them gives a tautology',
  "baldi-hornik 5 swap-factors 2*L = trace(Y'*Y) - trace(P*Sigma)": 'tr(YYᵀ) = tr(YᵀY) (cyclic trace)',
  "baldi-hornik 5 swap-factors 2*L = trace(Y*Y') - trace(Sigma*P)": 'tr(PΣ) = tr(ΣP) (cyclic trace)',
  'lemma-4.6 1 swap-factors Sigma*P = Sigma*P': 'the step says P and Σ commute; swapping them gives a tautology',
  'lemma-4.6 1 swap-factors P*Sigma = P*Sigma': 'the step says P and Σ commute; swapping them gives a tautology',
  'theorem-2.3 2 swap-factors Sigma*P = Sigma*P': 'the step says P and Σ commute; swapping them gives a tautology',
  'theorem-2.3 2 swap-factors P*Sigma = P*Sigma': 'the step says P and Σ commute; swapping them gives a tautology',
  "theorem-2.3 3 swap-factors 2*L = trace(Y'*Y) - trace(P*Sigma)": 'tr(YYᵀ) = tr(YᵀY) (cyclic trace)',
  "theorem-2.3 3 swap-factors 2*L = trace(Y*Y') - trace(Sigma*P)": 'tr(PΣ) = tr(ΣP) (cyclic trace)',
  "cookbook-2.1-basic 1 double-term d(A) = 2*zeros(m, n)": 'a zero matrix is unchanged by a sign or a factor 2',
  "cookbook-2.1-basic 1 flip-sign d(A) = -zeros(m, n)": 'a zero matrix is unchanged by a sign or a factor 2',
  "cookbook-2.1-basic 10 swap-factors d(det(S)) = det(S)*trace(d(S)*inv(S))": 'tr(PQ) = tr(QP) (cyclic trace)',
  "cookbook-2.1-basic 11 swap-factors d(log(det(S))) = trace(d(S)*inv(S))": 'tr(PQ) = tr(QP) (cyclic trace)',
  "cookbook-2.1-basic 9 swap-factors d(det(S)) = trace(d(S)*adj(S))": 'tr(PQ) = tr(QP) (cyclic trace)',
  "cookbook-2.1.1-determinants 1 swap-factors d(det(Y), T) = det(Y)*trace(d(Y, T)*inv(Y))": 'tr(PQ) = tr(QP) (cyclic trace)',
  "cookbook-2.1.1-determinants 2 swap-factors sum(l, 1, n, entry(grad(det(X), X), i, l)*entry(X, j, l)) = entry(X'*grad(det(X), X), i, j) = entry(det(X)*I(n), i, j)": 'Xᵀ · det(X) X⁻ᵀ = det(X) I as well',
  "cookbook-2.1.1-determinants 3 swap-factors d(d(det(Y), T), T) = det(Y)*(trace(d(d(Y, T), T)*inv(Y)) + trace(inv(Y)*d(Y, T))*trace(inv(Y)*d(Y, T)) - trace(inv(Y)*d(Y, T)*inv(Y)*d(Y, T)))": 'tr(PQ) = tr(QP) (cyclic trace)',
  "cookbook-2.1.1-determinants 3 swap-factors d(d(det(Y), T), T) = det(Y)*(trace(inv(Y)*d(d(Y, T), T)) + trace(d(Y, T)*inv(Y))*trace(inv(Y)*d(Y, T)) - trace(inv(Y)*d(Y, T)*inv(Y)*d(Y, T)))": 'tr(PQ) = tr(QP) (cyclic trace)',
  "cookbook-2.1.1-determinants 3 swap-factors d(d(det(Y), T), T) = det(Y)*(trace(inv(Y)*d(d(Y, T), T)) + trace(inv(Y)*d(Y, T))*trace(d(Y, T)*inv(Y)) - trace(inv(Y)*d(Y, T)*inv(Y)*d(Y, T)))": 'tr(PQ) = tr(QP) (cyclic trace)',
  "cookbook-2.1.1-determinants 5 swap-factors X'*grad(det(X), X) = det(X)*I(n)": 'Xᵀ · det(X) X⁻ᵀ = det(X) I as well',
  "cookbook-2.1.1-determinants 6 swap-factors grad(det(A*B*X), X) = det(A*X*B)*inv(X)' = det(A*X*B)*inv(X')": 'det of a product of square matrices does not depend on their order',
  "cookbook-2.1.1-determinants 6 swap-factors grad(det(A*X*B), X) = det(X*A*B)*inv(X)' = det(A*X*B)*inv(X')": 'det of a product of square matrices does not depend on their order',
  "cookbook-2.1.1-determinants 6 swap-factors grad(det(X*A*B), X) = det(A*X*B)*inv(X)' = det(A*X*B)*inv(X')": 'det of a product of square matrices does not depend on their order',
  "cookbook-2.1.1-determinants 7 drop-transpose grad(det(X'*A*X), X) = 2*det(X*A*X)*inv(X)'": 'det(XAX) = det(XᵀAX) = det(X)² det(A) for square X',
  "cookbook-2.1.1-determinants 7 drop-transpose grad(det(X*A*X), X) = 2*det(X'*A*X)*inv(X)'": 'det(XAX) = det(XᵀAX) = det(X)² det(A) for square X',
  "cookbook-2.1.1-determinants 7 swap-factors grad(det(A*X'*X), X) = 2*det(X'*A*X)*inv(X)'": 'det of a product of square matrices does not depend on their order',
  "cookbook-2.1.1-determinants 7 swap-factors grad(det(X'*A*X), X) = 2*det(A*X'*X)*inv(X)'": 'det of a product of square matrices does not depend on their order',
  "cookbook-2.1.1-determinants 7 swap-factors grad(det(X'*X*A), X) = 2*det(X'*A*X)*inv(X)'": 'det of a product of square matrices does not depend on their order',
  "cookbook-2.2-inverses-eigenvalues 10 swap-factors trace(D*adj(lambda*I(n) - Ae))/trace(adj(lambda*I(n) - Ae)) = v'*D*v": 'tr(PQ) = tr(QP) (cyclic trace)',
  "cookbook-2.2-inverses-eigenvalues 11 swap-factors pinv(lambda*I(n) - Ae)*(Ae - lambda*I(n))*D*v = -(D*v - v*v'*D*v)": 'λI − A is symmetric, so M⁺M = MM⁺',
  "cookbook-2.4-forms 4 drop-transpose grad(a'*Xs*a, Xs) = grad(a'*Xs*a, Xs) = a*a'": 'the mutant repeats the first side',
  "cookbook-2.5-traces 10 swap-factors grad(trace(B*Xs^2), Xs) = (Xs*B + B*Xs)'": 'tr(PQ) = tr(QP) (cyclic trace)',
  "cookbook-2.5-traces 18 swap-factors grad(trace(X'*X), X) = grad(trace(X'*X), X) = 2*X": 'tr(PQ) = tr(QP) (cyclic trace)',
  "cookbook-2.5-traces 18 swap-factors grad(trace(X*X'), X) = grad(trace(X*X'), X) = 2*X": 'tr(PQ) = tr(QP) (cyclic trace)',
  "cookbook-2.5-traces 22 swap-factors grad(trace((A1*X*B1 + Ap)'*(A1*X*B1 + Ap)), X) = 2*A1'*(A1*X*B1 + Ap)*B1'": 'tr(PQ) = tr(QP) (cyclic trace)',
  "cookbook-2.5-traces 25 swap-factors grad(trace(Xs^k*B), Xs) = sum(r, 0, k-1, (Xs^r*B*Xs^(k-r-1))')": 'tr(PQ) = tr(QP) (cyclic trace)',
  "cookbook-2.5-traces 28 swap-factors grad(trace(Ap*inv(Xr'*Cs*Xr)), Xr) = -(Cs*Xr*inv(Xr'*Cs*Xr))*(Ap + Ap')*inv(Xr'*Cs*Xr)": 'tr(PQ) = tr(QP) (cyclic trace)',
  "cookbook-2.5-traces 3 swap-factors grad(trace(A*X), X) = A'": 'tr(PQ) = tr(QP) (cyclic trace)',
  "cookbook-2.5-traces 6 swap-factors grad(trace(A3*X'), X) = A3": 'tr(PQ) = tr(QP) (cyclic trace)',
  "cookbook-2.5-traces 7 swap-factors grad(trace(X'*A3), X) = A3": 'tr(PQ) = tr(QP) (cyclic trace)',
  "cookbook-2.6-norms-structured 13 swap-factors grad(trace((L .* I(n))*A), L) = A .* I(n)": 'tr(PQ) = tr(QP) (cyclic trace)',
  "cookbook-2.6-norms-structured 14 swap-factors sum(k, 0, n-1, entry(grad(trace(A*T), t), k+n, 1)*N^k) + sum(k, 1, n-1, entry(grad(trace(A*T), t), n-k, 1)*N'^k) = sum(k, 0, n-1, entry(grad(trace(A*T), t), k+n, 1)*N^k) + sum(k, 1, n-1, entry(grad(trace(T*A), t), n-k, 1)*N'^k) = alpha": 'tr(PQ) = tr(QP) (cyclic trace)',
  "cookbook-2.6-norms-structured 14 swap-factors sum(k, 0, n-1, entry(grad(trace(A*T), t), k+n, 1)*N^k) + sum(k, 1, n-1, entry(grad(trace(T*A), t), n-k, 1)*N'^k) = sum(k, 0, n-1, entry(grad(trace(T*A), t), k+n, 1)*N^k) + sum(k, 1, n-1, entry(grad(trace(T*A), t), n-k, 1)*N'^k) = alpha": 'tr(PQ) = tr(QP) (cyclic trace)',
  "cookbook-2.6-norms-structured 14 swap-factors sum(k, 0, n-1, entry(grad(trace(T*A), t), k+n, 1)*N^k) + sum(k, 1, n-1, entry(grad(trace(A*T), t), n-k, 1)*N'^k) = sum(k, 0, n-1, entry(grad(trace(T*A), t), k+n, 1)*N^k) + sum(k, 1, n-1, entry(grad(trace(T*A), t), n-k, 1)*N'^k) = alpha": 'tr(PQ) = tr(QP) (cyclic trace)',
  "cookbook-2.6-norms-structured 3 swap-factors grad(norm(x)^2, x) = grad(norm(x*x'), x) = 2*x": '‖xxᵀ‖_F = ‖x‖² = ‖xᵀx‖',
  "cookbook-2.6-norms-structured 4 swap-factors grad(fro2(X), X) = grad(trace(X'*X), X) = 2*X": 'tr(PQ) = tr(QP) (cyclic trace)',
  "cookbook-2.6-norms-structured 5 drop-transpose entry(grad(a'*As^3*b + trace(As*C*As'), L), i, j) = sum(k, 1, n, sum(l, 1, n, entry(G, k, l)*entry(grad(entry(As, k, l), L), i, j))) = trace(G*S)": 'S is symmetric, so tr(GS) = tr(GᵀS)',
  "cookbook-2.6-norms-structured 5 drop-transpose entry(grad(a'*As^3*b + trace(As*C*As), L), i, j) = sum(k, 1, n, sum(l, 1, n, entry(G, k, l)*entry(grad(entry(As, k, l), L), i, j))) = trace(G'*S)": 'A_s is symmetric by construction',
  "cookbook-2.6-norms-structured 5 swap-factors entry(grad(a'*As^3*b + trace(C*As*As'), L), i, j) = sum(k, 1, n, sum(l, 1, n, entry(G, k, l)*entry(grad(entry(As, k, l), L), i, j))) = trace(G'*S)": 'tr(PQ) = tr(QP) (cyclic trace)',
  "cookbook-2.6-norms-structured 9 drop-transpose grad(a'*As^3*b + trace(As*C*As), L) = G + G' - diag(diagvec(G))": 'A_s is symmetric by construction',
  "cookbook-2.6-norms-structured 9 swap-factors grad(a'*As^3*b + trace(C*As*As'), L) = G + G' - diag(diagvec(G))": 'tr(PQ) = tr(QP) (cyclic trace)',
  "cookbook-2.6-norms-structured 10 swap-factors grad(trace(As*A), L) = A + A' - A .* I(n)": 'tr(PQ) = tr(QP) (cyclic trace)',
};

/** Steps that stay true without the file's hypotheses (they are identities for all matrices). */
const TRUE_WITHOUT_HYPOTHESES: Record<string, string> = {
  'lemma-4.2 3': 'C (CᵀC)⁺ CᵀC = C holds for every C',
  'corollary-4.5 1': 'splitting a product holds for all weights',
  'corollary-4.5 2': 'rank of a product is at most the rank of a factor, for all weights',
  'theorem-2.3 5': 'rank(C) ≤ every width C passes through, for all weights',
  'baldi-hornik 3': 'P is an orthogonal projector for every W_2',
  'appendix-c1 6': 'at a generic point the (W_1, W_2) Hessian block is non-zero too',
  'cookbook-2.2-inverses-eigenvalues 1': 'only the result after (64) uses W := inv(A_w)',
  'cookbook-2.2-inverses-eigenvalues 2': 'only the result after (64) uses W := inv(A_w)',
  'cookbook-2.2-inverses-eigenvalues 3': 'only the result after (64) uses W := inv(A_w)',
  'cookbook-2.2-inverses-eigenvalues 4': 'only the result after (64) uses W := inv(A_w)',
  'cookbook-2.2-inverses-eigenvalues 5': 'only the result after (64) uses W := inv(A_w)',
  'cookbook-2.2-inverses-eigenvalues 6': 'only the result after (64) uses W := inv(A_w)',
  'cookbook-2.2-inverses-eigenvalues 8': 'only the result after (64) uses W := inv(A_w)',
  'cookbook-2.2-inverses-eigenvalues 9': 'only the result after (64) uses W := inv(A_w)',
  'cookbook-2.2-inverses-eigenvalues 10': 'only the result after (64) uses W := inv(A_w)',
  'cookbook-2.2-inverses-eigenvalues 12': 'only the result after (64) uses W := inv(A_w)',
  'cookbook-2.6-norms-structured 1': 'only (133), (136)–(138) use the constructions A_u := A_s and U := f(X)',
  'cookbook-2.6-norms-structured 2': 'only (133), (136)–(138) use the constructions A_u := A_s and U := f(X)',
  'cookbook-2.6-norms-structured 3': 'only (133), (136)–(138) use the constructions A_u := A_s and U := f(X)',
  'cookbook-2.6-norms-structured 4': 'only (133), (136)–(138) use the constructions A_u := A_s and U := f(X)',
  'cookbook-2.6-norms-structured 6': 'only (133), (136)–(138) use the constructions A_u := A_s and U := f(X)',
  'cookbook-2.6-norms-structured 10': 'only (133), (136)–(138) use the constructions A_u := A_s and U := f(X)',
  'cookbook-2.6-norms-structured 11': 'only (133), (136)–(138) use the constructions A_u := A_s and U := f(X)',
  'cookbook-2.6-norms-structured 12': 'only (133), (136)–(138) use the constructions A_u := A_s and U := f(X)',
  'cookbook-2.6-norms-structured 13': 'only (133), (136)–(138) use the constructions A_u := A_s and U := f(X)',
  'cookbook-2.6-norms-structured 14': 'only (133), (136)–(138) use the constructions A_u := A_s and U := f(X)',
};

const files = readdirSync('proofs').filter((f) => f.endsWith('.proof.yaml'));
const load = (f: string): ProofDocument => parseProofDocument(readFileSync(`proofs/${f}`, 'utf8'), `proofs/${f}`);
const slug = (f: string) => f.replace('.proof.yaml', '');
const passes = (status: string) => status === 'verified' || status === 'tested';

/** The status, or 'rejected' when the mutated file no longer parses or shape-checks. */
function statusOf(doc: ProofDocument, step: number, trials = 8): string {
  try {
    return checkStep(buildSetting(doc), step, { seed: 1, trials }).status;
  } catch (e) {
    if (e instanceof InputError) return 'rejected';
    throw e;
  }
}

describe('soundness: mutated steps are not verified', () => {
  it.each(files)('%s', (f) => {
    const doc = load(f);
    const setting = buildSetting(doc);
    const isScalar = scalarTest(setting.context);
    const survivors: string[] = [];
    let count = 0;
    setting.claims.forEach((ps, i) => {
      for (const m of mutants(ps.claim, isScalar)) {
        count++;
        const mutated = { ...doc, steps: doc.steps.map((s, j) => (j === i ? { ...s, text: m.text } : s)) };
        if (passes(statusOf(mutated, i))) survivors.push(`${slug(f)} ${i + 1} ${m.kind} ${m.text}`);
      }
    });
    const listed = Object.keys(TRUE_MUTANTS).filter((k) => k.startsWith(`${slug(f)} `));
    expect(survivors.sort()).toEqual(listed.sort());
    if (setting.claims.some((c) => c.claim.kind === 'equation')) expect(count).toBeGreaterThan(0);
  });
});

describe('soundness: dropping the hypotheses', () => {
  it.each(files.filter((f) => load(f).assume.length > 0))('%s', (f) => {
    const doc = { ...load(f), assume: [] };
    const survivors = doc.steps.map((_, i) => i).filter((i) => passes(statusOf(doc, i, 24))).map((i) => `${slug(f)} ${i + 1}`);
    const listed = Object.keys(TRUE_WITHOUT_HYPOTHESES).filter((k) => k.startsWith(`${slug(f)} `));
    expect(survivors.sort()).toEqual(listed.sort());
    expect(survivors.length).toBeLessThan(doc.steps.length);
  });
});
