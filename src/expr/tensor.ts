import type { Claim, Definitions, Expr, Kind } from './ast.js';
import { type Counts, type Tensor, describeLegs, maxCounts, sameLegs, scalarTensor, sizeCoef, variableTensor, zeroTensor } from './legs.js';
import { specs } from './registry.js';
import type { ShapeContext } from './shape.js';
import { Size, WIDTHS } from './size.js';
import type { NodeSpec, TensorChecker } from './spec.js';

/**
 * Places a claim in the all-sizes argument (docs/verdicts.md) on one instance of H and the index values: every
 * node must have a `tensor` rule, the sides must have one index structure, and the result says how large each
 * size must be for the diagrams to be independent and how many values of each size atom the coefficients need.
 */

export interface TensorSetting {
  readonly context: ShapeContext;
  readonly definitions: Definitions;
  /** H and this instance's index values. */
  readonly scope: Readonly<Record<string, number>>;
  /** Size names that range over every positive integer (m, n, …); the widths d[i] always do. */
  readonly free: ReadonlySet<string>;
  /** Family members a hypothesis fixes to zero (1-based index). */
  readonly zero?: (family: string, index: number) => boolean;
}

/** A leg size that must be at least `count` for the diagrams of the claim to be linearly independent. */
export interface SizeNeed {
  readonly size: Size;
  readonly count: number;
}

export type ClaimStructure =
  | {
      readonly inside: true;
      readonly rows: readonly Size[];
      readonly cols: readonly Size[];
      readonly needs: readonly SizeNeed[];
      /** Degree bound of the coefficients in each size atom (key as in Size.atomDegrees). */
      readonly coef: Counts;
    }
  | { readonly inside: false; readonly why: string };

class Outside extends Error {}

class Checker implements TensorChecker {
  private scope: Record<string, number>;
  /** Every leg size met, by key: the needs are stated for them. */
  readonly legSizes = new Map<string, Size>();
  private readonly cache = new Map<string, Tensor>();

  constructor(private readonly setting: TensorSetting) {
    this.scope = { ...setting.scope };
  }

  tensor(e: Expr): Tensor {
    const spec = specs[e.kind] as unknown as NodeSpec<Kind>;
    if (!spec.tensor) this.outside(NO_ARGUMENT[e.kind] ?? `${e.kind}(…) has no all-sizes argument`);
    return spec.tensor(e, this);
  }

  size(s: Size): Size {
    const out = s.substitute(Object.fromEntries(Object.entries(this.scope).map(([k, v]) => [k, Size.int(v)])));
    const atoms = out.atomDegrees();
    if (!atoms) this.outside(`the size ${s.toString()} uses min (p is the narrowest hidden width, not a free size)`);
    for (const { atom } of atoms.values()) {
      if (atom.kind === 'var' && !this.setting.free.has(atom.name))
        this.outside(
          atom.name === 'p'
            ? 'p = min(d[1], …, d[H]) is not a free size'
            : `${atom.name} is an index whose values depend on the sizes, so the sizes are not free`,
        );
      const i = atom.kind === 'dim' ? atom.index.constant() : undefined;
      if (atom.kind === 'dim' && (atom.family !== WIDTHS || i === undefined || i < 0 || i > this.setting.scope.H! + 1))
        this.outside(`the size ${out.toString()} is not a width of this instance`);
    }
    return out;
  }

  integer(s: Size, role: string): number {
    const v = s.substitute(Object.fromEntries(Object.entries(this.scope).map(([k, x]) => [k, Size.int(x)]))).constant();
    if (v === undefined) this.outside(`${role} ${s.toString()} depends on the sizes`);
    return v;
  }

  private variable(rows: Size, cols: Size): Tensor {
    const [r, c] = [this.size(rows), this.size(cols)];
    this.legSizes.set(r.key, r).set(c.key, c);
    return variableTensor(r, c);
  }

  /** A defined name, analysed in the instance's scope plus its parameters (never a Σ's scope), once. */
  private definition(name: string, params: readonly number[]): Tensor {
    const key = `${name}[${params.join(',')}]`;
    const hit = this.cache.get(key);
    if (hit) return hit;
    const def = this.setting.definitions.get(name)!;
    const saved = this.scope;
    this.scope = { ...this.setting.scope, ...Object.fromEntries(def.params.map((p, i) => [p, params[i]!])) };
    try {
      const t = this.tensor(def.body);
      this.cache.set(key, t);
      return t;
    } finally {
      this.scope = saved;
    }
  }

  symbol(name: string): Tensor {
    const { context, definitions } = this.setting;
    if (name in this.scope) return scalarTensor();
    const shape = context.variables.has(name) ? context.symbols.get(name) : undefined;
    if (shape) return shape.kind === 'matrix' ? this.variable(shape.rows, shape.cols) : scalarTensor();
    const def = definitions.get(name);
    if (def && def.params.length === 0) return this.definition(name, []);
    if (context.sizes.has(name)) return this.sizeScalar(Size.var(name));
    return this.outside(`${name} is not a declared variable`);
  }

