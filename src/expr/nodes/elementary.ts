import * as M from '../../linalg/matrix.js';
import { applyFunction } from '../analytic.js';
import type { Expr, Kind, ScalarFunction } from '../ast.js';
import * as b from '../build.js';
import { type NodeSpec, type ParseRules, type Printer, type ShapeChecker, Prec } from '../spec.js';
import { atom, isOne, unaryRule } from './common.js';

/**
 * The scalar functions log (natural), exp, abs and sqrt, their entrywise application to a matrix, `map(A, exp)` as
 * in mathjs, and the Frobenius norm `norm(A)` (the 2-norm of a vector). Values of log and exp are transcendental: they are evaluated exactly in the log–exp field
 * (src/expr/logexp.ts), which the checker uses for any claim that contains them; their derivatives, rational in
 * the argument, come from the Taylor sums of src/expr/analytic.ts.
 */

function scalarArg(name: ScalarFunction, arg: Expr, c: ShapeChecker): void {
  const s = c.shape(arg);
  if (s.kind === 'scalar' || isOne(s)) return;
  const hint =
    s.kind === 'matrix'
      ? `; for the function of every entry write map(${c.src(arg)}, ${name})${name === 'log' ? `, for the log-determinant log(det(${c.src(arg)}))` : ''}`
      : '';
  c.fail(`${name}(${c.src(arg)}): ${c.src(arg)} is ${c.describe(s)}, not a scalar${hint}`);
}

const LATEX_HEAD: Readonly<Record<ScalarFunction, string>> = { log: '\\log', exp: '\\exp', abs: '\\operatorname{abs}', sqrt: '\\operatorname{sqrt}' };

function printScalar(name: ScalarFunction, arg: Expr, p: Printer) {
  const inner = p.print(arg).s;
  if (name === 'abs') return atom(p.style === 'latex' ? `\\left\\lvert ${inner} \\right\\rvert` : p.style === 'text' ? `|${inner}|` : `abs(${inner})`);
  if (name === 'sqrt') return atom(p.style === 'latex' ? `\\sqrt{${inner}}` : p.style === 'text' ? `√(${inner})` : `sqrt(${inner})`);
  return atom(`${p.style === 'latex' ? LATEX_HEAD[name] : name}${p.paren(inner)}`);
}

function scalarFunction<K extends ScalarFunction & Kind>(name: K, build: (arg: Expr) => Extract<Expr, { kind: K }>): NodeSpec<K> {
  const spec: NodeSpec<ScalarFunction> = {
    kind: name,
    children: (n) => [n.arg],
    map: (n, f) => build(f(n.arg)),
    shape(n, c) {
      scalarArg(name, n.arg, c);
      return { kind: 'scalar' };
    },
    latex: (n, p) => printScalar(name, n.arg, p),
    text: (n, p) => printScalar(name, n.arg, p),
    source: (n, p) => printScalar(name, n.arg, p),
    evaluate: (n, ev) => ({ kind: 'scalar', value: applyFunction(ev.F, name, ev.scalar(n.arg, `the argument of ${name}`)) }),
  };
  return spec as unknown as NodeSpec<K>;
}

export const log = scalarFunction('log', b.log);
export const exp = scalarFunction('exp', b.exp);
export const abs = scalarFunction('abs', b.abs);
export const sqrt = scalarFunction('sqrt', b.sqrt);

export const norm: NodeSpec<'norm'> = {
  kind: 'norm',
  children: (n) => [n.arg],
  map: (n, f) => b.norm(f(n.arg)),
  shape(n, c) {
    c.matrix(n.arg, 'the argument of norm');
    return { kind: 'scalar' };
  },
  latex: (n, p) => atom(`\\lVert ${p.print(n.arg).s} \\rVert`),
  text: (n, p) => atom(`‖${p.print(n.arg).s}‖`),
  source: (n, p) => atom(`norm(${p.print(n.arg).s})`),
  evaluate: (n, ev) => ({ kind: 'scalar', value: applyFunction(ev.F, 'sqrt', M.fro2(ev.F, ev.matrix(n.arg, 'the argument of norm'))) }),
};

export const elementwise: NodeSpec<'elementwise'> = {
  kind: 'elementwise',
  children: (n) => [n.arg],
  map: (n, f) => b.elementwise(n.fn, f(n.arg)),
  shape(n, c) {
    const s = c.matrix(n.arg, `the first argument of map(…, ${n.fn})`);
    return { kind: 'matrix', rows: s.rows, cols: s.cols };
  },
  // f∘(A): the function applied entry by entry (as A^{∘k} is the entrywise power)
  latex: (n, p) => ({ s: `${LATEX_HEAD[n.fn]}^{\\circ}${p.paren(p.print(n.arg).s)}`, prec: Prec.ATOM }),
  text: (n, p) => atom(`${n.fn}∘(${p.print(n.arg).s})`),
  source: (n, p) => atom(`map(${p.print(n.arg).s}, ${n.fn})`),
  evaluate(n, ev) {
    const A = ev.matrix(n.arg, `the first argument of map(…, ${n.fn})`);
    return { kind: 'matrix', value: M.map(A, (x) => applyFunction(ev.F, n.fn, x)) };
  },
};

const FUNCTIONS: readonly ScalarFunction[] = ['log', 'exp', 'abs', 'sqrt'];

/** Whether e itself (not its children) may have an irrational value: log, exp, sqrt, norm, of a scalar or entrywise. */
export const transcendental = (e: Expr): boolean =>
  e.kind === 'log' || e.kind === 'exp' || e.kind === 'sqrt' || e.kind === 'norm' || (e.kind === 'elementwise' && e.fn !== 'abs');

export const rules: ParseRules = {
  functions: {
    log: unaryRule('log(x)', b.log),
    exp: unaryRule('exp(x)', b.exp),
    abs: unaryRule('abs(x)', b.abs),
    sqrt: unaryRule('sqrt(x)', b.sqrt),
    norm: unaryRule('norm(A)', b.norm),
    map: {
      arity: 2,
      usage: 'map(A, f) with f one of log, exp, abs, sqrt',
      build(args, cv) {
        const fn = cv.name(args[1]!, 'the second argument of map');
        if (!(FUNCTIONS as readonly string[]).includes(fn)) cv.fail(`map(A, ${fn}): the function must be one of ${FUNCTIONS.join(', ')}`, fn);
        return b.elementwise(fn as ScalarFunction, cv.expr(args[0]!));
      },
    },
  },
};
