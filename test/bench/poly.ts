/**
 * Canonical form of a polynomial written in plain infix syntax (`+ - * / ^`, `**` too, parentheses, integers,
 * decimals, symbols), so that dln's and SymPy's answers can be compared whatever order, spacing or coefficient
 * style each prints. Written independently of dln's own code: the comparison must not share its bugs.
 * Division is allowed only by constants; exponents must be non-negative integer constants.
 */

/** An exact rational, normalised: gcd(n, d) = 1, d > 0. */
interface Q {
  readonly n: bigint;
  readonly d: bigint;
}

const gcd = (a: bigint, b: bigint): bigint => {
  a = a < 0n ? -a : a;
  b = b < 0n ? -b : b;
  while (b) [a, b] = [b, a % b];
  return a;
};
const q = (n: bigint, d: bigint = 1n): Q => {
  if (d === 1n) return { n, d };
  if (d === 0n) throw new PolyError('division by zero');
  if (d < 0n) (n = -n), (d = -d);
  const g = gcd(n, d);
  return g > 1n ? { n: n / g, d: d / g } : { n, d };
};
const qAdd = (a: Q, b: Q): Q => q(a.n * b.d + b.n * a.d, a.d * b.d);
const qMul = (a: Q, b: Q): Q => q(a.n * b.n, a.d * b.d);
const qText = (a: Q): string => (a.d === 1n ? `${a.n}` : `${a.n}/${a.d}`);

/** One term: coefficient times a product of symbols, `vars` sorted by name, exponents ≥ 1. */
interface Term {
  readonly vars: readonly (readonly [string, number])[];
  readonly c: Q;
}
/** Terms keyed by their monomial's canonical text ('' for the constant); no zero coefficients. */
type Poly = Map<string, Term>;

export class PolyError extends Error {}

const monomialKey = (vars: Term['vars']): string => vars.map(([v, e]) => (e === 1 ? v : `${v}^${e}`)).join('*');

function addTerm(p: Poly, t: Term): void {
  const key = monomialKey(t.vars);
  const old = p.get(key);
  const c = old ? qAdd(old.c, t.c) : t.c;
  if (c.n === 0n) p.delete(key);
  else p.set(key, { vars: t.vars, c });
}

function constant(c: Q): Poly {
  const p: Poly = new Map();
  if (c.n !== 0n) p.set('', { vars: [], c });
  return p;
}

/** a += sign·b, in place (every parsed sub-result is a fresh map, so nothing else sees the change). */
function addInto(a: Poly, b: Poly, sign: 1n | -1n): void {
  for (const t of b.values()) addTerm(a, sign === 1n ? t : { vars: t.vars, c: q(-t.c.n, t.c.d) });
}

function mulVars(a: Term['vars'], b: Term['vars']): Term['vars'] {
  const out: [string, number][] = [];
  let i = 0, j = 0;
  while (i < a.length || j < b.length) {
    const x = a[i], y = b[j];
    if (x && (!y || x[0] < y[0])) (out.push([x[0], x[1]]), i++);
    else if (y && (!x || y[0] < x[0])) (out.push([y[0], y[1]]), j++);
    else (out.push([x![0], x![1] + y![1]]), i++, j++);
  }
  return out;
}

function mul(a: Poly, b: Poly): Poly {
  const out: Poly = new Map();
  for (const s of a.values()) for (const t of b.values()) addTerm(out, { vars: mulVars(s.vars, t.vars), c: qMul(s.c, t.c) });
  return out;
}

function asConstant(p: Poly, what: string): Q {
  if (p.size === 0) return q(0n);
  const t = p.get('');
  if (p.size !== 1 || !t) throw new PolyError(`${what} must be a constant`);
  return t.c;
}