  memberDims(family: string, index: number): { rows: Size; cols: Size } {
    const fam = this.setting.context.families.get(family);
    if (!fam || fam.shape.kind !== 'matrix' || fam.params.length !== 1) return this.outside(`${family} is not a declared family of matrices`);
    const at = { [fam.params[0]!]: Size.int(index) };
    return { rows: fam.shape.rows.substitute(at), cols: fam.shape.cols.substitute(at) };
  }

  member(family: string, indices: readonly Size[]): Tensor {
    const { context, definitions } = this.setting;
    const values = indices.map((s) => this.integer(s, `the index of ${family}`));
    if (context.variables.has(family) && context.families.has(family) && values.length === 1) {
      // families have members 1 … H+1
      if (values[0]! < 1 || values[0]! > this.setting.scope.H! + 1) this.outside(`${family}[${values[0]}] does not exist for H = ${this.setting.scope.H}`);
      const { rows, cols } = this.memberDims(family, values[0]!);
      if (this.setting.zero?.(family, values[0]!)) return zeroTensor([this.size(rows)], [this.size(cols)]);
      return this.variable(rows, cols);
    }
    const def = definitions.get(family);
    if (def && def.params.length === values.length) return this.definition(family, values);
    if (context.sizes.has(family) && values.length === 1) return this.sizeScalar(Size.dim(family, Size.int(values[0]!)));
    return this.outside(`${family}[…] is not a declared family`);
  }

  sizeScalar(s: Size): Tensor {
    return scalarTensor(sizeCoef(this.size(s)) ?? this.outside(`the size ${s.toString()} is not a polynomial in free sizes`));
  }

  within<R>(index: string, value: number, f: () => R): R {
    const saved = this.scope;
    this.scope = { ...saved, [index]: value };
    try {
      return f();
    } finally {
      this.scope = saved;
    }
  }

  outside(reason: string): never {
    throw new Outside(reason);
  }
}

/** Why the node kinds without a `tensor` rule stay outside the argument. */
const NO_ARGUMENT: Partial<Record<Kind, string>> = {
  inv: 'inv(…) is not a polynomial in the entries',
  pinv: 'pinv(…) is not a polynomial in the entries',
  entry: 'entry(…) singles out entries (its indices are not free sizes)',
  rank: 'rank(…) is not a polynomial identity',
  psd: 'psd(…) is not a polynomial identity',
  range: 'range(…) is not a polynomial identity',
  subset: 'subset(…) is not a polynomial identity',
  compare: 'a comparison is not a polynomial identity',
  logic: 'and/or is not a polynomial identity',
  not: 'not(…) is not a polynomial identity',
};

/**
 * The claim's place in the all-sizes argument on one instance: an equation chain, or `iszero(e)`, whose sides are
 * polynomial in the sampled entries with one index structure.
 */
export function claimStructure(claim: Claim, setting: TensorSetting): ClaimStructure {
  const c = new Checker(setting);
  try {
    const sides =
      claim.kind === 'equation'
        ? claim.sides
        : claim.expr.kind === 'iszero'
          ? [claim.expr.arg]
          : c.outside(NO_ARGUMENT[claim.expr.kind] ?? 'the predicate is not a polynomial identity');
    const all = sides.map((e) => c.tensor(e));
    // a zero side has no diagrams: it fits any structure
    const ts = all.some((t) => !t.zero) ? all.filter((t) => !t.zero) : all.slice(0, 1);
    const first = ts[0]!;
    for (const t of ts.slice(1))
      if (!sameLegs(t.rows, first.rows) || !sameLegs(t.cols, first.cols))
        c.outside(`the sides have different index structures, ${describeLegs(first)} and ${describeLegs(t)}`);
    for (const s of [...first.rows, ...first.cols]) c.legSizes.set(s.key, s);
    const legs = maxCounts(...ts.map((t) => t.legs));
    const open = new Map<string, number>();
    for (const s of [...first.rows, ...first.cols]) open.set(s.key, (open.get(s.key) ?? 0) + 1);
    // A vertex of size t meets a variable leg or is a bare wire between two open legs: ⌊(legs + open)/2⌋ of them.
    const needs = [...c.legSizes.values()]
      .filter((s) => s.constant() === undefined)
      .map((size) => ({ size, count: Math.max(1, Math.floor(((legs.get(size.key) ?? 0) + (open.get(size.key) ?? 0)) / 2)) }));
    return { inside: true, rows: first.rows, cols: first.cols, needs, coef: maxCounts(...ts.map((t) => t.coef)) };
  } catch (e) {
    if (e instanceof Outside) return { inside: false, why: e.message };
    throw e;
  }
}
