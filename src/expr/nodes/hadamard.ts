import * as M from '../../linalg/matrix.js';
import * as b from '../build.js';
import { type NodeSpec, type ParseRules, Prec } from '../spec.js';
import { binaryRule } from './common.js';

/** The Hadamard (entrywise) product A ∘ B, written `hadamard(A, B)` or, as in mathjs, `A .* B`. */
export const hadamard: NodeSpec<'hadamard'> = {
  kind: 'hadamard',
  children: (n) => [n.left, n.right],
  map: (n, f) => b.hadamard(f(n.left), f(n.right)),
  shape(n, c) {
    const l = c.matrix(n.left, 'the left factor of a Hadamard product');
    const r = c.matrix(n.right, 'the right factor of a Hadamard product');
    const msg = () =>
      `${c.src(n)}: ${c.src(n.left)} is ${c.describe({ kind: 'matrix', ...l })}, ${c.src(n.right)} is ${c.describe({ kind: 'matrix', ...r })}`;
    c.same(l.rows, r.rows, msg);
    c.same(l.cols, r.cols, msg);
    return { kind: 'matrix', rows: l.rows, cols: l.cols };
  },
  // products bind tighter than ∘ in print, ⊗ looser: (AB) ∘ C is written AB ∘ C, A(B ∘ C) keeps its parentheses
  latex: (n, p) => ({ s: `${p.wrap(n.left, Prec.HADAMARD)} \\circ ${p.wrap(n.right, Prec.HADAMARD + 1)}`, prec: Prec.HADAMARD }),
  text: (n, p) => ({ s: `${p.wrap(n.left, Prec.HADAMARD)} ∘ ${p.wrap(n.right, Prec.HADAMARD + 1)}`, prec: Prec.HADAMARD }),
  // mathjs gives .* the precedence of *, left to right: a product on the right needs parentheses
  source: (n, p) => ({ s: `${p.wrap(n.left, Prec.HADAMARD)} .* ${p.wrap(n.right, Prec.MUL + 1)}`, prec: Prec.HADAMARD }),
  evaluate(n, ev) {
    const A = ev.matrix(n.left, 'the left factor of a Hadamard product');
    const B = ev.matrix(n.right, 'the right factor of a Hadamard product');
    if (A.rows !== B.rows || A.cols !== B.cols) ev.fail(`Hadamard product of a ${A.rows}×${A.cols} and a ${B.rows}×${B.cols} matrix`);
    return { kind: 'matrix', value: M.build(A.rows, A.cols, (i, j) => ev.F.mul(M.get(A, i, j), M.get(B, i, j))) };
  },
};

export const rules: ParseRules = {
  functions: { hadamard: binaryRule('hadamard(A, B)', b.hadamard) },
  operators: { dotMultiply: (args, cv) => b.hadamard(cv.expr(args[0]!), cv.expr(args[1]!)) },
};
