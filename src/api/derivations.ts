import { checkProof, DEFAULT_TRIALS } from '../proof/check.js';
import { proofSetting } from '../proof/load.js';
import type { ProofResult } from '../proof/result.js';
import type { ProofSetting } from '../proof/setting.js';
import { readUserFile } from '../files.js';

/** A derivation file parsed, validated and shape-checked: what `verifyDerivation` checks. */
export type Derivation = ProofSetting;

export interface VerifyOptions {
  /** Seed of the random instances (default 1, as `dln verify`). */
  readonly seed?: number;
  /** Random instances per step (default 24). */
  readonly trials?: number;
}

/** Reads a derivation file (`*.proof.yaml`, or a `.tex` document); throws an InputError naming the file, line and key on bad input. */
export const readDerivation = (file: string): Derivation => proofSetting(readUserFile(file), file);

/** A derivation from YAML text (LaTeX when `file` ends in `.tex`); `file` names it in errors and results. */
export const parseDerivation = (text: string, file = 'derivation.proof.yaml'): Derivation => proofSetting(text, file);

/**
 * Checks every step exactly as `dln verify` does: each step is `verified` (for every size its scope states),
 * `tested` (on the sizes tried), `failed` (with a counterexample) or `unchecked`, with its `scope`.
 */
export const verifyDerivation = (derivation: Derivation, options: VerifyOptions = {}): ProofResult =>
  checkProof(derivation, { seed: options.seed ?? 1, trials: options.trials ?? DEFAULT_TRIALS });
