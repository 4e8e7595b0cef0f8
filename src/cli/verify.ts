import { printable } from '../text.js';
import { checkProof, DEFAULT_TRIALS } from '../proof/check.js';
import { proofSetting } from '../proof/load.js';
import { type ProofResult, STATUS_WORD, allPassed, countStatuses, tallyText } from '../proof/result.js';
import type { ProofSetting } from '../proof/setting.js';
import { evidenceLines, statusGlyph } from '../tui/evidence.js';
import { plainText } from '../tui/lines.js';
import { readUserFile } from './io.js';
import { intOption } from './options.js';
import { claimToText, proseText } from '../expr/index.js';

interface VerifyOptions {
  trials?: string;
  seed?: string;
  json?: boolean;
  /** `tested` steps fail too. */
  strict?: boolean;
}

/** `dln verify PROOF…`: every file is parsed and shape-checked before anything is checked or printed. */
export function run(files: string[], opts: VerifyOptions): number {
  const trials = intOption(opts.trials, 'trials', DEFAULT_TRIALS, 1, 1000);
  const seed = intOption(opts.seed, 'seed', 1, 0, 2 ** 32 - 1);
  const settings = files.map((f) => proofSetting(readUserFile(f), f));
  const results = settings.map((s) => checkProof(s, { seed, trials }));
  const strict = !!opts.strict;
  const ok = results.every((r) => allPassed(r, strict));
  if (opts.json) {
    const proofs = results.map((r, i) => ({
      ...r,
      steps: r.steps.map((s, j) => ({ ...s, claim: settings[i]!.claims[j]!.step.text, line: settings[i]!.claims[j]!.step.line })),
      ok: allPassed(r, strict),
    }));
    process.stdout.write(`${JSON.stringify({ ok, proofs }, null, 2)}\n`);
  } else process.stdout.write(results.map((r, i) => report(settings[i]!, r)).join('\n') + '\n');
  return ok ? 0 : 1;
}

function report(setting: ProofSetting, r: ProofResult): string {
  const out = [proseText(setting.doc.title), `  ${printable(r.file)} — seed ${r.seed}, ${r.trials} trials per step`];
  r.steps.forEach((s, i) => {
    const check = { state: 'done', result: s } as const;
    out.push(`  ${statusGlyph(check)} ${String(s.step).padStart(2)}  ${claimToText(setting.claims[i]!.claim)}`);
    if (s.status !== 'verified') {
      // where to look: the file and line of the step (a .tex document's line for its derivations)
      out.push(`      ${r.file}:${setting.claims[i]!.step.line}: step ${s.step}: ${STATUS_WORD[s.status]}`);
      // a tested step says on which sizes and why no more; a failed or unchecked one shows all its evidence
      out.push(plainText(evidenceLines(check, s.status !== 'tested', 100)).replace(/^/gm, '      '));
    }
  });
  out.push(`  ${tallyText(countStatuses(r.steps.map((s) => s.status)))}`);
  return out.join('\n');
}
