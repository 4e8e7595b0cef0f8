/** What the derivation checker says of each step: the shared vocabulary of verify, walk, latex and html. */

/**
 * `verified`: true for every size in the step's declared scope (an all-sizes theorem extends the sizes evaluated),
 * with a stated probability bound. `tested`: every instance tried passed, but no theorem extends that to all sizes
 * or to every point the hypotheses allow. `failed`: a counterexample. `unchecked`: no instance could be evaluated.
 */
export type StepStatus = 'verified' | 'tested' | 'failed' | 'unchecked';

/** How each status is named and marked, everywhere a status is shown. */
export const STATUS_WORD: Readonly<Record<StepStatus, string>> = { verified: 'verified', tested: 'tested', failed: 'failed', unchecked: 'not checked' };
export const STATUS_GLYPH: Readonly<Record<StepStatus, string>> = { verified: '✓', tested: '≈', failed: '✗', unchecked: '?' };
export const STATUSES: readonly StepStatus[] = ['verified', 'tested', 'failed', 'unchecked'];

export function countStatuses(statuses: Iterable<StepStatus>): Record<StepStatus, number> {
  const out: Record<StepStatus, number> = { verified: 0, tested: 0, failed: 0, unchecked: 0 };
  for (const s of statuses) out[s] += 1;
  return out;
}

/** `5 verified, 1 tested, 0 failed, 0 not checked` */
export const tallyText = (counts: Record<StepStatus, number>): string => STATUSES.map((s) => `${counts[s]} ${STATUS_WORD[s]}`).join(', ');

/** What a verdict covers. */
export interface StepScope {
  /** `all`: every size (for each H in range); `tried`: only the sizes evaluated. */
  readonly sizes: 'all' | 'tried';
  /** The largest size evaluated. */
  readonly maxSize: number;
  /** The range of H covered (each value evaluated), null when the step does not depend on H. */
  readonly H: readonly [number, number] | null;
  /** Why the scope is what it is, in one sentence. */
  readonly why: string;
}

/** A concrete instance on which a step's two sides differ (or a predicate is false). */
export interface Counterexample {
  /** Symbolic sizes and indices as instantiated, e.g. { H: 2, k: 1, "d[0]": 2, m: 1 }. */
  readonly bindings: Readonly<Record<string, number>>;
  /** The sampled matrices, entries as exact strings ("-3/4"). */
  readonly matrices: readonly { readonly name: string; readonly rows: readonly (readonly string[])[] }[];
  /** Each side of the equation (or each member of a chain, or the predicate's operands), evaluated. */
  readonly sides: readonly { readonly text: string; readonly rows: readonly (readonly string[])[] }[];
  /** First entry where two sides differ (1-based), for equations. */
  readonly firstDifference?: { readonly row: number; readonly col: number; readonly left: string; readonly right: string };
  readonly seed: number;
  readonly trial: number;
}

export interface StepResult {
  /** 1-based step index in the file. */
  readonly step: number;
  readonly status: StepStatus;
  /** How it was checked, e.g. "randomized exact identity test" or "symbolic expansion (nerdamer)". */
  readonly methods: readonly string[];
  /** Random instances tried (0 when not checked that way). */
  readonly trials: number;
  /** Distinct instance shapes tried, e.g. "H=2, k=3, d=(2,1,3,2), m=2". */
  readonly instances: readonly string[];
  readonly scope: StepScope;
  /** Soundness statement for a randomized check, e.g. the Schwartz–Zippel bound. */
  readonly probabilityBound?: string;
  readonly counterexample?: Counterexample;
  /** Why a step is unchecked, or what failed, in one sentence. */
  readonly reason?: string;
}

export interface ProofResult {
  readonly file: string;
  readonly title: string;
  readonly seed: number;
  readonly trials: number;
  readonly steps: readonly StepResult[];
}

/** Whether a step lets a command exit 0: it did not fail and was checked (and, when strict, is not only `tested`). */
export const stepPasses = (status: StepStatus, strict = false): boolean => status === 'verified' || (!strict && status === 'tested');

/** Nothing failed or went unchecked (and, when strict, nothing is only `tested`). */
export const allPassed = (r: ProofResult, strict = false): boolean => r.steps.every((s) => stepPasses(s.status, strict));
