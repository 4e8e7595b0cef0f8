import type { Diff } from '../ast.js';
import * as b from '../build.js';
import { exprEquals } from '../equal.js';
import { type NodeSpec, type ParseRules, type Printed, type Printer, Prec } from '../spec.js';
import { call } from './common.js';
import { wiredTensor, zeroTensor } from '../legs.js';

/**
 * Derivatives, each computed independently of any claimed formula by forward-mode differentiation over the
 * instance's field (exact over the rationals): the matrix gradient and a Hessian block in the paper's row-major
 * coordinates (one evaluation over truncated Taylor numbers, jet.ts), and differentials (exact directional
 * derivatives along the instance's directions, nested dual numbers).
 */

export const grad: NodeSpec<'grad'> = {
  kind: 'grad',
  children: (n) => [n.f, n.wrt],
  map: (n, f) => b.grad(f(n.f), f(n.wrt) as typeof n.wrt),
  shape(n, c) {
    c.scalarLike(n.f, `the function in grad(${c.src(n.f)}, ${c.src(n.wrt)})`);
    const s = c.variable(n.wrt, 'grad');
    return { kind: 'matrix', rows: s.rows, cols: s.cols };
  },
  latex(n, p) {
    const w = p.print(n.wrt).s;
    // a fraction takes no superscript without parentheses: its precedence sits below atoms
    if (n.f.kind === 'sym' || n.f.kind === 'member') return { s: `\\frac{\\partial ${p.print(n.f).s}}{\\partial ${w}}`, prec: Prec.POSTFIX };
    // ∂/∂W f in a product would leave open what it applies to: it is bracketed as a factor, like a text quotient
    return { s: `\\frac{\\partial}{\\partial ${w}} ${p.wrap(n.f, Prec.POSTFIX)}`, prec: Prec.DIV };
  },
  text(n, p) {
    const w = p.print(n.wrt).s;
    if (n.f.kind === 'sym' || n.f.kind === 'member') return { s: `∂${p.print(n.f).s}/∂${w}`, prec: Prec.DIV };
    return { s: `∂/∂${w} ${p.wrap(n.f, Prec.POSTFIX)}`, prec: Prec.DIV };
  },
  source: (n, p) => call(p, 'grad', [p.print(n.f).s, p.print(n.wrt).s]),
  evaluate: (n, ev) => ev.memoized(n, () => ({ kind: 'matrix', value: ev.gradient(n.f, n.wrt) })),
  // ∂f/∂W opens the legs W occupied; a wire may join them (∂tr(W)/∂W = I)
  tensor(n, t) {
    const [f, w] = [t.tensor(n.f), t.tensor(n.wrt)];
    return f.zero ? zeroTensor(w.rows, w.cols) : wiredTensor(w.rows, w.cols, { legs: f.legs, coef: f.coef });
  },
};

export const hess: NodeSpec<'hess'> = {
  kind: 'hess',
  children: (n) => [n.f, n.wrt1, n.wrt2],
  map: (n, f) => b.hess(f(n.f), f(n.wrt1) as typeof n.wrt1, f(n.wrt2) as typeof n.wrt2),
  shape(n, c) {
    c.scalarLike(n.f, `the function in hess(${c.src(n.f)}, …)`);
    const s1 = c.variable(n.wrt1, 'hess');
    const s2 = c.variable(n.wrt2, 'hess');
    return { kind: 'matrix', rows: s1.rows.mul(s1.cols), cols: s2.rows.mul(s2.cols) };
  },
  latex(n, p) {
    const f = n.f.kind === 'sym' || n.f.kind === 'member' ? ` ${p.print(n.f).s}` : '';
    const v1 = `\\operatorname{vec}(${p.wrap(n.wrt1, Prec.ATOM, true)}^\\top)`;
    const v2 = `\\operatorname{vec}(${p.wrap(n.wrt2, Prec.ATOM, true)}^\\top)^\\top`;
    const frac = `\\frac{\\partial^2${f}}{\\partial ${v1} \\, \\partial ${v2}}`;
    return f ? { s: frac, prec: Prec.POSTFIX } : { s: `${frac} ${p.wrap(n.f, Prec.POSTFIX)}`, prec: Prec.DIV };
  },
  text(n, p) {
    const atomic = n.f.kind === 'sym' || n.f.kind === 'member';
    const d = `∂²${atomic ? p.print(n.f).s : ''}/∂vec(${p.wrap(n.wrt1, Prec.ATOM, true)}ᵀ)∂vec(${p.wrap(n.wrt2, Prec.ATOM, true)}ᵀ)ᵀ`;
    return atomic ? { s: d, prec: Prec.DIV } : { s: `${d} ${p.wrap(n.f, Prec.POSTFIX)}`, prec: Prec.DIV };
  },
  source: (n, p) => call(p, 'hess', [p.print(n.f).s, p.print(n.wrt1).s, p.print(n.wrt2).s]),
  evaluate: (n, ev) => ev.memoized(n, () => ({ kind: 'matrix', value: ev.hessianBlock(n.f, n.wrt1, n.wrt2) })),
  // rows vec(W₁ᵀ) and columns vec(W₂ᵀ), each flattened row by row: the row leg is the more significant
  tensor(n, t) {
    const [f, w1, w2] = [t.tensor(n.f), t.tensor(n.wrt1), t.tensor(n.wrt2)];
    const [rows, cols] = [[...w1.rows, ...w1.cols], [...w2.rows, ...w2.cols]];
    return f.zero ? zeroTensor(rows, cols) : wiredTensor(rows, cols, { legs: f.legs, coef: f.coef });
  },
};


