import type { Field } from '../../linalg/field.js';
import * as M from '../../linalg/matrix.js';
import type { Expr, Mul, Shape } from '../ast.js';
import * as b from '../build.js';
import { minus } from '../names.js';
import { type NodeSpec, type ParseRules, type Printed, type Printer, type ShapeChecker, type Value, Prec } from '../spec.js';
import { isOne } from './common.js';
import { productTensor, sumTensor } from '../legs.js';

/**
 * Sums, negation, products (matrix product and scalar multiplication) and quotients by a scalar.
 * A known 1×1 matrix may be added to a scalar (so `L = vec(r)'*vec(r)/2` type-checks).
 */

function addValues<T>(F: Field<T>, a: Value<T>, x: Value<T>, fail: (m: string) => never): Value<T> {
  if (a.kind === 'scalar' && x.kind === 'scalar') return { kind: 'scalar', value: F.add(a.value, x.value) };
  if (a.kind === 'matrix' && x.kind === 'matrix') {
    if (a.value.rows !== x.value.rows || a.value.cols !== x.value.cols)
      fail(`sum of a ${a.value.rows}×${a.value.cols} and a ${x.value.rows}×${x.value.cols} matrix`);
    return { kind: 'matrix', value: M.add(F, a.value, x.value) };
  }
  const s = a.kind === 'scalar' ? a : x;
  const m = a.kind === 'matrix' ? a : x;
  if (s.kind === 'scalar' && m.kind === 'matrix' && m.value.rows === 1 && m.value.cols === 1)
    return { kind: 'scalar', value: F.add(s.value, m.value.data[0]!) };
  return fail('sum of a scalar and a matrix that is not 1×1');
}

function negValue<T>(F: Field<T>, v: Value<T>, fail: (m: string) => never): Value<T> {
  if (v.kind === 'scalar') return { kind: 'scalar', value: F.neg(v.value) };
  if (v.kind === 'matrix') return { kind: 'matrix', value: M.neg(F, v.value) };
  return fail('negation of a non-numeric value');
}

/** A term printed after `−` in a sum: the magnitude of a negated term, or undefined for a positive one. */
function negatedPart(t: Expr): Expr | undefined {
  if (t.kind === 'neg') return t.arg;
  if (t.kind === 'num' && t.value.sign() < 0) return b.num(t.value.neg());
  if (t.kind === 'mul' && t.factors[0]!.kind === 'num' && t.factors[0].value.sign() < 0) {
    const c = t.factors[0].value.neg();
    const rest = t.factors.slice(1);
    return c.isInteger() && c.num === 1n ? b.mul(...rest) : b.mul(b.num(c), ...rest);
  }
  return undefined;
}

function printAdd(terms: readonly Expr[], p: Printer): Printed {
  let s = p.wrap(terms[0]!, Prec.ADD);
  for (const t of terms.slice(1)) {
    // source keeps `+ -2*B` so that parsing gives back the same node
    const negated = p.style === 'source' ? (t.kind === 'neg' ? t.arg : undefined) : negatedPart(t);
    s += negated ? ` ${minus(p.style)} ${p.wrap(negated, Prec.ADD + 1)}` : ` + ${p.wrap(t, Prec.ADD + 1)}`;
  }
  return { s, prec: Prec.ADD };
}

export const add: NodeSpec<'add'> = {
  kind: 'add',
  children: (n) => n.terms,
  // rebuilt as is: rewriting must not regroup (a deliberate group such as (W_{k−1}⋯W_1 X) stays one factor)
  map: (n, f) => ({ kind: 'add', terms: n.terms.map(f) }),
  shape(n, c) {
    let acc = c.shape(n.terms[0]!);
    n.terms.slice(1).forEach((t, i) => {
      const next = c.shape(t);
      const what = () => `sum ${c.src(b.add(...n.terms.slice(0, i + 1)))} + ${c.src(t)}`;
      if (acc.kind === 'matrix' && next.kind === 'matrix') {
        const a = acc;
        const msg = () => `${what()}: ${c.src(b.add(...n.terms.slice(0, i + 1)))} is ${c.describe(a)}, ${c.src(t)} is ${c.describe(next)}`;
        c.same(a.rows, next.rows, msg);
        c.same(a.cols, next.cols, msg);
      } else if (acc.kind === 'scalar' && next.kind === 'scalar') {
        // nothing to check
      } else if ((acc.kind === 'scalar' && isOne(next)) || (isOne(acc) && next.kind === 'scalar')) {
        acc = { kind: 'scalar' };
      } else c.fail(`${what()}: cannot add ${c.describe(acc)} and ${c.describe(next)}`);
    });
    return acc;
  },
  latex: (n, p) => printAdd(n.terms, p),
  text: (n, p) => printAdd(n.terms, p),
  source: (n, p) => printAdd(n.terms, p),
  evaluate(n, ev) {
    return n.terms.slice(1).reduce((acc, t) => addValues(ev.F, acc, ev.value(t), ev.fail), ev.value(n.terms[0]!));
  },
  tensor: (n, t) => sumTensor(n.terms.map((e) => t.tensor(e)), t.outside.bind(t)),
};

