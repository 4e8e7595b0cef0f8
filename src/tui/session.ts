import type { ProofDocument } from '../proof/document.js';
import type { StepResult } from '../proof/result.js';

/**
 * What the walkthrough needs from the rest of dln, as interfaces: the UI is written and tested against these,
 * and adapters connect them to the real checker, IR printers and landscape reports.
 * Everything that may load heavy modules or do CPU work is asynchronous, so the first frame can be drawn
 * before the printers and the checker have loaded, and the UI never waits on them.
 */

/** A formula from a derivation file as printed by the IR: Unicode text for the terminal and LaTeX source. */
export interface Presentation {
  readonly text: string;
  readonly latex: string;
}

/** One open derivation file. */
export interface ProofSession {
  readonly doc: ProofDocument;
  /**
   * Prints an expression or predicate of this document (a step's `text` or a `define`'s `expr`).
   * Rejects when the text cannot be parsed; the UI then shows the source text and the reason.
   */
  present(source: string): Promise<Presentation>;
  /**
   * Checks step `step` (1-based) with `seed`. Must not block the event loop for long (the adapter runs the
   * checker in a worker or in chunks). A rejection is shown as "could not check", never as verified.
   */
  check(step: number, seed: number): Promise<StepResult>;
  /** Releases what the session holds (a worker thread); the session is not used afterwards. */
  close(): void;
}

/** The derivation files the picker offers, and how to open one. */
export interface ProofLibrary {
  /** Paths of the derivation files, in display order. */
  listProofs(): readonly string[];
  /** Opens a file; rejects with an InputError when it is missing or malformed. */
  open(path: string): Promise<ProofSession>;
}

/** A candidate point of a network file, or a critical-point family member, as listed by the explorer. */
export interface ExplorerEntry {
  readonly name: string;
  readonly kind: 'point' | 'family';
  /** The expected classification label from the network file, when it gives one. */
  readonly expect?: string;
  readonly description?: string;
}

/** The loss along a certificate's line `t ↦ L(W + tV) − L(W)`, sampled for plotting. */
export interface CertificateLine {
  /** The exact polynomial in `t`, as text (e.g. `-8t³ + 5/2t⁶`). */
  readonly polynomial?: string;
  /** Samples in increasing `t`, `delta = L(W + tV) − L(W)` as float64. */
  readonly samples: readonly { readonly t: number; readonly delta: number }[];
}

/** The check report of one point, reduced to what the explorer shows. Rationals are exact strings ("5/2"). */
export interface PointReport {
  readonly name: string;
  /** A classification label (DESIGN.md): global-min, strict-saddle, bad-saddle, not-critical, … */
  readonly classification: string;
  readonly expect?: string;
  /** Whether the classification matches `expect` and the theorem holds. */
  readonly ok: boolean;
  readonly loss: string;
  readonly lossStar?: string;
  readonly gradient: { readonly zero: boolean; readonly maxAbs: string };
  readonly hypotheses: { readonly holds: boolean; readonly failed: readonly string[] };
  readonly rankC?: number;
  readonly indexSet?: readonly number[];
  readonly hessian?: {
    readonly size: number;
    readonly inertia: { readonly positive: number; readonly negative: number; readonly zero: number };
    /** Float eigenvalues, decreasing, for the spectrum chart; the exact inertia above is the verdict. */
    readonly eigenvalues: readonly number[];
  };
  readonly certificate?: {
    /** One sentence, e.g. "vᵀ∇²L v = -2 < 0 along v". */
    readonly summary: string;
    /** The direction, printed (a vector or the weight matrices). */
    readonly direction?: string;
    readonly line?: CertificateLine;
  };
  readonly theorem?: { readonly agrees: boolean; readonly note: string };
}

/** A network file opened in the point explorer. */
export interface ExplorerSession {
  readonly file: string;
  readonly name: string;
  /** `[d_0 … d_{H+1}]`. */
  readonly widths: readonly number[];
  readonly entries: readonly ExplorerEntry[];
  /** The check report of an entry, by name. */
  report(name: string): Promise<PointReport>;
  close(): void;
}
