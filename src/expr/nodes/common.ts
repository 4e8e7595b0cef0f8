import type { Expr, Shape } from '../ast.js';
import type { Size } from '../size.js';
import { type Evaluator, type FunctionRule, type Printed, type Printer, Prec } from '../spec.js';

/** Helpers shared by node definitions. */

export const atom = (s: string): Printed => ({ s, prec: Prec.ATOM });

/** `\operatorname{vec}(A)` / `vec(A)`: a named function applied to printed arguments. */
export function call(p: Printer, name: string, args: readonly string[]): Printed {
  const head = p.style === 'latex' ? `\\operatorname{${name}}` : name;
  return atom(`${head}(${args.join(', ')})`);
}

/** A size known to be 1 on every instance. */
export const isOne = (shape: Shape): boolean =>
  shape.kind === 'matrix' && shape.rows.constant() === 1 && shape.cols.constant() === 1;

/** A rule for `name(x)` whose argument is an expression. */
export function unaryRule(usage: string, build: (arg: Expr) => Expr): FunctionRule {
  return { arity: 1, usage, build: (args, cv) => build(cv.expr(args[0]!)) };
}

export function binaryRule(usage: string, build: (a: Expr, b: Expr) => Expr): FunctionRule {
  return { arity: 2, usage, build: (args, cv) => build(cv.expr(args[0]!), cv.expr(args[1]!)) };
}

/** Printed subscript list: `jk` when every index is a single letter, else `j,k+1` (and `1,2`). */
export function indexList(indices: readonly string[]): string {
  return indices.every((s) => /^[A-Za-z]$/.test(s)) ? indices.join('') : indices.join(',');
}

/** A matrix dimension on the instance: `I(j)` with j = −1 has no value (never an empty matrix). */
export function dimension<T>(ev: Evaluator<T>, s: Size, what: string): number {
  const n = ev.size(s);
  if (n < 0) ev.fail(`${what}: ${s.toString()} = ${n} is negative`);
  return n;
}
