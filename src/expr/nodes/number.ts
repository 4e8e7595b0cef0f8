import { Rational } from '../../linalg/rational.js';
import * as b from '../build.js';
import { Size } from '../size.js';
import { type NodeSpec, type ParseRules, type Printed, Prec } from '../spec.js';
import { atom } from './common.js';
import { scalarTensor } from '../legs.js';

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
  tensor: () => scalarTensor(),
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
  tensor: (n, t) => t.sizeScalar(n.value),
};

export const rules: ParseRules = {
  functions: {
    min: { arity: [1, 2, 3, 4, 5, 6], usage: 'min(a, b, …) of sizes', build: (args, cv) => b.sizeValue(Size.min(...args.map((a) => cv.size(a)))) },
  },
};

/** Digits plus the size of the decimal exponent a literal may have: its exact value stays below ~4096 bits. */
export const MAX_LITERAL_DIGITS = 1200;

/**
 * The exact value of a mathjs number literal: the parser reads literals as BigNumbers, whose decimal text keeps
 * every digit typed (`0.1` is 1/10, `1e-400` is 10⁻⁴⁰⁰). Undefined when it is not a finite literal of a sane size.
 */
export function literal(value: unknown): Rational | undefined {
  const text = typeof value === 'number' ? (Number.isFinite(value) ? String(value) : '') : (value as { toString?: () => string })?.toString?.() ?? '';
  const m = /^-?(\d*)\.?(\d*)(?:e([+-]?\d+))?$/.exec(text);
  if (!m) return undefined;
  if (m[1]!.length + m[2]!.length + Math.abs(Number(m[3] ?? 0)) > MAX_LITERAL_DIGITS) return undefined;
  return Rational.parse(text);
}

export function constant(value: unknown, fail: (message: string) => never): ReturnType<typeof b.num> {
  const q = literal(value);
  if (q === undefined) fail(`unsupported constant ${String(value).slice(0, 40)} (numbers are exact decimals of at most ${MAX_LITERAL_DIGITS} digits and exponent)`);
  return b.num(q);
}
