import {
  type Claim, type DeferredEquality, type Env, type Expr, InstanceError, type SizeBinding, type Value, children, evaluate, evaluateExactly,
  evaluateAlong, evaluateExactlyAlong, expandDefinitions, freeSizeVars, failedEquality, firstDifference, toSource, toText, valuesEqual,
} from '../expr/index.js';
import { randomIntMatrix, seededRng, type Rng } from '../linalg/random.js';
import {
  Exact, type Field, MAX_POINT_PROBABILITY, type Matrix, type ModularField, PRIMES_IN_RANGE, type Rational, randomModMatrix, toRows, Rational as Q,
} from '../linalg/index.js';
import * as M from '../linalg/matrix.js';
import { claimDegree } from './degree.js';
import { fieldFor, sampleModular } from './field-sample.js';
import { claimHeight } from './height.js';
import {
  LARGE_SIZES, MAX_COMBINATIONS, lateRanges, NO_SIZES, countCombinations, flatBinding, hRange, instanceSizes, lateAssignments, rangeCombinations,
  sizeLabel, type InstanceSizes,
} from './instances.js';
import type { Counterexample, ProofResult, StepResult, StepScope } from './result.js';
import { Rejected, sample, type Sample } from './samplers.js';
import { allSizesPlan, type SizeGrid } from './scope.js';
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
/** Independent draws over F_p at each size combination of the all-sizes check. */
export const FIELD_TRIALS = 2;
/**
 * Index values of ranges that depend on sizes, evaluated per instance (an even spread beyond): all of them on the
 * small sizes (n ≤ 3 gives at most 81 for four indices), a spread on large ones, where each costs as much as a draw.
 */
const MAX_INDEX_VALUES = { small: 81, large: 8 } as const;

const METHOD_RANDOM = 'randomized exact evaluation on sampled instances';
const METHOD_ALONG = 'claimed gradients and Jacobians compared with the exact derivative along a random direction on each instance';
const METHOD_FIELD = 'exact evaluation in a random prime field (of order p, 2³⁰ < p < 2³¹) at the sizes the all-sizes argument requires';

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
type Outcome = { ok: true } | { ok: false; F: Field<unknown>; values: readonly Value<unknown>[]; reason: string; pair?: number; shape?: true };

/** How an instance's sides are evaluated: over the rationals (or the log–exp field), or over a prime field. */
type Sides = (exprs: readonly Expr[]) => { F: Field<unknown>; values: readonly Value<unknown>[] };
const exactly = (env: Env<Rational>): Sides => (exprs) => evaluateExactly(exprs, env);
const over = <T>(F: Field<T>, env: Env<T>): Sides => (exprs) => ({ F: F as Field<unknown>, values: exprs.map((e) => evaluate(e, env, F)) });

function evaluateClaim(ps: ParsedStep, binding: SizeBinding, evaluateSides: Sides): Outcome {
  const bad = failedEquality(ps.deferred, binding);
  if (bad) return shapeFailure(ps, bad, binding, evaluateSides);
  const claim: Claim = ps.claim;
  if (claim.kind === 'predicate') {
    const { F, values: [v] } = evaluateSides([claim.expr]);
    if (v!.kind !== 'bool') throw new InstanceError(`${toSource(claim.expr)} is not a predicate`);
    return v!.value ? { ok: true } : { ok: false, F, values: [v!], reason: 'the predicate is false on this instance' };
  }
  const { F, values } = evaluateSides(claim.sides);
  for (let i = 1; i < values.length; i++)
    if (!valuesEqual(F, values[i - 1]!, values[i]!))
      return { ok: false, F, values, reason: `side ${i} and side ${i + 1} differ on this instance`, pair: i - 1 };
  return { ok: true };
}

