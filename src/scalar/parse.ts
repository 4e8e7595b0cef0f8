import { Rational } from '../linalg/index.js';
import { Poly } from './poly.js';

/**
 * Reads a polynomial written in plain infix syntax — numbers (integers, decimals read exactly), names,
 * `+ - * / ^`, parentheses — without evaluating anything. Returns undefined for text outside that fragment
 * (function calls, division by a non-constant, negative or symbolic exponents, nerdamer's constants e, E, i,
 * pi, syntax it does not know), so callers can hand such text to nerdamer instead; also undefined when the
 * expansion would exceed `maxTerms`.
 *
 * `variable(name)` gives the index of a name (the caller owns the variable table).
 */
export function parsePolynomial(text: string, variable: (name: string) => number, maxTerms = 100_000): Poly | undefined {
  const tokens = tokenize(text);
  if (tokens === undefined) return undefined;
  let at = 0;
  const peek = () => tokens[at];
  const outOfFragment = new Error('not a polynomial');

  const expr = (): Poly => {
    let p = term();
    for (let t = peek(); t === '+' || t === '-'; t = peek()) {
      at++;
      p = t === '+' ? p.add(term()) : p.sub(term());
      guard(p);
    }
    return p;
  };
  const term = (): Poly => {
    let p = unary();
    for (let t = peek(); t === '*' || t === '/'; t = peek()) {
      at++;
      const q = unary();
      if (t === '*') p = p.mul(q);
      else {
        const c = q.constantValue();
        if (c === undefined || c.isZero()) throw outOfFragment;
        p = p.scale(c.inv());
      }
      guard(p);
    }
    return p;
  };
  const unary = (): Poly => {
    const t = peek();
    if (t === '-' || t === '+') {
      at++;
      const p = unary();
      return t === '-' ? p.neg() : p;
    }
    return power();
  };
  const power = (): Poly => {
    const base = atom();
    if (peek() !== '^') return base;
    at++;
    const e = unary().constantValue(); // right-associative: a^b^c = a^(b^c); x^-1 lands in unary
    if (e === undefined || !e.isInteger() || e.sign() < 0 || e.num > 1000n) throw outOfFragment;
    let p = Poly.ONE;
    for (let k = 0n; k < e.num; k++) guard((p = p.mul(base)));
    return p;
  };
  const atom = (): Poly => {
    const t = tokens[at++];
    if (t === '(') {
      const p = expr();
      if (tokens[at++] !== ')') throw outOfFragment;
      return p;
    }
    if (t === undefined || t.length === 0) throw outOfFragment;
    const number = Rational.parse(t);
    if (number !== undefined) return Poly.constant(number);
    if (!/^[A-Za-z_]\w*$/.test(t) || CONSTANTS.has(t) || peek() === '(') throw outOfFragment;
    return Poly.variable(variable(t));
  };
  const guard = (p: Poly) => {
    if (p.termCount > maxTerms) throw outOfFragment;
  };

  try {
    const p = expr();
    return at === tokens.length ? p : undefined;
  } catch (e) {
    if (e === outOfFragment) return undefined;
    throw e;
  }
}

/** nerdamer's built-in constants: never polynomial variables. */
const CONSTANTS = new Set(['e', 'E', 'i', 'pi', 'PI', 'Infinity']);

/** Numbers, names and single-character operators; undefined on any other character. */
function tokenize(text: string): string[] | undefined {
  const tokens: string[] = [];
  const re = /\s*(?:(\d+(?:\.\d*)?(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?)|([A-Za-z_]\w*)|([-+*/^()]))/y;
  let last = 0;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    tokens.push(m[1] ?? m[2] ?? m[3]!);
    last = re.lastIndex;
  }
  return text.slice(last).trim() === '' ? tokens : undefined;
}
