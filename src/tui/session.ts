import type { Label } from '../landscape/network.js';
import type { MonteCarloReport } from '../landscape/nonlinear/monte-carlo.js';
import type { PointReport, WeightsJson } from '../landscape/report.js';
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
   * Builds what checking needs (parses and shape-checks every formula and hypothesis); rejects with an
   * InputError naming the file and line when one is malformed.
   */
  validate(): Promise<void>;
  /**
   * Prints an expression or predicate of this document: a step's `text`, a `define`'s `expr` or its name.
   * Rejects when the text cannot be parsed; the UI then shows the source text and the reason.
   */
  present(source: string): Promise<Presentation>;
  /**
   * Checks step `step` (1-based) with `seed`; `onStart` is called when the checker begins it (checks queue up
   * behind each other). Must not block the event loop for long (the adapter runs the checker in worker threads).
   * A rejection is shown as "could not check", never as verified.
   */
  check(step: number, seed: number, onStart?: () => void): Promise<StepResult>;
  /** Drops every check asked for so far that has not started (they reject with a CancelledCheck). */
  cancelPending(): void;
  /** Releases what the session holds (a worker thread); the session is not used afterwards. */
  close(): void;
}

/**
 * What checks a derivation, synchronously: it runs in worker threads (proof-worker.ts), so the UI thread neither
 * loads the checker nor waits for it. A module given to the workers exports one of these as `engine`.
 */
export interface ProofEngine {
  validate(doc: ProofDocument): void;
  check(doc: ProofDocument, step: number, seed: number): StepResult;
}

/** The rejection of a check dropped by `cancelPending` before it started. */
export class CancelledCheck extends Error {
  constructor() {
    super('the check was cancelled');
    this.name = 'CancelledCheck';
  }
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
  /** Unique within the session (a family member may share a point's name). */
  readonly key: string;
  readonly name: string;
  readonly kind: 'point' | 'family';
  /** The expected classification from the network file, when it gives one. */
  readonly expect?: Label;
}

/** What the explorer shows of one point: the check report (`dln check`), its weights, the spectrum for the chart. */
export interface PointView {
  readonly report: PointReport;
  /** `W_1 … W_{H+1}` as rows of exact entries ("-3/4"). */
  readonly weights: WeightsJson;
  /** Every Hessian eigenvalue as float64, decreasing (empty when the report has no Hessian). The chart is a
   *  picture: the report's exact inertia is the verdict. */
  readonly eigenvalues: readonly number[];
  /** For a network file with the paper's path model: the Monte Carlo estimate of E_Z[Ŷ] against N. */
  readonly monteCarlo?: MonteCarloReport;
}

/** A network file opened in the point explorer. */
export interface ExplorerSession {
  readonly file: string;
  readonly name: string;
  /** Seed of the critical-point families' random invertible maps (`dln critical --seed`). */
  readonly seed: number;
  /** `[d_0 … d_{H+1}]`. */
  readonly widths: readonly number[];
  readonly entries: readonly ExplorerEntry[];
  /** The check report of an entry, by key. */
  report(key: string): Promise<PointView>;
  close(): void;
}
