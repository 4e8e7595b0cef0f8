import type { Matrix, Rational } from '../linalg/index.js';
import { randomIntMatrix, seededRng, type Rng } from '../linalg/random.js';
import { internalErrors, type CheckMode } from './check.js';
import { criticalReport, type CriticalReport, type FamilyReport } from './critical.js';
import type { FamilyKind } from './families.js';
import type { HypothesisPart } from './hypotheses.js';
import { LABELS, type Label } from './network.js';
import { parameterCount } from './params.js';
import { structuredData } from './random.js';

/**
 * `dln sweep`: Theorem 2.3 and Corollary 2.4 tested on random instances. Each instance draws data, builds the
 * exact critical-point families (families.ts) and classifies every point (classify.ts, through criticalReport);
 * the sweep only tallies the labels and checks the theorem's claims on the tally.
 */

/** `structured`: Σ with rational eigenvalues and eigenvectors (every index set reachable); `random`: integer entries. */
export type SweepDataKind = 'structured' | 'random';
export const SWEEP_DATA_KINDS: readonly SweepDataKind[] = ['structured', 'random'];

export const SWEEP_LIMITS = {
  maxInstances: 1000,
  /**
   * d_0 and d_{H+1}: exact data this wide carry large denominators and up to 64 index sets per instance
   * (widths [12,2,12] take about 10 s per instance).
   */
  maxDataWidth: 16,
} as const;

export interface SweepOptions {
  readonly widths: readonly number[];
  readonly instances: number;
  /** Instance i draws everything from seededRng(seed + i), so `seed + i` with one instance reproduces it. */
  readonly seed: number;
  readonly mode: CheckMode;
  readonly data: SweepDataKind;
  /** `nonlinear`: Section 3's path model (nonlinear/sweep.ts), tallied against Corollary 3.2. */
  readonly model?: 'linear' | 'nonlinear';
}

/** Counts for one family kind and label, split by rank(W_H⋯W_2) = p or < p (H = 1: W_H⋯W_2 = I, always = p). */
export interface SweepRow {
  readonly family: FamilyKind;
  readonly label: Label;
  readonly rankP: number;
  readonly rankBelowP: number;
  readonly total: number;
}

export type CheckStatus = 'confirmed' | 'unconfirmed' | 'violated' | 'not-applicable';

export interface SweepCheck {
  readonly status: CheckStatus;
  /** One line saying what was found. */
  readonly text: string;
}

/** A point that contradicts the theorem (under (A)) or its own construction (any data). */
export interface SweepViolation {
  readonly instance: number;
  readonly seed: number;
  readonly point: string;
  readonly family: FamilyKind;
  readonly classification: Label;
  readonly expected: Label | null;
  readonly note: string;
}

export interface SweepInstance {
  readonly index: number;
  readonly seed: number;
  readonly hypothesesHold: boolean;
  readonly failed: HypothesisPart[];
  readonly points: number;
  readonly skippedIndexSets: number;
  readonly truncatedIndexSets: number;
  readonly violations: number;
}

export interface SweepReport {
  readonly widths: readonly number[];
  readonly H: number;
  readonly p: number;
  readonly parameters: number;
  readonly mode: CheckMode;
  readonly data: SweepDataKind;
  readonly seed: number;
  readonly instances: SweepInstance[];
  /** Points generated over all instances (= the sum of both tables). */
  readonly points: number;
  readonly skippedIndexSets: number;
  readonly truncatedIndexSets: number;
  /** Where (A) holds: the counts that test the theorem. */
  readonly table: SweepRow[];
  /** Where (A) fails: reported, not tested (the theorem does not apply). */
  readonly tableWithoutA: SweepRow[];
  /** (A) fails: how many instances, and how often each part fails. */
  readonly withoutA: { readonly instances: number; readonly parts: Partial<Record<HypothesisPart, number>> };
  readonly checks: {
    /**
     * Theorem 2.3 (ii): every PSD non-global critical point has an exact escape (a decreasing line or curve), so it
     * is no local minimum; `theoremOnly` counts those without one (a failure to certify).
     */
    readonly localMinimaGlobal: SweepCheck & {
      readonly psdNonGlobal: number;
      readonly decreasingLine: number;
      readonly decreasingCurve: number;
      readonly theoremOnly: number;
    };
    /** Theorem 2.3 (iv): every bad saddle has H ≥ 2 and rank(W_H⋯W_2) < p. */
    readonly badSaddlesRankDeficient: SweepCheck & { readonly badSaddles: number; readonly offending: number };
    /** Corollary 2.4: no bad saddle for H = 1; for H ≥ 2 bad saddles exist. */
    readonly corollary24: SweepCheck & { readonly badSaddles: number };
  };
  readonly violations: SweepViolation[];
  /** Bugs: points whose classification threw, or whose two classifiers disagree (exit 3). */
  readonly internalErrors: { readonly instance: number; readonly seed: number; readonly message: string }[];
  readonly ok: boolean;
}

