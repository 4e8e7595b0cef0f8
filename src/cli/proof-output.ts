import { InputError } from '../errors.js';
import { checkProof, DEFAULT_TRIALS } from '../proof/check.js';
import { proofSetting } from '../proof/load.js';
import { presentProof } from '../proof/present.js';
import type { ProofResult } from '../proof/result.js';
import type { PresentedProof } from '../render/presented.js';
import { countStatuses, STATUS, tallyWords } from '../tui/status.js';
import { readUserFile, writeFileAtomic } from './io.js';
import { proofPaths } from './proof-paths.js';
import { intOption } from './options.js';

/** Commander's options shared by `dln latex` and `dln html`. */
export interface ProofOutputOptions {
  output?: string;
  seed?: string;
  trials?: string;
  json?: boolean;
}

export interface CheckedProofs {
  readonly output: string;
  readonly json: boolean;
  readonly proofs: readonly PresentedProof[];
  readonly results: readonly ProofResult[];
}

/**
 * Validates the options, then parses and shape-checks every file before checking any (a malformed file among
 * several stops the command before anything is checked or written), then checks each step as `dln verify` does.
 */
export function checkedProofs(files: readonly string[], opts: ProofOutputOptions): CheckedProofs {
  if (opts.output === undefined || opts.output.trim() === '')
    throw new InputError('-o', 'missing: give the file to write with -o FILE');
  const trials = intOption(opts.trials, 'trials', DEFAULT_TRIALS, 1, 1000);
  const seed = intOption(opts.seed, 'seed', 1, 0, 2 ** 32 - 1);
  const settings = proofPaths(files).map((f) => proofSetting(readUserFile(f), f));
  const results = settings.map((s) => checkProof(s, { seed, trials }));
  return { output: opts.output, json: !!opts.json, proofs: settings.map((s, i) => presentProof(s, results[i]!)), results };
}


/**
 * Writes the document atomically (on any error no file is left and an existing one is unchanged) and prints a
 * summary naming every step that is not verified (with `json`: `{ output, ok, proofs: [{ file, title, seed,
 * trials, steps: [{ step, status }] }] }`). The file is written either way, with those steps marked; the exit
 * code is 1 when some step is not verified, as for `dln verify`.
 */
export function writeChecked(checked: CheckedProofs, content: string): number {
  const { output, results } = checked;
  writeFileAtomic(output, content);
  const steps = results.flatMap((r) => r.steps.map((s) => ({ file: r.file, step: s.step, status: s.status })));
  const bad = steps.filter((s) => s.status !== 'verified');
  const tally = bad.length === 0 ? 'all verified' : tallyWords(countStatuses(steps.map((s) => s.status)));
  const { seed, trials } = results[0]!;
  const ok = steps.every((s) => STATUS[s.status].passes);
  if (checked.json) {
    const proofs = results.map((r) => ({ ...r, steps: r.steps.map((s) => ({ step: s.step, status: s.status })) }));
    process.stdout.write(`${JSON.stringify({ output, ok, proofs }, null, 2)}\n`);
    return ok ? 0 : 1;
  }
  const lines = [
    `wrote ${output}: ${results.length} ${results.length === 1 ? 'proof' : 'proofs'}, ${steps.length} steps, ${tally} ` +
      `(seed ${seed}, ${trials} trials per step)`,
    ...bad.map((s) => `  ${s.file} step ${s.step}: ${STATUS[s.status].word}`),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  return ok ? 0 : 1;
}
