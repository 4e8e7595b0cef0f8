import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { checkProof, checkStep } from '../../src/proof/check.js';
import { parseProofDocument } from '../../src/proof/document.js';
import { proofSetting } from '../../src/proof/load.js';
import { sample } from '../../src/proof/samplers.js';
import { structuredData } from '../../src/landscape/random.js';
import { analyzeData } from '../../src/landscape/data.js';
import { gradient, hessian } from '../../src/landscape/derivatives.js';
import { seededRng } from '../../src/linalg/random.js';
import { Exact, inertia, isZeroMatrix, mul, transpose, symmetricEigen, convert } from '../../src/linalg/index.js';

const NET = `
  shapes: { X: ["d[0]", m], Y: ["d[H+1]", m], "W[k]": ["d[k]", "d[k-1]"] }
  ranges: { H: [1, 3], k: [1, "H+1"] }
  define:
    E: prod(W, H+1, 1) * X - Y
    L: fro2(E) / 2`;
const proof = (steps: string, given = NET, extra = '') =>
  proofSetting(`title: t\ngiven:${given}${extra}\nsteps:\n${steps}`, 'test.proof.yaml');

describe('derivation file errors name the file, line and key', () => {
  const err = (text: string) => {
    try {
      proofSetting(text, 'f.proof.yaml');
    } catch (e) {
      expect(e).toBeInstanceOf(InputError);
      return (e as Error).message;
    }
    throw new Error('no error');
  };
  it('reports YAML, schema and expression errors', () => {
    expect(err('title: [unclosed\nsteps: []')).toMatch(/^f\.proof\.yaml:\d+: invalid YAML/);
    expect(err('title: t\nbogus: 1\nsteps:\n  - claim: X = X')).toMatch(/^f\.proof\.yaml:2: unknown key 'bogus'/);
    expect(err('title: t\nsteps: []')).toMatch(/'steps' must be a non-empty list/);
    expect(err('title: t\nsteps:\n  - claim: a = a\n    holds: iszero(a)')).toMatch(/f\.proof\.yaml:3: step 1: needs exactly one/);
    expect(err(`title: t\ngiven:${NET}\nsteps:\n  - claim: iszero(E)`)).toMatch(/f\.proof\.yaml:\d+: step 1: 'claim' needs an equation/);
    expect(err(`title: t\ngiven:${NET}\nsteps:\n  - claim: foo(E) = E`)).toMatch(/foo/);
    expect(err(`title: t\ngiven:${NET}\nsteps:\n  - claim: (E = E`)).toMatch(/unbalanced parentheses/);
    expect(err(`title: t\ngiven:${NET}\nsteps:\n  - claim: I(2) * I(3) = I(2)`)).toMatch(/f\.proof\.yaml:\d+: step 1: .*2.*3/);
  });
});

