import { createRequire } from 'node:module';
import { InputError } from '../errors.js';

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
 * Characters a scalar expression may use. nerdamer treats `:=` as a global function or variable definition and
 * `=` as an equation, so user text containing them (or anything else unexpected) is refused before parsing.
 */
const SAFE = /^[A-Za-z0-9_.,+\-*/^()\s]*$/;

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

function checked(text: string): string {
  if (text.trim() === '') throw new InputError('scalar expression', 'is empty');
  if (!SAFE.test(text))
    throw new InputError(`scalar expression "${text}"`, 'may use only names, numbers, + - * / ^, parentheses and commas');
  return text;
}

/**
 * Whether lhs = rhs holds identically as scalar expressions, by nerdamer's `expand(lhs − rhs)`; `difference`
 * is that expansion ("0" when it holds). Unparseable text is an InputError naming the expression.
 */
export function scalarIdentity(lhs: string, rhs: string): { holds: boolean; difference: string } {
  const l = checked(lhs);
  const r = checked(rhs);
  return withNerdamer((n) => {
    let difference: string;
    try {
      difference = n.expand(`(${l})-(${r})`).toString();
    } catch (e) {
      throw new InputError(`scalar identity "${lhs} = ${rhs}"`, `cannot parse (${e instanceof Error ? e.message : String(e)})`);
    }
    return { holds: difference === '0', difference };
  });
}
