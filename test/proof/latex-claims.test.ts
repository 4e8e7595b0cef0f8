import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { type Claim, claimToLatex, parseClaim, toLatex } from '../../src/expr/index.js';
import { checkProof, checkStep } from '../../src/proof/check.js';
import { parseProofDocument, type ProofDocument } from '../../src/proof/document.js';
import { proofSetting } from '../../src/proof/load.js';
import { buildSetting } from '../../src/proof/setting.js';
import { mutants, scalarTest } from './mutants.js';

/**
 * Claims written in LaTeX are checked exactly as the same claims in dln's syntax: every proof of proofs/ rewritten
 * with the LaTeX printer's formulas, false variants of its steps, and derivations typed the way a paper writes them.
 */

// every file: a node kind without a LaTeX reading form fails here
const files = readdirSync('proofs').filter((f) => f.endsWith('.proof.yaml'));
const load = (f: string): ProofDocument => parseProofDocument(readFileSync(`proofs/${f}`, 'utf8'), `proofs/${f}`);
const dollars = (latex: string) => `$${latex}$`;
const NAMED = new Set(['critical', 'psd-hessian', 'A', '(A)']);

/** The document with every formula replaced by `$…$` around the LaTeX printer's output. */
function inLatex(doc: ProofDocument): ProofDocument {
  const setting = buildSetting(doc);
  const claimLatex = (c: Claim) => dollars(claimToLatex(c));
  let hypothesis = 0;
  return {
    ...doc,
    defines: doc.defines.map((d) => ({ ...d, expr: dollars(toLatex(setting.definitions.get(d.name.replace(/\[.*$/, ''))!.body)) })),
    assume: doc.assume.map((a) => {
      const h = setting.hypotheses[hypothesis++]!;
      if (NAMED.has(a.text.trim())) return a;
      if (h.kind === 'assign') return { ...a, text: `${h.name} := ${dollars(toLatex(h.expr))}` };
      return { ...a, text: h.kind === 'predicate' ? claimLatex(h.claim) : dollars(`${a.text.replace(/\[(.+)\]/, '_{$1}').replace(/\s*=\s*0$/, '')} = 0`) };
    }),
    steps: doc.steps.map((s, i) => ({ ...s, text: claimLatex(setting.claims[i]!.claim) })),
  };
}

describe('every proof of proofs/ in LaTeX', () => {
  it.each(files)('%s gives the same verdicts', (f) => {
    const doc = load(f);
    const latex = inLatex(doc);
    expect(latex.steps.every((s) => s.text.startsWith('$'))).toBe(true);
    const a = checkProof(buildSetting(doc), { seed: 1, trials: 12 });
    const b = checkProof(buildSetting(latex), { seed: 1, trials: 12 });
    expect(b.steps.map((s) => s.status)).toEqual(a.steps.map((s) => s.status));
    expect(b.steps.map((s) => s.trials)).toEqual(a.steps.map((s) => s.trials));
    expect(a.steps.every((s) => s.status === 'verified' || s.status === 'tested')).toBe(true);
  });
});

/** A step's status, or 'rejected' when the file no longer shape-checks. */
function statusOf(doc: ProofDocument, step: number): string {
  try {
    return checkStep(buildSetting(doc), step, { seed: 1, trials: 6 }).status;
  } catch (e) {
    if (e instanceof InputError) return 'rejected';
    throw e;
  }
}

describe('false steps are false in LaTeX too', () => {
  // one mutant of each kind per equation step of two files with transposes, Kronecker products and indices
  for (const f of ['lemma-4.1.proof.yaml', 'lemma-4.3.proof.yaml']) {
    it(f, () => {
      const doc = load(f);
      const setting = buildSetting(doc);
      const isScalar = scalarTest(setting.context);
      let failed = 0;
      setting.claims.forEach(({ claim }, i) => {
        if (claim.kind !== 'equation') return;
        for (const m of mutants(claim, isScalar, 1)) {
          const withStep = (text: string) => ({ ...doc, steps: doc.steps.map((s, j) => (j === i ? { ...s, text } : s)) });
          const latex = dollars(claimToLatex(parseClaim(m.text, 'mutant')));
          const expected = statusOf(withStep(m.text), i);
          expect(statusOf(withStep(latex), i), `${f} step ${i + 1} ${m.kind}: ${m.text}`).toBe(expected);
          if (expected === 'failed') failed += 1;
        }
      });
      expect(failed).toBeGreaterThanOrEqual(8);
    });
  }
});

/** Lemma 4.1 as a paper types it, step for step the claims of proofs/lemma-4.1.proof.yaml. */
const LEMMA_41_PAPER = String.raw`title: Lemma 4.1 in a paper's notation
given:
  shapes: { X: ["d[0]", m], Y: ["d[H+1]", m], "W[k]": ["d[k]", "d[k-1]"] }
  ranges: { H: [1, 3], k: [1, "H+1"] }
  define:
    E: $W_{H+1} W_H \cdots W_1 X - Y$
    r: $E^T$
    L: $\frac{1}{2}\|E\|_F^2$
    "A[k]": $W_{H+1}\cdots W_{k+1}$
    "Z[k]": $W_{k-1} \cdots W_1 X$
steps:
  - claim: $L = \tfrac12 \operatorname{vec}(r)^\top \operatorname{vec}(r)$
  - claim: $W_{H+1}\cdots W_1 X = A_k W_k Z_k$
  - claim: $r = Z_k^\top W_k^\top A_k^\top - Y^\top$
  - claim: $\operatorname{vec}(r) = (A_k \otimes Z_k^\top)\operatorname{vec}(W_k^\top) - \operatorname{vec}(Y^\top)$
  - claim: $\mathrm{d}_{W_k} L = \operatorname{vec}(r)^\top (A_k \otimes Z_k^\top) \operatorname{vec}(\mathrm{d}W_k^\top)$
  - claim: $\operatorname{vec}\big((\nabla_{W_k} L)^\top\big) = (A_k \otimes Z_k^\top)^\top \operatorname{vec}(r)$
  - claim: $(A_k \otimes Z_k^\top)^\top \operatorname{vec}(r) = \operatorname{vec}(Z_k\, r\, A_k)$
  - claim: $\nabla_{W_k} L = A_k^\top E Z_k^\top$
  - claim: $\frac{\partial L}{\partial W_1} = (X r W_{H+1} \cdots W_2)'$
  - claim: $\nabla_{W_{H+1}} L = \left(W_H \cdots W_1 X r\right)^\top$
`;

/** Lemma 4.2 likewise, with hypotheses in LaTeX and a predicate step. */
const LEMMA_42_PAPER = String.raw`title: Lemma 4.2 in a paper's notation
given:
  shapes: { X: ["d[0]", m], Y: ["d[H+1]", m], "W[k]": ["d[k]", "d[k-1]"] }
  ranges: { H: [1, 3] }
  define:
    E: $W_{H+1} \cdots W_1 X - Y$
    r: $E^\top$
    C: $W_{H+1} \cdots W_2$
  # LaTeX in YAML: plain or in single quotes (double quotes would read \o as an escape)
  assume: [critical, '$\operatorname{rank}(X X^\top) = d_0$']
steps:
  - holds: $X r C = 0$
  - claim: $X X^\top W_1^\top C^\top C = X Y^\top C$
  - claim: $C (C^\top C)^{+} C^\top C = C$
  - claim: $W_1 = (C^\top C)^\dagger C^\top Y X^\top (X X^\top)^{-1} + \left(I_{d_1} - (C^\top C)^{+} C^\top C\right) W_1$
  - claim: $W_{H+1} \cdots W_1 = C W_1 = C (C^\top C)^+ C^\top Y X^\top (X X^\top)^{-1}$
`;

describe('derivations typed as a paper types them', () => {
  it.each([
    ['lemma-4.1', LEMMA_41_PAPER],
    ['lemma-4.2', LEMMA_42_PAPER],
  ])('%s verifies step for step as the dln-syntax file does', (name, text) => {
    const paper = checkProof(proofSetting(text, `${name}.paper.proof.yaml`), { seed: 3, trials: 12 });
    const original = checkProof(buildSetting(load(`${name}.proof.yaml`)), { seed: 3, trials: 12 });
    expect(paper.steps.map((s) => s.status)).toEqual(original.steps.map((s) => s.status));
    expect(paper.steps.every((s) => s.status === 'verified' || s.status === 'tested')).toBe(true);
  });

  it('a planted error in the paper form fails with a counterexample', () => {
    const wrong = LEMMA_41_PAPER.replace('$\\nabla_{W_k} L = A_k^\\top E Z_k^\\top$', '$\\nabla_{W_k} L = A_k^\\top E^\\top Z_k$');
    expect(wrong).not.toBe(LEMMA_41_PAPER);
    const r = checkProof(proofSetting(wrong, 'wrong.proof.yaml'), { seed: 1, trials: 12 });
    expect(r.steps[7]!.status).toBe('failed');
    expect(r.steps.filter((s) => s.status !== 'verified').map((s) => s.step)).toEqual([8]);
  });
});
