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
  const ev = (s: { evaluate(b: typeof sizes): number }, extra: Record<string, number> = {}) => s.evaluate({ ...sizes, ...extra });
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

  for (const h of setting.hypotheses) {
    switch (h.kind) {
      case 'data-A': {
        const { X, Y } = network(h);
        const [dx, dy, m] = [X.rows, Y.rows, X.cols];
        if (dy > dx || dx > m) throw new Rejected(`(A) needs d_y ≤ d_x ≤ m`);
        Object.assign(symbols, structuredData(rng, dx, dy, m));
        if (!analyzeData(symbols.X!, symbols.Y!, widths()).hypotheses.holds) throw new Rejected('(A) does not hold');
        uniform = false;
        break;
      }
      case 'critical':
      case 'psd-hessian': {
        const { X, Y } = network(h);
        const dataFixed = setting.hypotheses.some((o) => o.kind === 'data-A');
        if (!dataFixed && X.rows <= X.cols && rng() < 0.75) Object.assign(symbols, structuredData(rng, X.rows, Y.rows, X.cols));
        const { points } = criticalFamilies(symbols.X!, symbols.Y!, widths(), rng, { maxIndexSets: 16 });
        const psd = (W: Matrix<Rational>[]) =>
          inertia(Exact, hessian(Exact, symbols.X!, symbols.Y!, W)).inertia.negative === 0;
        // A random point of the families (with a PSD Hessian, for psd-hessian: tried in random order).
        const order = shuffled(rng, points.length);
        const chosen = h.kind === 'psd-hessian' ? order.find((i) => psd(points[i]!.W)) : order[0];
        if (chosen === undefined) throw new Rejected(`no ${h.kind === 'psd-hessian' ? 'critical point with PSD Hessian' : 'critical point'} on these sizes`);
        const W = points[chosen]!.W;
        if (!gradient(Exact, symbols.X!, symbols.Y!, W).every((G) => isZeroMatrix(Exact, G)))
          throw new Error('internal: a generated critical point has a non-zero gradient');
        families.W = W;
        uniform = false;
        break;
      }
      case 'zero': {
        const fam = families[h.family];
        if (!fam) throw new InputError(setting.doc.file, `hypothesis '${h.text}': ${h.family} is not a declared family`);
        const which = h.index ? [ev(h.index) - 1] : fam.map((_, i) => i);
        for (const i of which) {
          if (i < 0 || i >= fam.length) throw new Rejected(`${h.text}: index out of range`);
          fam[i] = zeros(Exact, fam[i]!.rows, fam[i]!.cols);
        }
        uniform = false;
        break;
      }
      case 'predicate':
        break; // checked below, once every other hypothesis has shaped the instance
    }
  }
  const e = env();
  for (const h of setting.hypotheses) {
    if (h.kind !== 'predicate') continue;
    if (!claimHolds(h.claim, e)) throw new Rejected(`${h.text} does not hold`);
    uniform = false;
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
