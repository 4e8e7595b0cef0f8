import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { type Expr, children, evaluate, expandDefinitions, valuesEqual } from '../../src/expr/index.js';
import { Exact } from '../../src/linalg/index.js';
import { seededRng } from '../../src/linalg/random.js';
import { checkProof, checkStep } from '../../src/proof/check.js';
import { instanceSizes, rangeCombinations } from '../../src/proof/instances.js';
import { proofSetting } from '../../src/proof/load.js';
import type { StepResult } from '../../src/proof/result.js';
import { sample } from '../../src/proof/samplers.js';
import type { ProofSetting } from '../../src/proof/setting.js';

/**
 * `verified` means true for every size in scope. Traps: claims true only for small matrices, for some values of a
 * size, on generic matrices only, or under a sampler's blind spot; each must be refuted with a small exact
 * counterexample. And the all-sizes rule must never be applied where its conditions fail.
 */
const file = (shapes: string, steps: string[], extra = '') =>
  proofSetting(`title: t\ngiven:\n  shapes: ${shapes}${extra}\nsteps:\n${steps.map((s) => `  - ${s}`).join('\n')}`, 'trap.proof.yaml');
const check = (s: ProofSetting, step = 0, seed = 1, trials = 24): StepResult => checkStep(s, step, { seed, trials });
const SQUARE = '{ A: [n, n], B: [n, n], C: [n, n], D: [n, n], E: [n, n], F: [n, n] }';

/** The standard polynomial s_k(A, B, …) in mathjs syntax: Σ over permutations of sign(σ) times the product. */
function standard(names: string[]): string {
  const perms = (xs: number[]): number[][] => (xs.length <= 1 ? [xs] : xs.flatMap((x, i) => perms([...xs.slice(0, i), ...xs.slice(i + 1)]).map((p) => [x, ...p])));
  const sign = (p: number[]) => p.reduce((s, x, i) => s * p.slice(i + 1).reduce((t, y) => (y < x ? -t : t), 1), 1);
  return perms(names.map((_, i) => i))
    .map((p) => `${sign(p) < 0 ? '-' : '+'}${p.map((i) => names[i]).join('*')}`)
    .join(' ')
    .replace(/^\+/, '');
}

const failsAt = (r: StepResult, size: Record<string, number>) => {
  expect(r.status).toBe('failed');
  for (const [k, v] of Object.entries(size)) expect(r.counterexample!.bindings[k]).toBe(v);
};

describe('identities true only for small matrices are refuted at the size where they first fail', () => {
  it('Cayley–Hamilton for 3×3 claimed for every n: counterexample at n = 4', () => {
    const ch3 =
      'A*A*A - trace(A)*A*A + (trace(A)*trace(A) - trace(A*A))/2*A - (trace(A)*trace(A)*trace(A) - 3*trace(A)*trace(A*A) + 2*trace(A*A*A))/6*I(n) = zeros(n, n)';
    const r = check(file('{ A: [n, n] }', [`claim: ${ch3}`]));
    failsAt(r, { n: 4 });
    // the counterexample is exact and small: entries of A in [−2, 2]
    const A = r.counterexample!.matrices.find((m) => m.name === 'A')!;
    expect(A.rows.flat().every((x) => Math.abs(Number(x)) <= 2)).toBe(true);
  });

  it('the same identity with n declared to be 3 is verified (the only size in scope)', () => {
    const ch3 =
      'A*A*A - trace(A)*A*A + (trace(A)*trace(A) - trace(A*A))/2*A - (trace(A)*trace(A)*trace(A) - 3*trace(A)*trace(A*A) + 2*trace(A*A*A))/6*I(n) = zeros(n, n)';
    const r = check(file('{ A: [n, n] }', [`claim: ${ch3}`], '\n  ranges: { n: [3, 3] }'));
    expect(r.status).toBe('verified');
  });

  it('Cayley–Hamilton for 2×2 claimed for every n: counterexample at n = 3', () => {
    const r = check(file('{ A: [n, n] }', ['claim: A*A - trace(A)*A + (trace(A)*trace(A) - trace(A*A))/2*I(n) = zeros(n, n)']));
    failsAt(r, { n: 3 });
  });

  it('s₆ = 0 (Amitsur–Levitzki: true exactly for n ≤ 3): counterexample at n = 4', () => {
    failsAt(check(file(SQUARE, [`claim: ${standard(['A', 'B', 'C', 'D', 'E', 'F'])} = zeros(n, n)`])), { n: 4 });
  });

  it('s₄ = 0 (true for n ≤ 2): counterexample at n = 3', () => {
    failsAt(check(file(SQUARE, [`claim: ${standard(['A', 'B', 'C', 'D'])} = zeros(n, n)`])), { n: 3 });
  });

  it('skew-symmetric 2×2 matrices commute, larger ones do not: counterexample at n = 3', () => {
    failsAt(check(file(SQUARE, ["claim: (A - A')*(B - B') = (B - B')*(A - A')"])), { n: 3 });
  });

  it('rank(A*B) <= 3 and rank(A) <= 5 fail on large enough matrices', () => {
    expect(check(file(SQUARE, ['holds: rank(A*B) <= 3'])).status).toBe('failed');
    const r = check(file(SQUARE, ['holds: rank(A) <= 5']));
    expect(r.status).toBe('failed');
    expect(r.counterexample!.bindings.n).toBeGreaterThanOrEqual(6);
  });
});

