import type { Field } from '../linalg/field.js';
import * as M from '../linalg/matrix.js';
import type { Definitions, Expr, Kind, Variable } from './ast.js';
import { type Dual, type DualField, atPoint, constantMap, dualField } from './dual.js';
import { type Jet, jetField } from './jet.js';
import { InstanceError } from './errors.js';
import { own } from './own.js';
import { toSource } from './print.js';
import { specs } from './registry.js';
import { freeSizeVars } from './transform.js';
import type { Size, SizeBinding } from './size.js';
import { type ShapeContext, declareSizes, inferShape } from './shape.js';
import type { Evaluator, NodeSpec, Perturbation, Value, VariableRef } from './spec.js';

/**
 * Evaluation on a concrete instance over any field (exact rationals, float64, and the extension fields used for
 * derivatives: dual numbers for differentials, jets for gradients and Hessian blocks). Failures that are facts
 * about the instance (unbound names, sizes that disagree, singular inverses) throw InstanceError.
 */

/** Directions dX, dW_k that differentials `d(…)` move along. */
export interface Directions<T> {
  readonly symbols?: Readonly<Record<string, M.Matrix<T>>>;
  /** 1-based like `families`. */
  readonly families?: Readonly<Record<string, readonly M.Matrix<T>[]>>;
}

export interface Env<T> {
  /** Size and index values, e.g. `{ H: 2, k: 1, m: 4, d: [3, 2, 2, 3] }` (`d[0]` is d₀). */
  readonly sizes: SizeBinding;
  readonly symbols?: Readonly<Record<string, M.Matrix<T>>>;
  readonly scalars?: Readonly<Record<string, T>>;
  /** Matrix families, 1-based: `families.W[0]` is W[1] = W_1. */
  readonly families?: Readonly<Record<string, readonly M.Matrix<T>[]>>;
  /** Defined names, evaluated lazily (so derivatives see perturbed variables) and cached per instance. */
  readonly definitions?: Definitions;
  readonly directions?: Directions<T>;
  /**
   * Values of grad/hess nodes and of definitions computed on these matrices, keyed by node and the values of
   * the sizes it uses: reusing one Env across many index values (entrywise checks) computes each block once.
   * Only for the instance's own field (derivatives evaluate perturbed copies without it).
   */
  readonly memo?: Map<string, Value<T>>;
  /** Shapes of the names, for the zero an empty sum stands for (its summand may not exist at any index). */
  readonly context?: ShapeContext;
}

/** Printed keys of memoized nodes (printing is the costly part of a key). */
const memoKeyCache = new WeakMap<Expr, string>();

class Ev<T> implements Evaluator<T> {
  constructor(
    private readonly env: Env<T>,
    readonly F: Field<T>,
    private readonly scope: SizeBinding,
    private readonly cache: Map<string, Value<T>>,
    private readonly active: Set<string>,
  ) {}

  value(e: Expr): Value<T> {
    return (specs[e.kind] as unknown as NodeSpec<Kind>).evaluate(e, this);
  }

  matrix(e: Expr, role: string): M.Matrix<T> {
    const v = this.value(e);
    if (v.kind !== 'matrix') this.fail(`${role}: ${toSource(e)} is ${v.kind === 'scalar' ? 'a scalar' : `a ${v.kind}`}, not a matrix`);
    return v.value;
  }

  scalar(e: Expr, role: string): T {
    const v = this.value(e);
    if (v.kind === 'scalar') return v.value;
    if (v.kind === 'matrix' && v.value.rows === 1 && v.value.cols === 1) return v.value.data[0]!;
    return this.fail(`${role}: ${toSource(e)} is not a scalar`);
  }

  bool(e: Expr, role: string): boolean {
    const v = this.value(e);
    if (v.kind !== 'bool') this.fail(`${role}: ${toSource(e)} is not a predicate`);
    return v.value;
  }

  size(s: Size): number {
    return s.evaluate(this.scope);
  }

  symbol(name: string): Value<T> {
    const m = own(this.env.symbols, name);
    if (m) return { kind: 'matrix', value: m };
    const s = own(this.env.scalars, name);
    if (s !== undefined) return { kind: 'scalar', value: s };
    const def = this.env.definitions?.get(name);
    if (def && def.params.length === 0) return this.definition(name, []);
    const n = own(this.scope, name);
    if (typeof n === 'number') return { kind: 'scalar', value: this.F.fromInt(n) };
    return this.fail(`${name} is not bound on this instance`);
  }

