import { describe, expect, it } from 'vitest';
import { checkAll, printAll } from '../../src/tui/session-run.js';
import { outcomeCode, transcript } from '../../src/tui/transcript.js';
import { referencedDefines } from '../../src/tui/step-lines.js';
import { failed, FakeSession, loadFixture, verified } from './fake-session.js';

describe('transcript', () => {
  it('prints a one-step proof exactly in the documented layout', async () => {
    const session = new FakeSession(loadFixture('other.proof.yaml'));
    const text = transcript({ doc: session.doc, seed: 3, printed: await printAll(session), checks: await checkAll(session, 3) });
    expect(text).toBe(
      [
        'Another derivation',
        '==================',
        '',
        'Steps (seed 3):',
        '',
        '✓ Step 1 of 1 · claim · line 3',
        '  «x = x»',
        '  because: reflexivity',
        '  verified by randomized exact identity test, 12 trials on 2 instance shapes, for every size',
        '    instances:',
        '      m=1, k=1',
        '      m=2, k=3',
        '    probability bound: error probability ≤ 2⁻⁴⁰',
        '',
        '1 steps: 1 verified, 0 tested, 0 failed, 0 not checked.',
        '',
      ].join('\n'),
    );
  });

  it('gives every step its status and evidence, the given part, and the tally', async () => {
    const session = new FakeSession(loadFixture('chain.proof.yaml'), (s, seed) => {
      if (s === 2) return failed(s, seed);
      if (s === 3) throw new Error('no checker for iszero');
      return verified(s);
    });
    const checks = await checkAll(session, 9);
    const text = transcript({ doc: session.doc, seed: 9, printed: await printAll(session), checks });
    const ls = text.split('\n');
    expect(ls.slice(0, 3)).toEqual(['Scalar chain: the gradient at a point', '=====================================', 'Source: docs/mathematics.md §6 (test fixture)']);
    expect(ls).toContain('A short derivation used by the walkthrough\'s tests.');
    expect(ls).toContain('  X: d0 × m');
    expect(ls).toContain('  W[k]: d[k] × d[k-1]');
    expect(ls).toContain('  1 ≤ k ≤ H+1');
    expect(ls).toContain('  «E» := «prod(W, H+1, 1) * X - Y»');
    expect(ls).toContain('Steps (seed 9):');
    expect(ls).toContain('✓ Step 1 of 3 · claim · line 12');
    expect(ls).toContain('✗ Step 2 of 3 · claim · line 14');
    expect(ls).toContain('  where «E» := «prod(W, H+1, 1) * X - Y»');
    expect(ls).toContain('    counterexample (seed 9, trial 3): m=2, k=2');
    expect(ls).toContain('    first difference at entry (1, 2): 5 ≠ 7');
    expect(ls).toContain('      x = [ 1  −3/4 ]');
    expect(ls).toContain('? Step 3 of 3 · holds · line 16');
    expect(ls).toContain('  not checked: the checker stopped with an error: no checker for iszero');
    expect(ls.at(-2)).toBe('3 steps: 1 verified, 0 tested, 1 failed, 1 not checked.');
    expect(outcomeCode(checks)).toBe(1);
  });

  it('is the same text for the same proof and seed, and unwrapped however long the formula', async () => {
    const long = 'a + '.repeat(60) + 'a';
    const make = async () => {
      const session = new FakeSession(loadFixture('chain.proof.yaml'), (s) => verified(s), (src) => ({ text: long, latex: src }));
      return transcript({ doc: session.doc, seed: 1, printed: await printAll(session), checks: await checkAll(session, 1) });
    };
    const a = await make();
    expect(await make()).toBe(a);
    expect(a.split('\n')).toContain(`  ${long}`);
  });

  it('under each step, the abbreviations it uses, a family by its base name', async () => {
    const doc = loadFixture('families.proof.yaml');
    expect(referencedDefines(doc, doc.steps[0]!).map((d) => d.name)).toEqual(['E', 'A[k]']);
    expect(referencedDefines(doc, doc.steps[1]!).map((d) => d.name)).toEqual([]);
    const session = new FakeSession(doc);
    const text = transcript({ doc, seed: 1, printed: await printAll(session), checks: await checkAll(session, 1) });
    expect(text).toContain('  where «A[k]» := «prod(W, H+1, k+1)»\n');
    expect(text).not.toContain('where «Ab»');
  });

  it('shows the source text, marked, for a formula the printer rejects', async () => {
    const session = new FakeSession(loadFixture('other.proof.yaml'), (s) => verified(s), () => {
      throw new Error('unknown function');
    });
    const text = transcript({ doc: session.doc, seed: 1, printed: await printAll(session), checks: await checkAll(session, 1) });
    expect(text).toContain('  x = x\n  (as written: cannot print it: unknown function)\n');
  });

  it('exit code: 0 only when every step is verified', () => {
    const done = (status: 'verified' | 'failed' | 'unchecked') => ({ state: 'done' as const, result: { ...verified(1), status } });
    expect(outcomeCode([done('verified'), done('verified')])).toBe(0);
    expect(outcomeCode([done('verified'), done('unchecked')])).toBe(1);
    expect(outcomeCode([done('failed')])).toBe(1);
    expect(outcomeCode([{ state: 'error', message: 'x' }])).toBe(1);
  });
});
