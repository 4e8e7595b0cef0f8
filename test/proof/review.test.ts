import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { checkStep } from '../../src/proof/check.js';
import { proofSetting } from '../../src/proof/load.js';
import { Rational } from '../../src/linalg/rational.js';

/** Regressions: hypotheses that undid each other, degree bounds cached under the wrong key, partial coverage. */
const NET = `
  shapes: { X: ["d[0]", m], Y: ["d[H+1]", m], "W[k]": ["d[k]", "d[k-1]"] }`;
const LOSS = `
  define:
    E: prod(W, H+1, 1) * X - Y
    L: fro2(E) / 2`;
const setting = (body: string) => proofSetting(`title: t\ngiven:${body}`, 'r.proof.yaml');
const loadError = (body: string): string => {
  try {
    setting(body);
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    return (e as Error).message;
  }
  throw new Error('no error');
};

describe('hypotheses hold together on every draw, whatever their order', () => {
  it.each([
    ['[critical, A]'],
    ['[A, critical]'],
    ['[critical, "W[1] = 0"]'],
    ['[psd-hessian, critical]'],
  ])('%s: the points drawn are critical', (assume) => {
    const s = setting(`${NET}\n  ranges: { H: [1, 2] }${LOSS}\n  assume: ${assume}\nsteps:\n  - holds: iszero(grad(L, W[1])) and iszero(grad(L, W[H+1]))`);
    const r = checkStep(s, 0, { seed: 4, trials: 12 });
    expect(r.status).not.toBe('failed');
  });

  it('a zero layer asked for together with critical comes from the zero-layer families', () => {
    const s = setting(`${NET}\n  ranges: { H: [2, 2] }${LOSS}\n  assume: [critical, "W[1] = 0"]\nsteps:\n  - holds: iszero(W[1]) and iszero(grad(L, W[2]))`);
    const r = checkStep(s, 0, { seed: 2, trials: 8 });
    expect(r.status).toBe('tested');
    expect(r.trials).toBe(8);
  });
});

describe('degree bounds follow the instance actually evaluated', () => {
  it('a product of H+1 weights has degree H+1 on H = 3, even with a late range', () => {
    const s = setting(`${NET}\n  ranges: { H: [1, 3], j: [2, m] }\nsteps:\n  - claim: prod(W, H+1, 1) = prod(W, H+1, 1)`);
    for (const seed of [3, 4, 5, 6]) {
      const r = checkStep(s, 0, { seed, trials: 24 });
      if (r.instances.some((l) => l.startsWith('H=3'))) expect(r.probabilityBound).toMatch(/degree ≤ 4/);
    }
  });
});

describe('a range value where the claim cannot be evaluated leaves the step unchecked', () => {
  it('W[k+1] at k = H+1', () => {
    const s = setting(`\n  shapes: { "W[k]": ["d[k]", "d[k-1]"] }\n  ranges: { H: [1, 1], k: [1, "H+1"] }\nsteps:\n  - claim: W[k+1] * W[k] = W[k+1] * W[k]`);
    const r = checkStep(s, 0, { seed: 1, trials: 12 });
    expect(r.status).toBe('unchecked');
    expect(r.reason).toMatch(/H=1, k=2, the claim could not be evaluated/);
  });
});

describe('ranges and network hypotheses are validated when the file is loaded', () => {
  it('names the line and what is wrong', () => {
    expect(loadError(`${NET}\n  ranges: { H: [3, 2] }\nsteps:\n  - claim: X = X`)).toMatch(/^r\.proof\.yaml:\d+: ranges\.H: expected 1 ≤ lo ≤ hi/);
    expect(loadError(`${NET}\n  ranges: { H: [1, m] }\nsteps:\n  - claim: X = X`)).toMatch(/ranges\.H: the bounds of H must be numbers/);
    expect(loadError(`${NET}\n  ranges: { j: [1, i], i: [1, m] }\nsteps:\n  - claim: X = X`)).toMatch(/ranges\.j: the bounds use i/);
    expect(loadError(`${NET}\n  ranges: { H: [1, 1], k: [2, H] }\nsteps:\n  - claim: X = X`)).toMatch(/some range is empty for every H/);
    expect(loadError(`\n  shapes: { X: [n, m], Y: ["d[H+1]", m], "W[k]": ["d[k]", "d[k-1]"] }\n  assume: [critical]\nsteps:\n  - claim: X = X`)).toMatch(
      /assume: hypothesis 'critical' needs X: \[d\[0\], m\]/,
    );
  });

  it('a scalar "= 0" hypothesis is a condition, not a zero layer; no symbolic refutation under hypotheses', () => {
    const s = proofSetting('title: t\ngiven:\n  shapes: { a: [], b: [] }\n  assume: ["a = 0"]\nsteps:\n  - claim: a * b = 0', 'z.proof.yaml');
    // uniform draws never give a = 0; the special draws (zero among them) do, and there the claim holds
    const r = checkStep(s, 0, { seed: 1, trials: 8 });
    expect(r.status).toBe('tested');
    expect(r.scope.why).toMatch(/a condition on the instance/);
    const never = proofSetting('title: t\ngiven:\n  shapes: { a: [], b: [] }\n  assume: ["a = 7"]\nsteps:\n  - claim: a * b = 0', 'z.proof.yaml');
    const u = checkStep(never, 0, { seed: 1, trials: 4 });
    expect(u.status).toBe('unchecked');
    expect(u.reason).toMatch(/a = 7 does not hold/);
  });
});

describe('Rational.toNumber', () => {
  it('stays finite for a huge numerator over a small denominator', () => {
    const x = Rational.of(2n ** 1025n, 7n).toNumber();
    expect(Number.isFinite(x)).toBe(true);
    expect(x / (2 ** 1000 * (2 ** 25 / 7))).toBeCloseTo(1, 12);
  });
});