  member(family: string, indices: readonly number[]): Value<T> {
    const list = own(this.env.families, family);
    if (list && indices.length === 1) {
      const m = list[indices[0]! - 1];
      if (!m) this.fail(`${family}[${indices[0]}] does not exist (${family}[1]..${family}[${list.length}])`);
      return { kind: 'matrix', value: m };
    }
    const def = this.env.definitions?.get(family);
    if (def && def.params.length === indices.length) return this.definition(family, indices);
    const widths = own(this.scope, family);
    if (Array.isArray(widths) && indices.length === 1) {
      const w = (widths as readonly number[])[indices[0]!];
      if (w === undefined) this.fail(`${family}[${indices[0]}] is out of range 0..${widths.length - 1}`);
      return { kind: 'scalar', value: this.F.fromInt(w) };
    }
    return this.fail(`${family}[${indices.join(', ')}] is not bound on this instance`);
  }

  familyMember(family: string, index: number): M.Matrix<T> | undefined {
    return own(this.env.families, family)?.[index - 1];
  }

  /** A defined name, evaluated lexically: in the instance's sizes plus its parameters, never in a Σ's scope. */
  private definition(name: string, params: readonly number[]): Value<T> {
    const key = `${name}[${params.join(',')}]`;
    const hit = this.cache.get(key);
    if (hit) return hit;
    if (this.active.has(key)) this.fail(`definition ${name} refers to itself`);
    const def = this.env.definitions!.get(name)!;
    const sizes = { ...this.env.sizes, ...Object.fromEntries(def.params.map((p, i) => [p, params[i]!])) };
    this.active.add(key);
    try {
      const inner = new Ev(this.env, this.F, sizes, this.cache, this.active);
      const v = inner.memoized(def.body, () => inner.value(def.body));
      this.cache.set(key, v);
      return v;
    } finally {
      this.active.delete(key);
    }
  }

  variable(v: Variable): { ref: VariableRef; value: M.Matrix<T> } {
    if (v.kind === 'sym') {
      const m = own(this.env.symbols, v.name);
      if (!m) return this.fail(`cannot differentiate with respect to ${v.name}: it is not a matrix of the instance`);
      return { ref: { kind: 'symbol', name: v.name }, value: m };
    }
    if (v.indices.length !== 1 || !own(this.env.families, v.family))
      return this.fail(`cannot differentiate with respect to ${toSource(v)}: not a member of a matrix family of the instance`);
    const index = this.size(v.indices[0]!);
    const m = this.familyMember(v.family, index);
    if (!m) return this.fail(`${v.family}[${index}] does not exist`);
    return { ref: { kind: 'family', family: v.family, index }, value: m };
  }

  directions(wrt: Variable | null): Perturbation<T>[] {
    const dirs = this.env.directions;
    if (wrt) {
      const { ref } = this.variable(wrt);
      const direction = ref.kind === 'symbol' ? own(dirs?.symbols, ref.name) : own(dirs?.families, ref.family)?.[ref.index - 1];
      if (!direction) return this.fail(`the instance gives no direction d${toSource(wrt)} for the differential`);
      return [{ target: ref, direction }];
    }
    const out: Perturbation<T>[] = [];
    for (const [name, direction] of Object.entries(dirs?.symbols ?? {})) out.push({ target: { kind: 'symbol', name }, direction });
    for (const [family, list] of Object.entries(dirs?.families ?? {}))
      list.forEach((direction, i) => out.push({ target: { kind: 'family', family, index: i + 1 }, direction }));
    if (out.length === 0) this.fail('the instance gives no directions for the differential');
    return out;
  }

  derivative(e: Expr, levels: readonly (readonly Perturbation<T>[])[]): Value<T> {
    if (levels.length === 0) return this.value(e);
    const D = dualField(this.F);
    const lifted = perturbedEnv(this.env, D, levels[0]!);
    const inner = new Ev(lifted, D, this.scope, new Map(), new Set());
    const rest = levels.slice(1).map((level) => level.map((p) => ({ target: p.target, direction: M.convert(p.direction, D.lift) })));
    return epsPart(inner.derivative(e, rest), this.fail.bind(this));
  }

