import { InputError } from '../errors.js';
import { type Env, InstanceError, evaluate, valuesEqual, type Value } from '../expr/index.js';
import { analyzeData } from '../landscape/data.js';
import { gradient, hessian } from '../landscape/derivatives.js';
import { criticalFamilies } from '../landscape/families.js';
import { shuffled, structuredData } from '../landscape/random.js';
import { type Rng, randomInt, randomIntMatrix } from '../linalg/random.js';
import { Exact, Rational, type Matrix, inertia, isZeroMatrix, zeros } from '../linalg/index.js';
import type { Hypothesis, ProofSetting } from './setting.js';

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
 * Draws an instance of the setting on the given sizes: independent uniform entries, then the hypotheses applied in
 * order, each re-checked exactly on the result (a hypothesis that does not hold is a Rejected draw, never used).
 */
export function sample(setting: ProofSetting, sizes: Env<Rational>['sizes'], rng: Rng, range: number): Sample {
  const ev = (s: { evaluate(b: typeof sizes): number }, extra: Record<string, number> = {}) => {
    const n = s.evaluate({ ...sizes, ...extra });
    if (n < 0) throw new Rejected(`a declared size is ${n} < 0 on these sizes`);
    return n;
  };
  const H = sizes.H as number;
  const symbols: Record<string, Matrix<Rational>> = {};
  const scalars: Record<string, Rational> = {};
  for (const s of setting.symbols) {
    if (s.dims.length === 0) scalars[s.name] = Rational.fromInt(randomInt(rng, -range, range));
    else symbols[s.name] = randomIntMatrix(rng, ev(s.dims[0]!), ev(s.dims[1]!), range);
  }
  const families: Record<string, Matrix<Rational>[]> = {};
  for (const f of setting.families)
    families[f.name] = Array.from({ length: H + 1 }, (_, i) =>
      randomIntMatrix(rng, ev(f.dims[0]!, { [f.param]: i + 1 }), ev(f.dims[1]!, { [f.param]: i + 1 }), range),
    );
  // Directions for differentials d(…): dW_k for every family member, drawn like the members themselves.
  // Declared matrices such as X and Y are data, held fixed.
  const directions = {
    families: Object.fromEntries(
      Object.entries(families).map(([k, list]) => [k, list.map((M) => randomIntMatrix(rng, M.rows, M.cols, range))]),
    ),
  };
  let uniform = true;
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
    // A random point of the families with the required zero layers (and a PSD Hessian, for psd-hessian).
    const zeros = zeroLayers('W', H + 1);
    const candidates = shuffled(rng, points.length).filter((i) =>
      zeros.every((k) => k >= 0 && k < points[i]!.W.length && isZeroMatrix(Exact, points[i]!.W[k]!)),
    );
    const chosen = critical.kind === 'psd-hessian' ? candidates.find((i) => psdHessian(symbols.X!, symbols.Y!, points[i]!.W)) : candidates[0];
    if (chosen === undefined) throw new Rejected(`no critical point${critical.kind === 'psd-hessian' ? ' with a PSD Hessian' : ''} of the required form on these sizes`);
    families.W = points[chosen]!.W;
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
        if (!gradient(Exact, symbols.X!, symbols.Y!, families.W!).every((G) => isZeroMatrix(Exact, G)) || !psdHessian(symbols.X!, symbols.Y!, families.W!))
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
    }
  }
  const shown: Sample['shown'][number][] = [
    ...Object.entries(symbols).map(([name, value]) => ({ name, value })),
    ...Object.entries(scalars).map(([name, value]) => ({ name, value })),
    ...Object.entries(families).flatMap(([name, list]) => list.map((value, i) => ({ name: `${name}[${i + 1}]`, value }))),
    ...Object.entries(directions.families).flatMap(([name, list]) =>
      list.map((value, i) => ({ name: `d${name}[${i + 1}]`, value })),
    ),
  ];
  return { env: e, shown, uniform };
}

const psdHessian = (X: Matrix<Rational>, Y: Matrix<Rational>, W: readonly Matrix<Rational>[]) =>
  inertia(Exact, hessian(Exact, X, Y, W)).inertia.negative === 0;

/** Exact truth of a predicate or an equation chain on one instance (InstanceError propagates). */
export function claimHolds(claim: import('../expr/index.js').Claim, env: Env<Rational>): boolean {
  if (claim.kind === 'predicate') {
    const v = evaluate(claim.expr, env, Exact);
    if (v.kind !== 'bool') throw new InstanceError('not a predicate');
    return v.value;
  }
  const values: Value<Rational>[] = claim.sides.map((s) => evaluate(s, env, Exact));
  return values.every((v, i) => i === 0 || valuesEqual(Exact, values[i - 1]!, v));
}