export const neg: NodeSpec<'neg'> = {
  kind: 'neg',
  children: (n) => [n.arg],
  map: (n, f) => b.neg(f(n.arg)),
  shape(n, c) {
    const s = c.shape(n.arg);
    if (s.kind !== 'scalar' && s.kind !== 'matrix') c.fail(`cannot negate ${c.src(n.arg)}, which is ${c.describe(s)}`);
    return s;
  },
  latex: (n, p) => ({ s: `-${p.wrap(n.arg, Prec.MUL)}`, prec: Prec.NEG }),
  text: (n, p) => ({ s: `−${p.wrap(n.arg, Prec.MUL)}`, prec: Prec.NEG }),
  // mathjs binds unary minus tighter than `*`: −(AB) must keep its parentheses
  source: (n, p) => ({ s: `-${p.wrap(n.arg, Prec.PREFIX)}`, prec: Prec.NEG }),
  evaluate: (n, ev) => negValue(ev.F, ev.value(n.arg), ev.fail),
  tensor: (n, t) => t.tensor(n.arg),
};

function mulShape(n: Mul, c: ShapeChecker): Shape {
  let acc = c.shape(n.factors[0]!);
  n.factors.slice(1).forEach((f, i) => {
    const next = c.shape(f);
    // built only for a message: building it for every factor made long products quadratic
    const left = () => b.mul(...n.factors.slice(0, i + 1));
    if (acc.kind === 'bool' || acc.kind === 'space' || next.kind === 'bool' || next.kind === 'space')
      c.fail(`product ${c.src(left())}*${c.src(f)}: cannot multiply ${c.describe(acc)} by ${c.describe(next)}`);
    if (acc.kind === 'scalar') acc = next;
    else if (next.kind === 'matrix') {
      const a = acc;
      c.same(a.cols, next.rows, () => `product ${c.src(left())}*${c.src(f)}: ${c.src(left())} is ${c.describe(a)}, ${c.src(f)} is ${c.describe(next)}`);
      acc = { kind: 'matrix', rows: a.rows, cols: next.cols };
    }
  });
  return acc;
}

function mulValues<T>(F: Field<T>, a: Value<T>, x: Value<T>, fail: (m: string) => never): Value<T> {
  if (a.kind === 'scalar' && x.kind === 'scalar') return { kind: 'scalar', value: F.mul(a.value, x.value) };
  if (a.kind === 'scalar' && x.kind === 'matrix') return { kind: 'matrix', value: M.scale(F, a.value, x.value) };
  if (a.kind === 'matrix' && x.kind === 'scalar') return { kind: 'matrix', value: M.scale(F, x.value, a.value) };
  if (a.kind === 'matrix' && x.kind === 'matrix') {
    if (a.value.cols !== x.value.rows) fail(`product of a ${a.value.rows}×${a.value.cols} and a ${x.value.rows}×${x.value.cols} matrix`);
    return { kind: 'matrix', value: M.mul(F, a.value, x.value) };
  }
  return fail('product of non-numeric values');
}

