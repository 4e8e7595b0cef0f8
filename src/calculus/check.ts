import {
  type Env, type Expr, InstanceError, Size, type SizeBinding, type Value, claimToText, evaluateAll, valuesEqual,
} from '../expr/index.js';
import { Exact } from '../linalg/field.js';
import type { Matrix } from '../linalg/matrix.js';
import { Rational } from '../linalg/rational.js';
import { type Rng, randomIntMatrix, seededRng } from '../linalg/random.js';
import type { Derivation, IndexDomain } from './derivation.js';
import { context, definitions } from './setting.js';

/**
 * Randomized exact checking of derivations. Every step and the result are evaluated over the rationals on random
 * instances, for every index value in range; grad, hess and d(…) are computed by forward-mode dual numbers,
 * independently of the formulas being checked. A false identity between polynomials of degree D in the random
 * entries survives one instance with probability at most D/S (Schwartz–Zippel, S = number of possible values).
 */

export interface InstanceShape {
  readonly H: number;
  /** d₀ … d_{H+1} */
  readonly widths: readonly number[];
  /** samples */
  readonly m: number;
}

export interface DlnInstance extends InstanceShape {
  readonly X: Matrix<Rational>;
  readonly Y: Matrix<Rational>;
  readonly W: readonly Matrix<Rational>[];
  /** directions dW_k for differentials */
  readonly D: readonly Matrix<Rational>[];
}

export interface CheckFailure {
  readonly step: string;
  readonly claim: string;
  readonly instance: InstanceShape;
  readonly indices: Readonly<Record<string, number>>;
  readonly message: string;
}

export interface CheckReport {
  readonly passed: boolean;
  /** Equations evaluated (steps × instances × index values). */
  readonly trials: number;
  readonly instances: readonly InstanceShape[];
  readonly method: string;
  readonly failure?: CheckFailure;
}

/**
 * Entries are integers drawn uniformly from −6..6: exact arithmetic stays in BigInt's integer fast path
 * (fractions would spend most of the time in gcd), and 13 values give the Schwartz–Zippel bound D/13.
 */
/** |S| in the Schwartz–Zippel bound: entries uniform over −ENTRY..ENTRY. */
const ENTRY = 6;
const randomMatrix = (rand: Rng, rows: number, cols: number): Matrix<Rational> => randomIntMatrix(rand, rows, cols, ENTRY);

export function instance(rand: Rng, shape: InstanceShape): DlnInstance {
  const { widths, m } = shape;
  const W = widths.slice(1).map((d, i) => randomMatrix(rand, d, widths[i]!));
  const D = widths.slice(1).map((d, i) => randomMatrix(rand, d, widths[i]!));
  return { ...shape, X: randomMatrix(rand, widths[0]!, m), Y: randomMatrix(rand, widths.at(-1)!, m), W, D };
}

export interface SampleOptions {
  readonly count: number;
  readonly seed?: number;
  /** Depths cycle through 1..maxDepth (ignored when `widths` fixes the network). */
  readonly maxDepth?: number;
  readonly maxWidth?: number;
  /** Fix the depth H (widths still random). */
  readonly depth?: number;
  /** Fix every width d₀ … d_{H+1}. */
  readonly widths?: readonly number[];
}

/**
 * Random shapes: alternately all widths ≥ 2 (so non-commuting products and non-square blocks are exercised) and
 * widths containing 1 (degenerate rows and columns), depths cycling through the range.
 */
export function sampleShapes(o: SampleOptions): InstanceShape[] {
  const rand = seededRng((o.seed ?? 1) * 7919);
  const maxWidth = Math.max(2, o.maxWidth ?? 3);
  const pick = (lo: number) => lo + Math.floor(rand() * (maxWidth - lo + 1));
  return Array.from({ length: o.count }, (_, i) => {
    const m = 1 + Math.floor(rand() * 3);
    if (o.widths) return { H: o.widths.length - 2, widths: o.widths, m };
    const H = o.depth ?? 1 + (i % (o.maxDepth ?? 4));
    const widths = Array.from({ length: H + 2 }, () => pick(i % 2 === 0 ? 2 : 1));
    if (i % 2 === 1 && !widths.includes(1)) widths[Math.floor(rand() * widths.length)] = 1;
    return { H, widths, m };
  });
}

