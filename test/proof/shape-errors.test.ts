import { describe, expect, it } from 'vitest';
import { checkStep } from '../../src/proof/check.js';
import { proofSetting } from '../../src/proof/load.js';
import { evidenceLines } from '../../src/tui/evidence.js';
import { plainText } from '../../src/tui/lines.js';
import { refusal } from '../helpers/refusal.js';

const NET = `
  shapes: { X: ["d[0]", m], Y: ["d[H+1]", m], "W[k]": ["d[k]", "d[k-1]"] }
  ranges: { H: [1, 3], k: [1, "H+1"] }
  define:
    E: prod(W, H+1, 1) * X - Y
    L: fro2(E) / 2`;
const proof = (steps: string, given = NET) => proofSetting(`title: t\ngiven:${given}\nsteps:\n${steps}`, 'test.proof.yaml');
describe('shape errors are reported as shape errors', () => {
  it('a transposed gradient: "the sides are a×b and b×a", never a value mismatch on square instances', () => {
    const s = proof("  - claim: grad(L, W[k]) = (prod(W, H+1, k+1)' * E * (prod(W, k-1, 1) * X)')'");
    for (const seed of [1, 2, 3, 4, 5]) {
      const r = checkStep(s, 0, { seed, trials: 24 });
      expect(r.status).toBe('failed');
      const m = /^shape error: the sides are (\d+)×(\d+) and (\d+)×(\d+) on this instance$/.exec(r.reason ?? '');
      expect(m, r.reason).not.toBeNull();
      const [, r1, c1, r2, c2] = m!.map(Number);
      // the gradient is d[k]×d[k−1], its transpose d[k−1]×d[k], on the counterexample's sizes
      const b = r.counterexample!.bindings;
      const k = b['k']!;
      expect([r1, c1, r2, c2]).toEqual([b[`d[${k}]`], b[`d[${k - 1}]`], b[`d[${k - 1}]`], b[`d[${k}]`]]);
      expect(r1).not.toBe(c1);
    }
  });

  it('a product that cannot be formed names the sizes, and no side is printed as an empty matrix', () => {
    const s = proof('  - claim: W[k] * W[k] = W[k] * W[k]');
    const r = checkStep(s, 0, { seed: 1, trials: 24 });
    expect(r.status).toBe('failed');
    expect(r.reason).toMatch(/^shape error on this instance \(d\[k-1\] = \d, d\[k\] = \d\): product W\[k\]\*W\[k\]/);
    const text = plainText(evidenceLines({ state: 'done', result: r }, true, 100));
    expect(text).not.toContain('[] (0×0)');
    expect(text).toContain('side 1: W_k W_k (no value on this instance)');
  });

  it('a matrix equated to the number 0 gets a hint: zeros(…) or iszero(…)', () => {
    expect(refusal('title: t\ngiven:\n  shapes: { A: [n, n] }\nsteps:\n  - claim: A - A = 0')).toBe(
      'f.proof.yaml:5: step 1: the sides of A - A = 0 differ: A - A is n×n, 0 is a scalar; for a zero matrix write zeros(n, n), or state it as holds: iszero(A - A)',
    );
  });

  it('a definition whose sizes agree only by accident is refused, used or not', () => {
    const text = 'title: t\ngiven:\n  shapes: { X: ["d[0]", m], Y: ["d[H+1]", m] }\n  define:\n    B: X * Y\nsteps:\n  - claim: X = X';
    expect(refusal(text)).toMatch(/^f\.proof\.yaml:5: define B: product X\*Y: .* \(these sizes are not equal in general\)$/);
    // sizes that are equal by declaration are fine
    expect(() => proofSetting(text.replace('X * Y', "X * Y'"), 'f.proof.yaml')).not.toThrow();
  });

  it('with H fixed, d[2] is d[H+1]: a network file for H = 1 may say so', () => {
    const text = (shapesY: string, H: string) =>
      `title: t\ngiven:\n  shapes: { X: ["d[0]", m], Y: [${shapesY}, m], "W[k]": ["d[k]", "d[k-1]"] }\n  ranges: { H: ${H} }\n  assume: [critical]\nsteps:\n  - claim: X = X`;
    expect(() => proofSetting(text('"d[2]"', '[1, 1]'), 'f.proof.yaml')).not.toThrow();
    expect(refusal(text('"d[2]"', '[1, 2]'))).toMatch(/hypothesis 'critical' needs X: \[d\[0\], m\], Y: \[d\[H\+1\], m\]/);
    // the critical sampler draws on it: checked (under a hypothesis, so tested), never refused or unchecked
    expect(checkStep(proofSetting(text('"d[2]"', '[1, 1]'), 'f.proof.yaml'), 0, { seed: 1, trials: 4 }).status).toBe('tested');
  });
});
