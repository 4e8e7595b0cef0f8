import { Exact, type Field } from '../linalg/field.js';
import * as M from '../linalg/matrix.js';
import type { Rational } from '../linalg/rational.js';
import type { Definitions, Expr } from './ast.js';
import { type Env, evaluateAll, evaluateAlong } from './evaluate.js';
import { logExpField } from './logexp.js';
import { transcendental } from './nodes/elementary.js';
import type { Value } from './spec.js';
import { children } from './transform.js';

/**
 * Exact evaluation of a claim's expressions on a rational instance: over the rationals, or — when they use log or
 * exp (directly or through a definition) — over the log–exp field, whose values are exact reals such as
 * 2·log 3 − log 5 and whose comparisons are decided exactly or not at all (src/expr/logexp.ts).
 */
export interface ExactValues {
  /** The field the values live in; compare them with its eq (valuesEqual(F, …)). */
  readonly F: Field<unknown>;
  readonly values: readonly Value<unknown>[];
  readonly field: 'rational' | 'log-exp';
}

/** Whether any of es uses log or exp, looking through defined names. */
export function usesLogExp(es: readonly Expr[], defs: Definitions | undefined): boolean {
  const seen = new Set<string>();
  const visit = (e: Expr): boolean => {
    if (transcendental(e)) return true;
    const name = e.kind === 'sym' ? e.name : e.kind === 'member' ? e.family : undefined;
    const def = name === undefined ? undefined : defs?.get(name);
    if (def && !seen.has(def.name)) {
      seen.add(def.name);
      if (visit(def.body)) return true;
    }
    return children(e).some(visit);
  };
  return es.some(visit);
}

function lift<U>(env: Env<Rational>, F: Field<U>): Env<U> {
  const m = (A: M.Matrix<Rational>) => M.convert(A, (x) => F.fromRational(x));
  const each = <V, W>(o: Readonly<Record<string, V>> | undefined, f: (v: V) => W) => Object.fromEntries(Object.entries(o ?? {}).map(([k, v]) => [k, f(v)]));
  return {
    sizes: env.sizes,
    symbols: each(env.symbols, m),
    scalars: each(env.scalars, (x) => F.fromRational(x)),
    families: each(env.families, (list) => list.map(m)),
    directions: { symbols: each(env.directions?.symbols, m), families: each(env.directions?.families, (list) => list.map(m)) },
    ...(env.definitions ? { definitions: env.definitions } : {}),
    ...(env.context ? { context: env.context } : {}),
  };
}

/** Evaluates es on the instance, sharing defined names between them (the sides of an equation chain). */
export function evaluateExactly(es: readonly Expr[], env: Env<Rational>): ExactValues {
  if (!usesLogExp(es, env.definitions)) return { F: Exact as Field<unknown>, values: evaluateAll(es, env, Exact), field: 'rational' };
  // one field per evaluation: its atoms (logarithms of sums, …) are numbered per field
  const F = logExpField();
  return { F: F as Field<unknown>, values: evaluateAll(es, lift(env, F), F), field: 'log-exp' };
}

/**
 * evaluateAlong over the field evaluateExactly would use, with random matrices of integer entries from `draw`;
 * undefined where evaluateAlong is (no gradient or Jacobian side, other shapes).
 */
export function evaluateExactlyAlong(
  es: readonly Expr[],
  env: Env<Rational>,
  draw: (rows: number, cols: number) => M.Matrix<Rational>,
): { readonly F: Field<unknown>; readonly values: readonly unknown[]; readonly degree: 1 | 2 } | undefined {
  if (!usesLogExp(es, env.definitions)) {
    const r = evaluateAlong(es, env, Exact, draw);
    return r && { F: Exact as Field<unknown>, ...r };
  }
  const F = logExpField();
  const r = evaluateAlong(es, lift(env, F), F, (rows, cols) => M.convert(draw(rows, cols), (x) => F.fromRational(x)));
  return r && { F: F as Field<unknown>, ...r };
}
