import * as M from '../../linalg/matrix.js';
import type { CompareOp, Expr } from '../ast.js';
import * as b from '../build.js';
import { type MathjsNode, type Converter, type NodeSpec, type ParseRules, Prec } from '../spec.js';
import { isOne } from './common.js';

/** Comparisons of scalars (and equality of matrices), and the connectives and / or / not. */

const LATEX_OP: Readonly<Record<CompareOp, string>> = { '==': '=', '!=': '\\neq', '<': '<', '<=': '\\le', '>': '>', '>=': '\\ge' };
const TEXT_OP: Readonly<Record<CompareOp, string>> = { '==': '=', '!=': '≠', '<': '<', '<=': '≤', '>': '>', '>=': '≥' };

export const compare: NodeSpec<'compare'> = {
  kind: 'compare',
  children: (n) => [n.left, n.right],
  map: (n, f) => b.compare(n.op, f(n.left), f(n.right)),
  shape(n, c) {
    const l = c.shape(n.left);
    const r = c.shape(n.right);
    const what = () => `${c.src(n.left)} ${n.op} ${c.src(n.right)}: ${c.src(n.left)} is ${c.describe(l)}, ${c.src(n.right)} is ${c.describe(r)}`;
    const scalarish = (s: typeof l) => s.kind === 'scalar' || isOne(s);
    if (scalarish(l) && scalarish(r)) return { kind: 'bool' };
    if ((n.op === '==' || n.op === '!=') && l.kind === 'matrix' && r.kind === 'matrix') {
      c.same(l.rows, r.rows, what);
      c.same(l.cols, r.cols, what);
      return { kind: 'bool' };
    }
    return c.fail(`cannot compare ${what()}`);
  },
  latex: (n, p) => ({ s: `${p.wrap(n.left, Prec.ADD)} ${LATEX_OP[n.op]} ${p.wrap(n.right, Prec.ADD)}`, prec: Prec.COMPARE }),
  text: (n, p) => ({ s: `${p.wrap(n.left, Prec.ADD)} ${TEXT_OP[n.op]} ${p.wrap(n.right, Prec.ADD)}`, prec: Prec.COMPARE }),
  source: (n, p) => ({ s: `${p.wrap(n.left, Prec.ADD)} ${n.op} ${p.wrap(n.right, Prec.ADD)}`, prec: Prec.COMPARE }),
  evaluate(n, ev) {
    const l = ev.value(n.left);
    const r = ev.value(n.right);
    if (l.kind === 'matrix' && r.kind === 'matrix' && !(l.value.rows === 1 && l.value.cols === 1 && r.value.rows === 1 && r.value.cols === 1)) {
      const eq = l.value.rows === r.value.rows && l.value.cols === r.value.cols && M.equals(ev.F, l.value, r.value);
      return { kind: 'bool', value: n.op === '==' ? eq : !eq };
    }
    const s = ev.F.sign(ev.F.sub(ev.scalar(n.left, 'comparison'), ev.scalar(n.right, 'comparison')));
    const holds = { '==': s === 0, '!=': s !== 0, '<': s < 0, '<=': s <= 0, '>': s > 0, '>=': s >= 0 }[n.op];
    return { kind: 'bool', value: holds };
  },
};

export const logic: NodeSpec<'logic'> = {
  kind: 'logic',
  children: (n) => [n.left, n.right],
  map: (n, f) => ({ kind: 'logic', op: n.op, left: f(n.left), right: f(n.right) }),
  shape(n, c) {
    c.bool(n.left, `the left side of ${n.op}`);
    c.bool(n.right, `the right side of ${n.op}`);
    return { kind: 'bool' };
  },
  latex: (n, p) => printLogic(n.op, n.left, n.right, (e, m) => p.wrap(e, m), n.op === 'and' ? '\\land' : '\\lor'),
  text: (n, p) => printLogic(n.op, n.left, n.right, (e, m) => p.wrap(e, m), n.op === 'and' ? '∧' : '∨'),
  source: (n, p) => printLogic(n.op, n.left, n.right, (e, m) => p.wrap(e, m), n.op),
  evaluate(n, ev) {
    const l = ev.bool(n.left, n.op);
    if (n.op === 'and' ? !l : l) return { kind: 'bool', value: l };
    return { kind: 'bool', value: ev.bool(n.right, n.op) };
  },
};

function printLogic(op: 'and' | 'or', left: Expr, right: Expr, wrap: (e: Expr, min: number) => string, sym: string) {
  const prec = op === 'and' ? Prec.AND : Prec.OR;
  return { s: `${wrap(left, prec)} ${sym} ${wrap(right, prec + 1)}`, prec };
}

export const not: NodeSpec<'not'> = {
  kind: 'not',
  children: (n) => [n.arg],
  map: (n, f) => b.not(f(n.arg)),
  shape(n, c) {
    c.bool(n.arg, 'the argument of not');
    return { kind: 'bool' };
  },
  // mathjs binds `not` tighter than comparisons, so anything but an atom is parenthesised
  latex: (n, p) => ({ s: `\\lnot ${p.wrap(n.arg, Prec.POSTFIX)}`, prec: Prec.NOT }),
  text: (n, p) => ({ s: `¬${p.wrap(n.arg, Prec.POSTFIX)}`, prec: Prec.NOT }),
  source: (n, p) => ({ s: `not ${p.wrap(n.arg, Prec.POSTFIX)}`, prec: Prec.NOT }),
  evaluate: (n, ev) => ({ kind: 'bool', value: !ev.bool(n.arg, 'not') }),
};

const COMPARE_FNS: Readonly<Record<string, CompareOp>> = {
  equal: '==', unequal: '!=', smaller: '<', smallerEq: '<=', larger: '>', largerEq: '>=',
};

function comparison(op: CompareOp) {
  return (args: readonly MathjsNode[], cv: Converter) => b.compare(op, cv.expr(args[0]!), cv.expr(args[1]!));
}

export const rules: ParseRules = {
  operators: {
    ...Object.fromEntries(Object.entries(COMPARE_FNS).map(([fn, op]) => [fn, comparison(op)])),
    and: (args, cv) => b.and(cv.expr(args[0]!), cv.expr(args[1]!)),
    or: (args, cv) => b.or(cv.expr(args[0]!), cv.expr(args[1]!)),
    not: (args, cv) => b.not(cv.expr(args[0]!)),
  },
};

/** mathjs RelationalNode chains `a < b <= c` mean `a < b and b <= c`. */
export function relationalChain(conditionals: readonly string[], params: readonly MathjsNode[], cv: Converter): Expr {
  const parts = conditionals.map((fn, i) => {
    const op = COMPARE_FNS[fn] ?? cv.fail(`unsupported comparison ${fn}`);
    return b.compare(op, cv.expr(params[i]!), cv.expr(params[i + 1]!));
  });
  return parts.slice(1).reduce<Expr>((acc, p) => b.and(acc, p), parts[0]!);
}
