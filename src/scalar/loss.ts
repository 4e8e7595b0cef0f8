import { InputError } from '../errors.js';
import {
  type Env, type Expr, InstanceError, Size, build as b, checkShape, children, declareFamily, declareSizes, declareSymbol,
  emptyContext, evaluate, matrixShape, parseExpr, toLatex, toText, usesLogExp,
} from '../expr/index.js';
import type { Field } from '../linalg/field.js';
import { type Matrix, Rational, build, get } from '../linalg/index.js';
import { ENTRYWISE_LIMITS, type EntrywiseData, TermLimitExceeded } from './entries.js';
import { type Parameter, type Variables, dataLatex, dataName, parameters, weightLatex } from './names.js';
import { Poly } from './poly.js';

/**
 * A user's loss, written in the derivation language (`fro2(W2*W1*X - Y)/2 + lambda/2*(fro2(W1) + fro2(W2))`),
 * expanded into a polynomial in the weight entries and differentiated term by term: the entrywise engine for any
 * polynomial loss, not only ½‖W_{H+1}⋯W_1X − Y‖²_F. The weights are W1 … W{H+1} (or W[k]) of the given widths,
 * X (d_0 × m) and Y (d_{H+1} × m) the data, numeric or symbolic, and every other name a scalar parameter kept as
 * a symbol (never differentiated). The expression is evaluated over polynomials by the same node evaluators that
 * check derivations, so a loss must be a polynomial in the weights: division only by constants, no log or exp.
 */

/** Polynomials as the evaluator's number type: a ring in which only non-zero constants are inverted. */
const PolyField: Field<Poly> = {
  kind: 'exact',
  zero: Poly.ZERO,
  one: Poly.ONE,
  add: (a, b) => a.add(b),
  sub: (a, b) => a.sub(b),
  mul: (a, b) => a.mul(b),
  div(a, b) {
    const c = b.constantValue();
    if (c === undefined) throw new InstanceError('the loss divides by a quantity that depends on the weights or parameters: it must be a polynomial in them');
    if (c.isZero()) throw new InstanceError('the loss divides by zero');
    return a.scale(c.inv());
  },
  neg: (a) => a.neg(),
  isZero: (a) => a.isZero(),
  sign(a) {
    const c = a.constantValue();
    if (c === undefined) throw new InstanceError('the loss takes the sign (abs, a comparison) of a quantity that depends on the weights');
    return c.sign();
  },
  eq: (a, b) => a.equals(b),
  fromInt: (n) => Poly.constant(Rational.fromInt(n)),
  fromRational: (q) => Poly.constant(q),
  toNumber: (a) => a.constantValue()?.toNumber() ?? Number.NaN,
  toJSON: (a) => a.constantValue()?.toString() ?? 'polynomial',
  toString: (a) => a.constantValue()?.toString() ?? 'polynomial',
  pivotCost: (a) => (a.constantValue() === undefined ? 1e9 + a.termCount : a.termCount),
};

const WEIGHT = /^W(\d+)$/;

/** Names the expression reads as scalars or matrices, minus Σ indices. */
function freeNames(e: Expr, bound: ReadonlySet<string> = new Set(), into: string[] = []): string[] {
  if (e.kind === 'sym' && !bound.has(e.name) && !into.includes(e.name)) into.push(e.name);
  if (e.kind === 'member' && !into.includes(e.family)) into.push(e.family);
  const inner = e.kind === 'sum' ? new Set([...bound, e.index]) : bound;
  for (const c of children(e)) freeNames(c, inner, into);
  return into;
}

export class LossDerivation {
  readonly parameters: Parameter[];
  readonly variables: Variables;
  /** The loss as written, printed (for headers). */
  readonly lossText: { readonly text: string; readonly latex: string };
  private readonly L: Poly;
  private terms = 0;
  private readonly maxTerms: number;