/** Where sizes that could not be compared symbolically differ: the sides' shapes, or the operation that fails. */
function shapeFailure(ps: ParsedStep, bad: DeferredEquality, binding: SizeBinding, evaluateSides: Sides): Extract<Outcome, { ok: false }> {
  if (ps.claim.kind === 'equation') {
    try {
      const { F, values } = evaluateSides(ps.claim.sides);
      const dims = values.map((v) => (v.kind === 'matrix' ? `${v.value.rows}×${v.value.cols}` : '1×1'));
      if (new Set(dims).size > 1) return { ok: false, F, values, reason: `shape error: the sides are ${dims.join(' and ')} on this instance`, shape: true };
    } catch (e) {
      if (!(e instanceof InstanceError)) throw e;
    }
  }
  const here = `${bad.a.toString('source')} = ${bad.a.evaluate(binding)}, ${bad.b.toString('source')} = ${bad.b.evaluate(binding)}`;
  return { ok: false, F: Exact as Field<unknown>, values: [], reason: `shape error on this instance (${here}): ${bad.message}`, shape: true };
}

/** How trial t draws: small or large sizes, uniform or special entries. */
interface Style {
  readonly large?: number;
  readonly special: boolean;
}

interface Failure {
  sizes: InstanceSizes;
  sample: Sample;
  outcome: Extract<Outcome, { ok: false }>;
  trial: number;
  style: Style;
}

/**
 * Draws an instance for trial t, on trial t's range combination (redrawing sizes and entries, never moving to
 * another combination); undefined when MAX_DRAWS draws were all rejected.
 */