/** One instance's data: d_0 × m and d_{H+1} × m with m = d_0 + 1 (a non-zero residual is possible). */
export function drawData(kind: SweepDataKind, rng: Rng, dx: number, dy: number): { X: Matrix<Rational>; Y: Matrix<Rational> } {
  const m = dx + 1;
  if (kind === 'structured') return structuredData(rng, dx, dy, m);
  return { X: randomIntMatrix(rng, dx, m, 3), Y: randomIntMatrix(rng, dy, m, 3) };
}

const FAMILY_ORDER: readonly FamilyKind[] = ['index-set', 'zero', 'zero-layers'];

/** Counts per family kind and label, split by the middle rank. */
class LabelCounts {
  private readonly counts = new Map<string, { rankP: number; rankBelowP: number }>();
  add(p: FamilyReport): void {
    const key = `${p.family}|${p.classification}`;
    const c = this.counts.get(key) ?? { rankP: 0, rankBelowP: 0 };
    if (p.rankMiddle === p.p) c.rankP++;
    else c.rankBelowP++;
    this.counts.set(key, c);
  }
  rows(): SweepRow[] {
    const rows: SweepRow[] = [];
    for (const family of FAMILY_ORDER)
      for (const label of LABELS) {
        const c = this.counts.get(`${family}|${label}`);
        if (c) rows.push({ family, label, ...c, total: c.rankP + c.rankBelowP });
      }
    return rows;
  }
}

/**
 * Accumulates classified instances into a sweep report. Kept apart from drawing and classifying so the
 * verdict is a function of the reports alone (and can be tested on reports with a planted violation).
 */
export class SweepTally {
  private readonly H: number;
  private readonly p: number;
  private readonly underA = new LabelCounts();
  private readonly notA = new LabelCounts();
  private readonly instances: SweepInstance[] = [];
  private readonly violations: SweepViolation[] = [];
  private readonly internalErrors: SweepReport['internalErrors'][number][] = [];
  private readonly parts: Partial<Record<HypothesisPart, number>> = {};
  private points = 0;
  private skippedIndexSets = 0;
  private truncatedIndexSets = 0;
  private psdNonGlobal = 0;
  private decreasingLine = 0;
  private decreasingCurve = 0;
  private badSaddles = 0;
  /** Bad saddles with an exact escape certificate. */
  private certifiedBadSaddles = 0;
  private offending = 0;

  constructor(private readonly options: SweepOptions) {
    this.H = options.widths.length - 2;
    this.p = Math.min(...options.widths.slice(1, this.H + 1));
  }

  add(index: number, seed: number, report: CriticalReport): void {
    const A = report.network.hypotheses.holds;
    const found: SweepViolation[] = [];
    for (const pt of report.points) {
      (A ? this.underA : this.notA).add(pt);
      // Construction promises (zero gradient, loss, I) hold for any data; the theorem's labels only under (A).
      const broken = A ? !pt.ok : !pt.predictionsHold;
      // Checked here as well as by the classifier's own cross-check, so the verdict does not rest on it alone.
      const offends = A && pt.classification === 'bad-saddle' && (this.H === 1 || pt.rankMiddle === this.p);
      if (broken || offends) found.push(violation(index, seed, pt));
      if (!A) continue;
      const psd = pt.hessian !== undefined && pt.hessian.inertia.negative === 0;
      if (pt.gradient.zero && psd && pt.classification !== 'global-min') {
        this.psdNonGlobal++;
        if (pt.certificate?.kind === 'decreasing-line') this.decreasingLine++;
        if (pt.certificate?.kind === 'decreasing-curve') this.decreasingCurve++;
      }
      if (pt.classification === 'bad-saddle') {
        this.badSaddles++;
        if (pt.certificate?.kind === 'decreasing-line' || pt.certificate?.kind === 'decreasing-curve') this.certifiedBadSaddles++;
      }
      if (offends) this.offending++;
    }
    if (!A) for (const f of report.network.hypotheses.failed) this.parts[f.part] = (this.parts[f.part] ?? 0) + 1;
    this.violations.push(...found);
    for (const message of internalErrors(report)) this.internalErrors.push({ instance: index, seed, message });
    this.points += report.points.length;
    this.skippedIndexSets += report.skipped.length;
    this.truncatedIndexSets += report.truncated;
    this.instances.push({
      index,
      seed,
      hypothesesHold: A,
      failed: report.network.hypotheses.failed.map((f) => f.part),
      points: report.points.length,
      skippedIndexSets: report.skipped.length,
      truncatedIndexSets: report.truncated,
      violations: found.length,
    });
  }

