import {
  type Claim, type DeferredEquality, InstanceError, type Value, evaluate, failedEquality, firstDifference, toSource,
  toText, valuesEqual,
} from '../expr/index.js';
import { seededRng, type Rng } from '../linalg/random.js';
import { Exact, type Matrix, type Rational, toRows } from '../linalg/index.js';
import * as M from '../linalg/matrix.js';
import { claimDegree } from './degree.js';
import { flatBinding, instanceSizes, NO_SIZES, rangeCombinations, sizeLabel, type InstanceSizes } from './instances.js';
import type { Counterexample, ProofResult, StepResult } from './result.js';
import { Rejected, sample, type Sample } from './samplers.js';
import type { ParsedStep, ProofSetting } from './setting.js';
import { symbolicScalarCheck } from './symbolic.js';

export interface CheckOptions {
  readonly seed: number;
  /** Random instances per step. */
  readonly trials: number;
}

export const DEFAULT_TRIALS = 24;
/** Entries of uniform draws are integers in [−ENTRY_RANGE, ENTRY_RANGE]: |S| = 2·ENTRY_RANGE + 1 in the bound. */
export const ENTRY_RANGE = 1_000_000;
/** Draws allowed per trial before the step is reported unchecked (rejected hypotheses, singular inverses). */
const MAX_DRAWS = 60;

const METHOD_RANDOM = 'randomized exact evaluation on sampled instances';

/** Checks every step; each step's draws depend only on (seed, step), so one step can be re-checked alone. */
export function checkProof(setting: ProofSetting, opts: CheckOptions): ProofResult {
  return {
    file: setting.doc.file,
    title: setting.doc.title,
    seed: opts.seed,
    trials: opts.trials,
    steps: setting.claims.map((_, i) => checkStep(setting, i, opts)),
  };
}

function stepRng(seed: number, step: number): Rng {
  return seededRng((Math.imul(seed >>> 0, 0x9e3779b1) ^ Math.imul(step + 1, 0x85ebca6b)) >>> 0);
}

/**
 * A failed outcome names the adjacent sides that differ (`pair`), for equation chains; `shape` marks a shape
 * error (sides of different shapes, or a product that cannot be formed) rather than different values.
 */
type Outcome = { ok: true } | { ok: false; values: Value<Rational>[]; reason: string; pair?: number; shape?: true };

function evaluateClaim(ps: ParsedStep, sizes: InstanceSizes, s: Sample): Outcome {
  const bad = failedEquality(ps.deferred, sizes.binding);
  if (bad) return shapeFailure(ps, bad, sizes, s);
  const claim: Claim = ps.claim;
  if (claim.kind === 'predicate') {
    const v = evaluate(claim.expr, s.env, Exact);
    if (v.kind !== 'bool') throw new InstanceError(`${toSource(claim.expr)} is not a predicate`);
    return v.value ? { ok: true } : { ok: false, values: [v], reason: 'the predicate is false on this instance' };
  }
  const values = claim.sides.map((e) => evaluate(e, s.env, Exact));
  for (let i = 1; i < values.length; i++)
    if (!valuesEqual(Exact, values[i - 1]!, values[i]!))
      return { ok: false, values, reason: `side ${i} and side ${i + 1} differ on this instance`, pair: i - 1 };
  return { ok: true };
}

/** Where sizes that could not be compared symbolically differ: the sides' shapes, or the operation that fails. */
function shapeFailure(ps: ParsedStep, bad: DeferredEquality, sizes: InstanceSizes, s: Sample): Extract<Outcome, { ok: false }> {
  if (ps.claim.kind === 'equation') {
    try {
      const values = ps.claim.sides.map((e) => evaluate(e, s.env, Exact));
      const dims = values.map((v) => (v.kind === 'matrix' ? `${v.value.rows}×${v.value.cols}` : '1×1'));
      if (new Set(dims).size > 1) return { ok: false, values, reason: `shape error: the sides are ${dims.join(' and ')} on this instance`, shape: true };
    } catch (e) {
      if (!(e instanceof InstanceError)) throw e;
    }
  }
  const here = `${bad.a.toString('source')} = ${bad.a.evaluate(sizes.binding)}, ${bad.b.toString('source')} = ${bad.b.evaluate(sizes.binding)}`;
  return { ok: false, values: [], reason: `shape error on this instance (${here}): ${bad.message}`, shape: true };
}

interface Failure {
  sizes: InstanceSizes;
  sample: Sample;
  outcome: Extract<Outcome, { ok: false }>;
  trial: number;
}

/**
 * Draws an instance for trial t, on trial t's range combination (redrawing sizes and entries, never moving to
 * another combination); undefined when MAX_DRAWS draws were all rejected.
 */
