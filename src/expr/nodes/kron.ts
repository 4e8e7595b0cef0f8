import * as M from '../../linalg/matrix.js';
import * as b from '../build.js';
import { type NodeSpec, type ParseRules, Prec } from '../spec.js';
import { atom, binaryRule, call, dimension, indexList, unaryRule } from './common.js';
import { kronTensor, wiredTensor } from '../legs.js';

/** Kronecker algebra: A ⊗ B, column-stacking vec, and the commutation matrix K_{m,n} (K vec(A) = vec(Aᵀ)). */

export const kron: NodeSpec<'kron'> = {
  kind: 'kron',
  children: (n) => [n.left, n.right],
  map: (n, f) => b.kron(f(n.left), f(n.right)),
  shape(n, c) {
    const l = c.matrix(n.left, 'the left factor of kron');
    const r = c.matrix(n.right, 'the right factor of kron');
    return { kind: 'matrix', rows: l.rows.mul(r.rows), cols: l.cols.mul(r.cols) };
  },
  // products bind tighter than ⊗, as in the paper: A_kᵀA_k ⊗ Z_kZ_kᵀ
  latex: (n, p) => ({ s: `${p.wrap(n.left, Prec.KRON)} \\otimes ${p.wrap(n.right, Prec.KRON + 1)}`, prec: Prec.KRON }),
  text: (n, p) => ({ s: `${p.wrap(n.left, Prec.KRON)} ⊗ ${p.wrap(n.right, Prec.KRON + 1)}`, prec: Prec.KRON }),
  source: (n, p) => call(p, 'kron', [p.print(n.left).s, p.print(n.right).s]),
  evaluate: (n, ev) => ({ kind: 'matrix', value: M.kron(ev.F, ev.matrix(n.left, 'kron'), ev.matrix(n.right, 'kron')) }),
  // (A ⊗ B)_{(i,k),(j,l)} = A_ij B_kl: A's legs are the more significant
  tensor: (n, t) => kronTensor(t.tensor(n.left), t.tensor(n.right)),
};

export const vec: NodeSpec<'vec'> = {
  kind: 'vec',
  children: (n) => [n.arg],
  map: (n, f) => b.vec(f(n.arg)),
  shape(n, c) {
    const s = c.matrix(n.arg, 'the argument of vec');
    return { kind: 'matrix', rows: s.rows.mul(s.cols), cols: b.size(1) };
  },
  latex: (n, p) => call(p, 'vec', [p.print(n.arg).s]),
  text: (n, p) => call(p, 'vec', [p.print(n.arg).s]),
  source: (n, p) => call(p, 'vec', [p.print(n.arg).s]),
  evaluate: (n, ev) => ({ kind: 'matrix', value: M.vec(ev.matrix(n.arg, 'the argument of vec')) }),
  // vec(A)_{i + rows·j} = A_ij: the column legs are the more significant
  tensor(n, t) {
    const a = t.tensor(n.arg);
    return { ...a, rows: [...a.cols, ...a.rows], cols: [] };
  },
};

export const commutation: NodeSpec<'commutation'> = {
  kind: 'commutation',
  children: () => [],
  map: (n, _f, g) => b.commutation(g(n.m), g(n.n)),
  shape: (n) => ({ kind: 'matrix', rows: n.m.mul(n.n), cols: n.m.mul(n.n) }),
  latex: (n, p) => atom(`K_{${indexList([p.size(n.m), p.size(n.n)])}}`),
  text: (n, p) => atom(`K_{${indexList([p.size(n.m), p.size(n.n)])}}`),
  source: (n, p) => atom(`commutation(${p.size(n.m)}, ${p.size(n.n)})`),
  evaluate(n, ev) {
    const m = dimension(ev, n.m, 'commutation');
    const k = dimension(ev, n.n, 'commutation');
    // vec(A) lists A_pq at q·m + p, vec(Aᵀ) at p·k + q (0-based)
    const K = M.build(m * k, m * k, (i, j) => (i % k === Math.floor(j / m) && Math.floor(i / k) === j % m ? ev.F.one : ev.F.zero));
    return { kind: 'matrix', value: K };
  },
  // K_{m,n} vec(A) = vec(Aᵀ) for A m×n: two crossing wires from legs (n, m) to legs (m, n)
  tensor: (n, t) => wiredTensor([t.size(n.m), t.size(n.n)], [t.size(n.n), t.size(n.m)]),
};

export const rules: ParseRules = {
  functions: {
    kron: binaryRule('kron(A, B)', b.kron),
    vec: unaryRule('vec(A)', b.vec),
    commutation: { arity: 2, usage: 'commutation(m, n)', build: (args, cv) => b.commutation(cv.size(args[0]!), cv.size(args[1]!)) },
  },
};