  /** Seeds the entries of `first` with ε's and of `second` with δ's, evaluates the scalar f once over jets. */
  private jet(f: Expr, first: VariableRef, n: number, second: VariableRef | null, p: number): Jet<T> {
    const J = jetField(this.F, n, p);
    const lifted = liftEnv(this.env, J.lift, (ref, A) => {
      const inFirst = sameRef(ref, first);
      const inSecond = second !== null && sameRef(ref, second);
      if (!inFirst && !inSecond) return undefined;
      return M.build(A.rows, A.cols, (i, j) => J.seed(M.get(A, i, j), inFirst ? i * A.cols + j : null, inSecond ? i * A.cols + j : null));
    });
    const v = new Ev(lifted, J, this.scope, new Map(), new Set()).value(f);
    if (v.kind === 'scalar') return v.value;
    if (v.kind === 'matrix' && v.value.rows === 1 && v.value.cols === 1) return v.value.data[0]!;
    return this.fail(`differentiating ${toSource(f)}, which is not a scalar`);
  }

  gradient(f: Expr, v: Variable): M.Matrix<T> {
    const { ref, value } = this.variable(v);
    const a = this.jet(f, ref, value.rows * value.cols, null, 0).a;
    return M.build(value.rows, value.cols, (i, j) => a?.[i * value.cols + j] ?? this.F.zero);
  }

  hessianBlock(f: Expr, v1: Variable, v2: Variable): M.Matrix<T> {
    const x = this.variable(v1);
    const y = this.variable(v2);
    const n = x.value.rows * x.value.cols;
    const p = y.value.rows * y.value.cols;
    const ab = this.jet(f, x.ref, n, y.ref, p).ab;
    return M.build(n, p, (i, q) => ab?.[i * p + q] ?? this.F.zero);
  }

  zeroLike(e: Expr): Value<T> {
    const ctx = this.env.context;
    if (!ctx) {
      // without shapes, the summand at the current index value shows the size (it may not exist there)
      const v = this.value(e);
      if (v.kind === 'scalar') return { kind: 'scalar', value: this.F.zero };
      if (v.kind === 'matrix') return { kind: 'matrix', value: M.zeros(this.F, v.value.rows, v.value.cols) };
      return this.fail(`an empty sum of ${v.kind} values`);
    }
    const shape = inferShape(e, declareSizes(ctx, Object.keys(this.scope)), 'empty sum');
    if (shape.kind === 'scalar') return { kind: 'scalar', value: this.F.zero };
    if (shape.kind !== 'matrix') return this.fail(`an empty sum of ${shape.kind} values`);
    return { kind: 'matrix', value: M.zeros(this.F, this.size(shape.rows), this.size(shape.cols)) };
  }

  memoized(e: Expr, compute: () => Value<T>): Value<T> {
    const memo = this.env.memo;
    if (!memo) return compute();
    let key = memoKeyCache.get(e);
    if (key === undefined) {
      key = `${toSource(e)}|${[...freeSizeVars(e)].sort().join(',')}`;
      memoKeyCache.set(e, key);
    }
    key += `|${key.slice(key.lastIndexOf('|') + 1).split(',').map((v) => JSON.stringify(own(this.scope, v))).join(',')}`;
    const hit = memo.get(key);
    if (hit) return hit;
    const v = compute();
    memo.set(key, v);
    return v;
  }

  within(index: string, value: number): Evaluator<T> {
    return new Ev(this.env, this.F, { ...this.scope, [index]: value }, this.cache, this.active);
  }

  withFamily(family: string, members: readonly M.Matrix<T>[]): Evaluator<T> {
    // no memo: its values were computed with the old members
    const { memo: _stale, ...env } = this.env;
    return new Ev({ ...env, families: { ...env.families, [family]: members } }, this.F, this.scope, new Map(), new Set());
  }

  atPoint<R>(A: M.Matrix<T>, f: <U>(F: Field<U>, A: M.Matrix<U>) => R): R {
    return atPoint(this.F, A, f);
  }

  constantMap(A: M.Matrix<T>, what: string, f: <U>(F: Field<U>, A: M.Matrix<U>) => M.Matrix<U>): M.Matrix<T> {
    return constantMap(this.F, A, f) ?? this.fail(`${what} of a matrix that varies with the differentiation variable is not differentiated (its rank may change)`);
  }

  fail(message: string): never {
    throw new InstanceError(message);
  }
}

