import * as M from '../../linalg/matrix.js';
import * as b from '../build.js';
import { type NodeSpec, type ParseRules } from '../spec.js';
import { call, unaryRule } from './common.js';

/**
 * Vectors ↔ diagonal matrices. `diag(v)` is the diagonal matrix with the column vector v on its diagonal (as
 * mathjs's diag of a vector); `diagvec(A)` is the column of A's diagonal entries. The Matrix Cookbook's diag(A),
 * A with its off-diagonal entries set to zero, is `diag(diagvec(A))` (= A ∘ I).
 */

export const diag: NodeSpec<'diag'> = {
  kind: 'diag',
  children: (n) => [n.arg],
  map: (n, f) => b.diag(f(n.arg)),
  shape(n, c) {
    const s = c.matrix(n.arg, 'the argument of diag');
    c.same(s.cols, b.size(1), () =>
      `diag(${c.src(n.arg)}): ${c.src(n.arg)} is ${c.describe({ kind: 'matrix', ...s })}; diag takes a column vector (for the diagonal of a square matrix write diagvec(A); the Cookbook's diag(A) is diag(diagvec(A)))`,
    );
    return { kind: 'matrix', rows: s.rows, cols: s.rows };
  },
  latex: (n, p) => call(p, 'diag', [p.print(n.arg).s]),
  text: (n, p) => call(p, 'diag', [p.print(n.arg).s]),
  source: (n, p) => call(p, 'diag', [p.print(n.arg).s]),
  evaluate(n, ev) {
    const v = ev.matrix(n.arg, 'the argument of diag');
    if (v.cols !== 1) ev.fail(`diag of a ${v.rows}×${v.cols} matrix (a column vector is needed)`);
    return { kind: 'matrix', value: M.build(v.rows, v.rows, (i, j) => (i === j ? v.data[i]! : ev.F.zero)) };
  },
};

export const diagvec: NodeSpec<'diagvec'> = {
  kind: 'diagvec',
  children: (n) => [n.arg],
  map: (n, f) => b.diagvec(f(n.arg)),
  shape(n, c) {
    const s = c.matrix(n.arg, 'the argument of diagvec');
    c.same(s.rows, s.cols, () => `diagvec(${c.src(n.arg)}): ${c.src(n.arg)} is ${c.describe({ kind: 'matrix', ...s })}, not square`);
    return { kind: 'matrix', rows: s.rows, cols: b.size(1) };
  },
  latex: (n, p) => call(p, 'diagvec', [p.print(n.arg).s]),
  text: (n, p) => call(p, 'diagvec', [p.print(n.arg).s]),
  source: (n, p) => call(p, 'diagvec', [p.print(n.arg).s]),
  evaluate(n, ev) {
    const A = ev.matrix(n.arg, 'the argument of diagvec');
    if (A.rows !== A.cols) ev.fail(`diagvec of a non-square ${A.rows}×${A.cols} matrix`);
    return { kind: 'matrix', value: M.build(A.rows, 1, (i) => M.get(A, i, i)) };
  },
};

export const rules: ParseRules = {
  functions: { diag: unaryRule('diag(v)', b.diag), diagvec: unaryRule('diagvec(A)', b.diagvec) },
};
