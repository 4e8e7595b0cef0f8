import * as M from '../../linalg/matrix.js';
import * as b from '../build.js';
import { type NodeSpec, type ParseRules, Prec } from '../spec.js';
import { unaryRule } from './common.js';
import { transposeTensor } from '../legs.js';

/** Transpose `A'` (mathjs postfix ctranspose; real matrices only, so it is the plain transpose). */
export const transpose: NodeSpec<'transpose'> = {
  kind: 'transpose',
  children: (n) => [n.arg],
  map: (n, f) => b.transpose(f(n.arg)),
  shape(n, c) {
    const s = c.shape(n.arg);
    if (s.kind === 'scalar') return s;
    if (s.kind !== 'matrix') return c.fail(`cannot transpose ${c.src(n.arg)}, which is ${c.describe(s)}`);
    return { kind: 'matrix', rows: s.cols, cols: s.rows };
  },
  latex: (n, p) => ({ s: `${p.wrap(n.arg, Prec.ATOM, true)}^\\top`, prec: Prec.POSTFIX, sup: true }),
  text: (n, p) => ({ s: `${p.wrap(n.arg, Prec.ATOM, true)}ᵀ`, prec: Prec.POSTFIX, sup: true }),
  source: (n, p) => ({ s: `${p.wrap(n.arg, Prec.POSTFIX)}'`, prec: Prec.POSTFIX }),
  evaluate(n, ev) {
    const v = ev.value(n.arg);
    if (v.kind === 'scalar') return v;
    return { kind: 'matrix', value: M.transpose(ev.matrix(n.arg, 'the argument of transpose')) };
  },
  tensor: (n, t) => transposeTensor(t.tensor(n.arg)),
};

export const rules: ParseRules = {
  functions: { transpose: unaryRule('transpose(A)', b.transpose) },
  operators: {
    ctranspose: (args, cv) => b.transpose(cv.expr(args[0]!)),
    transpose: (args, cv) => b.transpose(cv.expr(args[0]!)),
  },
};
