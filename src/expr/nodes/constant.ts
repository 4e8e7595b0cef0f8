import * as M from '../../linalg/matrix.js';
import * as b from '../build.js';
import { textSubscript } from '../names.js';
import type { NodeSpec, ParseRules } from '../spec.js';
import { atom, dimension } from './common.js';

/** Constant matrices with symbolic sizes: the identity I(n) and zeros(a, b). */

export const identity: NodeSpec<'identity'> = {
  kind: 'identity',
  children: () => [],
  map: (n, _f, g) => b.identity(g(n.n)),
  shape: (n) => ({ kind: 'matrix', rows: n.n, cols: n.n }),
  latex: (n, p) => atom(`I_{${p.size(n.n)}}`),
  text: (n, p) => atom(`I${textSubscript(p.size(n.n))}`),
  source: (n, p) => atom(`I(${p.size(n.n)})`),
  evaluate: (n, ev) => ({ kind: 'matrix', value: M.identity(ev.F, dimension(ev, n.n, 'the size of I')) }),
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
};

export const rules: ParseRules = {
  functions: {
    I: { arity: 1, usage: 'I(n)', build: (args, cv) => b.identity(cv.size(args[0]!)) },
    zeros: { arity: 2, usage: 'zeros(a, b)', build: (args, cv) => b.zeros(cv.size(args[0]!), cv.size(args[1]!)) },
  },
};