function draw(setting: ProofSetting, combos: Record<string, number>[], t: number, rng: Rng, range: number, style: Style, why: string[]) {
  for (let attempt = 0; attempt < MAX_DRAWS; attempt++) {
    const sizes = instanceSizes(setting, combos, t + attempt * combos.length, rng, style.large);
    if (!sizes) continue;
    try {
      return { sizes, sample: sample(setting, sizes.binding, rng, range, style.special) };
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

/**
 * The claim on one drawn instance at every value of the size-dependent ranges (sharing one memo of blocks). With
 * `along`, an equation with a gradient or Jacobian side is first compared along random directions (`alongDirection`); only
 * sides that differ there are compared in full, for the counterexample. `alongDegree` in the result: the degree in the
 * drawn directions of the comparisons along them (0: none).
 */
function evaluateAll(setting: ProofSetting, ps: ParsedStep, d: { sizes: InstanceSizes; sample: Sample }, large: boolean, along?: Rng) {
  // a hypothesis that depends on those indices was checked at the drawn values only: evaluate there alone
  const { assignments, total } = hypothesesUseLateRanges(setting)
    ? { assignments: [{}], total: 1 }
    : lateAssignments(setting, d.sizes.binding, MAX_INDEX_VALUES[large ? 'large' : 'small']);
  const memo = new Map<string, Value<Rational>>();
  let alongDegree = 0;
  for (const late of assignments) {
    const binding = { ...d.sizes.binding, ...late };
    const env = { ...d.sample.env, sizes: binding, memo };
    const compared = compareSides(ps, binding, exactly(env), along && exactlyAlong(env, along));
    alongDegree = Math.max(alongDegree, compared.alongDegree);
    const { outcome } = compared;
    if (!outcome.ok) return { outcome, sizes: { binding, label: sizeLabel(binding, setting.usedSizes) }, covered: assignments.length, total, alongDegree };
  }
  return { outcome: { ok: true } as const, sizes: d.sizes, covered: assignments.length, total, alongDegree };
}

/** The sides of an equation paired with random directions (evaluateAlong), over some field. */
type Along = (sides: readonly Expr[]) => { readonly F: Field<unknown>; readonly values: readonly unknown[]; readonly degree: number } | undefined;
/** Over the rationals (or the log–exp field), directions with entries uniform in ±ENTRY_RANGE. */
const exactlyAlong = (env: Env<Rational>, rng: Rng): Along => (sides) =>
  evaluateExactlyAlong(sides, env, (rows, cols) => randomIntMatrix(rng, rows, cols, ENTRY_RANGE));
/** Over a prime field, directions uniform in it. */
const alongOver = (F: ModularField, env: Env<number>, rng: Rng): Along => (sides) => {
  const r = evaluateAlong(sides, env, F, (rows, cols) => randomModMatrix(rng, F.p, rows, cols));
  return r && { F: F as Field<unknown>, ...r };
};

/**
 * An equation with a side grad(f, W) or jacobian(f, x), compared along random directions drawn independently of
 * the instance (evaluateAlong): one dual part instead of a jet of |W| parts. Sides that differ agree there with
 * probability at most degree/|S|. `not-applicable` without such a side, or with sizes left to compare.
 */
function alongDirection(ps: ParsedStep, along: Along): { agree: boolean; degree: number } | 'not-applicable' {
  if (ps.claim.kind !== 'equation' || ps.deferred.length > 0) return 'not-applicable';
  try {
    const r = along(ps.claim.sides);
    if (!r) return 'not-applicable';
    for (let i = 1; i < r.values.length; i++) if (!r.F.eq(r.values[i - 1], r.values[i])) return { agree: false, degree: r.degree };
    return { agree: true, degree: r.degree };
  } catch (e) {
    // what the projection cannot evaluate or decide (a sign of a sum of logarithms) the full comparison says
    if (e instanceof InstanceError) return 'not-applicable';
    throw e;
  }
}

/**
 * The claim compared along random directions when it has a gradient or Jacobian side, in full otherwise or when
 * the sides differ there (for the counterexample); `alongDegree` is the degree of the directions (0: not used).
 */
function compareSides(ps: ParsedStep, binding: SizeBinding, sides: Sides, along: Along | undefined): { outcome: Outcome; alongDegree: number } {
  const projected = along ? alongDirection(ps, along) : 'not-applicable';
  const alongDegree = projected === 'not-applicable' ? 0 : projected.degree;
  if (projected !== 'not-applicable' && projected.agree) return { outcome: { ok: true }, alongDegree };
  const outcome = evaluateClaim(ps, binding, sides);
  if (outcome.ok && projected !== 'not-applicable')
    throw new Error(`internal: the sides of step ${ps.step.index} differ along a direction but agree entrywise`);
  return { outcome, alongDegree };
}

/** The largest integer a claim mentions: a claim about `rank(A) <= 3` needs sizes above 3 to be tested at all. */
function largestConstant(ps: ParsedStep): number {
  const text = ps.step.text.match(/\d+/g) ?? [];
  return Math.max(0, ...text.map(Number).filter((n) => n < 1000));
}

const NETWORK_HYPOTHESES = new Set(['critical', 'psd-hessian', 'data-A']);
const COSTLY_KINDS = new Set(['hess', 'grad', 'jacobian', 'diff', 'det', 'adj', 'log', 'exp', 'sqrt', 'norm', 'elementwise']);

/** Whether a hypothesis mentions an index whose range depends on sizes (definitions expanded). */
function hypothesesUseLateRanges(setting: ProofSetting): boolean {
  const late = new Set(lateRanges(setting).map((r) => r.name));
  if (late.size === 0) return false;
  return setting.hypotheses.some((h) => {
    const exprs = h.kind === 'predicate' ? (h.claim.kind === 'equation' ? h.claim.sides : [h.claim.expr]) : h.kind === 'assign' ? [h.expr] : [];
    return exprs.some((e) => [...freeSizeVars(expandDefinitions(e, setting.definitions))].some((v) => late.has(v)));
  });
}

/** The node kinds of a claim, definitions expanded. */
function claimKinds(ps: ParsedStep, setting: ProofSetting): Set<string> {
  const out = new Set<string>();
  const walk = (e: Expr): void => {
    out.add(e.kind);
    children(e).forEach(walk);
  };
  (ps.claim.kind === 'equation' ? ps.claim.sides : [ps.claim.expr]).forEach((e) => walk(expandDefinitions(e, setting.definitions)));
  return out;
}

export function checkStep(setting: ProofSetting, index: number, opts: CheckOptions): StepResult {
  const ps = setting.claims[index]!;
  const rng = stepRng(opts.seed, index);
  // directions for gradients compared along one (alongDirection): a stream of their own, so the instances drawn
  // are those of a check without them
  const directions = stepRng(opts.seed ^ 0x5f3759df, index);
  /** The largest degree of the random directions gradients were compared along (0: none). */
  let alongDegree = 0;
  const combos = rangeCombinations(setting);
  const plan = allSizesPlan(setting, ps, combos);
  // Steps with an all-sizes argument are tested here on small uniform instances (small counterexamples); the
  // others also on large sizes and special matrices, where claims true only for small or generic matrices fail.
  // Exact critical points, derivatives (a gradient in a 6×6 matrix is a jet of 36 parts), determinants and exact
  // logarithms are costly at large sizes: there, one trial in eight, at the smallest large size. An expectation
  // enumerates 2^(mask entries): no large trials.
  const kinds = claimKinds(ps, setting);
  const costly = setting.hypotheses.some((h) => NETWORK_HYPOTHESES.has(h.kind)) || [...kinds].some((k) => COSTLY_KINDS.has(k));
  const largest = costly ? LARGE_SIZES[0] : Math.min(12, Math.max(LARGE_SIZES[1], largestConstant(ps) + 1));
  const largeTrial = (t: number) => !kinds.has('expect') && (costly ? t % 8 === 7 : t % 4 === 3);
  const styleOf = (t: number): Style =>
    plan.kind === 'all' ? { special: false } : { special: t % 3 !== 0, ...(largeTrial(t) ? { large: largest } : {}) };
  const shapes = new Map<string, { n: number; degree: number | undefined; uniform: boolean }>();
  const rejections: string[] = [];
  const evaluationErrors: string[] = [];
  // Range combinations tried, and how many of their trials were evaluated: every one tried must be checked.
  const evaluated = new Map<string, number>();
  // The degree bound depends on H and the index values, not on the widths or m: cached on the rest.
  const degrees = new Map<string, number | undefined>();
  let trials = 0;
  let maxSize = 0;
  let partialIndices: { covered: number; total: number } | undefined;
  let failure: Failure | undefined;
  // a failure ends the trials, except that a claim with size equalities left open goes on looking for a shape
  // error, which explains a value mismatch on the instances where the shapes happen to agree
  const settled = () => failure !== undefined && (failure.outcome.shape === true || ps.deferred.length === 0);
  for (let t = 0; t < opts.trials && !settled(); t++) {
    const comboKey = sizeLabel(combos[t % combos.length]!, setting.usedSizes);
    if (!evaluated.has(comboKey)) evaluated.set(comboKey, 0);
    // a special draw the claim cannot be evaluated on (a zero divisor, a singular inverse) gives way to a uniform one
    const planned = styleOf(t);
    let style = planned;
    let d: ReturnType<typeof draw>;
    let result: ReturnType<typeof evaluateAll> | undefined;
    for (const s of planned.special ? [planned, { ...planned, special: false }] : [planned]) {
      style = s;
      d = draw(setting, combos, t, rng, ENTRY_RANGE, s, rejections);
      if (!d) continue;
      try {
        result = evaluateAll(setting, ps, d, s.large !== undefined, directions);
        break;
      } catch (e) {
        if (!(e instanceof InstanceError)) throw e;
        evaluationErrors.push(`${e.message} (${d.sizes.label})`);
      }
    }
    if (!d || !result) continue;
    trials++;
    maxSize = Math.max(maxSize, largestSize(d.sizes.binding, setting));
    if (result.covered < result.total) partialIndices = { covered: result.covered, total: result.total };
    evaluated.set(comboKey, evaluated.get(comboKey)! + 1);
    const prev = shapes.get(d.sizes.label);
    const { d: _widths, m: _samples, ...rest } = d.sizes.binding;
    const degreeKey = JSON.stringify(rest);
    if (d.sample.uniform && !degrees.has(degreeKey)) degrees.set(degreeKey, claimDegree(ps.claim, setting.definitions, d.sample.env));
    // a comparison along random directions adds their degree to the Schwartz–Zippel degree
    alongDegree = Math.max(alongDegree, result.alongDegree);
    const D = d.sample.uniform ? degrees.get(degreeKey) : undefined;
    const degree = D === undefined ? undefined : D + result.alongDegree;
    shapes.set(d.sizes.label, {
      n: (prev?.n ?? 0) + 1,
      degree: prev && prev.degree !== undefined && degree !== undefined ? Math.max(prev.degree, degree) : degree,
      uniform: (prev?.uniform ?? true) && d.sample.uniform,
    });
    if (!result.outcome.ok && (!failure || result.outcome.shape)) failure = { sizes: result.sizes, sample: d.sample, outcome: result.outcome, trial: t, style };
  }
  const methods = alongDegree > 0 ? [METHOD_RANDOM, METHOD_ALONG] : [METHOD_RANDOM];
  const instances = [...shapes.keys()];
  const symbolic = symbolicScalarCheck(ps.claim, setting);
  if (symbolic) methods.push(symbolic.method);
  const H = setting.usedSizes.has('H') ? hRange(setting) : null;
  const scopeTried = (why: string): StepScope => ({ sizes: 'tried', maxSize, H, why });

  /** A failed step with its shrunk counterexample. */
  const refuted = (small: Failure, why: string): StepResult => ({
    step: ps.step.index,
    status: 'failed',
    methods,
    trials,
    instances,
    scope: scopeTried(why),
    counterexample: counterexample(setting, ps, small, opts.seed),
    reason: small.outcome.reason,
  });
  if (failure) return refuted(shrink(setting, ps, combos, rng, failure), 'a counterexample was found');
  if (symbolic && !symbolic.holds)
    return { step: ps.step.index, status: 'failed', methods, trials, instances, scope: scopeTried('symbolic expansion refutes it'), reason: symbolic.detail };
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
      scope: scopeTried(why),
      reason: missed.length === 1 && missed[0] === NO_SIZES ? why : `for ${missed.join('; ')}, ${why}`,
    };
  }
  const totalCombos = countCombinations(setting);
  const exactBound = bound(shapes, trials, alongDegree);
  const symbolicNote = symbolic?.holds ? ` ${symbolic.detail}` : '';
  if (plan.kind === 'all' && totalCombos <= MAX_COMBINATIONS) {
    const field = fieldCheck(setting, ps, plan.grids, rng, directions);
    methods.push(METHOD_FIELD);
    if (!field.ok) return refuted(fieldCounterexample(setting, ps, combos, rng, field), `false at ${field.label}, a size the all-sizes argument requires`);
    return {
      step: ps.step.index,
      status: 'verified',
      methods,
      trials,
      instances,
      scope: {
        sizes: 'all',
        maxSize: Math.max(maxSize, field.maxSize),
        H,
        why: `a polynomial identity in the entries: it holds for every size once it holds at the ${field.points} size combination${field.points === 1 ? '' : 's'} evaluated (the diagram argument, docs/verdicts.md)`,
      },
      probabilityBound: `${field.bound} ${exactBound}${symbolicNote}`,
    };
  }
  const coverage: string[] = [];
  const triedCombos = [...evaluated.keys()].length;
  if (triedCombos < totalCombos)
    coverage.push(`only ${triedCombos} of the ${totalCombos >= 1_000_000 ? 'more than a million' : totalCombos} index combinations were tried${totalCombos <= MAX_COMBINATIONS ? ' (raise --trials)' : ''}`);
  if (partialIndices) coverage.push(`index values were sampled (${partialIndices.covered} of ${partialIndices.total} on some instance)`);
  if (trials < opts.trials) coverage.push(`only ${trials} of the ${opts.trials} trials could be drawn${rejections.length ? ` (last rejection: ${rejections[rejections.length - 1]})` : ''}`);
  const why = plan.kind === 'all' ? 'too many index combinations for the all-sizes check' : plan.why;
  return {
    step: ps.step.index,
    status: 'tested',
    methods,
    trials,
    instances,
    scope: scopeTried(coverage.length > 0 ? `${why}; ${coverage.join('; ')}` : why),
    probabilityBound: exactBound + symbolicNote,
  };
}

/** The largest size (width, m, a declared size) of an instance, for the scope statement. */
function largestSize(binding: SizeBinding, setting: ProofSetting): number {
  const names = new Set<string>();
  for (const x of [...setting.symbols, ...setting.families]) for (const dim of x.dims) dim.freeVars(names);
  for (const f of setting.families) names.delete(f.param);
  let out = 0;
  for (const name of names) {
    const v = binding[name];
    if (v !== undefined && name !== 'H') out = Math.max(out, ...(Array.isArray(v) ? v : [v as number]));
  }
  return out;
}

type FieldResult =
  | { ok: true; points: number; maxSize: number; bound: string }
  | { ok: false; binding: SizeBinding; label: string; env: Env<number>; p: number; combo: Readonly<Record<string, number>> };

/**
 * The all-sizes check: FIELD_TRIALS independent draws over F_p, p a random prime, at every size combination the
 * plan requires. A false identity is false as a polynomial at one of these points, with rational coefficients
 * whose integer numerators have at most h bits. It passes there only if p divides all of them (probability at
 * most ⌈h/30⌉ / PRIMES_IN_RANGE) or every draw hits a zero (at most (D · 5/2³²)^FIELD_TRIALS, Schwartz–Zippel).
 */
function fieldCheck(setting: ProofSetting, ps: ParsedStep, grids: readonly SizeGrid[], rng: Rng, directions: Rng): FieldResult {
  const F = fieldFor(setting, ps.claim, rng);
  let points = 0;
  let maxSize = 0;
  let worst = 0;
  let maxDegree = 0;
  let maxHeight = 0;
  for (const g of grids)
    for (const binding of g.points) {
      points++;
      maxSize = Math.max(maxSize, largestSize(binding, setting));
      let bounds: { degree: number | undefined; height: number | undefined } | undefined;
      let alongDegree = 0;
      for (let k = 0; k < FIELD_TRIALS; k++) {
        const env = sampleModular(setting, binding, F, rng);
        const compared = compareSides(ps, binding, over(F, env), alongOver(F, env, directions));
        if (!compared.outcome.ok) return { ok: false, binding, label: sizeLabel(binding, setting.usedSizes), env, p: F.p, combo: g.combo };
        alongDegree = Math.max(alongDegree, compared.alongDegree);
        bounds ??= { degree: claimDegree(ps.claim, setting.definitions, env), height: claimHeight(ps.claim, setting.definitions, env) };
      }
      // a polynomial claim always has these bounds; without them the claim would not be in the plan
      const { degree, height } = bounds!;
      if (degree === undefined || height === undefined)
        throw new Error(`internal: no degree or height bound for a polynomial claim at ${sizeLabel(binding, setting.usedSizes)}`);
      // random directions (compareSides) enter with their own degree; the coefficients are those of the claim
      maxDegree = Math.max(maxDegree, degree + alongDegree);
      maxHeight = Math.max(maxHeight, height);
      worst = Math.max(worst, ((degree + alongDegree) * MAX_POINT_PROBABILITY) ** FIELD_TRIALS + Math.ceil(height / 30) / PRIMES_IN_RANGE);
    }
  return {
    ok: true,
    points,
    maxSize,
    bound:
      `All sizes (Schwartz–Zippel in the prime field of order p = ${F.p}, drawn among the ${PRIMES_IN_RANGE} primes between 2³⁰ and 2³¹): ` +
      `${FIELD_TRIALS} draws at each of ${points} size combination${points === 1 ? '' : 's'} (sizes up to ${maxSize}), degree ≤ ${maxDegree}, ` +
      `coefficients of at most ${maxHeight} bits; had the identity failed for any size, passing would have had probability ≤ ${fmt(worst)}.`,
  };
}

/**
 * A false identity found over F_p: a small exact counterexample, searched from small sizes up to the failing one
 * (small entries first); failing that, the F_p witness itself read as integers, which is a counterexample over ℚ
 * (a rational polynomial non-zero mod p at a point is non-zero there).
 */
function fieldCounterexample(setting: ProofSetting, ps: ParsedStep, combos: Record<string, number>[], rng: Rng, f: Extract<FieldResult, { ok: false }>): Failure {
  const t = combos.findIndex((c) => Object.entries(f.combo).every(([k, v]) => c[k] === v));
  const target = f.binding;
  const atLeast = (k: number): SizeBinding => {
    const out: Record<string, number | readonly number[]> = { ...target };
    for (const [name, v] of Object.entries(target)) {
      if (name in f.combo || name === 'p' || name === 'H') continue;
      out[name] = Array.isArray(v) ? v.map((x: number) => Math.min(x, k)) : Math.min(v as number, k);
    }
    const d = out.d as number[];
    out.p = Math.min(...d.slice(1, (out.H as number) + 1));
    return out;
  };
  const largest = largestSize(target, setting);
  for (let k = 1; k <= largest; k++) {
    const binding = atLeast(k);
    if (failedEquality(ps.deferred, binding)) continue;
    for (const range of [2, 2, 2, 10, ENTRY_RANGE]) {
      try {
        const s = sample(setting, binding, rng, range);
        const outcome = evaluateClaim(ps, binding, exactly(s.env));
        if (!outcome.ok) return { sizes: { binding, label: sizeLabel(binding, setting.usedSizes) }, sample: s, outcome, trial: Math.max(0, t), style: { special: false } };
      } catch (e) {
        if (!(e instanceof InstanceError || e instanceof Rejected)) throw e;
      }
    }
  }
  const lifted = liftSample(setting, f.env, f.p);
  const outcome = evaluateClaim(ps, target, exactly(lifted.env));
  if (outcome.ok) throw new Error('internal: an identity false over F_p holds at the lifted point over ℚ');
  return { sizes: { binding: target, label: f.label }, sample: lifted, outcome, trial: Math.max(0, t), style: { special: false } };
}

/** The F_p instance with entries read as integers in (−p/2, p/2). */
function liftSample(setting: ProofSetting, env: Env<number>, p: number): Sample {
  const lift = (x: number) => Q.fromInt(x > p / 2 ? x - p : x);
  const conv = (A: Matrix<number>) => M.convert(A, lift);
  const symbols = Object.fromEntries(Object.entries(env.symbols ?? {}).map(([k, A]) => [k, conv(A)]));
  const scalars = Object.fromEntries(Object.entries(env.scalars ?? {}).map(([k, x]) => [k, lift(x)]));
  const families = Object.fromEntries(Object.entries(env.families ?? {}).map(([k, list]) => [k, list.map(conv)]));
  const dirs = Object.fromEntries(Object.entries(env.directions?.families ?? {}).map(([k, list]) => [k, list.map(conv)]));
  const symbolDirs = Object.fromEntries(Object.entries(env.directions?.symbols ?? {}).map(([k, A]) => [k, conv(A)]));
  const exactEnv: Env<Rational> = {
    sizes: env.sizes, symbols, scalars, families, directions: { families: dirs, symbols: symbolDirs }, definitions: setting.definitions, context: setting.context,
  };
  const shown = [
    ...Object.entries(symbols).map(([name, value]) => ({ name, value })),
    ...Object.entries(scalars).map(([name, value]) => ({ name, value })),
    ...Object.entries(families).flatMap(([name, list]) => list.map((value, i) => ({ name: `${name}[${i + 1}]`, value }))),
    ...Object.entries(dirs).flatMap(([name, list]) => list.map((value, i) => ({ name: `d${name}[${i + 1}]`, value }))),
    ...Object.entries(symbolDirs).map(([name, value]) => ({ name: `d${name}`, value })),
  ];
  return { env: exactEnv, shown, uniform: true };
}

/** The Schwartz–Zippel statement for the exact trials run, or why none applies. */
function bound(shapes: Map<string, { n: number; degree: number | undefined; uniform: boolean }>, trials: number, alongDegree: number): string {
  const all = [...shapes.values()];
  const S = 2 * ENTRY_RANGE + 1;
  if (all.length > 0 && all.every((s) => s.uniform && s.degree !== undefined)) {
    // For a shape on which the identity is false, all n trials pass with probability ≤ (D/|S|)^n.
    const worst = Math.max(...all.map((s) => (s.degree! / S) ** s.n));
    const D = Math.max(...all.map((s) => s.degree!));
    return (
      `Sizes tried (Schwartz–Zippel): ${trials} exact trials on ${all.length} instance shapes, entries uniform in [−${ENTRY_RANGE}, ${ENTRY_RANGE}], ` +
      `degree ≤ ${D}; if the identity failed on any shape tried, passing would have had probability ≤ ${fmt(worst)}.`
    );
  }
  // without a bound over the instances, what comparing along directions risks on each one
  const along = alongDegree > 0
    ? ` On each instance a wrong gradient or Jacobian agreed along the random direction with probability ≤ ${fmt(alongDegree / S)}.`
    : '';
  if (all.some((s) => !s.uniform))
    return `${trials} instances, among them special matrices and instances drawn from the hypothesis samplers (each re-checked exactly); exact arithmetic on every instance, no probability bound.${along}`;
  return `${trials} uniform trials; the claim is not a polynomial identity (inverses or predicates), so no Schwartz–Zippel bound is stated.${along}`;
}

const fmt = (p: number) => (p === 0 ? '0' : p < 1e-3 ? p.toExponential(1) : p.toPrecision(2));

/** Re-draws with entries in [−2, 2] on the failing trial's range combination, keeping the smallest failure. */
function shrink(setting: ProofSetting, ps: ParsedStep, combos: Record<string, number>[], rng: Rng, f: Failure): Failure {
  let best = f;
  const size = (x: Failure) => {
    const d = x.sizes.binding.d;
    const total = (Array.isArray(d) ? d.reduce((a, b) => a + b, 0) : 0) + largestSize(x.sizes.binding, setting);
    return total * 1e6 + x.sample.shown.reduce((a, s) => a + entryBits(s.value), 0);
  };
  for (let attempt = 0; attempt < 40; attempt++) {
    // small sizes first, then the failing style (large sizes, special matrices) with small entries
    const style: Style = attempt % 2 === 0 ? { special: f.style.special } : f.style;
    const d = draw(setting, combos, best.trial, rng, 2, style, []);
    if (!d) continue;
    try {
      const r = evaluateAll(setting, ps, d, style.large !== undefined);
      // a smaller failure of the same kind: a shape error is not traded for a value mismatch
      if (!r.outcome.ok && !!r.outcome.shape === !!best.outcome.shape) {
        const cand = { sizes: r.sizes, sample: d.sample, outcome: r.outcome, trial: best.trial, style };
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

function rowsOf(F: Field<unknown>, v: Value<unknown>): string[][] {
  switch (v.kind) {
    case 'matrix':
      return toRows(v.value).map((r) => r.map((x) => F.toString(x)));
    case 'scalar':
      return [[F.toString(v.value)]];
    case 'bool':
      return [[String(v.value)]];
    case 'space':
      return toRows(v.spanning).map((r) => r.map((x) => F.toString(x)));
  }
}

function counterexample(setting: ProofSetting, ps: ParsedStep, f: Failure, seed: number): Counterexample {
  const sides =
    ps.claim.kind === 'equation'
      ? ps.claim.sides.map((e, i) => ({ text: toText(e), rows: f.outcome.values[i] ? rowsOf(f.outcome.F, f.outcome.values[i]!) : [] }))
      : [{ text: toText(ps.claim.expr), rows: f.outcome.values[0] ? rowsOf(f.outcome.F, f.outcome.values[0]!) : [] }];
  const at = f.outcome.pair ?? 0;
  const [a, b] = [f.outcome.values[at], f.outcome.values[at + 1]];
  let firstDiff: Counterexample['firstDifference'];
  if (a?.kind === 'matrix' && b?.kind === 'matrix') {
    const d = firstDifference(f.outcome.F, a.value, b.value);
    if (d && d !== 'sizes')
      firstDiff = {
        row: d.row,
        col: d.col,
        left: f.outcome.F.toString(M.get(a.value, d.row - 1, d.col - 1)),
        right: f.outcome.F.toString(M.get(b.value, d.row - 1, d.col - 1)),
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

