import { STATUS_WORD, type StepStatus, countStatuses } from '../proof/result.js';

/**
 * A derivation ready to be typeset: formulas already printed as LaTeX by the IR printer, user prose still raw,
 * statuses exactly as the checker reported them. The LaTeX appendix and the HTML page are both written from this,
 * so they cannot disagree about what was checked.
 */
export interface PresentedProof {
  /** The derivation file it came from (named in the output, and used for anchors and labels). */
  readonly file: string;
  readonly title: string;
  readonly source?: string;
  /** Prose shown above the steps (user text, escaped by the writers). */
  readonly summary?: string;
  /** Declared shapes, e.g. `X ∈ ℝ^{d_0×m}`, or `a ∈ ℝ` for a scalar (no rows and cols): all fields are LaTeX. */
  readonly shapes: readonly PresentedShape[];
  /** Ranges of symbolic sizes and indices, `lo ≤ name ≤ hi`: all three fields are LaTeX. */
  readonly ranges: readonly { readonly name: string; readonly lo: string; readonly hi: string }[];
  readonly hypotheses: readonly PresentedText[];
  /** Abbreviations `name := latex`, both LaTeX. */
  readonly defines: readonly { readonly name: string; readonly latex: string }[];
  readonly steps: readonly PresentedStep[];
  /** Seed of the checker run whose statuses are shown. */
  readonly seed: number;
}

export type PresentedShape =
  | { readonly name: string; readonly rows: string; readonly cols: string }
  | { readonly name: string; readonly rows?: undefined; readonly cols?: undefined };

/** A declared shape as a formula: `X \in \mathbb{R}^{d_{0} \times m}`, or `a \in \mathbb{R}` for a scalar. */
export function shapeLatex(s: PresentedShape): string {
  return s.rows === undefined ? `${s.name} \\in \\mathbb{R}` : `${s.name} \\in \\mathbb{R}^{${s.rows} \\times ${s.cols}}`;
}

/** A hypothesis is either a formula (LaTeX) or prose (user text, escaped by the writers). */
export type PresentedText = { readonly math: string } | { readonly text: string };

export interface PresentedStep {
  /** 1-based position in the derivation file. */
  readonly index: number;
  /** The claim or predicate as LaTeX; a chain `a = b = c` is one formula (the writers break it at its relations). */
  readonly latex: string;
  /** The user's justification (raw text). */
  readonly because?: string;
  readonly status: StepStatus;
  /** How the status was reached, e.g. "randomized exact identity test, 40 trials, error probability ≤ 2⁻⁴⁰" (raw text). */
  readonly note: string;
  /** The checker's methods, the trials it ran and the distinct instance shapes they covered (for evidence tables). */
  readonly methods: readonly string[];
  readonly trials: number;
  readonly shapes: number;
}

/**
 * How much of the checker's evidence a document shows: `full`, a note under every step; `brief`, a mark per step
 * and one closing table per proof (trials, shapes, and each distinct note once); `none`, the mathematics alone, except
 * that a step that is not verified always keeps its mark and its note.
 */
export type EvidenceMode = 'full' | 'brief' | 'none';
export const EVIDENCE_MODES: readonly EvidenceMode[] = ['full', 'brief', 'none'];

/** The distinct notes of a proof's steps, in order of first use, and which note each step has (an index into them). */
export function evidenceNotes(proof: PresentedProof): { readonly notes: readonly string[]; readonly noteOf: readonly number[] } {
  const notes: string[] = [];
  const noteOf = proof.steps.map((s) => {
    const i = notes.indexOf(s.note);
    return i >= 0 ? i : notes.push(s.note) - 1;
  });
  return { notes, noteOf };
}

/** Note labels a, b, …, z, aa, ab, … */
export const noteLabel = (i: number): string => (i < 26 ? String.fromCharCode(97 + i) : noteLabel(Math.floor(i / 26) - 1) + noteLabel(i % 26));

/** A range as a mathematician writes it: `1 \le k \le H+1`, or `H = 2` when it holds one value. */
export const rangeLatex = (r: PresentedProof['ranges'][number]): string => (r.lo === r.hi ? `${r.name} = ${r.lo}` : `${r.lo} \\le ${r.name} \\le ${r.hi}`);

/** A stable identifier for anchors and labels: the file's base name without `.proof.yaml`, e.g. `lemma-4.1`. */
export function proofSlug(proof: PresentedProof): string {
  const base = proof.file.split(/[\\/]/).pop()!.replace(/\.proof\.ya?ml$|\.ya?ml$/, '');
  return base.replace(/[^A-Za-z0-9.-]+/g, '-').replace(/^-+|-+$/g, '') || 'proof';
}

export { STATUS_WORD };

/** The proof's status line, e.g. "Checked by dln with seed 7: 5 of 6 steps verified, 1 not checked." */
export function tally(proof: PresentedProof): string {
  const counts = countStatuses(proof.steps.map((s) => s.status));
  const n = proof.steps.length;
  const parts = [`${counts.verified} of ${n} ${n === 1 ? 'step' : 'steps'} verified`];
  if (counts.tested > 0) parts.push(`${counts.tested} tested on the sizes tried`);
  if (counts.failed > 0) parts.push(`${counts.failed} failed`);
  if (counts.unchecked > 0) parts.push(`${counts.unchecked} not checked`);
  return `Checked by dln with seed ${proof.seed}: ${parts.join(', ')}.`;
}
