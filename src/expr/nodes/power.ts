import { InputError } from '../../errors.js';
import type { Field } from '../../linalg/field.js';
import { inverse } from '../../linalg/elimination.js';
import * as M from '../../linalg/matrix.js';
import * as b from '../build.js';
import type { Size } from '../size.js';
import { productTensor, scalarTensor, wiredTensor } from '../legs.js';
import { type MathjsNode, type NodeSpec, type ParseRules, type Printer, Prec } from '../spec.js';

/**
 * Integer powers `x^k` of scalars and square matrices (`A^0` = I; a negative k is a power of the inverse; `A^(-1)`
 * parses as inv(A)). The exponent is an integer constant or a size expression such as `k-1`, at most
 * MAX_EXPONENT in absolute value: powers are computed exactly, and entries grow with k.
 */
export const MAX_EXPONENT = 64;

const SUPERSCRIPT = '⁰¹²³⁴⁵⁶⁷⁸⁹';

function exponentText(k: Size, p: Printer): string {
  const s = p.size(k);
  if (p.style === 'latex') return `^{${s}}`;
  const c = k.constant();
  if (p.style === 'text') {
    if (c !== undefined) return (c < 0 ? '⁻' : '') + [...String(Math.abs(c))].map((d) => SUPERSCRIPT[Number(d)]).join('');
    return /^[A-Za-z][A-Za-z0-9_]*$/.test(s) ? `^${s}` : `^(${s})`;
  }
  return (c !== undefined && c >= 0) || /^[A-Za-z][A-Za-z0-9_]*$/.test(s) ? `^${s}` : `^(${s})`;
}

function power<T>(F: Field<T>, x: T, k: number): T {
  let out = F.one;
  let base = x;
  for (let e = k; e > 0; e >>= 1) {
    if (e & 1) out = F.mul(out, base);
    if (e > 1) base = F.mul(base, base);
  }
  return out;
}

function matrixPower<T>(F: Field<T>, A: M.Matrix<T>, k: number): M.Matrix<T> {
  let out = M.identity(F, A.rows);
  let base = A;
  for (let e = k; e > 0; e >>= 1) {
    if (e & 1) out = M.mul(F, out, base);
    if (e > 1) base = M.mul(F, base, base);
  }
  return out;
}

export const pow: NodeSpec<'pow'> = {
  kind: 'pow',
  children: (n) => [n.base],
  map: (n, f, g) => b.pow(f(n.base), g(n.exponent)),
  shape(n, c) {
    for (const v of n.exponent.freeVars())
      if (!c.isSize(v)) c.fail(`${c.src(n)}: the exponent must be an integer (a constant, a size or an index such as k-1); ${v} is not one`);
    const s = c.shape(n.base);
    if (s.kind === 'scalar') return s;
    if (s.kind !== 'matrix') return c.fail(`${c.src(n)}: cannot raise ${c.src(n.base)}, which is ${c.describe(s)}, to a power`);
    c.same(s.rows, s.cols, () => `${c.src(n)}: ${c.src(n.base)} is ${c.describe(s)}; powers need a square matrix`);
    return s;
  },
  latex: (n, p) => ({ s: `${p.wrap(n.base, Prec.ATOM, true)}${exponentText(n.exponent, p)}`, prec: Prec.POSTFIX, sup: true }),
  text: (n, p) => ({ s: `${p.wrap(n.base, Prec.ATOM, true)}${exponentText(n.exponent, p)}`, prec: Prec.POSTFIX, sup: true }),
  // below POSTFIX: a transpose of a power needs parentheses, (A^2)' (mathjs reads A^2' as A^(2'))
  source: (n, p) => ({ s: `${p.wrap(n.base, Prec.POSTFIX)}${exponentText(n.exponent, p)}`, prec: Prec.PREFIX }),
  evaluate(n, ev) {
    const k = ev.size(n.exponent);
    if (Math.abs(k) > MAX_EXPONENT) ev.fail(`the exponent ${k} exceeds ${MAX_EXPONENT} in absolute value`);
    const v = ev.value(n.base);
    const F = ev.F;
    if (v.kind === 'scalar') {
      if (k >= 0) return { kind: 'scalar', value: power(F, v.value, k) };
      if (F.isZero(v.value)) ev.fail(`a negative power (${k}) of zero`);
      return { kind: 'scalar', value: F.div(F.one, power(F, v.value, -k)) };
    }
    const A = ev.matrix(n.base, 'the base of a power');
    if (A.rows !== A.cols) ev.fail(`a power of a non-square ${A.rows}×${A.cols} matrix`);
    if (k >= 0) return { kind: 'matrix', value: matrixPower(F, A, k) };
    try {
      return { kind: 'matrix', value: matrixPower(F, inverse(F, A), -k) };
    } catch (e) {
      if (e instanceof RangeError) ev.fail(`a negative power (${k}) of a singular matrix`);
      throw e;
    }
  },
  // a power k ≥ 0 known on the instance is a product of k copies (A⁰ the identity wire); negative powers are inverses
  tensor(n, t) {
    const k = t.integer(n.exponent, 'the exponent');
    if (k < 0) return t.outside('a negative power is an inverse, not a polynomial');
    const base = t.tensor(n.base);
    if (k === 0) return base.rows.length === 0 && base.cols.length === 0 ? scalarTensor() : wiredTensor(base.rows, base.rows);
    let acc = base;
    for (let i = 1; i < k; i++) acc = productTensor(acc, base, t.outside.bind(t));
    return acc;
  },
};

const INTEGER_EXPONENT = 'exponents are integers: a constant or a size or index expression such as k-1 (there are no roots or real powers)';

export const rules: ParseRules = {
  operators: {
    pow(args, cv, node) {
      const [base, exponent] = args as [MathjsNode, MathjsNode];
      let k: Size;
      try {
        k = cv.size(exponent);
      } catch (e) {
        if (e instanceof InputError) cv.fail(`"${node.toString()}": ${INTEGER_EXPONENT}`, node.toString());
        throw e;
      }
      const c = k.constant();
      if (c !== undefined && Math.abs(c) > MAX_EXPONENT)
        cv.fail(`"${node.toString()}": the exponent ${c} exceeds ${MAX_EXPONENT} in absolute value`, node.toString());
      const x = cv.expr(base);
      return c === -1 ? b.inv(x) : b.pow(x, k);
    },
  },
};