  report(): SweepReport {
    const { H, p, psdNonGlobal, decreasingLine, decreasingCurve, badSaddles, offending } = this;
    const theoremOnly = psdNonGlobal - decreasingLine - decreasingCurve;
    const withA = this.instances.filter((i) => i.hypothesesHold).length;
    const none = withA === 0;
    return {
      widths: this.options.widths,
      H,
      p,
      parameters: parameterCount(this.options.widths),
      mode: this.options.mode,
      data: this.options.data,
      seed: this.options.seed,
      instances: this.instances,
      points: this.points,
      skippedIndexSets: this.skippedIndexSets,
      truncatedIndexSets: this.truncatedIndexSets,
      table: this.underA.rows(),
      tableWithoutA: this.notA.rows(),
      withoutA: { instances: this.instances.length - withA, parts: this.parts },
      checks: {
        localMinimaGlobal: {
          status: none ? 'not-applicable' : theoremOnly > 0 ? 'unconfirmed' : 'confirmed',
          text: none
            ? 'no instance satisfies (A)'
            : psdNonGlobal === 0
              ? 'every point with a PSD Hessian is a global minimum'
              : `${psdNonGlobal} non-global points with a PSD Hessian: ${decreasingLine + decreasingCurve} with an exact escape ` +
                `(${decreasingLine} lines, ${decreasingCurve} curves: not local minima)` +
                (theoremOnly ? `, ${theoremOnly} without one (undetermined: dln failed to certify them)` : ''),
          psdNonGlobal,
          decreasingLine,
          decreasingCurve,
          theoremOnly,
        },
        badSaddlesRankDeficient: {
          status: none ? 'not-applicable' : offending > 0 ? 'violated' : 'confirmed',
          text: none
            ? 'no instance satisfies (A)'
            : offending > 0
              ? `${offending} of ${badSaddles} bad saddles have ${H === 1 ? 'H = 1' : `rank(W_H⋯W_2) = p = ${p}`}`
              : badSaddles === 0
                ? 'no bad saddle found'
                : `${badSaddles} bad saddles, none with rank(W_H⋯W_2) = p`,
          badSaddles,
          offending,
        },
        corollary24: corollary24(H, none, badSaddles, this.certifiedBadSaddles),
      },
      violations: this.violations,
      internalErrors: this.internalErrors,
      ok: this.violations.length === 0 && this.internalErrors.length === 0,
    };
  }
}

/** Draws and classifies `options.instances` instances; `onInstance` is told after each one. */
export function sweep(options: SweepOptions, onInstance?: (done: number) => void): SweepReport {
  const { widths } = options;
  const tally = new SweepTally(options);
  for (let index = 0; index < options.instances; index++) {
    const seed = options.seed + index;
    const rng = seededRng(seed);
    const { X, Y } = drawData(options.data, rng, widths[0]!, widths[widths.length - 1]!);
    tally.add(index, seed, criticalReport({ name: `instance ${index}`, widths: [...widths], X, Y, points: [] }, options.mode, rng));
    onInstance?.(index + 1);
  }
  return tally.report();
}

function corollary24(H: number, none: boolean, badSaddles: number, certified: number): SweepReport['checks']['corollary24'] {
  if (none) return { status: 'not-applicable', text: 'no instance satisfies (A)', badSaddles };
  if (H === 1)
    return badSaddles === 0
      ? { status: 'confirmed', text: 'H = 1: no bad saddle', badSaddles }
      : { status: 'violated', text: `H = 1: ${badSaddles} bad saddles`, badSaddles };
  if (certified > 0) return { status: 'confirmed', text: `H = ${H}: bad saddles exist (${badSaddles} found, ${certified} with an exact escape)`, badSaddles };
  return { status: 'unconfirmed', text: `H = ${H}: no bad saddle with an exact escape found`, badSaddles };
}

function violation(instance: number, seed: number, pt: FamilyReport): SweepViolation {
  const note = !pt.predictionsHold
    ? 'the construction failed: gradient, loss or I differ from the prediction'
    : !pt.theorem.agrees
      ? pt.theorem.note
      : pt.expect !== null && pt.expect !== pt.classification
        ? `predicted ${pt.expect} (${pt.predicted.because}), found ${pt.classification}: ${pt.reason}`
        : `a bad saddle with ${pt.rankMiddle === pt.p ? `rank(W_H⋯W_2) = p = ${pt.p}` : 'H = 1'} contradicts Theorem 2.3 (iv) / Corollary 2.4: ${pt.reason}`;
  return { instance, seed, point: pt.name, family: pt.family, classification: pt.classification, expected: pt.expect, note };
}
