import type { StepResult } from '../proof/result.js';
import { line, lines, type Line, type Tone } from './lines.js';
import { matrixLines } from './matrix-text.js';
import { STATUS } from './status.js';
import { minus } from './numbers.js';
import { wrap } from './wrap.js';

/** Where a step's check stands in the walkthrough. `error`: the checker itself threw (shown as not checked). */
export type StepCheck =
  | { readonly state: 'queued' }
  | { readonly state: 'checking' }
  | { readonly state: 'done'; readonly result: StepResult }
  | { readonly state: 'error'; readonly message: string };

export const SPINNER = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'] as const;

/** A done step's glyph (see STATUS); the checker's error is ?; · waiting, a spinner frame while checking. */
export function statusGlyph(check: StepCheck, spinnerFrame = 0): string {
  switch (check.state) {
    case 'queued':
      return '·';
    case 'checking':
      return SPINNER[spinnerFrame % SPINNER.length]!;
    case 'error':
      return '?';
    case 'done':
      return STATUS[check.result.status].glyph;
  }
}

export function statusTone(check: StepCheck): Tone {
  if (check.state === 'done') return STATUS[check.result.status].tone;
  return check.state === 'error' ? 'warn' : 'dim';
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
const hText = (H: readonly [number, number] | null) => (H === null ? '' : H[0] === H[1] ? ` (H = ${H[0]})` : ` (H = ${H[0]}…${H[1]})`);

/** One sentence: how the step was checked, or why it failed or was not checked. */
export function evidenceSummary(check: StepCheck): string {
  switch (check.state) {
    case 'queued':
      return 'waiting to be checked';
    case 'checking':
      return 'checking…';
    case 'error':
      return `${STATUS.unchecked.word}: the checker stopped with an error: ${check.message}`;
    case 'done': {
      const r = check.result;
      const how = r.methods.length > 0 ? ` by ${r.methods.join(' and ')}` : '';
      const trials = r.trials > 0 ? `, ${plural(r.trials, 'trial')} on ${plural(r.instances.length, 'instance shape')}` : '';
      const word = STATUS[r.status].word;
      if (r.status === 'verified') return `${word}${how}${trials}${r.scope.sizes === 'all' ? `, for every size${hText(r.scope.H)}` : ''}`;
      if (r.status === 'tested') return `${word}${how}${trials}, on sizes up to ${r.scope.maxSize}${hText(r.scope.H)}: ${r.scope.why}`;
      if (r.status === 'failed') return `${word}${how}${trials}${r.reason ? `: ${r.reason}` : ''}`;
      // a step not checked by any method says only why
      return `${word}${r.reason ? `: ${r.reason}` : ''}`;
    }
  }
}

/**
 * The evidence of a step: the summary, and when `expanded`, the instance shapes, the probability bound and
 * the counterexample in full (sizes, matrices, both sides, the first differing entry).
 */
export function evidenceLines(check: StepCheck, expanded: boolean, width: number): Line[] {
  const tone = check.state === 'done' || check.state === 'error' ? statusTone(check) : 'dim';
  const out: Line[] = lines(wrap(evidenceSummary(check), width, '  ', ''), tone);
  if (check.state !== 'done') return out;
  const r = check.result;
  const ce = r.counterexample;
  const item = (text: string, t: Tone) => lines(wrap(text, width, '    ', '  '), t);
  if (ce) {
    const bindings = Object.entries(ce.bindings)
      .map(([k, v]) => `${k}=${v}`)
      .join(', ');
    out.push(...item(`counterexample (seed ${ce.seed}, trial ${ce.trial}): ${bindings}`, 'bad'));
    if (ce.firstDifference) {
      const d = ce.firstDifference;
      out.push(...item(`first difference at entry (${d.row}, ${d.col}): ${minus(d.left)} ≠ ${minus(d.right)}`, 'bad'));
    }
  }
  if (!expanded) return out;
  if (r.instances.length > 0) {
    out.push(line('  instances:', 'dim'));
    for (const s of r.instances) out.push(...lines(wrap(s, width, '      ', '    '), 'dim'));
  }
  if (r.probabilityBound) out.push(...item(`probability bound: ${r.probabilityBound}`, 'dim'));
  if (ce) {
    if (ce.matrices.length > 0) out.push(line('  sampled matrices:', 'dim'));
    for (const m of ce.matrices) out.push(...lines(matrixLines(m.name, m.rows).map((l) => `    ${l}`)));
    ce.sides.forEach((s, i) => {
      // a side with no value could not be evaluated on the instance (the reason says why)
      out.push(...item(`side ${i + 1}: ${s.text}${s.rows.length === 0 ? ' (no value on this instance)' : ''}`, 'dim'));
      if (s.rows.length > 0) out.push(...lines(matrixLines('', s.rows).map((l) => `    ${l}`)));
    });
  }
  return out;
}
