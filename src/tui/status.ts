import type { StepStatus } from '../proof/result.js';
import type { Tone } from './lines.js';

/**
 * How each step status is shown, everywhere a status appears (the walkthrough, its transcript, `dln verify`,
 * the summaries of `dln latex`/`dln html`): one row per status, so a new status is one more row.
 */
export interface StatusStyle {
  readonly glyph: string;
  /** The status in words, as tallies print it ("3 not checked"). */
  readonly word: string;
  readonly tone: Tone;
  /** What the status means, for the help screen. */
  readonly legend: string;
  /** Whether a step with this status lets the command exit 0. */
  readonly passes: boolean;
}

export const STATUS: Readonly<Record<StepStatus, StatusStyle>> = {
  verified: {
    glyph: '✓',
    word: 'verified',
    tone: 'ok',
    legend: 'verified by the checker; the evidence says how (methods, trials, probability bound)',
    passes: true,
  },
  failed: { glyph: '✗', word: 'failed', tone: 'bad', legend: 'failed: a counterexample was found (shown under the step)', passes: false },
  unchecked: {
    glyph: '?',
    word: 'not checked',
    tone: 'warn',
    legend: 'not checked: the checker could not decide it; never counted as verified',
    passes: false,
  },
};

/** Every status, in the order tallies list them. */
export const STATUSES = Object.keys(STATUS) as StepStatus[];

/** How many steps have each status. */
export function countStatuses(statuses: Iterable<StepStatus>): Record<StepStatus, number> {
  const counts = Object.fromEntries(STATUSES.map((s) => [s, 0])) as Record<StepStatus, number>;
  for (const s of statuses) counts[s] += 1;
  return counts;
}

/** "8 verified, 1 failed, 1 not checked". */
export const tallyWords = (counts: Record<StepStatus, number>): string => STATUSES.map((s) => `${counts[s]} ${STATUS[s].word}`).join(', ');

/** "8 ✓  1 ✗  1 ?". */
export const tallyGlyphs = (counts: Record<StepStatus, number>): string => STATUSES.map((s) => `${counts[s]} ${STATUS[s].glyph}`).join('  ');