describe('randomized exact checking', () => {
  it('covers every (H, k) in range and both 1 and ≥ 2 sizes', () => {
    const s = proof('  - claim: prod(W, H+1, 1) * X = prod(W, H+1, k+1) * W[k] * prod(W, k-1, 1) * X');
    const r = checkStep(s, 0, { seed: 3, trials: 24 });
    expect(r.status).toBe('verified');
    const combos = new Set(r.instances.map((l) => /H=(\d), k=(\d)/.exec(l)!.slice(1).join(',')));
    expect(combos).toEqual(new Set(['1,1', '1,2', '2,1', '2,2', '2,3', '3,1', '3,2', '3,3', '3,4']));
    const widths = r.instances.flatMap((l) => /d=\(([\d,]+)\)/.exec(l)![1]!.split(',').map(Number));
    expect(widths).toContain(1);
    expect(widths.some((w) => w >= 2)).toBe(true);
    expect(r.probabilityBound).toMatch(/Schwartz–Zippel/);
  });

  it('rejects a false step with a small counterexample, reproducible by seed', () => {
    const s = proof("  - claim: grad(L, W[k]) = prod(W, H+1, k+1)' * E * prod(W, k-1, 1) * X");
    const a = checkStep(s, 0, { seed: 7, trials: 24 });
    const b = checkStep(s, 0, { seed: 7, trials: 24 });
    expect(a.status).toBe('failed');
    expect(a.counterexample).toEqual(b.counterexample);
    const ce = a.counterexample!;
    for (const [k, v] of Object.entries(ce.bindings)) if (k.startsWith('d[') || k === 'm') expect(v).toBeLessThanOrEqual(3);
    expect(ce.matrices.map((m) => m.name)).toEqual(expect.arrayContaining(['X', 'Y', 'W[1]']));
    expect(ce.sides).toHaveLength(2);
  });

  it('a transpose dropped from a correct gradient is caught, even where the sizes happen to agree', () => {
    const good = proof("  - claim: grad(L, W[k]) = prod(W, H+1, k+1)' * E * (prod(W, k-1, 1) * X)'");
    expect(checkStep(good, 0, { seed: 1, trials: 12 }).status).toBe('verified');
    const bad = proof("  - claim: grad(L, W[k]) = prod(W, H+1, k+1)' * E * prod(W, k-1, 1) * X'");
    const r = checkStep(bad, 0, { seed: 1, trials: 12 });
    expect(r.status).toBe('failed');
    expect(r.reason).toMatch(/differ on this instance|shape error/);
  });

  it('reports a step it cannot sample as unchecked, never verified', () => {
    const s = proof('  - holds: iszero(E)', NET, '\n  assume: ["rank(X) == 7"]');
    const r = checkStep(s, 0, { seed: 1, trials: 4 });
    expect(r.status).toBe('unchecked');
    expect(r.reason).toMatch(/rank\(X\) == 7/);
  });

  it('checks scalar steps symbolically too', () => {
    const s = proofSetting(
      'title: t\ngiven:\n  shapes: { a: [], b: [] }\nsteps:\n  - claim: (a + b)*(a - b) = a*a - b*b\n  - claim: (a + b)*(a + b) = a*a + b*b',
      't.proof.yaml',
    );
    const r = checkProof(s, { seed: 1, trials: 6 });
    expect(r.steps[0]!.status).toBe('verified');
    expect(r.steps[0]!.methods).toContain('symbolic expansion (exact polynomial arithmetic)');
    expect(r.steps[1]!.status).toBe('failed');
  });
});

describe('hypothesis samplers re-check what they promise', () => {
  it('structured data has Σ with the prescribed rational spectrum and satisfies (A) when d_y ≤ d_x', () => {
    const rng = seededRng(5);
    const { X, Y } = structuredData(rng, 3, 2, 4);
    const data = analyzeData(X, Y, [3, 2, 2]);
    expect(data.hypotheses.holds).toBe(true);
    // Σ = Y Xᵀ (X Xᵀ)⁻¹ X Yᵀ: its float eigenvalues are perfect squares of small integers
    const ev = symmetricEigen(convert(data.sigma, (q) => q.toNumber())).values;
    for (const v of ev) expect(Math.abs(Math.sqrt(v) - Math.round(Math.sqrt(v)))).toBeLessThan(1e-9);
    expect(mul(Exact, X, transpose(X)).rows).toBe(3);
  });

  it('critical and psd-hessian draws are exact critical points (and PSD)', () => {
    const s = proof('  - holds: iszero(E) or not iszero(E)', NET, '\n  assume: [psd-hessian]');
    const rng = seededRng(11);
    let drawn = 0;
    for (let t = 0; t < 30 && drawn < 6; t++) {
      const H = 1 + (t % 3);
      const d = Array.from({ length: H + 2 }, (_, i) => 1 + ((t + i) % 3));
      try {
        const { env } = sample(s, { H, k: 1, d, m: 3, p: Math.min(...d.slice(1, H + 1)) }, rng, 5);
        const X = env.symbols!.X!, Y = env.symbols!.Y!, W = env.families!.W!;
        expect(gradient(Exact, X, Y, W).every((G) => isZeroMatrix(Exact, G))).toBe(true);
        expect(inertia(Exact, hessian(Exact, X, Y, W)).inertia.negative).toBe(0);
        drawn++;
      } catch (e) {
        if ((e as Error).constructor.name !== 'Rejected') throw e;
      }
    }
    expect(drawn).toBeGreaterThan(0);
  });
});

describe('the proofs/ library', () => {
  it('parses every file', () => {
    for (const f of ['lemma-4.1', 'lemma-4.2', 'lemma-4.3', 'theorem-2.3'])
      expect(() => parseProofDocument(readFileSync(`proofs/${f}.proof.yaml`, 'utf8'), f)).not.toThrow();
  });
});