function* indexValues(domain: IndexDomain, H: number): Generator<Record<string, number>> {
  if (domain === 'none') yield {};
  if (domain === 'layer') for (let k = 1; k <= H + 1; k++) yield { k };
  if (domain === 'pair') for (let k = 2; k <= H + 1; k++) for (let j = 1; j < k; j++) yield { j, k };
}

/** Every assignment of the entry indices, each ranging over 1..its size. */
function* entryValues(entries: Readonly<Record<string, Size>>, sizes: SizeBinding): Generator<Record<string, number>> {
  const names = Object.keys(entries);
  const bounds = names.map((n) => entries[n]!.evaluate(sizes));
  const current = names.map(() => 1);
  if (bounds.some((b) => b < 1)) return;
  for (;;) {
    yield Object.fromEntries(names.map((n, i) => [n, current[i]!]));
    let i = names.length - 1;
    while (i >= 0 && current[i] === bounds[i]) current[i--] = 1;
    if (i < 0) return;
    current[i]!++;
  }
}

/** The evaluation environment of an instance: X, Y, W (1-based), the DLN definitions, directions dW_k = D_k. */
export function instanceEnv(inst: DlnInstance, sizes: SizeBinding, memo: Map<string, Value<Rational>> = new Map()): Env<Rational> {
  return {
    sizes,
    symbols: { X: inst.X, Y: inst.Y },
    families: { W: inst.W },
    definitions,
    directions: { families: { W: inst.D } },
    memo,
    context,
  };
}

function describe(v: Value<Rational>): string {
  if (v.kind === 'scalar') return v.value.toString();
  if (v.kind === 'matrix') return `${v.value.rows}×${v.value.cols} [${v.value.data.map((q) => q.toString()).join(', ')}]`;
  return v.kind === 'bool' ? String(v.value) : 'a subspace';
}

/** Checks every step and the result of a derivation on the instances; stops at the first false equation. */
export function checkDerivation(d: Derivation, instances: readonly DlnInstance[]): CheckReport {
  let trials = 0;
  const claims = [...d.steps.map((s) => ({ name: s.name, claim: s.claim })), { name: 'result', claim: d.result }];
  for (const inst of instances) {
    for (const idx of indexValues(d.domain, inst.H)) {
      const base: SizeBinding = { H: inst.H, m: inst.m, d: inst.widths, ...idx };
      const memo = new Map<string, Value<Rational>>();
      for (const entries of d.entries ? entryValues(d.entries, base) : [{}]) {
        const sizes = { ...base, ...entries };
        for (const { name, claim } of claims) {
          trials++;
          const fail = (message: string): CheckReport => ({
            passed: false,
            trials,
            instances: instances.map(shapeOf),
            method: METHOD,
            failure: { step: name, claim: claimToText(claim), instance: shapeOf(inst), indices: { ...idx, ...entries }, message },
          });
          let values: Value<Rational>[];
          try {
            values = evaluateAll(claim.sides as Expr[], instanceEnv(inst, sizes, memo), Exact);
          } catch (e) {
            if (e instanceof InstanceError) return fail(e.message);
            throw e;
          }
          for (let i = 1; i < values.length; i++)
            if (!valuesEqual(Exact, values[i - 1]!, values[i]!)) return fail(`sides differ: ${describe(values[i - 1]!)} ≠ ${describe(values[i]!)}`);
        }
      }
    }
  }
  return { passed: true, trials, instances: instances.map(shapeOf), method: METHOD };
}

const METHOD = `exact rational evaluation on random instances, integer entries uniform over −6..6, so a false identity of degree D passes one instance with probability ≤ D/${2 * ENTRY + 1}; grad, hess and d by forward-mode dual numbers`;

const shapeOf = (i: InstanceShape): InstanceShape => ({ H: i.H, widths: i.widths, m: i.m });
