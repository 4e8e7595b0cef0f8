import { realpathSync } from 'node:fs';
import { InputError } from '../errors.js';
import { printable } from '../text.js';
import { checkProof, DEFAULT_TRIALS } from '../proof/check.js';
import { proofSetting } from '../proof/load.js';
import { presentProof } from '../proof/present.js';
import { type ProofResult, STATUS_WORD, allPassed, countStatuses, tallyText } from '../proof/result.js';
import { EVIDENCE_MODES, type EvidenceMode, type PresentedProof } from '../render/presented.js';
import { checkOutputTarget, readUserFile, writeFileAtomic } from './io.js';
import type { CompileResult } from './pdflatex.js';
import { proofPaths } from './proof-paths.js';
import { intOption } from './options.js';

/** Commander's options shared by `dln latex` and `dln html`. */
export interface ProofOutputOptions {
  output?: string;
  seed?: string;
  trials?: string;
  evidence?: string;
  json?: boolean;
}

export interface CheckedProofs {
  readonly output: string;
  readonly json: boolean;
  readonly evidence: EvidenceMode;
  readonly proofs: readonly PresentedProof[];
  readonly results: readonly ProofResult[];
}

/**
 * Validates the options, then parses and shape-checks every file before checking any (a malformed file among
 * several stops the command before anything is checked or written), then checks each step as `dln verify` does.
 */
export function checkedProofs(args: readonly string[], opts: ProofOutputOptions): CheckedProofs {
  if (opts.output === undefined || opts.output.trim() === '')
    throw new InputError('-o', 'missing: give the file to write with -o FILE');
  checkOutputTarget(opts.output);
  const files = proofPaths(args);
  if (files.some((f) => sameFile(f, opts.output!))) throw new InputError(opts.output, 'is one of the derivation files given; writing it would replace the derivation');
  const trials = intOption(opts.trials, 'trials', DEFAULT_TRIALS, 1, 1000);
  const seed = intOption(opts.seed, 'seed', 1, 0, 2 ** 32 - 1);
  const evidence = (opts.evidence ?? 'full') as EvidenceMode;
  if (!EVIDENCE_MODES.includes(evidence)) throw new InputError('--evidence', `expected ${EVIDENCE_MODES.join(', ')}, got "${opts.evidence}"`);
  const settings = files.map((f) => proofSetting(readUserFile(f), f));
  const results = settings.map((s) => checkProof(s, { seed, trials }));
  return { output: opts.output, json: !!opts.json, evidence, proofs: settings.map((s, i) => presentProof(s, results[i]!)), results };
}

/**
 * An appendix pdflatex cannot compile is not written (an existing file is left as it was): that is a bug in dln's
 * LaTeX output, reported with pdflatex's first error and exit 1, never as success.
 */
function refuseUncompiled(checked: CheckedProofs, error: string): number {
  if (checked.json) process.stdout.write(`${JSON.stringify({ output: checked.output, ok: false, compiled: false, written: false, error }, null, 2)}\n`);
  process.stderr.write(`dln: ${checked.output}: pdflatex cannot compile the appendix (${error}); nothing written — a bug in dln, please report it\n`);
  return 1;
}

/** Whether two paths name one existing file (a typo such as `-o proofs/x.proof.yaml`). */
function sameFile(a: string, b: string): boolean {
  try {
    return realpathSync(a) === realpathSync(b);
  } catch {
    return false;
  }
}


/**
 * Writes the document atomically (on any error no file is left and an existing one is unchanged) and prints a
 * summary naming every step that failed or was not checked (with `json`: `{ output, ok, proofs: [{ file, title, seed,
 * trials, steps: [{ step, status }] }] }`). The file is written either way, with those steps marked; the exit
 * code is 1 when some step failed or was not checked, as for `dln verify`.
 */
export function writeChecked(checked: CheckedProofs, content: string, compiled?: CompileResult): number {
  const { output, results } = checked;
  if (compiled?.status === 'failed') return refuseUncompiled(checked, compiled.error);
  writeFileAtomic(output, content);
  const steps = results.flatMap((r) => r.steps.map((s) => ({ file: r.file, step: s.step, status: s.status })));
  const bad = steps.filter((s) => s.status === 'failed' || s.status === 'unchecked');
  const tally = steps.every((s) => s.status === 'verified') ? 'all verified' : tallyText(countStatuses(steps.map((s) => s.status)));
  const { seed, trials } = results[0]!;
  const ok = results.every((r) => allPassed(r));
  if (checked.json) {
    const proofs = results.map((r) => ({ ...r, steps: r.steps.map((s) => ({ step: s.step, status: s.status })) }));
    const compiledKey = compiled ? { compiled: compiled.status === 'compiled' ? true : null } : {};
    process.stdout.write(`${JSON.stringify({ output, ok, ...compiledKey, proofs }, null, 2)}\n`);
    return ok ? 0 : 1;
  }
  const lines = [
    `wrote ${printable(output)}: ${results.length} ${results.length === 1 ? 'proof' : 'proofs'}, ${steps.length} steps, ${tally} ` +
      `(seed ${seed}, ${trials} trials per step)` +
      (compiled === undefined ? '' : compiled.status === 'compiled' ? '; pdflatex compiles it' : `; not compiled (${compiled.status === 'skipped' ? compiled.why : ''})`),
    ...bad.map((s) => `  ${printable(s.file)} step ${s.step}: ${STATUS_WORD[s.status]}`),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  return ok ? 0 : 1;
}
