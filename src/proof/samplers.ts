import { InputError } from '../errors.js';
import { type Env, InstanceError, evaluateExactly, evaluateMatrix, valuesEqual } from '../expr/index.js';
import { analyzeData } from '../landscape/data.js';
import { gradient, hessian, hessianFloat64, toFloat } from '../landscape/derivatives.js';
import { moveAlongFreeTerms } from '../landscape/critical-moves.js';
import { criticalFamilies } from '../landscape/families.js';
import { shuffled, structuredData } from '../landscape/random.js';
import { type Rng, randomInt, randomIntMatrix } from '../linalg/random.js';
import { Exact, Rational, type Matrix, inertia, isZeroMatrix, symmetricEigenvalues, zeros } from '../linalg/index.js';
import type { Hypothesis, ProofSetting } from './setting.js';
import { specialDrawer, specialScalar } from './special.js';

/** One sampled instance: the evaluation environment and the matrices to show in a counterexample. */
export interface Sample {
  readonly env: Env<Rational>;
  readonly shown: readonly { readonly name: string; readonly value: Matrix<Rational> | Rational }[];
  /** True when entries were drawn independently and uniformly (so the Schwartz–Zippel bound applies). */
  readonly uniform: boolean;
}

/** Why a draw was rejected; the caller draws again (with new sizes) a bounded number of times. */
export class Rejected extends Error {}

/**
 * Draws an instance of the setting on the given sizes: independent uniform entries in [−range, range] (or, with
 * `special`, zero, identity, low-rank and small-entry matrices, on which non-polynomial claims fail), then the
 * hypotheses applied in a fixed order, each re-checked exactly on the result (a hypothesis that does not hold is a
 * Rejected draw, never used).
 */
