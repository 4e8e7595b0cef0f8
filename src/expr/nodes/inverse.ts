import { inverse, pinv as mpinv } from '../../linalg/elimination.js';
import * as b from '../build.js';
import { type NodeSpec, type ParseRules, Prec } from '../spec.js';
import { call, unaryRule } from './common.js';

/**
 * Inverse and Moore–Penrose inverse (a valid generalized inverse M⁻ wherever the paper uses one). inv of a scalar
 * is its reciprocal, so `x^(-1)` means the same for scalars and matrices.
 */

export const inv: NodeSpec<'inv'> = {
  kind: 'inv',
  children: (n) => [n.arg],
  map: (n, f) => b.inv(f(n.arg)),
  shape(n, c) {
    if (c.shape(n.arg).kind === 'scalar') return { kind: 'scalar' };
    const s = c.matrix(n.arg, 'the argument of inv');
    c.same(s.rows, s.cols, () => `inv(${c.src(n.arg)}): ${c.src(n.arg)} is ${c.describe({ kind: 'matrix', ...s })}, not square`);
    return { kind: 'matrix', rows: s.rows, cols: s.cols };
  },
  latex: (n, p) => ({ s: `${p.wrap(n.arg, Prec.ATOM, true)}^{-1}`, prec: Prec.POSTFIX, sup: true }),
  text: (n, p) => ({ s: `${p.wrap(n.arg, Prec.ATOM, true)}⁻¹`, prec: Prec.POSTFIX, sup: true }),
  source: (n, p) => call(p, 'inv', [p.print(n.arg).s]),
  evaluate(n, ev) {
    const v = ev.value(n.arg);
    if (v.kind === 'scalar') {
      if (ev.F.isZero(v.value)) ev.fail('inv of zero');
      return { kind: 'scalar', value: ev.F.div(ev.F.one, v.value) };
    }
    if (v.kind !== 'matrix') return ev.fail(`inv of ${v.kind === 'bool' ? 'a truth value' : 'a subspace'}`);
    const A = v.value;
    if (A.rows !== A.cols) ev.fail(`inv of a non-square ${A.rows}×${A.cols} matrix`);
    // over dual numbers this differentiates: elimination pivots only on entries whose value part is non-zero
    try {
      return { kind: 'matrix', value: inverse(ev.F, A) };
    } catch (e) {
      if (e instanceof RangeError) ev.fail('inv of a singular matrix');
      throw e;
    }
  },
};

export const pinv: NodeSpec<'pinv'> = {
  kind: 'pinv',
  children: (n) => [n.arg],
  map: (n, f) => b.pinv(f(n.arg)),
  shape(n, c) {
    const s = c.matrix(n.arg, 'the argument of pinv');
    return { kind: 'matrix', rows: s.cols, cols: s.rows };
  },
  latex: (n, p) => ({ s: `${p.wrap(n.arg, Prec.ATOM, true)}^{+}`, prec: Prec.POSTFIX, sup: true }),
  text: (n, p) => ({ s: `${p.wrap(n.arg, Prec.ATOM, true)}⁺`, prec: Prec.POSTFIX, sup: true }),
  source: (n, p) => call(p, 'pinv', [p.print(n.arg).s]),
  evaluate: (n, ev) => ({
    kind: 'matrix',
    // the pseudo-inverse is not differentiable where the rank changes, so it is only taken of constants
    value: ev.constantMap(ev.matrix(n.arg, 'the argument of pinv'), 'pinv', (F, A) => mpinv(F, A)),
  }),
};

export const rules: ParseRules = {
  functions: { inv: unaryRule('inv(A)', b.inv), pinv: unaryRule('pinv(A)', b.pinv) },
};
