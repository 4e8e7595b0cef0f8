import { STATUS_GLYPH, STATUS_WORD, STATUSES, type StepStatus } from '../proof/result.js';
import type { Tone } from './lines.js';

/**
 * How each step status is shown in the terminal (the walkthrough, its transcript, `dln verify`): the checker's
 * own word and glyph (proof/result.ts, shared with the LaTeX and HTML writers) with a tone and a legend, one row
 * per status, so a new status is one more row.
 */
export interface StatusStyle {
  readonly glyph: string;
  /** The status in words, as tallies print it ("3 not checked"). */
  readonly word: string;
  readonly tone: Tone;
  /** What the status means, for the help screen. */
  readonly legend: string;
}

const SHOWN: Readonly<Record<StepStatus, { readonly tone: Tone; readonly legend: string }>> = {
  verified: { tone: 'ok', legend: 'verified for every size it claims; the evidence says how (methods, trials, probability bound)' },
  tested: { tone: 'warn', legend: 'tested: every instance tried passed, but no theorem extends it to all sizes (the evidence says which)' },
  failed: { tone: 'bad', legend: 'failed: a counterexample was found (shown under the step)' },
  unchecked: { tone: 'warn', legend: 'not checked: the checker could not decide it; never counted as verified' },
};

export const STATUS: Readonly<Record<StepStatus, StatusStyle>> = Object.fromEntries(
  STATUSES.map((s) => [s, { glyph: STATUS_GLYPH[s], word: STATUS_WORD[s], ...SHOWN[s] }]),
) as Record<StepStatus, StatusStyle>;

/** "8 ✓  1 ≈  1 ✗  1 ?". */
export const tallyGlyphs = (counts: Record<StepStatus, number>): string => STATUSES.map((s) => `${counts[s]} ${STATUS[s].glyph}`).join('  ');