export function sample(setting: ProofSetting, sizes: Env<Rational>['sizes'], rng: Rng, range: number, special = false): Sample {
  const ev = (s: { evaluate(b: typeof sizes): number }, extra?: Record<string, number>) => {
    const n = s.evaluate(extra ? { ...sizes, ...extra } : sizes);
    if (n < 0) throw new Rejected(`a declared size is ${n} < 0 on these sizes`);
    return n;
  };
  const H = sizes.H as number;
  const symbols: Record<string, Matrix<Rational>> = {};
  const scalars: Record<string, Rational> = {};
  const specialDraw = special ? specialDrawer(rng) : undefined;
  const draw = (rows: number, cols: number) => specialDraw?.(rows, cols) ?? randomIntMatrix(rng, rows, cols, range);
  for (const s of setting.symbols) {
    if (s.dims.length === 0) scalars[s.name] = special ? specialScalar(rng) : Rational.fromInt(randomInt(rng, -range, range));
    else symbols[s.name] = draw(ev(s.dims[0]!), ev(s.dims[1]!));
  }
  const families: Record<string, Matrix<Rational>[]> = {};
  for (const f of setting.families)
    families[f.name] = Array.from({ length: H + 1 }, (_, i) => draw(ev(f.dims[0]!, { [f.param]: i + 1 }), ev(f.dims[1]!, { [f.param]: i + 1 })));
  // Directions for differentials d(…): dW_k for every family member, drawn like the members themselves.
  // Declared matrices such as X and Y are data, held fixed.
  const directions = {
    families: Object.fromEntries(
      Object.entries(families).map(([k, list]) => [k, list.map((M) => randomIntMatrix(rng, M.rows, M.cols, range))]),
    ),
    // declared matrices listed in `vary:` move too
    symbols: Object.fromEntries(setting.varied.map((k) => [k, randomIntMatrix(rng, symbols[k]!.rows, symbols[k]!.cols, range)])),
  };
  let uniform = !special;
  const env = (): Env<Rational> => ({
    sizes, symbols, scalars, families, definitions: setting.definitions, directions, context: setting.context,
  });
  const network = (h: Hypothesis) => {
    if (!symbols.X || !symbols.Y || !families.W)
      throw new InputError(setting.doc.file, `hypothesis '${h.text}' needs X, Y and W[k] declared in given.shapes`);
    return { X: symbols.X, Y: symbols.Y, W: families.W };
  };
  const widths = () => (sizes.d as number[]).slice(0, H + 2);

  // Hypotheses act in a fixed order whatever the file's order — data, then weights, then conditions — and every
  // one is re-checked exactly on the final instance, so none can undo another unnoticed.
  const has = (kind: Hypothesis['kind']) => setting.hypotheses.find((h) => h.kind === kind);
  const zeroed = setting.hypotheses.filter((h): h is Extract<Hypothesis, { kind: 'zero' }> => h.kind === 'zero');
  const zeroLayers = (family: string, count: number) =>
    zeroed.filter((h) => h.family === family).flatMap((h) => (h.index ? [ev(h.index) - 1] : Array.from({ length: count }, (_, i) => i)));
  const dataA = has('data-A');
  if (dataA) {
    const { X, Y } = network(dataA);
    const [dx, dy, m] = [X.rows, Y.rows, X.cols];
    if (dy > dx || dx > m) throw new Rejected(`(A) needs d_y ≤ d_x ≤ m`);
    Object.assign(symbols, structuredData(rng, dx, dy, m));
    uniform = false;
  }
  const critical = has('psd-hessian') ?? has('critical');
  if (critical) {
    const { X, Y } = network(critical);
    if (!dataA && X.rows <= X.cols && rng() < 0.75) Object.assign(symbols, structuredData(rng, X.rows, Y.rows, X.cols));
    const { points } = criticalFamilies(symbols.X!, symbols.Y!, widths(), rng, { maxIndexSets: 16 });
    // A random point of the families with the required zero layers (and a PSD Hessian, for psd-hessian), usually
    // moved along Lemma 4.2's free terms of the other layers, which leave the families.
    const zeros = zeroLayers('W', H + 1);
    const candidates = shuffled(rng, points.length).filter((i) =>
      zeros.every((k) => k >= 0 && k < points[i]!.W.length && isZeroMatrix(Exact, points[i]!.W[k]!)),
    );
    const movable = shuffled(rng, H + 1).filter((k) => !zeros.includes(k)).map((k) => k + 1);
    const moved = (W: Matrix<Rational>[]) => (rng() < 0.25 ? W : moveAlongFreeTerms(rng, symbols.X!, symbols.Y!, W, movable));
    const acceptable = (W: Matrix<Rational>[]) => critical.kind !== 'psd-hessian' || likelyPsdHessian(symbols.X!, symbols.Y!, W);
    let chosen: Matrix<Rational>[] | undefined;
    for (const i of candidates) {
      const W = [moved(points[i]!.W), points[i]!.W].find(acceptable);
      if (W) {
        chosen = W;
        break;
      }
    }
    if (!chosen) throw new Rejected(`no critical point${critical.kind === 'psd-hessian' ? ' with a PSD Hessian' : ''} of the required form on these sizes`);
    families.W = chosen;
    uniform = false;
  }
  for (const h of zeroed) {
    const fam = families[h.family]!;
    for (const i of zeroLayers(h.family, fam.length)) {
      if (i < 0 || i >= fam.length) throw new Rejected(`${h.text}: index out of range`);
      if (!critical || h.family !== 'W') fam[i] = zeros(Exact, fam[i]!.rows, fam[i]!.cols);
    }
    uniform = false;
  }
  // constructions U := f(…), in file order (each may use the ones before it)
  for (const h of setting.hypotheses) {
    if (h.kind !== 'assign') continue;
    const target = symbols[h.name]!;
    const value = evaluateMatrix(h.expr, env(), Exact);
    if (value.rows !== target.rows || value.cols !== target.cols)
      throw new Rejected(`${h.text}: the value is ${value.rows}×${value.cols}, ${h.name} is ${target.rows}×${target.cols}`);
    symbols[h.name] = value;
    uniform = false;
  }
  const e = env();
  for (const h of setting.hypotheses) {
    switch (h.kind) {
      case 'data-A':
        if (!analyzeData(symbols.X!, symbols.Y!, widths()).hypotheses.holds) throw new Rejected('(A) does not hold');
        break;
      case 'critical':
        if (!gradient(Exact, symbols.X!, symbols.Y!, families.W!).every((G) => isZeroMatrix(Exact, G)))
          throw new Error('internal: a drawn critical point has a non-zero gradient');
        break;
      case 'psd-hessian':
        if (
          !gradient(Exact, symbols.X!, symbols.Y!, families.W!).every((G) => isZeroMatrix(Exact, G)) ||
          !(provenPsd.has(families.W!) || psdHessian(symbols.X!, symbols.Y!, families.W!))
        )
          throw new Error('internal: a drawn point is not critical with a PSD Hessian');
        break;
      case 'zero':
        if (!zeroLayers(h.family, families[h.family]!.length).every((i) => isZeroMatrix(Exact, families[h.family]![i]!)))
          throw new Error(`internal: ${h.text} does not hold on a drawn instance`);
        break;
      case 'predicate':
        if (!claimHolds(h.claim, e)) throw new Rejected(`${h.text} does not hold`);
        uniform = false;
        break;
      case 'assign':
        break;
    }
  }
  const shown: Sample['shown'][number][] = [
    ...Object.entries(symbols).map(([name, value]) => ({ name, value })),
    ...Object.entries(scalars).map(([name, value]) => ({ name, value })),
    ...Object.entries(families).flatMap(([name, list]) => list.map((value, i) => ({ name: `${name}[${i + 1}]`, value }))),
    ...Object.entries(directions.families).flatMap(([name, list]) =>
      list.map((value, i) => ({ name: `d${name}[${i + 1}]`, value })),
    ),
    ...Object.entries(directions.symbols).map(([name, value]) => ({ name: `d${name}`, value })),
  ];
  return { env: e, shown, uniform };
}

