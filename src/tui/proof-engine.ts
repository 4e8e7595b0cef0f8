import { checkStep, DEFAULT_TRIALS } from '../proof/check.js';
import type { ProofDocument } from '../proof/document.js';
import type { StepResult } from '../proof/result.js';
import { buildSetting, type ProofSetting } from '../proof/setting.js';
import type { ProofEngine } from './session.js';

/** One setting per document (a worker serves one document at a time). */
const settings = new WeakMap<ProofDocument, ProofSetting>();
const settingOf = (doc: ProofDocument): ProofSetting => {
  let s = settings.get(doc);
  if (!s) settings.set(doc, (s = buildSetting(doc)));
  return s;
};

/**
 * The walkthrough's engine, loaded in the worker threads: steps checked by the derivation checker exactly as
 * `dln verify` checks them (same seed, same default number of trials).
 */
export const engine: ProofEngine = {
  validate(doc: ProofDocument): void {
    settingOf(doc);
  },
  check(doc: ProofDocument, step: number, seed: number): StepResult {
    return checkStep(settingOf(doc), step - 1, { seed, trials: DEFAULT_TRIALS });
  },
};
