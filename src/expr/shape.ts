import { InputError } from '../errors.js';
import type { Claim, Definitions, Expr, Kind, Shape, Variable } from './ast.js';
import { isOne } from './nodes/common.js';
import { toSource } from './print.js';
import { specs } from './registry.js';
import { type Size, type SizeBinding, sized } from './size.js';
import type { MatrixShape, NodeSpec, ShapeChecker } from './spec.js';

/**
 * Shape inference with symbolic sizes. A size equality that is false in normal form is an error naming the
 * operands and their sizes; one that cannot be decided symbolically (`d[k-1]` vs `d[j]`) is returned as deferred,
 * to be decided on each instance (where evaluation checks every size concretely anyway).
 */

export interface FamilyShape {
  /** Index variables, e.g. `["k"]` for `W[k]: [d[k], d[k-1]]`. */
  readonly params: readonly string[];
  readonly shape: Shape;
}

export interface ShapeContext {
  readonly symbols: ReadonlyMap<string, Shape>;
  readonly families: ReadonlyMap<string, FamilyShape>;
  /** Declared (not defined) names: the only ones `prod`, `grad`, `hess` and `d` may range over. */
  readonly variables: ReadonlySet<string>;
  /** Integer size/index variables and width families usable as scalars (`p`, `m`, `d[k]`). */
  readonly sizes: ReadonlySet<string>;
}

export const emptyContext: ShapeContext = { symbols: new Map(), families: new Map(), variables: new Set(), sizes: new Set() };

export const matrixShape = (rows: Size, cols: Size): Shape => ({ kind: 'matrix', rows, cols });

/** Declares a matrix or scalar symbol (`X: d0×m`). Its size variables become known sizes. */
export function declareSymbol(ctx: ShapeContext, name: string, shape: Shape): ShapeContext {
  return {
    ...ctx,
    symbols: new Map(ctx.symbols).set(name, shape),
    variables: new Set(ctx.variables).add(name),
    sizes: addSizes(ctx.sizes, sizeVars(shape)),
  };
}

/** Declares a matrix family (`W[k]: d[k]×d[k-1]`). */
export function declareFamily(ctx: ShapeContext, name: string, params: readonly string[], shape: Shape): ShapeContext {
  const vars = [...sizeVars(shape)].filter((v) => !params.includes(v));
  return {
    ...ctx,
    families: new Map(ctx.families).set(name, { params, shape }),
    variables: new Set(ctx.variables).add(name),
    sizes: addSizes(ctx.sizes, vars),
  };
}

/** Declares integer variables (range variables `H`, `k`, the width family `d`, …). */
export function declareSizes(ctx: ShapeContext, names: Iterable<string>): ShapeContext {
  return { ...ctx, sizes: addSizes(ctx.sizes, names) };
}

/** Adds defined names in order (each may use the ones before it), with their inferred shapes. */
export function withDefinitions(ctx: ShapeContext, defs: Definitions, where = ''): ShapeContext {
  let out = ctx;
  for (const d of defs.values()) {
    const inner = declareSizes(out, d.params);
    const shape = inferShape(d.body, inner, where ? `${where}: define.${d.name}` : `define ${d.name}`);
    out =
      d.params.length === 0
        ? { ...out, symbols: new Map(out.symbols).set(d.name, shape) }
        : { ...out, families: new Map(out.families).set(d.name, { params: d.params, shape }) };
  }
  return out;
}

function addSizes(sizes: ReadonlySet<string>, names: Iterable<string>): ReadonlySet<string> {
  const out = new Set(sizes);
  for (const n of names) out.add(n);
  return out;
}

function sizeVars(shape: Shape): Set<string> {
  const out = new Set<string>();
  if (shape.kind === 'matrix') {
    shape.rows.freeVars(out);
    shape.cols.freeVars(out);
  }
  return out;
}

export interface DeferredEquality {
  readonly a: Size;
  readonly b: Size;
  readonly message: string;
}

export interface ShapeResult {
  readonly shape: Shape;
  readonly deferred: readonly DeferredEquality[];
}

