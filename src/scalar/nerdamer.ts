import { createRequire } from 'node:module';
import { InputError } from '../errors.js';
import { parsePolynomial } from './parse.js';
import { InfixPrinter } from './print.js';

/** The nerdamer-prime API (its typings declare the CommonJS export). */
export type Nerdamer = typeof import('nerdamer-prime');

let instance: Nerdamer | undefined;

/**
 * nerdamer-prime with its Algebra and Calculus add-ons, loaded on first use: it costs ~40 ms, which commands
 * that never touch scalar expressions should not pay. Loaded through `require` so callers stay synchronous.
 */
export function loadNerdamer(): Nerdamer {
  instance ??= createRequire(import.meta.url)('nerdamer-prime/all') as Nerdamer;
  return instance;
}

/**
 * Runs `f` on nerdamer and forgets the expressions it parsed: nerdamer keeps every parsed expression in a
 * global history, which would otherwise grow without bound.
 */
export function withNerdamer<T>(f: (n: Nerdamer) => T): T {
  const n = loadNerdamer();
  try {
    return f(n);
  } finally {
    n.flush();
  }
}

/** The verdict on a scalar identity lhs = rhs. */
export interface ScalarIdentity {
  /** lhs − rhs reduces to 0: the identity is proved. */
  readonly holds: boolean;
  /** lhs − rhs, expanded as far as the engine got ("0" when it holds). */
  readonly difference: string;
  /** lhs − rhs is a non-zero polynomial: the identity is false (a non-polynomial difference that did not
   *  reduce to 0 is neither proved nor refuted). */
  readonly refuted: boolean;
  /** Which engine decided: our exact polynomial expansion, or nerdamer (non-polynomial text). */
  readonly engine: 'polynomial' | 'nerdamer';
}

/**
 * Characters a scalar expression may use. nerdamer treats `:=` as a global function or variable definition and
 * `=` as an equation, so user text containing them (or anything else unexpected) is refused before parsing.
 */
const SAFE = /^[A-Za-z0-9_.,+\-*/^()\s]*$/;

function checked(text: string): string {
  if (text.trim() === '') throw new InputError('scalar expression', 'is empty');
  if (!SAFE.test(text))
    throw new InputError(`scalar expression "${text}"`, 'may use only names, numbers, + - * / ^, parentheses and commas');
  return text;
}

/**
 * Whether lhs = rhs holds identically. Polynomial text (numbers, names, + − * ^, division by constants) is
 * expanded exactly by the polynomial core — fast, and a non-zero difference refutes the identity. Anything
 * else goes to nerdamer: `expand(lhs − rhs)`, then `simplify`, under nerdamer's own time limit; nerdamer
 * simplifies with generic values in mind (e.g. log(x²) − 2·log(x) → 0), so its "holds" is only as sound as
 * that. Unparseable text is an InputError naming the expression.
 */
export function scalarIdentity(lhs: string, rhs: string): ScalarIdentity {
  const l = checked(lhs);
  const r = checked(rhs);
  const names: string[] = [];
  const index = new Map<string, number>();
  const variable = (name: string) => {
    let v = index.get(name);
    if (v === undefined) index.set(name, (v = names.push(name) - 1));
    return v;
  };
  const pl = parsePolynomial(l, variable);
  const pr = pl && parsePolynomial(r, variable);
  if (pl && pr) {
    const d = pl.sub(pr);
    return { holds: d.isZero(), difference: new InfixPrinter(names).print(d), refuted: !d.isZero(), engine: 'polynomial' };
  }
  return withNerdamer((n) => {
    const run = (f: 'expand' | 'simplify') => {
      try {
        return n(`${f}((${l})-(${r}))`).toString();
      } catch (e) {
        const message = e instanceof Error ? e.message : String(e);
        if (message === 'timeout') return undefined;
        throw new InputError(`scalar identity "${lhs} = ${rhs}"`, `cannot parse (${message})`);
      }
    };
    const expanded = run('expand');
    const difference = expanded === '0' ? expanded : (run('simplify') ?? expanded ?? `(${l})-(${r})`);
    return { holds: difference === '0', difference, refuted: false, engine: 'nerdamer' };
  });
}