function draw(setting: ProofSetting, combos: Record<string, number>[], t: number, rng: Rng, range: number, why: string[]) {
  for (let attempt = 0; attempt < MAX_DRAWS; attempt++) {
    const sizes = instanceSizes(setting, combos, t + attempt * combos.length, rng);
    if (!sizes) continue;
    try {
      return { sizes, sample: sample(setting, sizes.binding, rng, range) };
    } catch (e) {
      if (e instanceof Rejected || e instanceof InstanceError) {
        why.push(e.message);
        continue;
      }
      throw e;
    }
  }
  return undefined;
}

export function checkStep(setting: ProofSetting, index: number, opts: CheckOptions): StepResult {
  const ps = setting.claims[index]!;
  const rng = stepRng(opts.seed, index);
  const combos = rangeCombinations(setting);
  const shapes = new Map<string, { n: number; degree: number | undefined; uniform: boolean }>();
  const rejections: string[] = [];
  const evaluationErrors: string[] = [];
  // Range combinations tried, and how many of their trials were evaluated: every one tried must be checked.
  const evaluated = new Map<string, number>();
  // The degree bound depends on H and the index values, not on the widths or m: cached on the rest.
  const degrees = new Map<string, number | undefined>();
  let trials = 0;
  let failure: Failure | undefined;
  // a failure ends the trials, except that a claim with size equalities left open goes on looking for a shape
  // error, which explains a value mismatch on the instances where the shapes happen to agree
  const settled = () => failure !== undefined && (failure.outcome.shape === true || ps.deferred.length === 0);
  for (let t = 0; t < opts.trials && !settled(); t++) {
    const comboKey = sizeLabel(combos[t % combos.length]!, setting.usedSizes);
    if (!evaluated.has(comboKey)) evaluated.set(comboKey, 0);
    const d = draw(setting, combos, t, rng, ENTRY_RANGE, rejections);
    if (!d) continue;
    let outcome: Outcome;
    try {
      outcome = evaluateClaim(ps, d.sizes, d.sample);
    } catch (e) {
      if (!(e instanceof InstanceError)) throw e;
      evaluationErrors.push(`${e.message} (${d.sizes.label})`);
      continue;
    }
    trials++;
    evaluated.set(comboKey, evaluated.get(comboKey)! + 1);
    const prev = shapes.get(d.sizes.label);
    const { d: _widths, m: _samples, ...rest } = d.sizes.binding;
    const degreeKey = JSON.stringify(rest);
    if (d.sample.uniform && !degrees.has(degreeKey)) degrees.set(degreeKey, claimDegree(ps.claim, setting.definitions, d.sample.env));
    const degree = d.sample.uniform ? degrees.get(degreeKey) : undefined;
    shapes.set(d.sizes.label, {
      n: (prev?.n ?? 0) + 1,
      degree: prev && prev.degree !== undefined && degree !== undefined ? Math.max(prev.degree, degree) : degree,
      uniform: (prev?.uniform ?? true) && d.sample.uniform,
    });
    if (!outcome.ok && (!failure || outcome.shape)) failure = { sizes: d.sizes, sample: d.sample, outcome, trial: t };
  }
  const methods = [METHOD_RANDOM];
  const instances = [...shapes.keys()];
  const symbolic = symbolicScalarCheck(ps.claim, setting);
  if (symbolic) methods.push(symbolic.method);

  if (failure) {
    const small = shrink(setting, ps, combos, rng, failure);
    return {
      step: ps.step.index,
      status: 'failed',
      methods,
      trials,
      instances,
      counterexample: counterexample(setting, ps, small, opts.seed),
      reason: small.outcome.reason,
    };
  }
  if (symbolic && !symbolic.holds)
    return { step: ps.step.index, status: 'failed', methods, trials, instances, reason: symbolic.detail };
  const missed = [...evaluated].filter(([, n]) => n === 0).map(([combo]) => combo);
  if (missed.length > 0) {
    const last = (list: string[]) => list[list.length - 1];
    const why = evaluationErrors.length
      ? `the claim could not be evaluated (last: ${last(evaluationErrors)})`
      : `no instance satisfying the hypotheses could be drawn${rejections.length ? ` (last: ${last(rejections)})` : ''}`;
    return {
      step: ps.step.index,
      status: 'unchecked',
      methods,
      trials,
      instances,
      reason: missed.length === 1 && missed[0] === NO_SIZES ? why : `for ${missed.join('; ')}, ${why}`,
    };
  }
  const coverage =
    evaluated.size < combos.length ? ` Only ${evaluated.size} of the ${combos.length} index combinations were tried (raise --trials).` : '';
  return {
    step: ps.step.index,
    status: 'verified',
    methods,
    trials,
    instances,
    probabilityBound: bound(shapes, trials) + coverage + (symbolic?.holds ? ` ${symbolic.detail}` : ''),
  };
}