/** `d[k]×d[k−1]` — sizes in source syntax with a real minus sign. */
export function describeShape(shape: Shape): string {
  const sz = (s: Size) => s.toString('source').replace(/-/g, '−').replace(/\*/g, '·');
  switch (shape.kind) {
    case 'scalar':
      return 'a scalar';
    case 'matrix':
      return `${sz(shape.rows)}×${sz(shape.cols)}`;
    case 'bool':
      return 'a truth value';
    case 'space':
      return `a subspace of R^${sz(shape.dim)}`;
  }
}

/** Sees every node the shape check visits: `enter` before its children, `leave` with its shape (cost estimates). */
export interface ShapeObserver {
  enter?(e: Expr): void;
  leave?(e: Expr, shape: Shape): void;
}

class Checker implements ShapeChecker {
  readonly deferred: DeferredEquality[] = [];
  private bound: string[] = [];

  constructor(
    private readonly ctx: ShapeContext,
    private readonly where: string,
    private readonly observer?: ShapeObserver,
  ) {}

  shape(e: Expr): Shape {
    this.observer?.enter?.(e);
    const s = (specs[e.kind] as unknown as NodeSpec<Kind>).shape(e, this);
    this.observer?.leave?.(e, s);
    return s;
  }

  matrix(e: Expr, role: string): MatrixShape {
    const s = this.shape(e);
    if (s.kind !== 'matrix') this.fail(`${role} must be a matrix; ${this.src(e)} is ${this.describe(s)}`);
    return s;
  }

  scalarLike(e: Expr, role: string): void {
    const s = this.shape(e);
    if (s.kind !== 'scalar' && !isOne(s)) this.fail(`${role} must be a scalar; ${this.src(e)} is ${this.describe(s)}`);
  }

  bool(e: Expr, role: string): void {
    const s = this.shape(e);
    if (s.kind !== 'bool') this.fail(`${role} must be a predicate (a comparison, iszero, psd, subset, and/or/not); ${this.src(e)} is ${this.describe(s)}`);
  }

  same(a: Size, b: Size, message: () => string): void {
    const c = a.compare(b);
    if (c === 'different') this.fail(message());
    if (c === 'unknown') this.deferred.push({ a, b, message: message() });
  }

  isSize(name: string): boolean {
    return this.ctx.sizes.has(name) || this.bound.includes(name);
  }

  symbol(name: string): Shape {
    const s = this.ctx.symbols.get(name);
    if (s) return s;
    if (this.isSize(name)) return { kind: 'scalar' };
    if (this.ctx.families.has(name)) this.fail(`${name} is an indexed family: write ${name}[k]`);
    return this.fail(`unknown symbol ${name}: declare its shape or define it`);
  }

  member(family: string, indices: readonly Size[]): Shape {
    const f = this.ctx.families.get(family);
    const written = `${family}[${indices.map((s) => s.toString()).join(', ')}]`;
    if (f) {
      if (f.params.length !== indices.length)
        this.fail(`${written}: ${family} takes ${f.params.length} ${f.params.length === 1 ? 'index' : 'indices'}`);
      const map = Object.fromEntries(f.params.map((p, i) => [p, indices[i]!]));
      return f.shape.kind === 'matrix'
        ? { kind: 'matrix', rows: f.shape.rows.substitute(map), cols: f.shape.cols.substitute(map) }
        : f.shape;
    }
    if (this.isSize(family) && indices.length === 1) return { kind: 'scalar' };
    if (this.ctx.symbols.has(family)) this.fail(`${written}: ${family} is a matrix, not a family; an entry is entry(${family}, i, j)`);
    return this.fail(`${written}: unknown family ${family}: declare it, e.g. "${family}[k]": [rows, cols]`);
  }

  family(name: string): { param: string; shape: MatrixShape } {
    const f = this.ctx.families.get(name);
    if (!f || !this.ctx.variables.has(name) || f.params.length !== 1 || f.shape.kind !== 'matrix')
      return this.fail(`prod(${name}, …) needs a declared family with one index, e.g. "${name}[k]": ["d[k]", "d[k-1]"]`);
    return { param: f.params[0]!, shape: f.shape };
  }