const sameRef = (a: VariableRef, b: VariableRef): boolean =>
  a.kind === 'symbol' ? b.kind === 'symbol' && a.name === b.name : b.kind === 'family' && a.family === b.family && a.index === b.index;

/**
 * The instance over an extension field U of T: every matrix lifted by `lift`, except that `moved` may replace a
 * variable's matrix (W + ε·V, or W seeded with jet infinitesimals).
 */
function liftEnv<T, U>(env: Env<T>, lift: (x: T) => U, moved: (ref: VariableRef, A: M.Matrix<T>) => M.Matrix<U> | undefined): Env<U> {
  const plain = (A: M.Matrix<T>) => M.convert(A, lift);
  const symbols: Record<string, M.Matrix<U>> = {};
  for (const [name, A] of Object.entries(env.symbols ?? {})) symbols[name] = moved({ kind: 'symbol', name }, A) ?? plain(A);
  const families: Record<string, M.Matrix<U>[]> = {};
  for (const [family, list] of Object.entries(env.families ?? {}))
    families[family] = list.map((A, i) => moved({ kind: 'family', family, index: i + 1 }, A) ?? plain(A));
  const scalars: Record<string, U> = {};
  for (const [name, x] of Object.entries(env.scalars ?? {})) scalars[name] = lift(x);
  const directions: Directions<U> = {
    symbols: Object.fromEntries(Object.entries(env.directions?.symbols ?? {}).map(([k, V]) => [k, plain(V)])),
    families: Object.fromEntries(Object.entries(env.directions?.families ?? {}).map(([k, list]) => [k, list.map(plain)])),
  };
  return {
    sizes: env.sizes,
    symbols,
    scalars,
    families,
    directions,
    ...(env.definitions ? { definitions: env.definitions } : {}),
    ...(env.context ? { context: env.context } : {}),
  };
}

/** W + ε·V for the perturbed variables. */
function perturbedEnv<T>(env: Env<T>, D: DualField<T>, perturb: readonly Perturbation<T>[]): Env<Dual<T>> {
  return liftEnv(env, D.lift, (ref, A) => {
    const p = perturb.find((q) => sameRef(q.target, ref));
    if (!p) return undefined;
    const V = p.direction;
    if (A.rows !== V.rows || A.cols !== V.cols) throw new InstanceError(`a direction is ${V.rows}×${V.cols}, the matrix is ${A.rows}×${A.cols}`);
    return M.build(A.rows, A.cols, (i, j) => D.make(M.get(A, i, j), M.get(V, i, j)));
  });
}

function epsPart<T>(v: Value<Dual<T>>, fail: (m: string) => never): Value<T> {
  if (v.kind === 'scalar') return { kind: 'scalar', value: v.value.eps };
  if (v.kind === 'matrix') return { kind: 'matrix', value: M.convert(v.value, (x) => x.eps) };
  return fail('cannot differentiate a predicate or a subspace');
}

/** Evaluates e on the instance over F. */
export function evaluate<T>(e: Expr, env: Env<T>, F: Field<T>): Value<T> {
  return new Ev(env, F, env.sizes, new Map(), new Set()).value(e);
}

/** Evaluates e, requiring a matrix. */
export function evaluateMatrix<T>(e: Expr, env: Env<T>, F: Field<T>): M.Matrix<T> {
  return new Ev(env, F, env.sizes, new Map(), new Set()).matrix(e, 'expected a matrix');
}

/** Evaluates several expressions sharing one cache of defined names (the sides of an equation chain). */
export function evaluateAll<T>(es: readonly Expr[], env: Env<T>, F: Field<T>): Value<T>[] {
  const ev = new Ev(env, F, env.sizes, new Map(), new Set());
  return es.map((e) => ev.value(e));
}

/**
 * The Frobenius products ⟨side, V⟩ of an equation's sides with one random direction V, sharing defined names: a
 * side grad(f, W) is the derivative of f at W along V — dual numbers with one infinitesimal instead of a jet of |W|
 * parts — and jacobian(f, x) is uᵀ(derivative of f along v) for V = u vᵀ; any other side is evaluated and paired
 * with V. `draw(rows, cols)` gives random matrices independent of the instance: V itself (degree 1 in the drawn
 * entries), or u and v when a side is a Jacobian (degree 2). Equal sides give equal numbers; unequal ones only on
 * the zero set of a non-zero polynomial of that degree in the drawn entries. Undefined when no side is a gradient
 * or Jacobian with several entries, or a side is not a matrix of its shape: then compare in full.
 */
