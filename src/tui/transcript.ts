import type { ProofDocument } from '../proof/document.js';
import { type StepStatus, countStatuses, stepPasses, tallyText as statusTally } from '../proof/result.js';
import type { StepCheck } from './evidence.js';
import { plainText, type Line } from './lines.js';
import { abbreviation, abbreviationText, referencedDefines, stepLines, type Printed } from './step-lines.js';
import { proseText } from '../expr/latex/prose.js';

export interface TranscriptInput {
  readonly doc: ProofDocument;
  readonly seed: number;
  /** The printed form of an expression of the document (steps and defines). */
  readonly printed: (source: string) => Printed;
  /** One per step, in order. */
  readonly checks: readonly StepCheck[];
}

/** A check's status; an errored or unfinished check counts as not checked. */
export const statusOf = (c: StepCheck): StepStatus => (c.state === 'done' ? c.result.status : 'unchecked');

/** Counts of step outcomes. */
export const tally = (checks: readonly StepCheck[]): Record<StepStatus, number> => countStatuses(checks.map(statusOf));

/** Exit code of a walkthrough that ran to the end by itself: 0 when every step passes, else 1 (as `dln verify`). */
export const outcomeCode = (checks: readonly StepCheck[]): number => (checks.every((c) => stepPasses(statusOf(c))) ? 0 : 1);

export const tallyText = (checks: readonly StepCheck[]): string => statusTally(tally(checks));

/**
 * The whole proof as plain text, for pipes and CI: title, source, summary, what is given, then every step with
 * its status and full evidence (the walkthrough's own step rendering), then the tally. No colour, no wrapping,
 * no timing: the same proof and seed give the same text.
 */
export function transcript(input: TranscriptInput): string {
  const { doc } = input;
  const title = proseText(doc.title);
  const out: string[] = [title, '='.repeat(Math.min(80, Array.from(title).length))];
  if (doc.source) out.push(`Source: ${proseText(doc.source)}`);
  if (doc.summary) out.push('', proseText(doc.summary));
  const given: string[] = [];
  for (const s of doc.shapes) given.push(`  ${s.name}: ${s.dims.length === 0 ? 'scalar' : s.dims.join(' × ')}`);
  for (const r of doc.ranges) given.push(`  ${r.lo} ≤ ${r.name} ≤ ${r.hi}`);
  for (const d of doc.defines) given.push(`  ${abbreviationText(abbreviation(d, input.printed), false)}`);
  for (const a of doc.assume) given.push(`  assume: ${proseText(a.text)}`);
  if (doc.vary.length > 0) given.push(`  vary: ${doc.vary.map((v) => v.name).join(', ')}`);
  if (given.length > 0) out.push('', 'Given:', ...given);
  out.push('', `Steps (seed ${input.seed}):`);
  doc.steps.forEach((step, i) => {
    const check = input.checks[i] ?? { state: 'queued' };
    const ls: Line[] = stepLines(
      {
        step,
        total: doc.steps.length,
        defines: referencedDefines(doc, step).map((d) => abbreviation(d, input.printed)),
        printed: input.printed(step.text),
        check,
        latex: false,
        expanded: true,
      },
      Infinity,
    );
    out.push('', plainText(ls));
  });
  out.push('', `${doc.steps.length} steps: ${tallyText(input.checks)}.`);
  return out.join('\n') + '\n';
}