  variable(v: Variable, role: string): MatrixShape {
    const declared = v.kind === 'sym' ? this.ctx.variables.has(v.name) && this.ctx.symbols.has(v.name) : this.ctx.variables.has(v.family) && this.ctx.families.has(v.family);
    if (!declared) this.fail(`${role} differentiates with respect to a declared matrix or family member such as W[k]; ${this.src(v)} is not one`);
    return this.matrix(v, `the variable of ${role}`);
  }

  within<R>(index: string, f: () => R): R {
    this.bound.push(index);
    try {
      return f();
    } finally {
      this.bound.pop();
    }
  }

  fail(message: string): never {
    throw new InputError(this.where, message);
  }

  src(e: Expr): string {
    return toSource(e);
  }

  describe(shape: Shape): string {
    return describeShape(shape);
  }
}

/** For a matrix equated to the number 0: how to say it (the zero matrix of its size, or the predicate iszero). */
function zeroHint(lhs: Expr, a: Shape, rhs: Expr, b: Shape): string {
  const [matrix, shape, zero] = a.kind === 'matrix' ? [lhs, a, rhs] : [rhs, b, lhs];
  if (shape.kind !== 'matrix' || toSource(zero) !== '0') return '';
  const size = (x: Size) => x.toString('source');
  return `; for a zero matrix write zeros(${size(shape.rows)}, ${size(shape.cols)}), or state it as holds: iszero(${toSource(matrix)})`;
}

/** The shape of e plus the size equalities left for instantiation. Throws InputError(where, …) on a mismatch. */
export function checkShape(e: Expr, ctx: ShapeContext, where = '', observer?: ShapeObserver): ShapeResult {
  return sized(where, () => {
    const c = new Checker(ctx, where, observer);
    const shape = c.shape(e);
    return { shape, deferred: c.deferred };
  });
}

export function inferShape(e: Expr, ctx: ShapeContext, where = ''): Shape {
  return checkShape(e, ctx, where).shape;
}

/**
 * Checks a claim: every side of an equation chain has one shape (a scalar and a known 1×1 matrix count as the
 * same), or the predicate is a truth value. Returns the common shape and the deferred size equalities.
 */
export function checkClaim(claim: Claim, ctx: ShapeContext, where = ''): ShapeResult {
  return sized(where, () => checkClaimShapes(claim, ctx, where));
}

function checkClaimShapes(claim: Claim, ctx: ShapeContext, where: string): ShapeResult {
  if (claim.kind === 'predicate') {
    const r = checkShape(claim.expr, ctx, where);
    if (r.shape.kind !== 'bool') throw new InputError(where, `${toSource(claim.expr)} is ${describeShape(r.shape)}, not a predicate`);
    return r;
  }
  const c = new Checker(ctx, where);
  const shapes = claim.sides.map((s) => c.shape(s));
  const first = shapes[0]!;
  shapes.slice(1).forEach((s, i) => {
    const lhs = claim.sides[i]!;
    const rhs = claim.sides[i + 1]!;
    const prev = shapes[i]!;
    const msg = () => `the sides of ${toSource(lhs)} = ${toSource(rhs)} differ: ${toSource(lhs)} is ${describeShape(prev)}, ${toSource(rhs)} is ${describeShape(s)}`;
    const scalarish = (x: Shape) => x.kind === 'scalar' || isOne(x);
    if (scalarish(prev) && scalarish(s)) return;
    if (prev.kind === 'matrix' && s.kind === 'matrix') {
      c.same(prev.rows, s.rows, msg);
      c.same(prev.cols, s.cols, msg);
    } else if (prev.kind !== s.kind || prev.kind === 'space') c.fail(msg() + zeroHint(lhs, prev, rhs, s));
  });
  return { shape: first, deferred: c.deferred };
}

/** The first deferred size equality that is false on concrete sizes (its message names the operands), if any. */
export function failedEquality(deferred: readonly DeferredEquality[], sizes: SizeBinding): DeferredEquality | undefined {
  return deferred.find((d) => d.a.evaluate(sizes) !== d.b.evaluate(sizes));
}
