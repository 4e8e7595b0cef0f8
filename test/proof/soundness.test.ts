import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { inferShape, type Expr } from '../../src/expr/index.js';
import { checkStep } from '../../src/proof/check.js';
import { parseProofDocument, type ProofDocument } from '../../src/proof/document.js';
import { buildSetting } from '../../src/proof/setting.js';
import { mutants } from './mutants.js';

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
};

/** Steps that stay true without the file's hypotheses (they are identities for all matrices). */
const TRUE_WITHOUT_HYPOTHESES: Record<string, string> = {
  'lemma-4.2 3': 'C (CᵀC)⁺ CᵀC = C holds for every C',
  'corollary-4.5 1': 'splitting a product holds for all weights',
  'corollary-4.5 2': 'rank of a product is at most the rank of a factor, for all weights',
  'theorem-2.3 5': 'rank(C) ≤ every width C passes through, for all weights',
  'baldi-hornik 3': 'P is an orthogonal projector for every W_2',
  'appendix-c1 6': 'at a generic point the (W_1, W_2) Hessian block is non-zero too',
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
    const isScalar = (e: Expr) => {
      try {
        return inferShape(e, setting.context).kind === 'scalar';
      } catch {
        return false;
      }
    };
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