function printMul(n: Mul, p: Printer): Printed {
  const last = n.factors.length - 1;
  let trailingSum = false;
  const parts = n.factors.map((f, i) => {
    if (i > 0) {
      if (p.style === 'source') return p.wrap(f, Prec.PREFIX);
      const printed = p.print(f);
      // a trailing Σ extends to the right anyway: 2 Σ_k x_k (anything else looser than a product is bracketed:
      // A (−B), A (B ⊗ C))
      trailingSum = i === last && printed.prec === Prec.SUM;
      return trailingSum ? printed.s : p.wrap(f, Prec.MUL);
    }
    const first = p.print(f);
    // a leading minus reads correctly (−AB = (−A)B); a leading sum, ⊗ or text quotient `a/b` would not
    return first.prec >= Prec.MUL || first.prec === Prec.NEG ? first.s : p.paren(first.s);
  });
  if (p.style === 'source') return { s: parts.join('*'), prec: Prec.MUL };
  const dot = p.style === 'latex' ? ' \\cdot ' : '·';
  const s = parts.reduce((acc, part) => acc + (/[0-9]$/.test(acc) && /^[0-9-−]/.test(part) ? dot : ' ') + part);
  // −A B reads as a negation and 2 Σ_k x_k as a Σ: bracketed where those would be, so ⊗ never absorbs them
  return { s, prec: trailingSum ? Prec.SUM : /^[-−]/.test(s) ? Prec.NEG : Prec.MUL };
}

export const mul: NodeSpec<'mul'> = {
  kind: 'mul',
  children: (n) => n.factors,
  map: (n, f) => ({ kind: 'mul', factors: n.factors.map(f) }),
  shape: mulShape,
  latex: printMul,
  text: printMul,
  source: printMul,
  evaluate(n, ev) {
    return n.factors.slice(1).reduce((acc, f) => mulValues(ev.F, acc, ev.value(f), ev.fail), ev.value(n.factors[0]!));
  },
  tensor: (n, t) => n.factors.map((e) => t.tensor(e)).reduce((acc, x) => productTensor(acc, x, t.outside.bind(t))),
};

export const div: NodeSpec<'div'> = {
  kind: 'div',
  children: (n) => [n.num, n.den],
  map: (n, f) => b.div(f(n.num), f(n.den)),
  shape(n, c) {
    const s = c.shape(n.num);
    if (s.kind !== 'scalar' && s.kind !== 'matrix') c.fail(`cannot divide ${c.src(n.num)}, which is ${c.describe(s)}`);
    c.scalarLike(n.den, `the divisor in ${c.src(n.num)}/${c.src(n.den)}`);
    return s;
  },
  latex: (n, p) => ({ s: `\\frac{${p.print(n.num).s}}{${p.print(n.den).s}}`, prec: Prec.POSTFIX }),
  text: (n, p) => ({ s: `${p.wrap(n.num, Prec.DIV)}/${p.wrap(n.den, Prec.POSTFIX)}`, prec: Prec.DIV }),
  source: (n, p) => ({ s: `${p.wrap(n.num, Prec.MUL)}/${p.wrap(n.den, Prec.PREFIX)}`, prec: Prec.MUL }),
  evaluate(n, ev) {
    const d = ev.scalar(n.den, 'divisor');
    if (ev.F.isZero(d)) ev.fail('division by zero');
    return mulValues(ev.F, { kind: 'scalar', value: ev.F.div(ev.F.one, d) }, ev.value(n.num), ev.fail);
  },
  // a polynomial only when the divisor is a number: its coefficients are then rational
  tensor: (n, t) => (n.den.kind === 'num' && !n.den.value.isZero() ? t.tensor(n.num) : t.outside('a quotient by a non-constant is not a polynomial')),
};

export const rules: ParseRules = {
  operators: {
    add: (args, cv) => b.add(cv.expr(args[0]!), cv.expr(args[1]!)),
    subtract: (args, cv) => b.sub(cv.expr(args[0]!), cv.expr(args[1]!)),
    unaryMinus: (args, cv) => b.neg(cv.expr(args[0]!)),
    unaryPlus: (args, cv) => cv.expr(args[0]!),
    multiply(args, cv, node) {
      if (node.implicit) cv.fail(`implicit multiplication in "${cv.quote(node)}": write * between factors`, cv.source(node));
      return b.mul(cv.expr(args[0]!), cv.expr(args[1]!));
    },
    divide: (args, cv) => b.div(cv.expr(args[0]!), cv.expr(args[1]!)),
  },
};
