/** Issue 7's targets and the verdict for one table row. Pure: medians in, text out. */
import { formatRatio, formatSeconds } from './stats.js';

export type Target =
  /** dln / reference ≤ max */
  | { readonly kind: 'ratio'; readonly max: number }
  /** dln's median below max seconds (no reference) */
  | { readonly kind: 'seconds'; readonly max: number }
  /** dln's median minus the reference's below max seconds (start-up over bare node) */
  | { readonly kind: 'overhead'; readonly max: number }
  | { readonly kind: 'none' };

/** What one side of a row produced: a median, or a timeout after that many seconds, or an error. */
export type Outcome =
  | { readonly kind: 'median'; readonly seconds: number }
  | { readonly kind: 'timeout'; readonly after: number }
  | { readonly kind: 'error'; readonly message: string };

export type Verdict = 'met' | 'missed' | 'unknown' | 'none';

export function describeTarget(t: Target): string {
  switch (t.kind) {
    case 'ratio':
      return `≤ ${formatRatio(t.max)}`;
    case 'seconds':
      return `< ${formatSeconds(t.max)}`;
    case 'overhead':
      return `< +${formatSeconds(t.max)}`;
    case 'none':
      return '—';
  }
}

export function describeOutcome(o: Outcome | undefined): string {
  if (!o) return '—';
  if (o.kind === 'median') return formatSeconds(o.seconds);
  if (o.kind === 'timeout') return `> ${formatSeconds(o.after)}`;
  return 'error';
}

/** dln/ref as text, with bounds when one side timed out ("< 0.02×" when only the reference did). */
export function describeRatio(dln: Outcome, ref: Outcome | undefined): string {
  if (!ref) return '—';
  if (dln.kind === 'median' && ref.kind === 'median') return formatRatio(dln.seconds / ref.seconds);
  if (dln.kind === 'median' && ref.kind === 'timeout') return `< ${formatRatio(dln.seconds / ref.after)}`;
  if (dln.kind === 'timeout' && ref.kind === 'median') return `> ${formatRatio(dln.after / ref.seconds)}`;
  return '?';
}

/** Met or missed, and by how much: "missed by 2.4×" means 2.4 times slower than the target allows. */
export function judge(t: Target, dln: Outcome, ref: Outcome | undefined): { verdict: Verdict; text: string } {
  const by = (actual: number, allowed: number) => `by ${formatRatio(actual / allowed)}`;
  switch (t.kind) {
    case 'none':
      return { verdict: 'none', text: '' };
    case 'seconds':
      if (dln.kind === 'median')
        return dln.seconds < t.max ? { verdict: 'met', text: 'met' } : { verdict: 'missed', text: `missed ${by(dln.seconds, t.max)}` };
      if (dln.kind === 'timeout' && dln.after >= t.max) return { verdict: 'missed', text: `missed (> ${formatSeconds(dln.after)})` };
      return { verdict: 'unknown', text: 'unknown' };
    case 'overhead': {
      if (dln.kind !== 'median' || ref?.kind !== 'median') return { verdict: 'unknown', text: 'unknown' };
      const extra = dln.seconds - ref.seconds;
      const text = `+${formatSeconds(Math.max(0, extra))}`;
      return extra < t.max ? { verdict: 'met', text: `met (${text})` } : { verdict: 'missed', text: `missed (${text})` };
    }
    case 'ratio': {
      if (dln.kind === 'median' && ref?.kind === 'median') {
        const r = dln.seconds / ref.seconds;
        return r <= t.max ? { verdict: 'met', text: 'met' } : { verdict: 'missed', text: `missed ${by(r, t.max)}` };
      }
      if (dln.kind === 'median' && ref?.kind === 'timeout' && dln.seconds / ref.after <= t.max)
        return { verdict: 'met', text: 'met (reference timed out)' };
      if (dln.kind === 'timeout' && ref?.kind === 'median' && dln.after / ref.seconds > t.max)
        return { verdict: 'missed', text: `missed (dln timed out)` };
      return { verdict: 'unknown', text: 'unknown' };
    }
  }
}
