import { rank as mrank } from '../../linalg/elimination.js';
import { inertiaOf } from '../../linalg/inertia.js';
import * as M from '../../linalg/matrix.js';
import * as b from '../build.js';
import { type NodeSpec, type ParseRules, Prec } from '../spec.js';
import { call, unaryRule } from './common.js';

/**
 * Matrix predicates and the rank/range functions they use. They are evaluated at the point itself (value parts
 * when differentiating), exactly over the rationals.
 */

export const iszero: NodeSpec<'iszero'> = {
  kind: 'iszero',
  children: (n) => [n.arg],
  map: (n, f) => b.iszero(f(n.arg)),
  shape(n, c) {
    const s = c.shape(n.arg);
    if (s.kind !== 'matrix' && s.kind !== 'scalar') c.fail(`iszero(${c.src(n.arg)}): ${c.src(n.arg)} is ${c.describe(s)}`);
    return { kind: 'bool' };
  },
  latex: (n, p) => ({ s: `${p.wrap(n.arg, Prec.ADD)} = 0`, prec: Prec.COMPARE }),
  text: (n, p) => ({ s: `${p.wrap(n.arg, Prec.ADD)} = 0`, prec: Prec.COMPARE }),
  source: (n, p) => call(p, 'iszero', [p.print(n.arg).s]),
  evaluate(n, ev) {
    const v = ev.value(n.arg);
    const A = v.kind === 'scalar' ? M.matrix(1, 1, [v.value]) : ev.matrix(n.arg, 'the argument of iszero');
    return { kind: 'bool', value: ev.atPoint(A, (F, A0) => M.isZeroMatrix(F, A0)) };
  },
};

export const psd: NodeSpec<'psd'> = {
  kind: 'psd',
  children: (n) => [n.arg],
  map: (n, f) => b.psd(f(n.arg)),
  shape(n, c) {
    const s = c.matrix(n.arg, 'the argument of psd');
    c.same(s.rows, s.cols, () => `psd(${c.src(n.arg)}): ${c.src(n.arg)} is ${c.describe({ kind: 'matrix', ...s })}, not square`);
    return { kind: 'bool' };
  },
  latex: (n, p) => ({ s: `${p.wrap(n.arg, Prec.ADD)} \\succeq 0`, prec: Prec.COMPARE }),
  text: (n, p) => ({ s: `${p.wrap(n.arg, Prec.ADD)} ⪰ 0`, prec: Prec.COMPARE }),
  source: (n, p) => call(p, 'psd', [p.print(n.arg).s]),
  evaluate(n, ev) {
    const A = ev.matrix(n.arg, 'the argument of psd');
    if (A.rows !== A.cols) ev.fail(`psd of a non-square ${A.rows}×${A.cols} matrix`);
    // symmetric with no negative eigenvalue; Sylvester inertia by exact symmetric elimination
    return { kind: 'bool', value: ev.atPoint(A, (F, A0) => M.isSymmetric(F, A0) && inertiaOf(F, A0).negative === 0) };
  },
};

export const rank: NodeSpec<'rank'> = {
  kind: 'rank',
  children: (n) => [n.arg],
  map: (n, f) => b.rank(f(n.arg)),
  shape(n, c) {
    c.matrix(n.arg, 'the argument of rank');
    return { kind: 'scalar' };
  },
  latex: (n, p) => call(p, 'rank', [p.print(n.arg).s]),
  text: (n, p) => call(p, 'rank', [p.print(n.arg).s]),
  source: (n, p) => call(p, 'rank', [p.print(n.arg).s]),
  evaluate: (n, ev) => ({ kind: 'scalar', value: ev.F.fromInt(ev.atPoint(ev.matrix(n.arg, 'the argument of rank'), mrank)) }),
};

export const range: NodeSpec<'range'> = {
  kind: 'range',
  children: (n) => [n.arg],
  map: (n, f) => b.range(f(n.arg)),
  shape: (n, c) => ({ kind: 'space', dim: c.matrix(n.arg, 'the argument of range').rows }),
  latex: (n, p) => ({ s: `\\mathcal{R}(${p.print(n.arg).s})`, prec: Prec.ATOM }),
  text: (n, p) => ({ s: `R(${p.print(n.arg).s})`, prec: Prec.ATOM }),
  source: (n, p) => call(p, 'range', [p.print(n.arg).s]),
  evaluate: (n, ev) => ({ kind: 'space', spanning: ev.matrix(n.arg, 'the argument of range') }),
};

export const subset: NodeSpec<'subset'> = {
  kind: 'subset',
  children: (n) => [n.left, n.right],
  map: (n, f) => b.subset(f(n.left), f(n.right)),
  shape(n, c) {
    const l = c.shape(n.left);
    const r = c.shape(n.right);
    if (l.kind !== 'space' || r.kind !== 'space') return c.fail(`subset(${c.src(n.left)}, ${c.src(n.right)}) compares subspaces: write subset(range(A), range(B))`);
    c.same(l.dim, r.dim, () => `subset(${c.src(n.left)}, ${c.src(n.right)}): subspaces of R^${l.dim.toString()} and R^${r.dim.toString()}`);
    return { kind: 'bool' };
  },
  latex: (n, p) => ({ s: `${p.print(n.left).s} \\subseteq ${p.print(n.right).s}`, prec: Prec.COMPARE }),
  text: (n, p) => ({ s: `${p.print(n.left).s} ⊆ ${p.print(n.right).s}`, prec: Prec.COMPARE }),
  source: (n, p) => call(p, 'subset', [p.print(n.left).s, p.print(n.right).s]),
  evaluate(n, ev) {
    const S = ev.value(n.left);
    const T = ev.value(n.right);
    if (S.kind !== 'space' || T.kind !== 'space') return ev.fail('subset compares ranges');
    if (S.spanning.rows !== T.spanning.rows) ev.fail(`subset of subspaces of R^${S.spanning.rows} and R^${T.spanning.rows}`);
    // R(A) ⊆ R(B) iff appending A's columns to B does not raise the rank
    const inside = ev.atPoint(M.hstack(T.spanning, S.spanning), (F, BA) => {
      const B = M.pick(BA, M.range(BA.rows), M.range(T.spanning.cols));
      return mrank(F, BA) === mrank(F, B);
    });
    return { kind: 'bool', value: inside };
  },
};

export const rules: ParseRules = {
  functions: {
    iszero: unaryRule('iszero(A)', b.iszero),
    psd: unaryRule('psd(A)', b.psd),
    rank: unaryRule('rank(A)', b.rank),
    range: unaryRule('range(A)', b.range),
    subset: {
      arity: 2,
      usage: 'subset(range(A), range(B))',
      build: (args, cv) => b.subset(cv.expr(args[0]!), cv.expr(args[1]!)),
    },
  },
};