const psdHessian = (X: Matrix<Rational>, Y: Matrix<Rational>, W: readonly Matrix<Rational>[]) =>
  inertia(Exact, hessian(Exact, X, Y, W)).inertia.negative === 0;

/**
 * The sampler's search for a PSD point: a float eigenvalue clearly below zero rejects a candidate without the
 * exact inertia (a float slip can only make the sampler skip a point; every point it keeps is checked exactly).
 */
function likelyPsdHessian(X: Matrix<Rational>, Y: Matrix<Rational>, W: readonly Matrix<Rational>[]): boolean {
  const ev = symmetricEigenvalues(hessianFloat64(toFloat(X), toFloat(Y), W.map(toFloat)), { parallel: false });
  const scale = Math.max(1, ...Array.from(ev, Math.abs));
  if (ev[ev.length - 1]! < -1e-6 * scale || !psdHessian(X, Y, W)) return false;
  provenPsd.add(W);
  return true;
}

/** Weights whose Hessian (at the data they were drawn with) was proven PSD exactly, so not re-checked. */
const provenPsd = new WeakSet<readonly Matrix<Rational>[]>();

/** Exact truth of a predicate or an equation chain on one instance (InstanceError propagates). */
export function claimHolds(claim: import('../expr/index.js').Claim, env: Env<Rational>): boolean {
  if (claim.kind === 'predicate') {
    const [v] = evaluateExactly([claim.expr], env).values;
    if (v!.kind !== 'bool') throw new InstanceError('not a predicate');
    return v!.value;
  }
  // over the log–exp field when the hypothesis uses log or exp
  const { F, values } = evaluateExactly(claim.sides, env);
  return values.every((v, i) => i === 0 || valuesEqual(F, values[i - 1]!, v));
}