const TOKEN = /\s*(?:(\d+(?:\.\d*)?(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?)|([A-Za-z_][A-Za-z0-9_]*)|(\*\*|[-+*/^()]))/y;

type Token = { kind: 'num'; text: string } | { kind: 'sym'; text: string } | { kind: 'op'; text: string };

function tokenize(text: string): Token[] {
  const out: Token[] = [];
  TOKEN.lastIndex = 0;
  let pos = 0;
  while (pos < text.length) {
    if (/^\s*$/.test(text.slice(pos))) break;
    TOKEN.lastIndex = pos;
    const m = TOKEN.exec(text);
    if (!m) throw new PolyError(`unexpected character at ${pos} in "${text.slice(pos, pos + 20)}"`);
    pos = TOKEN.lastIndex;
    if (m[1] !== undefined) out.push({ kind: 'num', text: m[1] });
    else if (m[2] !== undefined) out.push({ kind: 'sym', text: m[2] });
    else out.push({ kind: 'op', text: m[3] === '**' ? '^' : m[3]! });
  }
  return out;
}

/** Reads a decimal literal exactly: "1.25e-1" → 1/8. */
function decimal(text: string): Q {
  const m = /^(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(text)!;
  const frac = m[2] ?? '';
  const exp = Number(m[3] ?? '0') - frac.length;
  const n = BigInt((m[1] || '0') + frac);
  return exp >= 0 ? q(n * 10n ** BigInt(exp)) : q(n, 10n ** BigInt(-exp));
}

/**
 * Parses `text` into its canonical polynomial. `rename` maps a symbol to the name used in the canonical form
 * (e.g. dln's and SymPy's names for the same weight entry to one key); symbols it does not know keep their name.
 */
function parse(text: string, rename: (name: string) => string): Poly {
  const toks = tokenize(text);
  let i = 0;
  const peek = (): Token | undefined => toks[i];
  const isOp = (s: string) => peek()?.kind === 'op' && peek()!.text === s;
  const expr = (): Poly => {
    const p = term();
    while (isOp('+') || isOp('-')) {
      const sign = toks[i++]!.text === '+' ? 1n : -1n;
      addInto(p, term(), sign);
    }
    return p;
  };
  const term = (): Poly => {
    // Expanded answers are long sums of `c*x^2*y` products: multiply such single terms directly and build the
    // monomial key once, falling back to polynomial products only for parenthesised sums.
    let single: Term | undefined;
    let p: Poly | undefined;
    const times = (f: Poly) => {
      const t = f.size === 1 ? f.values().next().value! : undefined;
      if (p === undefined && single !== undefined && t !== undefined)
        single = { vars: mulVars(single.vars, t.vars), c: qMul(single.c, t.c) };
      else if (p === undefined && single === undefined && t !== undefined) single = t;
      else {
        p ??= single ? new Map([[monomialKey(single.vars), single]]) : constant(q(1n));
        single = undefined;
        p = mul(p, f);
      }
    };
    times(unary());
    while (isOp('*') || isOp('/')) {
      const op = toks[i++]!.text;
      const r = unary();
      if (op === '*') times(r);
      else {
        const c = asConstant(r, 'a divisor');
        times(constant(q(c.d, c.n)));
      }
    }
    if (p !== undefined) return p;
    const out: Poly = new Map();
    if (single && single.c.n !== 0n) out.set(monomialKey(single.vars), single);
    return out;
  };
  const unary = (): Poly => {
    if (isOp('-')) return i++, mul(constant(q(-1n)), unary());
    if (isOp('+')) return i++, unary();
    return power();
  };
  const power = (): Poly => {
    const base = atom();
    if (!isOp('^')) return base;
    i++;
    const e = asConstant(unary(), 'an exponent');
    if (e.d !== 1n || e.n < 0n || e.n > 1000n) throw new PolyError('exponents must be integers from 0 to 1000');
    let out = constant(q(1n));
    for (let k = 0n; k < e.n; k++) out = mul(out, base);
    return out;
  };
  const atom = (): Poly => {
    const t = toks[i++];
    if (!t) throw new PolyError(`unexpected end of "${text.slice(0, 40)}"`);
    if (t.kind === 'num') return constant(decimal(t.text));
    if (t.kind === 'sym') return new Map([[rename(t.text), { vars: [[rename(t.text), 1]], c: q(1n) }]]);
    if (t.text === '(') {
      const p = expr();
      if (!isOp(')')) throw new PolyError(`missing ")" in "${text.slice(0, 40)}"`);
      i++;
      return p;
    }
    throw new PolyError(`unexpected "${t.text}" in "${text.slice(0, 40)}"`);
  };
  const p = expr();
  if (i < toks.length) throw new PolyError(`unexpected "${toks[i]!.text}" in "${text.slice(0, 40)}"`);
  return p;
}

/**
 * The canonical text of a polynomial: terms sorted by monomial (constant first), each `coefficient*monomial`
 * with the coefficient in lowest terms, joined by " + "; "0" for the zero polynomial. Two inputs denote the
 * same polynomial (after renaming) exactly when their canonical texts are equal.
 */
export function canonicalPolynomial(text: string, rename: (name: string) => string = (s) => s): string {
  const p = parse(text, rename);
  if (p.size === 0) return '0';
  return [...p.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, t]) => (key === '' ? qText(t.c) : `${qText(t.c)}*${key}`))
    .join(' + ');
}
