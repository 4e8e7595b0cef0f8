import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkStep, DEFAULT_TRIALS } from '../../src/proof/check.js';
import { proofSetting } from '../../src/proof/load.js';
import type { StepResult } from '../../src/proof/result.js';
import { repoRoot } from '../helpers/cli.js';

/**
 * The walkthrough's checker: worker threads and the UI thread claiming the steps of a run from a shared counter.
 * Worker threads load JavaScript, so this runs the built modules (npm test builds first); the expected results
 * come from the checker called directly.
 */
const built = (path: string) => import(join(repoRoot, 'dist', path));
const { workerSession } = (await built('tui/worker-session.js')) as typeof import('../../src/tui/worker-session.js');
const { parseProofDocument } = (await built('proof/document.js')) as typeof import('../../src/proof/document.js');
const { CancelledCheck } = (await built('tui/session.js')) as typeof import('../../src/tui/session.js');
const engine = new URL(`file://${join(repoRoot, 'dist', 'tui', 'proof-engine.js')}`);

const file = join('proofs', 'lemma-4.1.proof.yaml');
const text = readFileSync(join(repoRoot, file), 'utf8');
const open = (threads: number) => workerSession(parseProofDocument(text, file), engine, threads);
const setting = proofSetting(text, file);
const direct = (step: number, seed: number): StepResult => checkStep(setting, step - 1, { seed, trials: DEFAULT_TRIALS });
const steps = setting.claims.map((_, i) => i + 1);

describe('the walkthrough checker session', () => {
  it('worker threads alone give every step the result the checker gives', async () => {
    const session = open(2);
    try {
      const started: number[] = [];
      const results = await Promise.all(steps.map((s) => session.check(s, 3, () => started.push(s))));
      expect(results).toEqual(steps.map((s) => direct(s, 3)));
      expect(started.sort((a, b) => a - b)).toEqual(steps);
    } finally {
      session.close();
    }
  });

  it('this thread alone (no worker threads) checks the run while it helps', async () => {
    const session = open(0);
    const stop = session.helpHere();
    try {
      const results = await Promise.all(steps.map((s) => session.check(s, 5)));
      expect(results).toEqual(steps.map((s) => direct(s, 5)));
    } finally {
      stop();
      session.close();
    }
  });

  it('cancelPending drops the checks not started; a later batch is checked', async () => {
    const session = open(1);
    try {
      const asked = steps.map((s) => session.check(s, 1).then(() => 'done', (e: unknown) => (e instanceof CancelledCheck ? 'cancelled' : String(e))));
      session.cancelPending();
      expect(new Set(await Promise.all(asked))).toEqual(new Set(['cancelled']));
      expect(await session.check(2, 1)).toEqual(direct(2, 1));
    } finally {
      session.close();
    }
  });

  it('a closed session rejects its open checks', async () => {
    const session = open(1);
    const pending = session.check(1, 1);
    session.close();
    await expect(pending).rejects.toThrow('the session was closed');
  });
});
