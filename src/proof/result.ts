/** What the derivation checker says of each step: the shared vocabulary of verify, walk, latex and html. */

export type StepStatus = 'verified' | 'failed' | 'unchecked';

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

export const allVerified = (r: ProofResult): boolean => r.steps.every((s) => s.status === 'verified');
