import { adjugate, determinant } from '../../linalg/charpoly.js';
import * as b from '../build.js';
import type { Expr } from '../ast.js';
import type { Matrix } from '../../linalg/matrix.js';
import { type Evaluator, type NodeSpec, type ParseRules, type ShapeChecker } from '../spec.js';
import { atom, call, unaryRule } from './common.js';

/**
 * Determinant and adjugate, by a division-free algorithm (src/linalg/charpoly.ts): exact over every field, and
 * differentiable at singular matrices too. det is a polynomial of degree n in the entries; the cost is O(n⁴), so
 * matrices are limited to MAX_DET_SIZE rows.
 */
export const MAX_DET_SIZE = 24;

function squareArg(name: string, arg: Expr, c: ShapeChecker) {
  const s = c.matrix(arg, `the argument of ${name}`);
  c.same(s.rows, s.cols, () => `${name}(${c.src(arg)}): ${c.src(arg)} is ${c.describe({ kind: 'matrix', ...s })}, not square`);
  const n = s.rows.constant();
  if (n !== undefined && n > MAX_DET_SIZE) c.fail(`${name}(${c.src(arg)}): ${c.src(arg)} has ${n} rows; ${name} is limited to ${MAX_DET_SIZE}×${MAX_DET_SIZE}`);
  return s;
}

export const det: NodeSpec<'det'> = {
  kind: 'det',
  children: (n) => [n.arg],
  map: (n, f) => b.det(f(n.arg)),
  shape(n, c) {
    squareArg('det', n.arg, c);
    return { kind: 'scalar' };
  },
  latex: (n, p) => atom(`\\det(${p.print(n.arg).s})`),
  text: (n, p) => call(p, 'det', [p.print(n.arg).s]),
  source: (n, p) => call(p, 'det', [p.print(n.arg).s]),
  evaluate: (n, ev) => ({ kind: 'scalar', value: determinant(ev.F, squareValue('det', n.arg, ev)) }),
};

export const adj: NodeSpec<'adj'> = {
  kind: 'adj',
  children: (n) => [n.arg],
  map: (n, f) => b.adj(f(n.arg)),
  shape(n, c) {
    const s = squareArg('adj', n.arg, c);
    return { kind: 'matrix', rows: s.rows, cols: s.cols };
  },
  latex: (n, p) => call(p, 'adj', [p.print(n.arg).s]),
  text: (n, p) => call(p, 'adj', [p.print(n.arg).s]),
  source: (n, p) => call(p, 'adj', [p.print(n.arg).s]),
  evaluate: (n, ev) => ({ kind: 'matrix', value: adjugate(ev.F, squareValue('adj', n.arg, ev)) }),
};

/** The argument of det or adj on an instance: square, and within MAX_DET_SIZE (Berkowitz is O(n⁴)). */
function squareValue<T>(name: string, arg: Expr, ev: Evaluator<T>): Matrix<T> {
  const A = ev.matrix(arg, `the argument of ${name}`);
  if (A.rows !== A.cols) ev.fail(`${name} of a non-square ${A.rows}×${A.cols} matrix`);
  if (A.rows > MAX_DET_SIZE) ev.fail(`${name} of a ${A.rows}×${A.rows} matrix (the limit is ${MAX_DET_SIZE})`);
  return A;
}

export const rules: ParseRules = {
  functions: { det: unaryRule('det(A)', b.det), adj: unaryRule('adj(A)', b.adj) },
};
