import * as M from '../../linalg/matrix.js';
import * as b from '../build.js';
import { type NodeSpec, type ParseRules, Prec } from '../spec.js';
import { atom, binaryRule, call, indexList, unaryRule } from './common.js';
import { closeTensor, productTensor, transposeTensor } from '../legs.js';

/** Scalar-valued functions of matrices: trace, squared Frobenius norm, Frobenius inner product, one entry. */

export const trace: NodeSpec<'trace'> = {
  kind: 'trace',
  children: (n) => [n.arg],
  map: (n, f) => b.trace(f(n.arg)),
  shape(n, c) {
    const s = c.matrix(n.arg, 'the argument of trace');
    c.same(s.rows, s.cols, () => `trace(${c.src(n.arg)}): ${c.src(n.arg)} is ${c.describe({ kind: 'matrix', ...s })}, not square`);
    return { kind: 'scalar' };
  },
  latex: (n, p) => call(p, 'tr', [p.print(n.arg).s]),
  text: (n, p) => call(p, 'tr', [p.print(n.arg).s]),
  source: (n, p) => call(p, 'trace', [p.print(n.arg).s]),
  evaluate(n, ev) {
    const A = ev.matrix(n.arg, 'the argument of trace');
    if (A.rows !== A.cols) ev.fail(`trace of a non-square ${A.rows}×${A.cols} matrix`);
    return { kind: 'scalar', value: M.trace(ev.F, A) };
  },
  tensor: (n, t) => closeTensor(t.tensor(n.arg), t.outside.bind(t)),
};

export const fro2: NodeSpec<'fro2'> = {
  kind: 'fro2',
  children: (n) => [n.arg],
  map: (n, f) => b.fro2(f(n.arg)),
  shape(n, c) {
    c.matrix(n.arg, 'the argument of fro2');
    return { kind: 'scalar' };
  },
  latex: (n, p) => ({ s: `\\lVert ${p.print(n.arg).s} \\rVert_F^2`, prec: Prec.ATOM, sup: true }),
  text: (n, p) => ({ s: `‖${p.print(n.arg).s}‖²_F`, prec: Prec.ATOM, sup: true }),
  source: (n, p) => call(p, 'fro2', [p.print(n.arg).s]),
  evaluate: (n, ev) => ({ kind: 'scalar', value: M.fro2(ev.F, ev.matrix(n.arg, 'the argument of fro2')) }),
  // ‖A‖² = tr(AᵀA)
  tensor(n, t) {
    const a = t.tensor(n.arg);
    return closeTensor(productTensor(transposeTensor(a), a, t.outside.bind(t)), t.outside.bind(t));
  },
};

export const inner: NodeSpec<'inner'> = {
  kind: 'inner',
  children: (n) => [n.left, n.right],
  map: (n, f) => b.inner(f(n.left), f(n.right)),
  shape(n, c) {
    const l = c.matrix(n.left, 'the first argument of inner');
    const r = c.matrix(n.right, 'the second argument of inner');
    const msg = () =>
      `inner(${c.src(n.left)}, ${c.src(n.right)}): ${c.src(n.left)} is ${c.describe({ kind: 'matrix', ...l })}, ${c.src(n.right)} is ${c.describe({ kind: 'matrix', ...r })}`;
    c.same(l.rows, r.rows, msg);
    c.same(l.cols, r.cols, msg);
    return { kind: 'scalar' };
  },
  latex: (n, p) => atom(`\\langle ${p.print(n.left).s}, ${p.print(n.right).s} \\rangle_F`),
  text: (n, p) => atom(`⟨${p.print(n.left).s}, ${p.print(n.right).s}⟩_F`),
  source: (n, p) => call(p, 'inner', [p.print(n.left).s, p.print(n.right).s]),
  evaluate(n, ev) {
    const A = ev.matrix(n.left, 'inner');
    const B = ev.matrix(n.right, 'inner');
    if (A.rows !== B.rows || A.cols !== B.cols) ev.fail(`inner product of a ${A.rows}×${A.cols} and a ${B.rows}×${B.cols} matrix`);
    return { kind: 'scalar', value: M.inner(ev.F, A, B) };
  },
  // ⟨A, B⟩ = tr(AᵀB)
  tensor: (n, t) => closeTensor(productTensor(transposeTensor(t.tensor(n.left)), t.tensor(n.right), t.outside.bind(t)), t.outside.bind(t)),
};

export const entry: NodeSpec<'entry'> = {
  kind: 'entry',
  children: (n) => [n.arg],
  map: (n, f, g) => b.entry(f(n.arg), g(n.row), g(n.col)),
  shape(n, c) {
    const s = c.matrix(n.arg, 'the argument of entry');
    for (const [i, bound, what] of [[n.row, s.rows, 'row'], [n.col, s.cols, 'column']] as const) {
      const iv = i.constant();
      const bv = bound.constant();
      if (iv !== undefined && (iv < 1 || (bv !== undefined && iv > bv)))
        c.fail(`entry(${c.src(n.arg)}, …): ${what} ${iv} is outside 1..${bound.toString()}`);
    }
    return { kind: 'scalar' };
  },
  latex: (n, p) => ({ s: `${p.paren(p.print(n.arg).s)}_{${indexList([p.size(n.row), p.size(n.col)])}}`, prec: Prec.ATOM }),
  text: (n, p) => ({ s: `${p.paren(p.print(n.arg).s)}_{${indexList([p.size(n.row), p.size(n.col)])}}`, prec: Prec.ATOM }),
  source: (n, p) => atom(`entry(${p.print(n.arg).s}, ${p.size(n.row)}, ${p.size(n.col)})`),
  evaluate(n, ev) {
    const A = ev.matrix(n.arg, 'the argument of entry');
    const i = ev.size(n.row);
    const j = ev.size(n.col);
    if (i < 1 || i > A.rows || j < 1 || j > A.cols) ev.fail(`entry (${i}, ${j}) of a ${A.rows}×${A.cols} matrix`);
    return { kind: 'scalar', value: M.get(A, i - 1, j - 1) };
  },
};

export const rules: ParseRules = {
  functions: {
    trace: unaryRule('trace(A)', b.trace),
    fro2: unaryRule('fro2(A)', b.fro2),
    inner: binaryRule('inner(A, B)', b.inner),
    entry: { arity: 3, usage: 'entry(A, i, j)', build: (args, cv) => b.entry(cv.expr(args[0]!), cv.size(args[1]!), cv.size(args[2]!)) },
  },
};