  /** `where` names the option or field the loss came from, for error messages (InputError). */
  constructor(
    readonly widths: readonly number[],
    data: EntrywiseData | undefined,
    loss: string,
    where: string,
    options: { maxTerms?: number } = {},
  ) {
    this.maxTerms = options.maxTerms ?? ENTRYWISE_LIMITS.maxTerms;
    const expr = parseExpr(loss, where);
    this.lossText = { text: toText(expr), latex: toLatex(expr) };
    if (usesLogExp([expr], undefined)) throw new InputError(where, 'the loss must be a polynomial in the weights: log and exp are not');
    const depth = widths.length - 1;
    this.parameters = parameters(widths);
    const names = this.parameters.map((p) => p.name);
    const latex = this.parameters.map((p) => weightLatex(p.layer, p.row, p.col));
    let index = 0;
    const W = Array.from({ length: depth }, (_, k) => build(widths[k + 1]!, widths[k]!, () => Poly.variable(index++)));

    const used = freeNames(expr);
    const sizes = new Set(['H', 'd', 'm']);
    for (const name of used) {
      const w = WEIGHT.exec(name);
      if (w && (Number(w[1]) < 1 || Number(w[1]) > depth))
        throw new InputError(where, `${name}: the widths [${widths.join(', ')}] give the weights W1 … W${depth}`);
    }
    const usesData = used.includes('X') || used.includes('Y');
    if (usesData && !data) throw new InputError(where, 'the loss uses the data X, Y: give --network FILE or --symbolic-data');
    const m = data ? (data.kind === 'numeric' ? data.X.cols : data.samples) : 1;
    let X: Matrix<Poly> | undefined;
    let Y: Matrix<Poly> | undefined;
    if (data?.kind === 'numeric') {
      X = build(data.X.rows, data.X.cols, (i, j) => Poly.constant(get(data.X, i, j)));
      Y = build(data.Y.rows, data.Y.cols, (i, j) => Poly.constant(get(data.Y, i, j)));
    } else if (data && usesData) {
      const symbols = (which: 'X' | 'Y', rows: number) =>
        build(rows, m, (i, j) => {
          names.push(dataName(which, i + 1, j + 1));
          latex.push(dataLatex(which, i + 1, j + 1));
          return Poly.variable(index++);
        });
      X = symbols('X', widths[0]!);
      Y = symbols('Y', widths[depth]!);
    }
    // every other name that is not a size is a scalar parameter, a symbol of its own
    const scalars: Record<string, Poly> = {};
    for (const name of used) {
      if (name === 'X' || name === 'Y' || name === 'W' || WEIGHT.test(name) || sizes.has(name)) continue;
      if (names.includes(name)) throw new InputError(where, `the name ${name} is taken by a weight or data entry; rename the parameter`);
      scalars[name] = Poly.variable(index++);
      names.push(name);
      latex.push(toLatex(b.sym(name)));
    }
    this.variables = { names, latex };
    if (this.parameters.length > ENTRYWISE_LIMITS.maxParameters || names.length > ENTRYWISE_LIMITS.maxVariables)
      throw new InputError(where, `${this.parameters.length} weights and ${names.length} symbols exceed the limits (${ENTRYWISE_LIMITS.maxParameters} weights, ${ENTRYWISE_LIMITS.maxVariables} symbols)`);

    let ctx = declareSizes(emptyContext, sizes);
    ctx = declareSymbol(ctx, 'X', matrixShape(Size.int(widths[0]!), Size.int(m)));
    ctx = declareSymbol(ctx, 'Y', matrixShape(Size.int(widths[depth]!), Size.int(m)));
    W.forEach((w, k) => (ctx = declareSymbol(ctx, `W${k + 1}`, matrixShape(Size.int(w.rows), Size.int(w.cols)))));
    ctx = declareFamily(ctx, 'W', ['k'], matrixShape(Size.dim('d', Size.var('k')), Size.dim('d', Size.var('k').sub(1))));
    for (const name of Object.keys(scalars)) ctx = declareSymbol(ctx, name, { kind: 'scalar' });
    let shape;
    try {
      shape = checkShape(expr, ctx, where).shape;
    } catch (e) {
      const named = Object.keys(scalars).find((n) => e instanceof InputError && new RegExp(`\\b${n} is a scalar`).test(e.message));
      if (named) throw new InputError(where, `${(e as InputError).message.replace(/^[^:]*: /, '')} (names other than X, Y, W1 … W${depth} are scalar parameters)`);
      throw e;
    }
    if (shape.kind !== 'scalar' && !(shape.kind === 'matrix' && shape.rows.constant() === 1 && shape.cols.constant() === 1))
      throw new InputError(where, `the loss must be a scalar, got a ${shape.kind === 'matrix' ? `${shape.rows}×${shape.cols} matrix` : shape.kind}`);

    const env: Env<Poly> = {
      sizes: { H: depth - 1, d: [...widths], m },
      symbols: { ...(X && { X }), ...(Y && { Y }), ...Object.fromEntries(W.map((w, k) => [`W${k + 1}`, w])) },
      families: { W },
      scalars,
    };
    try {
      const v = evaluate(expr, env, PolyField);
      this.L = v.kind === 'scalar' ? v.value : v.kind === 'matrix' ? v.value.data[0]! : Poly.ZERO;
    } catch (e) {
      if (e instanceof InstanceError) throw new InputError(where, e.message);
      throw e;
    }
    this.charge(this.L);
  }

  loss(): Poly {
    return this.L;
  }

  /** ∂L/∂θ_i in parameter order (the weights come first among the variables). */
  gradient(): Poly[] {
    return this.parameters.map((_, i) => this.charge(this.L.derivative(i)));
  }

  /** The symmetric Hessian in the weights; (i, j) and (j, i) are the same object. */
  hessian(): Poly[][] {
    const g = this.parameters.map((_, i) => this.L.derivative(i));
    const n = g.length;
    const H: Poly[][] = Array.from({ length: n }, () => new Array<Poly>(n));
    for (let i = 0; i < n; i++)
      for (let j = i; j < n; j++) {
        const h = this.charge(g[i]!.derivative(j));
        H[i]![j] = h;
        H[j]![i] = h;
      }
    return H;
  }

  private charge(p: Poly): Poly {
    this.terms += p.termCount;
    if (this.terms > this.maxTerms) throw new TermLimitExceeded(this.maxTerms);
    return p;
  }
}
