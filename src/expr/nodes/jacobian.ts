import * as M from '../../linalg/matrix.js';
import * as b from '../build.js';
import { type NodeSpec, type ParseRules, Prec } from '../spec.js';
import { call } from './common.js';

/**
 * The Jacobian ∂f/∂x of a column vector f (p×1) with respect to a column vector x (n×1): the p×n matrix
 * [∂f_i/∂x_j], the Matrix Cookbook's convention. Row i is the gradient of f_i, by forward-mode differentiation.
 */
export const jacobian: NodeSpec<'jacobian'> = {
  kind: 'jacobian',
  children: (n) => [n.f, n.wrt],
  map: (n, f) => b.jacobian(f(n.f), f(n.wrt) as typeof n.wrt),
  shape(n, c) {
    const f = c.matrix(n.f, `the function in jacobian(${c.src(n.f)}, ${c.src(n.wrt)})`);
    c.same(f.cols, b.size(1), () => `jacobian(${c.src(n.f)}, ${c.src(n.wrt)}): ${c.src(n.f)} is ${c.describe({ kind: 'matrix', ...f })}, not a column vector`);
    const x = c.variable(n.wrt, 'jacobian');
    c.same(x.cols, b.size(1), () => `jacobian(${c.src(n.f)}, ${c.src(n.wrt)}): ${c.src(n.wrt)} is ${c.describe({ kind: 'matrix', ...x })}, not a column vector`);
    return { kind: 'matrix', rows: f.rows, cols: x.rows };
  },
  latex: (n, p) => {
    const f = p.print(n.f).s;
    const x = p.print(n.wrt).s;
    return n.f.kind === 'sym' || n.f.kind === 'member'
      ? { s: `\\frac{\\partial ${f}}{\\partial ${x}}`, prec: Prec.POSTFIX }
      : { s: `\\frac{\\partial}{\\partial ${x}} ${p.wrap(n.f, Prec.POSTFIX)}`, prec: Prec.PREFIX };
  },
  text: (n, p) => ({ s: `J_${p.wrap(n.wrt, Prec.ATOM)}(${p.print(n.f).s})`, prec: Prec.ATOM }),
  source: (n, p) => call(p, 'jacobian', [p.print(n.f).s, p.print(n.wrt).s]),
  evaluate(n, ev) {
    return ev.memoized(n, () => {
      const f = ev.matrix(n.f, 'the function of a Jacobian');
      if (f.cols !== 1) ev.fail(`the Jacobian of a ${f.rows}×${f.cols} matrix (a column vector is needed)`);
      const rows = Array.from({ length: f.rows }, (_, i) => ev.gradient(b.entry(n.f, i + 1, 1), n.wrt));
      if (rows.some((g) => g.cols !== 1)) ev.fail('the Jacobian with respect to a matrix that is not a column vector');
      const cols = rows[0]?.rows ?? ev.variable(n.wrt).value.rows;
      return { kind: 'matrix', value: M.build(f.rows, cols, (i, j) => M.get(rows[i]!, j, 0)) };
    });
  },
};

export const rules: ParseRules = {
  functions: {
    jacobian: { arity: 2, usage: 'jacobian(f, x)', build: (args, cv) => b.jacobian(cv.expr(args[0]!), cv.variable(args[1]!)) },
  },
};
