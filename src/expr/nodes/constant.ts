import * as M from '../../linalg/matrix.js';
import * as b from '../build.js';
import { textSubscript } from '../names.js';
import type { NodeSpec, ParseRules } from '../spec.js';
import { atom, dimension } from './common.js';
import { wiredTensor, zeroTensor } from '../legs.js';

/** Constant matrices with symbolic sizes: the identity I(n), zeros(a, b), ones(a, b) and unit vectors e_i. */

export const identity: NodeSpec<'identity'> = {
  kind: 'identity',
  children: () => [],
  map: (n, _f, g) => b.identity(g(n.n)),
  shape: (n) => ({ kind: 'matrix', rows: n.n, cols: n.n }),
  latex: (n, p) => atom(`I_{${p.size(n.n)}}`),
  text: (n, p) => atom(`I${textSubscript(p.size(n.n))}`),
  source: (n, p) => atom(`I(${p.size(n.n)})`),
  evaluate: (n, ev) => ({ kind: 'matrix', value: M.identity(ev.F, dimension(ev, n.n, 'the size of I')) }),
  // a wire: closed into a loop it contributes the number n to a coefficient
  tensor(n, t) {
    const s = t.size(n.n);
    return wiredTensor([s], [s]);
  },
};

export const zeros: NodeSpec<'zeros'> = {
  kind: 'zeros',
  children: () => [],
  map: (n, _f, g) => b.zeros(g(n.rows), g(n.cols)),
  shape: (n) => ({ kind: 'matrix', rows: n.rows, cols: n.cols }),
  latex: (n, p) => atom(`0_{${p.size(n.rows)} \\times ${p.size(n.cols)}}`),
  text: (n, p) => atom(`0_{${p.size(n.rows)}×${p.size(n.cols)}}`),
  source: (n, p) => atom(`zeros(${p.size(n.rows)}, ${p.size(n.cols)})`),
  evaluate: (n, ev) => ({ kind: 'matrix', value: M.zeros(ev.F, dimension(ev, n.rows, 'the rows of zeros'), dimension(ev, n.cols, 'the columns of zeros')) }),
  tensor: (n, t) => zeroTensor([t.size(n.rows)], [t.size(n.cols)]),
};

export const ones: NodeSpec<'ones'> = {
  kind: 'ones',
  children: () => [],
  map: (n, _f, g) => b.ones(g(n.rows), g(n.cols)),
  shape: (n) => ({ kind: 'matrix', rows: n.rows, cols: n.cols }),
  latex: (n, p) => atom(`\\mathbf{1}_{${p.size(n.rows)} \\times ${p.size(n.cols)}}`),
  text: (n, p) => atom(`1_{${p.size(n.rows)}×${p.size(n.cols)}}`),
  source: (n, p) => atom(`ones(${p.size(n.rows)}, ${p.size(n.cols)})`),
  evaluate: (n, ev) => ({ kind: 'matrix', value: M.build(dimension(ev, n.rows, 'the rows of ones'), dimension(ev, n.cols, 'the columns of ones'), () => ev.F.one) }),
};

/** The i-th standard basis vector of Rⁿ (a column); e_i e_jᵀ is the Cookbook's single-entry matrix J^{ij}. */
export const unit: NodeSpec<'unit'> = {
  kind: 'unit',
  children: () => [],
  map: (n, _f, g) => b.unit(g(n.n), g(n.index)),
  shape(n, c) {
    const i = n.index.constant();
    const m = n.n.constant();
    if (i !== undefined && (i < 1 || (m !== undefined && i > m))) c.fail(`unit(${n.n.toString()}, ${i}): the index is outside 1..${n.n.toString()}`);
    return { kind: 'matrix', rows: n.n, cols: b.size(1) };
  },
  latex: (n, p) => atom(`\\mathbf{e}_{${p.size(n.index)}}`),
  text: (n, p) => atom(`e${textSubscript(p.size(n.index))}`),
  source: (n, p) => atom(`unit(${p.size(n.n)}, ${p.size(n.index)})`),
  evaluate(n, ev) {
    const m = ev.size(n.n);
    const i = ev.size(n.index);
    if (i < 1 || i > m) ev.fail(`unit(${m}, ${i}): the index is outside 1..${m}`);
    return { kind: 'matrix', value: M.build(m, 1, (r) => (r === i - 1 ? ev.F.one : ev.F.zero)) };
  },
};

export const rules: ParseRules = {
  functions: {
    I: { arity: 1, usage: 'I(n)', build: (args, cv) => b.identity(cv.size(args[0]!)) },
    zeros: { arity: 2, usage: 'zeros(a, b)', build: (args, cv) => b.zeros(cv.size(args[0]!), cv.size(args[1]!)) },
    ones: { arity: 2, usage: 'ones(a, b)', build: (args, cv) => b.ones(cv.size(args[0]!), cv.size(args[1]!)) },
    unit: { arity: 2, usage: 'unit(n, i)', build: (args, cv) => b.unit(cv.size(args[0]!), cv.size(args[1]!)) },
  },
};