describe('claims that depend on a size as a number', () => {
  it('tr(I_n)·A = 3A holds only for n = 3', () => {
    expect(check(file('{ A: [n, n] }', ['claim: trace(I(n))*A = 3*A'])).status).toBe('failed');
  });

  it('(n − 1)(n − 2)(n − 3)·A = 0 holds for n ≤ 3 only: one more value of n than its degree finds n = 4', () => {
    const r = check(file('{ A: [n, n] }', ['claim: (trace(I(n)) - 1)*(trace(I(n)) - 2)*(trace(I(n)) - 3)*A = zeros(n, n)']));
    failsAt(r, { n: 4 });
  });

  it('true size-dependent identities are verified for every size', () => {
    const s = file('{ A: [n, n], B: [m, m], V: [m, n] }', [
      'claim: trace(commutation(n, n)) = n',
      'claim: trace(kron(A, B)) = trace(A)*trace(B)',
      'claim: trace(I(n))*trace(I(m)) = trace(kron(I(n), I(m)))',
      "claim: fro2(I(n)) = trace(I(n)'*I(n))",
      "claim: commutation(m, n)*vec(V) = vec(V')",
      "claim: vec(V*A) = kron(A', I(m))*vec(V)",
    ]);
    const r = checkProof(s, { seed: 2, trials: 12 });
    for (const step of r.steps) {
      expect(step.status).toBe('verified');
      expect(step.scope.sizes).toBe('all');
    }
  });

  it('Kronecker, vec and commutation traps', () => {
    const s = file('{ A: [n, n], B: [n, n], V: [m, n] }', [
      'claim: kron(A, B) = kron(B, A)',
      "claim: vec(A) = vec(A')",
      'claim: commutation(n, n) = I(n*n)',
      "claim: commutation(n, m)*vec(V) = vec(V')",
    ]);
    const r = checkProof(s, { seed: 3, trials: 12 });
    expect(r.steps.map((x) => x.status)).toEqual(['failed', 'failed', 'failed', 'failed']);
  });
});

describe('declared ranges of size names are honoured or refused', () => {
  it('p (the narrowest hidden width) cannot be given a range', () => {
    expect(() => file('{ A: [p, p] }', ['holds: rank(A) <= 3'], '\n  ranges: { p: [50, 50] }')).toThrow(InputError);
    expect(() => file('{ A: [p, p] }', ['holds: rank(A) <= 3'], '\n  ranges: { p: [50, 50] }')).toThrow(/p is the narrowest hidden width/);
  });

  it.each(['m', 'n'])('%s: [50, 50] is used exactly', (name) => {
    const r = check(file(`{ A: [${name}, ${name}] }`, ['holds: rank(A) <= 3'], `\n  ranges: { ${name}: [50, 50] }`), 0, 1, 2);
    expect(r.status).toBe('failed');
    expect(r.counterexample!.bindings[name]).toBe(50);
  });

  it('a width range bounds every d[k]', () => {
    const s = file('{ "W[k]": ["d[k]", "d[k-1]"] }', ['holds: rank(W[1]) <= 4'], '\n  ranges: { H: [1, 1], d: [5, 6] }');
    const r = check(s);
    expect(r.status).toBe('failed');
    expect(r.counterexample!.bindings['d[0]']).toBeGreaterThanOrEqual(5);
  });
});

describe('number literals are exact', () => {
  it.each(['1e-400 = 0', '1.0000000000000001 = 1', '0.30000000000000001 = 3/10'])('%s is false', (claim) => {
    expect(check(file('{ a: [] }', [`claim: ${claim}`])).status).toBe('failed');
  });
  it.each(['0.1 + 0.2 = 3/10', '1e-3 = 1/1000', '2.5e2 = 250'])('%s is true', (claim) => {
    expect(check(file('{ a: [] }', [`claim: ${claim}`])).status).toBe('verified');
  });
});

describe('claims that fail only on special matrices are refuted', () => {
  it.each([
    'claim: pinv(A*B) = pinv(B)*pinv(A)',
    'claim: rank(A*B) = rank(B)',
    'holds: not iszero(A)',
    'holds: rank(A) == n',
    "claim: pinv(A)*A = A*pinv(A)",
  ])('%s', (step) => {
    expect(check(file('{ A: [n, n], B: [n, n] }', [step])).status).toBe('failed');
  });
});

describe('the critical sampler reaches Lemma 4.2’s free term', () => {
  it('rank(W₁) ≤ rank(C) fails at a critical point the sampler draws itself', () => {
    const s = proofSetting(
      `title: t
given:
  shapes: { X: ["d[0]", m], Y: ["d[H+1]", m], "W[k]": ["d[k]", "d[k-1]"] }
  ranges: { H: [1, 1] }
  define:
    C: prod(W, H+1, 2)
  assume: [A, critical]
steps:
  - holds: rank(W[1]) <= rank(C)`,
      'crit.proof.yaml',
    );
    const r = check(s);
    expect(r.status).toBe('failed');
    // the counterexample is an exact critical point: the checker re-checks the gradient on every draw
    expect(r.counterexample!.matrices.map((m) => m.name)).toEqual(expect.arrayContaining(['X', 'Y', 'W[1]', 'W[2]']));
  });
});

