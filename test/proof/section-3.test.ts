import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { checkProof } from '../../src/proof/check.js';
import { proofSetting } from '../../src/proof/load.js';
import { listProofFiles } from '../../src/tui/library.js';

const FILE = 'proofs/section-3.proof.yaml';
const text = readFileSync(FILE, 'utf8');
const check = (t: string) => checkProof(proofSetting(t, FILE), { seed: 1, trials: 12 });

describe('proofs/section-3.proof.yaml', () => {
  it('every step is checked and holds (verified, or tested once that status exists): none failed or unchecked', () => {
    const r = check(text);
    expect(r.steps).toHaveLength(11);
    for (const s of r.steps) expect(['verified', 'tested']).toContain(s.status);
  });

  it('is in the walkthrough’s file picker', () => {
    expect(listProofFiles(['proofs'])).toContain(FILE);
  });

  it.each([
    // the expectation of a mask is not its square
    ['claim: expect(D[k], D, u) = u * I(d[k])', 'claim: expect(D[k], D, u) = u * u * I(d[k])'],
    // E[‖Ŷ − Y‖²] is not ‖E[Ŷ] − Y‖²: the variance term cannot be dropped
    ['claim: expect(fro2(Yhat - Y), D, u) = 2 * L + expect(fro2(Yhat - prod(W, H+1, 1) * X), D, u)', 'claim: expect(fro2(Yhat - Y), D, u) = 2 * L'],
    // without the normalisation G = D/u the expected output is u^k W_k⋯W_1, not W_k⋯W_1
    ['claim: expect(gated(W, G, k, 1), D, u) = prod(W, k, 1)', 'claim: expect(gated(W, D, k, 1), D, u) = prod(W, k, 1)'],
  ])('a planted error fails with a counterexample: %s', (good, bad) => {
    expect(text).toContain(good);
    const r = check(text.replace(good, bad));
    const failed = r.steps.filter((s) => s.status === 'failed');
    expect(failed).toHaveLength(1);
    expect(failed[0]!.counterexample).toBeDefined();
  });
});
