import type { Field } from '../linalg/field.js';
import * as M from '../linalg/matrix.js';
import type { Definitions, Expr, Kind, Variable } from './ast.js';
import { type Dual, type DualField, atPoint, constantMap, dualField } from './dual.js';
import { InstanceError } from './errors.js';
import { toSource } from './print.js';
import { specs } from './registry.js';
import type { Size, SizeBinding } from './size.js';
import type { Evaluator, NodeSpec, Perturbation, Value, VariableRef } from './spec.js';

/**
 * Evaluation on a concrete instance over any field (exact rationals, float64, dual numbers). Failures that are
 * facts about the instance (unbound names, sizes that disagree, singular inverses) throw InstanceError.
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
}

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
    const m = this.env.symbols?.[name];
    if (m) return { kind: 'matrix', value: m };
    const s = this.env.scalars?.[name];
    if (s !== undefined) return { kind: 'scalar', value: s };
    const def = this.env.definitions?.get(name);
    if (def && def.params.length === 0) return this.definition(name, []);
    const n = this.scope[name];
    if (typeof n === 'number') return { kind: 'scalar', value: this.F.fromInt(n) };
    return this.fail(`${name} is not bound on this instance`);
  }

  member(family: string, indices: readonly number[]): Value<T> {
    const list = this.env.families?.[family];
    if (list && indices.length === 1) {
      const m = list[indices[0]! - 1];
      if (!m) this.fail(`${family}[${indices[0]}] does not exist (${family}[1]..${family}[${list.length}])`);
      return { kind: 'matrix', value: m };
    }
    const def = this.env.definitions?.get(family);
    if (def && def.params.length === indices.length) return this.definition(family, indices);
    const widths = this.scope[family];
    if (Array.isArray(widths) && indices.length === 1) {
      const w = (widths as readonly number[])[indices[0]!];
      if (w === undefined) this.fail(`${family}[${indices[0]}] is out of range 0..${widths.length - 1}`);
      return { kind: 'scalar', value: this.F.fromInt(w) };
    }
    return this.fail(`${family}[${indices.join(', ')}] is not bound on this instance`);
  }

  familyMember(family: string, index: number): M.Matrix<T> | undefined {
    return this.env.families?.[family]?.[index - 1];
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
      const v = new Ev(this.env, this.F, sizes, this.cache, this.active).value(def.body);
      this.cache.set(key, v);
      return v;
    } finally {
      this.active.delete(key);
    }
  }

  variable(v: Variable): { ref: VariableRef; value: M.Matrix<T> } {
    if (v.kind === 'sym') {
      const m = this.env.symbols?.[v.name];
      if (!m) return this.fail(`cannot differentiate with respect to ${v.name}: it is not a matrix of the instance`);
      return { ref: { kind: 'symbol', name: v.name }, value: m };
    }
    if (v.indices.length !== 1 || !this.env.families?.[v.family])
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
      const direction = ref.kind === 'symbol' ? dirs?.symbols?.[ref.name] : dirs?.families?.[ref.family]?.[ref.index - 1];
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
    const lifted = liftEnv(this.env, D, levels[0]!);
    const inner = new Ev(lifted, D, this.scope, new Map(), new Set());
    const rest = levels.slice(1).map((level) => level.map((p) => ({ target: p.target, direction: M.convert(p.direction, D.lift) })));
    return epsPart(inner.derivative(e, rest), this.fail.bind(this));
  }

  within(index: string, value: number): Evaluator<T> {
    return new Ev(this.env, this.F, { ...this.scope, [index]: value }, this.cache, this.active);
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

function liftEnv<T>(env: Env<T>, D: DualField<T>, perturb: readonly Perturbation<T>[]): Env<Dual<T>> {
  const lift = (A: M.Matrix<T>) => M.convert(A, D.lift);
  const moved = (A: M.Matrix<T>, V: M.Matrix<T>, what: string) => {
    if (A.rows !== V.rows || A.cols !== V.cols) throw new InstanceError(`direction for ${what} is ${V.rows}×${V.cols}, the matrix is ${A.rows}×${A.cols}`);
    return M.build(A.rows, A.cols, (i, j) => D.make(M.get(A, i, j), M.get(V, i, j)));
  };
  const symbols: Record<string, M.Matrix<Dual<T>>> = {};
  for (const [name, A] of Object.entries(env.symbols ?? {})) symbols[name] = lift(A);
  const families: Record<string, M.Matrix<Dual<T>>[]> = {};
  for (const [name, list] of Object.entries(env.families ?? {})) families[name] = list.map(lift);
  for (const p of perturb) {
    if (p.target.kind === 'symbol') {
      const A = env.symbols?.[p.target.name];
      if (!A) throw new InstanceError(`cannot perturb ${p.target.name}: not a matrix of the instance`);
      symbols[p.target.name] = moved(A, p.direction, p.target.name);
    } else {
      const { family, index } = p.target;
      const A = env.families?.[family]?.[index - 1];
      if (!A) throw new InstanceError(`cannot perturb ${family}[${index}]: it does not exist`);
      families[family]![index - 1] = moved(A, p.direction, `${family}[${index}]`);
    }
  }
  const scalars: Record<string, Dual<T>> = {};
  for (const [name, x] of Object.entries(env.scalars ?? {})) scalars[name] = D.lift(x);
  const directions: Directions<Dual<T>> = {
    symbols: Object.fromEntries(Object.entries(env.directions?.symbols ?? {}).map(([k, V]) => [k, lift(V)])),
    families: Object.fromEntries(Object.entries(env.directions?.families ?? {}).map(([k, list]) => [k, list.map(lift)])),
  };
  return { sizes: env.sizes, symbols, scalars, families, directions, ...(env.definitions ? { definitions: env.definitions } : {}) };
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