describe('index values whose range depends on sizes are covered', () => {
  it('a hypothesis that depends on such an index holds at every index value evaluated', () => {
    const s = file('{ v: [n, 1] }', ['holds: entry(v, i, 1) == 0'], '\n  ranges: { i: [1, n] }\n  assume: ["entry(v, i, 1) == 0"]');
    for (const seed of [1, 2, 3]) expect(checkProof(s, { seed, trials: 12 }).steps[0]!.status).toBe('tested');
  });

  it('every value is evaluated on each instance', () => {
    const s = file('{ A: [n, n] }', ["claim: entry(A, i, i) = entry(A', i, i)", 'claim: entry(A, i, 1) = entry(A, 1, i)'], '\n  ranges: { i: [1, n] }');
    const r = checkProof(s, { seed: 1, trials: 12 });
    expect(r.steps[0]!.status).toBe('tested');
    expect(r.steps[0]!.scope.why).not.toMatch(/sampled/);
    expect(r.steps[1]!.status).toBe('failed');
  });
});

/** Node kinds that have no place in the all-sizes argument. */
const OUTSIDE = new Set(['inv', 'pinv', 'rank', 'psd', 'range', 'subset', 'compare', 'logic', 'not', 'entry']);
const kinds = (e: Expr, into = new Set<string>()): Set<string> => {
  into.add(e.kind);
  children(e).forEach((c) => kinds(c, into));
  return into;
};

describe('soundness of the all-sizes rule', () => {
  const proofs = readdirSync('proofs')
    .filter((f) => f.endsWith('.proof.yaml'))
    .map((f) => proofSetting(readFileSync(`proofs/${f}`, 'utf8'), `proofs/${f}`));

  it('is never applied to a claim with an inverse, a rank, a predicate other than iszero, an entry, or hypotheses', () => {
    let all = 0;
    for (const s of proofs) {
      const r = checkProof(s, { seed: 1, trials: 6 });
      s.claims.forEach((ps, i) => {
        const step = r.steps[i]!;
        if (step.scope.sizes !== 'all') return;
        all++;
        expect(step.status).toBe('verified');
        const exprs = ps.claim.kind === 'equation' ? ps.claim.sides : [ps.claim.expr];
        const used = new Set<string>();
        for (const e of exprs) kinds(expandDefinitions(e, s.definitions), used);
        for (const k of used) if (k !== 'iszero' || ps.claim.kind !== 'predicate') expect(OUTSIDE.has(k)).toBe(false);
        expect(s.hypotheses.every((h) => h.kind === 'zero')).toBe(true);
      });
    }
    expect(all).toBeGreaterThan(15);
  });

  it('the plain polynomial steps of proofs/ carry sizes = all', () => {
    const byFile = Object.fromEntries(proofs.map((s) => [s.doc.file, checkProof(s, { seed: 1, trials: 6 })]));
    const all = (f: string) => byFile[`proofs/${f}.proof.yaml`]!.steps.map((x) => x.scope.sizes);
    expect(all('lemma-4.1').every((x) => x === 'all')).toBe(true);
    expect(all('lemma-4.3')).toEqual(['all', 'all', 'all', 'tried', 'all']);
    expect(all('corollary-2.4').every((x) => x === 'all')).toBe(true);
    expect(all('scalar-chain').every((x) => x === 'all')).toBe(true);
  });

  it('an all-sizes verdict holds at sizes larger than any evaluated (a second code path: exact rationals)', () => {
    const rng = seededRng(11);
    let checked = 0;
    for (const s of proofs) {
      const r = checkProof(s, { seed: 1, trials: 6 });
      const combos = rangeCombinations(s);
      s.claims.forEach((ps, i) => {
        if (r.steps[i]!.scope.sizes !== 'all') return;
        const big = r.steps[i]!.scope.maxSize + 1;
        for (let t = 0; t < 2; t++) {
          const sizes = instanceSizes(s, combos, t * 7 + i, rng, big + 1)!;
          const { env } = sample(s, sizes.binding, rng, 50);
          const sides = ps.claim.kind === 'equation' ? ps.claim.sides : [ps.claim.kind === 'predicate' && ps.claim.expr.kind === 'iszero' ? ps.claim.expr.arg : ps.claim.expr];
          const values = sides.map((e) => evaluate(e, env, Exact));
          if (ps.claim.kind === 'equation') values.slice(1).forEach((v, j) => expect(valuesEqual(Exact, values[j]!, v)).toBe(true));
          else {
            const v = values[0]!;
            expect(v.kind === 'matrix' ? v.value.data.every((x) => x.isZero()) : v.kind === 'scalar' && v.value.isZero()).toBe(true);
          }
          checked++;
        }
      });
    }
    expect(checked).toBeGreaterThan(30);
  });
});