/** The Schwartz–Zippel statement for the trials run, or why none applies. */
function bound(shapes: Map<string, { n: number; degree: number | undefined; uniform: boolean }>, trials: number): string {
  const all = [...shapes.values()];
  const S = 2 * ENTRY_RANGE + 1;
  if (all.every((s) => s.uniform && s.degree !== undefined)) {
    // For a shape on which the identity is false, all n trials pass with probability ≤ (D/|S|)^n.
    const worst = Math.max(...all.map((s) => (s.degree! / S) ** s.n));
    const D = Math.max(...all.map((s) => s.degree!));
    return (
      `Schwartz–Zippel: ${trials} trials on ${all.length} instance shapes, entries uniform in [−${ENTRY_RANGE}, ${ENTRY_RANGE}], ` +
      `degree ≤ ${D}; if the identity failed on any shape tried, passing would have had probability ≤ ${fmt(worst)}.`
    );
  }
  if (all.some((s) => !s.uniform))
    return `${trials} instances drawn from the hypothesis samplers (each re-checked exactly); exact on every instance, no probability bound.`;
  return `${trials} uniform trials; the claim is not a polynomial identity (inverses or predicates), so no Schwartz–Zippel bound is stated.`;
}

const fmt = (p: number) => (p === 0 ? '0' : p < 1e-3 ? p.toExponential(1) : p.toPrecision(2));

/** Re-draws with entries in [−2, 2] on the failing trial's range combination, keeping the smallest failure. */
function shrink(setting: ProofSetting, ps: ParsedStep, combos: Record<string, number>[], rng: Rng, f: Failure): Failure {
  let best = f;
  const size = (x: Failure) => {
    const d = x.sizes.binding.d;
    return (Array.isArray(d) ? d.reduce((a, b) => a + b, 0) : 0) * 1e6 + x.sample.shown.reduce((a, s) => a + entryBits(s.value), 0);
  };
  for (let attempt = 0; attempt < 40; attempt++) {
    const d = draw(setting, combos, best.trial, rng, 2, []);
    if (!d) continue;
    try {
      const outcome = evaluateClaim(ps, d.sizes, d.sample);
      // a smaller failure of the same kind: a shape error is not traded for a value mismatch
      if (!outcome.ok && !!outcome.shape === !!best.outcome.shape) {
        const cand = { sizes: d.sizes, sample: d.sample, outcome, trial: best.trial };
        if (size(cand) < size(best)) best = cand;
      }
    } catch (e) {
      if (!(e instanceof InstanceError)) throw e;
    }
  }
  return best;
}

function entryBits(v: Matrix<Rational> | Rational): number {
  const data = 'data' in v ? v.data : [v];
  return data.reduce((a, q) => a + q.bitSize(), 0);
}

function rowsOf(v: Value<Rational>): string[][] {
  switch (v.kind) {
    case 'matrix':
      return toRows(v.value).map((r) => r.map(String));
    case 'scalar':
      return [[v.value.toString()]];
    case 'bool':
      return [[String(v.value)]];
    case 'space':
      return toRows(v.spanning).map((r) => r.map(String));
  }
}

function counterexample(setting: ProofSetting, ps: ParsedStep, f: Failure, seed: number): Counterexample {
  const sides =
    ps.claim.kind === 'equation'
      ? ps.claim.sides.map((e, i) => ({ text: toText(e), rows: f.outcome.values[i] ? rowsOf(f.outcome.values[i]!) : [] }))
      : [{ text: toText(ps.claim.expr), rows: f.outcome.values[0] ? rowsOf(f.outcome.values[0]!) : [] }];
  const at = f.outcome.pair ?? 0;
  const [a, b] = [f.outcome.values[at], f.outcome.values[at + 1]];
  let firstDiff: Counterexample['firstDifference'];
  if (a?.kind === 'matrix' && b?.kind === 'matrix') {
    const d = firstDifference(Exact, a.value, b.value);
    if (d && d !== 'sizes')
      firstDiff = {
        row: d.row,
        col: d.col,
        left: M.get(a.value, d.row - 1, d.col - 1).toString(),
        right: M.get(b.value, d.row - 1, d.col - 1).toString(),
      };
  }
  return {
    bindings: flatBinding(f.sizes.binding, setting.usedSizes),
    matrices: f.sample.shown.map((s) => ({
      name: s.name,
      rows: 'data' in s.value ? toRows(s.value).map((r) => r.map(String)) : [[s.value.toString()]],
    })),
    sides,
    ...(firstDiff ? { firstDifference: firstDiff } : {}),
    seed,
    trial: f.trial,
  };
}