/** d(d(…d(X))) with one wrt throughout: its order and innermost argument. */
function order(n: Diff): { count: number; inner: Diff } {
  let count = 1;
  let inner = n;
  while (inner.arg.kind === 'diff' && (inner.arg.wrt === null ? n.wrt === null : n.wrt !== null && exprEquals(inner.arg.wrt, n.wrt))) {
    inner = inner.arg;
    count++;
  }
  return { count, inner };
}

function printDiff(n: Diff, p: Printer, d: string, power: (k: number) => string, lower: (w: string) => string): Printed {
  const { count, inner } = order(n);
  const head = d + (count > 1 ? power(count) : '');
  const arg = p.wrap(inner.arg, Prec.ATOM);
  // d tr(…), not dtr(…): a named function needs a space after d
  const gap = p.style === 'text' && /^[A-Za-z]{2}/.test(arg) && inner.arg.kind !== 'sym' ? ' ' : '';
  if (inner.wrt === null || exprEquals(inner.arg, inner.wrt)) return { s: `${head}${gap}${arg}`, prec: Prec.PREFIX };
  return { s: `${head}${lower(p.print(inner.wrt).s)}${gap}${arg}`, prec: Prec.PREFIX };
}

export const diff: NodeSpec<'diff'> = {
  kind: 'diff',
  children: (n) => (n.wrt ? [n.arg, n.wrt] : [n.arg]),
  map: (n, f) => b.diff(f(n.arg), n.wrt ? (f(n.wrt) as typeof n.wrt) : null),
  shape(n, c) {
    if (n.wrt) c.variable(n.wrt, 'd');
    const s = c.shape(n.arg);
    if (s.kind !== 'scalar' && s.kind !== 'matrix') c.fail(`d(${c.src(n.arg)}): ${c.src(n.arg)} is ${c.describe(s)}`);
    return s;
  },
  latex: (n, p) => printDiff(n, p, '\\mathrm{d}', (k) => `^{${k}}`, (w) => `_{${w}} `),
  text: (n, p) => printDiff(n, p, 'd', (k) => (k === 2 ? '²' : k === 3 ? '³' : `^${k}`), (w) => `_{${w}}`),
  source: (n, p) => call(p, 'd', n.wrt ? [p.print(n.arg).s, p.print(n.wrt).s] : [p.print(n.arg).s]),
  evaluate: (n, ev) => ev.derivative(n.arg, [ev.directions(n.wrt)]),
  // dW takes W's place: the same legs, one more variable
  tensor: (n, t) => t.tensor(n.arg),
};

export const rules: ParseRules = {
  functions: {
    grad: { arity: 2, usage: 'grad(f, W[k])', build: (args, cv) => b.grad(cv.expr(args[0]!), cv.variable(args[1]!)) },
    hess: {
      arity: 3,
      usage: 'hess(f, W[j], W[k])',
      build: (args, cv) => b.hess(cv.expr(args[0]!), cv.variable(args[1]!), cv.variable(args[2]!)),
    },
    d: {
      arity: [1, 2],
      usage: 'd(E) or d(E, W[k])',
      build: (args, cv) => b.diff(cv.expr(args[0]!), args[1] ? cv.variable(args[1]) : null),
    },
  },
};
