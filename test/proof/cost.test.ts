import { describe, expect, it } from 'vitest';
import { PROOF_LIMITS } from '../../src/proof/cost.js';
import { proofSetting } from '../../src/proof/load.js';
import { refusal } from '../helpers/refusal.js';

/** The cost model of derivation files: what it bounds, computed from the parsed file before any instance. */
const file = (given: string, ...claims: string[]) =>
  `title: t\ngiven:\n${given}steps:\n${claims.map((c) => `  - claim: ${JSON.stringify(c)}`).join('\n')}\n`;

const accepts = (text: string) => expect(() => proofSetting(text, 'f.proof.yaml')).not.toThrow();

describe('the cost model of derivation files', () => {
  it('bounds sizes by interval arithmetic over the sizes instances draw: widths 1…3, H in its range', () => {
    // d[k]*d[k-1] ≤ 9 and kron of two such is at most 81 × 81 entries: fine; one more factor of 9 is not
    const w = '  shapes: { "W[k]": ["d[k]", "d[k-1]"] }\n  ranges: { H: [1, 2], k: [1, "H+1"] }\n';
    accepts(file(w, 'kron(kron(W[k], W[k]), W[k]) = kron(W[k], kron(W[k], W[k]))'));
    expect(refusal(file(w, 'kron(kron(kron(kron(W[k], W[k]), W[k]), W[k]), W[k]) = kron(W[k], kron(W[k], kron(W[k], kron(W[k], W[k]))))')))
      .toMatch(/step 1: kron\(.*\) can be 243×243 \(59049 entries\) on the instances dln draws, more than the limit of 40000 entries$/);
  });

  it('uses the range of each index: a sum over k up to H has at most H terms', () => {
    accepts(file('  shapes: { a: [] }\n  ranges: { H: [1, 3] }\n', 'sum(k, 1, 333*H, a) = 333*H*a'));
    expect(refusal(file('  shapes: { a: [] }\n  ranges: { H: [1, 3] }\n', 'sum(k, 1, 334*H, a) = 334*H*a'))).toMatch(/sum over k can have 1002 terms, more than the limit of 1000$/);
  });

  it('costs a define where it is used, with the parameters of its uses', () => {
    // J[n] = trace(I(n)) is a scalar whatever n; its inner I(n) is what costs, at the use J[5000]
    const given = '  shapes: { a: [] }\n  define:\n    "J[n]": trace(I(n))\n';
    accepts(file(given, 'J[5] = 5'));
    expect(refusal(file(given, 'J[5000] = 5000'))).toMatch(/define\.J: I\(n\) can be 5000×5000/);
  });

  it('counts a chain of defines once each (a DAG): twenty doublings are 2^20 nodes written out, found without writing them', () => {
    const chain = (n: number) => `  shapes: { a: [] }\n  define:\n    D0: a\n${Array.from({ length: n }, (_, i) => `    D${i + 1}: D${i} + D${i}`).join('\n')}\n`;
    accepts(file(chain(15), `D15 = ${2 ** 15}*a`));
    expect(refusal(file(chain(20), `D20 = a`))).toMatch(/define\.D17: define D17 has 262143 nodes/);
  });

  it('adds degrees along products and through defines, and multiplies them through inverses', () => {
    const sq = (n: number) => `  shapes: { a: [], A: [2, 2] }\n  define:\n    D0: a\n${Array.from({ length: n }, (_, i) => `    D${i + 1}: D${i}*D${i}`).join('\n')}\n`;
    accepts(file(sq(8), 'D8 = D8'));
    expect(refusal(file(sq(9), 'D9 = D9'))).toMatch(/define\.D9: define D9 has degree up to 512/);
    // the inverse of a 2×2 matrix of degree 201 has degree up to 402 (its adjugate over its determinant)
    expect(refusal(file('  shapes: { a: [], A: [2, 2] }\n', `inv(${Array(200).fill('a').join('*')}*A) = I(2)`))).toMatch(/has degree up to 402 in the sampled entries/);
  });

  it('counts nested differentiation through defines', () => {
    const given = '  shapes: { X: ["d[0]", m], Y: ["d[H+1]", m], "W[k]": ["d[k]", "d[k-1]"] }\n  define:\n    L: fro2(prod(W, H+1, 1)*X - Y)/2\n    G: d(d(L))\n';
    accepts(file(given, 'd(d(G)) = d(d(G))'));
    expect(refusal(file(given, 'd(d(d(G))) = 0'))).toMatch(/differentiates 5 times \(nested d, grad, hess\), more than the limit of 4$/);
  });

  it('refuses sizes negative on every instance and keeps those negative on some for the instances', () => {
    expect(refusal(file('  shapes: { a: [] }\n', 'trace(I(1-2)) = 0'))).toMatch(/step 1: I\(-1\) has a negative size/);
    accepts(file('  shapes: { a: [] }\n  ranges: { j: [1, 3], k: [1, 3] }\n', 'trace(I(k-j)) = k-j'));
  });

  it('bounds the range of H and the values of every index range', () => {
    expect(refusal(file('  shapes: { a: [] }\n  ranges: { H: [1, 16] }\n', 'a = a'))).toMatch(/ranges\.H: H reaches 16, more than the limit of 15$/);
    expect(refusal(file('  shapes: { a: [] }\n  ranges: { k: [1, "300*m"] }\n', 'a = a'))).toMatch(/ranges\.k: k can take 900 values, more than the limit of 256$/);
  });

  it('has limits the proofs of the paper are far from, in an object that can be extended', () => {
    expect(Object.keys(PROOF_LIMITS).sort()).toEqual(
      ['maxDegree', 'maxDerivativeOrder', 'maxDimension', 'maxEntries', 'maxExpandedDepth', 'maxExpandedNodes', 'maxH', 'maxLiteralBits', 'maxRangeValues', 'maxSumTerms', 'maxWork'].sort(),
    );
    const saved = PROOF_LIMITS.maxSumTerms;
    PROOF_LIMITS.maxSumTerms = 5000;
    try {
      accepts(file('  shapes: { a: [] }\n', 'sum(i, 1, 3000, a) = 3000*a'));
    } finally {
      PROOF_LIMITS.maxSumTerms = saved;
    }
  });
});