export function evaluateAlong<T>(es: readonly Expr[], env: Env<T>, F: Field<T>, draw: (rows: number, cols: number) => M.Matrix<T>): { values: T[]; degree: 1 | 2 } | undefined {
  const derived = es.find((e) => e.kind === 'grad' || e.kind === 'jacobian');
  if (!derived || (derived.kind !== 'grad' && derived.kind !== 'jacobian')) return undefined;
  const ev = new Ev(env, F, env.sizes, new Map(), new Set());
  const x = ev.variable(derived.wrt).value;
  // a Jacobian's shape: its function's rows by the variable's
  const rows = derived.kind === 'grad' ? x.rows : ev.matrix(derived.f, 'the function of a Jacobian').rows;
  const cols = derived.kind === 'grad' ? x.cols : x.rows;
  if (rows * cols < 2) return undefined;
  const jacobians = es.some((e) => e.kind === 'jacobian');
  const [u, v] = jacobians ? [draw(rows, 1), draw(cols, 1)] : [undefined, undefined];
  const V = u && v ? M.mul(F, u, M.transpose(v)) : draw(rows, cols);
  const out: T[] = [];
  for (const e of es) {
    if (e.kind === 'grad' || e.kind === 'jacobian') {
      const { ref, value } = ev.variable(e.wrt);
      if (e.kind === 'grad') {
        if (value.rows !== rows || value.cols !== cols) return undefined;
        out.push(scalarOf(ev.derivative(e.f, [[{ target: ref, direction: V }]]), ev));
        continue;
      }
      if (value.cols !== 1 || value.rows !== cols) return undefined;
      const df = ev.derivative(e.f, [[{ target: ref, direction: v! }]]);
      if (df.kind !== 'matrix' || df.value.rows !== rows || df.value.cols !== 1) return undefined;
      out.push(frobenius(F, df.value, u!));
      continue;
    }
    const side = ev.value(e);
    if (side.kind !== 'matrix' || side.value.rows !== rows || side.value.cols !== cols) return undefined;
    out.push(frobenius(F, side.value, V));
  }
  return { values: out, degree: jacobians ? 2 : 1 };
}

/** ⟨A, B⟩ = Σ A_ij B_ij for matrices of one shape. */
const frobenius = <T>(F: Field<T>, A: M.Matrix<T>, B: M.Matrix<T>): T => A.data.reduce((acc, x, i) => F.add(acc, F.mul(x, B.data[i]!)), F.zero);

function scalarOf<T>(v: Value<T>, ev: Ev<T>): T {
  if (v.kind === 'scalar') return v.value;
  if (v.kind === 'matrix' && v.value.rows === 1 && v.value.cols === 1) return v.value.data[0]!;
  return ev.fail('differentiating a function that is not a scalar');
}

/** Equality of values: a scalar equals the 1×1 matrix holding it; matrices compare entrywise (F.eq). */
export function valuesEqual<T>(F: Field<T>, a: Value<T>, b: Value<T>): boolean {
  const scalar = (v: Value<T>) => (v.kind === 'scalar' ? v.value : v.kind === 'matrix' && v.value.rows === 1 && v.value.cols === 1 ? v.value.data[0]! : undefined);
  const sa = scalar(a);
  const sb = scalar(b);
  if (sa !== undefined && sb !== undefined) return F.eq(sa, sb);
  if (a.kind === 'matrix' && b.kind === 'matrix') return M.equals(F, a.value, b.value);
  if (a.kind === 'bool' && b.kind === 'bool') return a.value === b.value;
  return false;
}

/** Where two matrices first differ (1-based row and column, or 'sizes'), for counterexamples; undefined if equal. */
export function firstDifference<T>(F: Field<T>, a: M.Matrix<T>, b: M.Matrix<T>): { row: number; col: number } | 'sizes' | undefined {
  if (a.rows !== b.rows || a.cols !== b.cols) return 'sizes';
  for (let i = 0; i < a.rows; i++) for (let j = 0; j < a.cols; j++) if (!F.eq(M.get(a, i, j), M.get(b, i, j))) return { row: i + 1, col: j + 1 };
  return undefined;
}
