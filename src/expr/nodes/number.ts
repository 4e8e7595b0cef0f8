import { Rational } from '../../linalg/rational.js';
import * as b from '../build.js';
import { Size } from '../size.js';
import { type NodeSpec, type ParseRules, type Printed, Prec } from '../spec.js';
import { atom } from './common.js';

/** Rational constants. Literals are read exactly (`0.1` is 1/10); `1/2` folds to the constant ½. */

const VULGAR: Readonly<Record<string, string>> = { '1/2': '½', '1/3': '⅓', '2/3': '⅔', '1/4': '¼', '3/4': '¾' };

function signed(negative: boolean, minusSign: string, body: Printed): Printed {
  return negative ? { s: minusSign + body.s, prec: Prec.NEG } : body;
}

export const num: NodeSpec<'num'> = {
  kind: 'num',
  children: () => [],
  map: (n) => n,
  shape: () => ({ kind: 'scalar' }),
  latex(n) {
    const a = n.value.abs();
    return signed(n.value.sign() < 0, '-', a.isInteger() ? atom(a.toString()) : { s: `\\frac{${a.num}}{${a.den}}`, prec: Prec.POSTFIX });
  },
  text(n) {
    const a = n.value.abs();
    const body = a.isInteger() ? atom(a.toString()) : VULGAR[a.toString()] ? atom(VULGAR[a.toString()]!) : { s: a.toString(), prec: Prec.DIV };
    return signed(n.value.sign() < 0, '−', body);
  },
  source(n) {
    // `-1/2` parses as (−1)/2, which folds back to the same constant
    if (!n.value.isInteger()) return { s: n.value.toString(), prec: Prec.MUL };
    return n.value.sign() < 0 ? { s: n.value.toString(), prec: Prec.NEG } : atom(n.value.toString());
  },
  evaluate: (n, ev) => ({ kind: 'scalar', value: ev.F.fromRational(n.value) }),
};

/** A size expression as a scalar (only `min(…)` needs it: names and d[k] are read as sizes by context). */
export const sizeValue: NodeSpec<'size'> = {
  kind: 'size',
  children: () => [],
  map: (n, _f, g) => b.sizeValue(g(n.value)),
  shape(n, c) {
    for (const v of n.value.freeVars()) c.symbol(v);
    return { kind: 'scalar' };
  },
  latex: (n, p) => ({ s: p.size(n.value), prec: n.value.constant() === undefined && n.value.terms.length > 1 ? Prec.ADD : Prec.ATOM }),
  text: (n, p) => ({ s: p.size(n.value), prec: n.value.constant() === undefined && n.value.terms.length > 1 ? Prec.ADD : Prec.ATOM }),
  // always as a call of min, so that it parses back to a size (min of one argument is that argument)
  source(n, p) {
    const t = n.value.terms;
    const single = t.length === 1 && t[0]!.coef === 1 && t[0]!.atoms.length === 1 && t[0]!.atoms[0]!.kind === 'min';
    return atom(single ? p.size(n.value) : `min(${p.size(n.value)})`);
  },
  evaluate: (n, ev) => ({ kind: 'scalar', value: ev.F.fromInt(ev.size(n.value)) }),
};

export const rules: ParseRules = {
  functions: {
    min: { arity: [1, 2, 3, 4, 5, 6], usage: 'min(a, b, …) of sizes', build: (args, cv) => b.sizeValue(Size.min(...args.map((a) => cv.size(a)))) },
  },
};

/** mathjs numbers are float64: accept them only when they are the literal the user typed. */
export function constant(value: unknown, fail: (message: string) => never): ReturnType<typeof b.num> {
  if (typeof value !== 'number' || !Number.isFinite(value)) fail(`unsupported constant ${JSON.stringify(value)}`);
  if (Number.isInteger(value) && !Number.isSafeInteger(value)) fail(`integer ${value} is too large to be read exactly`);
  return b.num(Rational.fromNumber(value));
}
