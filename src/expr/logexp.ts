import type { Field } from '../linalg/field.js';
import { Rational, gcd } from '../linalg/rational.js';
import { InstanceError } from './errors.js';

/**
 * Exact real numbers built from rationals by +, −, ×, ÷, log and exp: the field in which steps with `log` and
 * `exp` are checked. An element is a quotient of two sums of terms c · Π ℓ_b^k · e^q · Π a^k with c, q rational,
 * ℓ_b = log b for integers b ≥ 2, and atoms a for what has no such form (log of a sum, exp of a product of logs).
 * log of a positive rational n/d is ℓ_n − ℓ_d, with no factoring: when values are compared, the integers b are
 * first split into a coprime base (pairwise gcds, plus small primes), over which logarithms are linearly
 * independent (Π b_i^{k_i} = 1 forces every k_i = 0).
 *
 * Soundness: equal normal forms are equal reals (every rewrite is an identity of real numbers). A non-zero normal
 * form is a non-zero real when it is linear in the ℓ's with no e^q (unique factorisation, and e^c is
 * transcendental for rational c ≠ 0 by Lindemann) or has no ℓ's (Σ r_i e^{q_i} with distinct q_i is non-zero by
 * Lindemann–Weierstrass). Otherwise its value is bounded numerically, with a margin for rounding; when that cannot
 * separate it from 0, the comparison throws InstanceError (the instance is undecided, never guessed).
 */

type Powers<K> = readonly (readonly [K, number])[];

interface Term {
  readonly coef: Rational;
  /** ℓ_b^k, sorted by b. */
  readonly logs: Powers<bigint>;
  /** e^q. */
  readonly e: Rational;
  /** atom id ↦ power, sorted by id. */
  readonly atoms: Powers<number>;
  /** Radicals b^q, 0 < q < 1, sorted by b (integer parts live in the coefficient). */
  readonly rads: readonly (readonly [bigint, Rational])[];
}

/** A sum of terms with distinct monomials (keyed by `monomialKey`), no zero coefficients. */
type Poly = ReadonlyMap<string, Term>;

export interface LogExp {
  readonly num: Poly;
  /** Absent for polynomials; never a single term without ℓ's or atoms (those are divided out). */
  readonly den?: Poly;
  /**
   * Set on plain rationals built by the field's arithmetic: the value, so that rational ⊕ rational is one Rational
   * operation (most of a claim with a single log is rational matrix work) without building term maps.
   */
  readonly rat?: Rational;
}

/** A rational as an element; its one-term poly is built only when asked for. */
class RationalElement implements LogExp {
  private poly: Poly | undefined;
  constructor(readonly rat: Rational) {}
  get num(): Poly {
    return (this.poly ??= constPoly(this.rat));
  }
}

const fromRational = (q: Rational): LogExp => new RationalElement(q);

interface Atom {
  readonly text: string;
  /** ln|value| and sign, for numeric separation from 0. */
  readonly logmag: number;
  readonly sign: 1 | -1;
  /** For exp atoms: the exponent, so that log(exp(x)) = x exactly. */
  readonly expOf?: LogExp;
}

export interface LogExpField extends Field<LogExp> {
  /** Natural logarithm of a positive element (InstanceError otherwise). */
  log(x: LogExp): LogExp;
  exp(x: LogExp): LogExp;
}

/** A field that can evaluate log and exp exactly (this one). */
export const hasLogExp = <T>(F: Field<T>): F is Field<T> & { log(x: T): T; exp(x: T): T } =>
  typeof (F as { log?: unknown }).log === 'function' && typeof (F as { exp?: unknown }).exp === 'function';

const monomialKey = (t: Omit<Term, 'coef'>): string =>
  `${t.logs.map(([b, k]) => `${b}^${k}`).join('.')}|${t.e.isZero() ? '' : t.e.toString()}|${t.atoms.map(([a, k]) => `${a}^${k}`).join('.')}|${t.rads.map(([b, q]) => `${b}^${q}`).join('.')}`;

function mergePowers<K extends bigint | number>(x: Powers<K>, y: Powers<K>): Powers<K> {
  const m = new Map<K, number>(x);
  for (const [b, k] of y) m.set(b, (m.get(b) ?? 0) + k);
  return [...m].filter(([, k]) => k !== 0).sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
}

const ONE_MONO = { logs: [], e: Rational.ZERO, atoms: [], rads: [] } as const;

/** The largest denominator of a radical exponent kept exactly (b^{p/q}); beyond it exp(·) stays an atom. */
const MAX_ROOT = 64;

/** r with r^k = b, when b ≥ 0 is a perfect k-th power. */
function integerRoot(b: bigint, k: number): bigint | undefined {
  if (b < 2n) return b;
  // Newton's iteration from above on the integer k-th root
  const K = BigInt(k);
  let x = 1n << BigInt(Math.ceil(b.toString(2).length / k) + 1);
  for (;;) {
    const y = ((K - 1n) * x + b / x ** (K - 1n)) / K;
    if (y >= x) break;
    x = y;
  }
  return x ** K === b ? x : undefined;
}

/**
 * Normal form of c·Π b^{q}: a base that is a perfect power of the exponent's denominator is replaced by its root,
 * and integer parts of exponents move into the coefficient, so each kept exponent lies in (0, 1).
 */
function normRads(coef: Rational, rads: Iterable<readonly [bigint, Rational]>): { coef: Rational; rads: Term['rads'] } {
  const m = new Map<bigint, Rational>();
  for (const [b, q] of rads) m.set(b, (m.get(b) ?? Rational.ZERO).add(q));
  let c = coef;
  const out: [bigint, Rational][] = [];
  for (let [b, q] of m) {
    for (let d = Number(q.den); d >= 2; d--) {
      if (Number(q.den) % d !== 0) continue;
      const r = integerRoot(b, d);
      if (r === undefined) continue;
      [b, q] = [r, q.mul(Rational.fromInt(d))];
      break;
    }
    const whole = q.num >= 0n ? q.num / q.den : -((-q.num + q.den - 1n) / q.den);
    if (whole !== 0n) c = c.mul(whole > 0n ? Rational.of(b ** whole) : Rational.of(1n, b ** -whole));
    const frac = q.sub(Rational.of(whole));
    if (!frac.isZero() && b > 1n) out.push([b, frac]);
  }
  out.sort((x, y) => (x[0] < y[0] ? -1 : 1));
  return { coef: c, rads: out };
}

function constPoly(c: Rational): Poly {
  return c.isZero() ? new Map() : new Map([[monomialKey(ONE_MONO), { coef: c, ...ONE_MONO }]]);
}

function addTerm(acc: Map<string, Term>, t: Term): void {
  const key = monomialKey(t);
  const prev = acc.get(key);
  const coef = prev ? prev.coef.add(t.coef) : t.coef;
  if (coef.isZero()) acc.delete(key);
  else acc.set(key, { ...t, coef });
}

function polyAdd(a: Poly, b: Poly, sign: 1 | -1 = 1): Poly {
  const out = new Map(a);
  for (const t of b.values()) addTerm(out, sign === 1 ? t : { ...t, coef: t.coef.neg() });
  return out;
}

function termMul(x: Term, y: Term): Term {
  const base = { logs: mergePowers(x.logs, y.logs), e: x.e.add(y.e), atoms: mergePowers(x.atoms, y.atoms) };
  if (x.rads.length === 0 && y.rads.length === 0) return { coef: x.coef.mul(y.coef), ...base, rads: [] };
  return { ...base, ...normRads(x.coef.mul(y.coef), [...x.rads, ...y.rads]) };
}

function polyMul(a: Poly, b: Poly): Poly {
  const out = new Map<string, Term>();
  for (const x of a.values()) for (const y of b.values()) addTerm(out, termMul(x, y));
  return out;
}

const polyScale = (a: Poly, t: Term): Poly => polyMul(a, new Map([[monomialKey(t), t]]));

/** The single term of a one-term poly. */
const single = (p: Poly): Term | undefined => (p.size === 1 ? p.values().next().value : undefined);

/** c·e^q·Π b^r with c ≠ 0: invertible in the polynomial ring. */
function unitInverse(p: Poly): Term | undefined {
  const t = single(p);
  if (!t || t.logs.length > 0 || t.atoms.length > 0) return undefined;
  return { logs: [], e: t.e.neg(), atoms: [], ...normRads(t.coef.inv(), t.rads.map(([b, q]) => [b, q.neg()] as const)) };
}

/** The rational value, when p is a constant. */
function rationalOf(p: Poly): Rational | undefined {
  if (p.size === 0) return Rational.ZERO;
  const t = single(p);
  return t && t.logs.length === 0 && t.atoms.length === 0 && t.rads.length === 0 && t.e.isZero() ? t.coef : undefined;
}

const absBig = (x: bigint) => (x < 0n ? -x : x);

/** Natural log of a positive BigInt as a double (exact enough for numeric separation). */
function lnBig(x: bigint): number {
  const bits = x.toString(2).length;
  if (bits <= 1000) return Math.log(Number(x));
  const shift = bits - 64;
  return Math.log(Number(x >> BigInt(shift))) + shift * Math.LN2;
}

const SMALL_PRIMES: readonly bigint[] = (() => {
  const out: bigint[] = [];
  for (let n = 2; n < 1000; n++) if (out.every((p) => Number(n) % Number(p) !== 0)) out.push(BigInt(n));
  return out;
})();

/**
 * A coprime base for the given integers ≥ 2 (small primes pulled out first, then pairwise gcd splitting), and each
 * integer's exponents over it.
 */
const baseCache = new Map<string, Map<bigint, Powers<bigint>>>();

function coprimeBase(values: readonly bigint[]): Map<bigint, Powers<bigint>> {
  const key = values.join(',');
  let hit = baseCache.get(key);
  if (!hit) {
    if (baseCache.size > 4096) baseCache.clear();
    hit = splitIntoCoprimeBase(values);
    baseCache.set(key, hit);
  }
  return hit;
}

function splitIntoCoprimeBase(values: readonly bigint[]): Map<bigint, Powers<bigint>> {
  let base: bigint[] = [];
  const add = (x: bigint) => {
    for (const p of SMALL_PRIMES) {
      if (x % p !== 0n) continue;
      while (x % p === 0n) x /= p;
      if (!base.includes(p)) base.push(p);
    }
    if (x > 1n) base.push(x);
  };
  values.forEach(add);
  // split until pairwise coprime: (a, b) with g = gcd > 1 becomes a/g, g, b/g (without 1s)
  for (let changed = true; changed; ) {
    changed = false;
    base = [...new Set(base)];
    outer: for (let i = 0; i < base.length; i++)
      for (let j = i + 1; j < base.length; j++) {
        const g = gcd(base[i]!, base[j]!);
        if (g === 1n) continue;
        const parts = [base[i]! / g, g, base[j]! / g].filter((x) => x > 1n);
        base = [...base.filter((_, k) => k !== i && k !== j), ...parts];
        changed = true;
        break outer;
      }
  }
  base.sort((a, b) => (a < b ? -1 : 1));
  const out = new Map<bigint, Powers<bigint>>();
  for (const v of values) {
    let x = v;
    const exps: [bigint, number][] = [];
    for (const p of base) {
      let k = 0;
      while (x % p === 0n) {
        x /= p;
        k++;
      }
      if (k > 0) exps.push([p, k]);
    }
    if (x !== 1n) throw new Error(`internal: ${v} does not factor over its coprime base`);
    out.set(v, exps);
  }
  return out;
}

/** Rewrites every radical b^q over a common coprime base (b = Π p_i^{e_i}, so b^q = Π p_i^{e_i q}). */
function radicalForm(p: Poly): Poly {
  const bases = new Set<bigint>();
  for (const t of p.values()) for (const [b] of t.rads) bases.add(b);
  if (bases.size < 2) return p;
  const split = coprimeBase([...bases].sort((a, b) => (a < b ? -1 : 1)));
  if ([...split].every(([b, e]) => e.length === 1 && e[0]![0] === b && e[0]![1] === 1)) return p;
  const out = new Map<string, Term>();
  for (const t of p.values()) {
    const rads = t.rads.flatMap(([b, q]) => split.get(b)!.map(([r, e]) => [r, q.mul(Rational.fromInt(e))] as const));
    addTerm(out, { ...t, ...normRads(t.coef, rads) });
  }
  return out;
}

/**
 * Rewrites every ℓ_b and every radical over a common coprime base: the normal form in which a zero value is the
 * empty sum.
 */
function normalForm(q: Poly): Poly {
  const p = radicalForm(q);
  const bases = new Set<bigint>();
  for (const t of p.values()) for (const [b] of t.logs) bases.add(b);
  if (bases.size === 0) return p;
  const split = coprimeBase([...bases].sort((a, b) => (a < b ? -1 : 1)));
  if ([...split].every(([b, e]) => e.length === 1 && e[0]![0] === b && e[0]![1] === 1)) return p;
  let out: Poly = new Map();
  for (const t of p.values()) {
    let acc: Poly = new Map([[monomialKey({ ...t, logs: [] }), { ...t, logs: [] }]]);
    for (const [b, k] of t.logs) {
      // ℓ_b = Σ e_i ℓ_{p_i}
      const lin: Poly = new Map(
        split.get(b)!.map(([q, e]) => {
          const term: Term = { ...ONE_MONO, coef: Rational.fromInt(e), logs: [[q, 1]] };
          return [monomialKey(term), term] as const;
        }),
      );
      for (let i = 0; i < k; i++) acc = polyMul(acc, lin);
    }
    out = polyAdd(out, acc);
  }
  return out;
}

/** b^c is written out only while it stays below about 2¹⁶ bits. */
const small = (b: bigint, c: bigint): boolean => absBig(c) * BigInt(b.toString(2).length) <= 65536n;

/** log of a positive rational: ℓ_num − ℓ_den. */
function logRational(q: Rational): Poly {
  const out = new Map<string, Term>();
  for (const [b, c] of [[q.num, 1], [q.den, -1]] as const) {
    if (b === 1n) continue;
    addTerm(out, { ...ONE_MONO, coef: Rational.fromInt(c), logs: [[b, 1]] });
  }
  return out;
}

/** Creates the field. Atoms (log of a sum, …) are numbered per field, so use one field per claim. */
export function logExpField(): LogExpField {
  const atoms: Atom[] = [];
  const atomIds = new Map<string, number>();

  function atom(text: string, logmag: number, sign: 1 | -1, expOf?: LogExp): Poly {
    let id = atomIds.get(text);
    if (id === undefined) {
      id = atoms.length;
      atoms.push({ text, logmag, sign, ...(expOf ? { expOf } : {}) });
      atomIds.set(text, id);
    }
    const t: Term = { ...ONE_MONO, coef: Rational.ONE, atoms: [[id, 1]] };
    return new Map([[monomialKey(t), t]]);
  }

  /** sign and ln|·| of one term, with a bound on the error of that logarithm. */
  function termMagnitude(t: Term): { sign: number; logmag: number; err: number } {
    let sign: number = t.coef.sign();
    let logmag = lnBig(absBig(t.coef.num)) - lnBig(t.coef.den);
    let scale = Math.abs(logmag) + 1;
    for (const [b, k] of t.logs) {
      const l = Math.log(lnBig(b));
      logmag += k * l;
      scale += Math.abs(k * l) + 1;
    }
    const q = t.e.toNumber();
    logmag += q;
    scale += Math.abs(q);
    for (const [a, k] of t.atoms) {
      const at = atoms[a]!;
      logmag += k * at.logmag;
      scale += Math.abs(k * at.logmag) + 1;
      if (at.sign < 0 && k % 2 !== 0) sign = -sign;
    }
    for (const [b, r] of t.rads) {
      const l = r.toNumber() * lnBig(b);
      logmag += l;
      scale += Math.abs(l) + 1;
    }
    return { sign, logmag, err: scale * 1e-13 };
  }

  /** The sign of a normal-form poly: proven (Lindemann, unique factorisation) or numeric with a margin; throws when undecided. */
  function polySign(p: Poly): -1 | 0 | 1 {
    const n = normalForm(p);
    if (n.size === 0) return 0;
    const r = rationalOf(n);
    if (r !== undefined) return r.sign();
    const ts = [...n.values()].map(termMagnitude);
    const top = Math.max(...ts.map((t) => t.logmag));
    let s = 0;
    let err = 0;
    for (const t of ts) {
      const w = Math.exp(t.logmag - top);
      s += t.sign * w;
      // rounding of the sum, plus the error of each term's logarithm
      err += w * (t.err * 4 + 1e-14);
    }
    if (Number.isFinite(s) && Math.abs(s) > err) return s > 0 ? 1 : -1;
    const linearInLogs = [...n.values()].every((t) => t.atoms.length === 0 && t.rads.length === 0 && t.e.isZero() && t.logs.reduce((d, [, k]) => d + k, 0) <= 1);
    const noLogs = [...n.values()].every((t) => t.atoms.length === 0 && t.rads.length === 0 && t.logs.length === 0);
    if (linearInLogs || noLogs)
      throw new InstanceError(`cannot determine the sign of ${polyText(n)}: it is non-zero, but closer to 0 than double precision resolves`);
    throw new InstanceError(`cannot decide exactly whether ${polyText(n)} is zero`);
  }

  function polyIsZero(p: Poly): boolean {
    const n = normalForm(p);
    if (n.size === 0) return true;
    const linearInLogs = [...n.values()].every((t) => t.atoms.length === 0 && t.rads.length === 0 && t.e.isZero() && t.logs.reduce((d, [, k]) => d + k, 0) <= 1);
    const noLogs = [...n.values()].every((t) => t.atoms.length === 0 && t.rads.length === 0 && t.logs.length === 0);
    // a single term c·Πℓ_b^k·e^q·Πb^r·Πexp(…) with c ≠ 0 is a product of non-zero factors (ℓ_b > 0 for b ≥ 2)
    const t = single(n);
    if (linearInLogs || noLogs || (t && t.atoms.every(([a]) => atoms[a]!.expOf !== undefined))) return false;
    polySign(n); // throws unless numerically separated from 0
    return false;
  }

  function termText(t: Term): string {
    const parts: string[] = [];
    for (const [b, k] of t.logs) parts.push(`log(${b})${k === 1 ? '' : `^${k}`}`);
    if (!t.e.isZero()) parts.push(t.e.eq(Rational.ONE) ? 'e' : `e^(${t.e})`);
    for (const [a, k] of t.atoms) parts.push(`${atoms[a]!.text}${k === 1 ? '' : `^${k}`}`);
    for (const [b, r] of t.rads) parts.push(r.eq(Rational.of(1n, 2n)) ? `sqrt(${b})` : `${b}^(${r})`);
    if (parts.length === 0) return t.coef.toString();
    const c = t.coef.abs();
    const body = (c.eq(Rational.ONE) ? '' : `${c}·`) + parts.join('·');
    return t.coef.sign() < 0 ? `-${body}` : body;
  }

  function polyText(p: Poly): string {
    if (p.size === 0) return '0';
    return [...p.values()].map(termText).reduce((acc, s, i) => (i === 0 ? s : s.startsWith('-') ? `${acc} - ${s.slice(1)}` : `${acc} + ${s}`));
  }

  /** num/den in lowest form: a rational (whose logs cancelled) goes back to the fast representation. */
  const mk = (num: Poly, den?: Poly): LogExp => {
    if (den) {
      const inv = unitInverse(den);
      if (inv) num = polyScale(num, inv);
      else if (num.size > 0) return { num, den };
    }
    const r = rationalOf(num);
    return r ? fromRational(r) : { num };
  };
  const denOf = (x: LogExp): Poly => x.den ?? constPoly(Rational.ONE);

  const F: LogExpField = {
    kind: 'exact',
    zero: fromRational(Rational.ZERO),
    one: fromRational(Rational.ONE),
    add: (a, b) =>
      a.rat && b.rat ? fromRational(a.rat.add(b.rat))
      : !a.den && !b.den ? { num: polyAdd(a.num, b.num) }
      : mk(polyAdd(polyMul(a.num, denOf(b)), polyMul(b.num, denOf(a))), polyMul(denOf(a), denOf(b))),
    sub: (a, b) =>
      a.rat && b.rat ? fromRational(a.rat.sub(b.rat))
      : !a.den && !b.den ? { num: polyAdd(a.num, b.num, -1) }
      : mk(polyAdd(polyMul(a.num, denOf(b)), polyMul(b.num, denOf(a)), -1), polyMul(denOf(a), denOf(b))),
    mul: (a, b) => (a.rat && b.rat ? fromRational(a.rat.mul(b.rat)) : mk(polyMul(a.num, b.num), a.den || b.den ? polyMul(denOf(a), denOf(b)) : undefined)),
    div(a, b) {
      if (b.rat) {
        if (b.rat.isZero()) throw new InstanceError('division by zero');
        if (a.rat) return fromRational(a.rat.div(b.rat));
      } else if (polyIsZero(b.num)) throw new InstanceError('division by zero');
      return mk(polyMul(a.num, denOf(b)), polyMul(denOf(a), b.num));
    },
    neg: (a) => (a.rat ? fromRational(a.rat.neg()) : { num: polyAdd(new Map(), a.num, -1), ...(a.den ? { den: a.den } : {}) }),
    isZero: (a) => (a.rat ? a.rat.isZero() : polyIsZero(a.num)),
    sign: (a) => (a.rat ? a.rat.sign() : ((polySign(a.num) * (a.den ? polySign(a.den) : 1)) as -1 | 0 | 1)),
    eq: (a, b) => (a.rat && b.rat ? a.rat.eq(b.rat) : polyIsZero(polyAdd(polyMul(a.num, denOf(b)), polyMul(b.num, denOf(a)), -1))),
    fromInt: (n) => fromRational(Rational.fromInt(n)),
    fromRational,
    toNumber(a) {
      if (a.rat) return a.rat.toNumber();
      const r = rationalOf(a.num);
      if (r !== undefined && !a.den) return r.toNumber();
      const val = (p: Poly) => [...p.values()].reduce((s, t) => {
        const m = termMagnitude(t);
        return s + m.sign * Math.exp(m.logmag);
      }, 0);
      return val(a.num) / (a.den ? val(a.den) : 1);
    },
    toJSON: (a) => F.toString(a),
    toString: (a) => (a.den ? `(${polyText(normalForm(a.num))})/(${polyText(normalForm(a.den))})` : polyText(normalForm(a.num))),
    // rationals first (cheapest, and decided without numerics), then by size
    pivotCost: (a) => {
      if (a.rat) return a.rat.bitSize();
      const r = rationalOf(a.num);
      return r !== undefined && !a.den ? r.bitSize() : 1e6 + a.num.size + (a.den?.size ?? 0);
    },
    log(x) {
      if (F.sign(x) <= 0) throw new InstanceError(`log of a non-positive value ${F.toString(x)}`);
      if (x.den) return F.sub(F.log({ num: x.num }), F.log({ num: x.den }));
      const n = normalForm(x.num);
      const r = rationalOf(n);
      if (r !== undefined) return { num: logRational(r) };
      const t = single(n);
      if (t) {
        // the term is positive: log(c·Πℓ_b^k·e^q·Πa^k·Πb^r) = log|c| + q + Σ k·log ℓ_b + Σ k·log|a| + Σ r·ℓ_b (ℓ_b > 0)
        let out: LogExp = { num: polyAdd(logRational(t.coef.abs()), constPoly(t.e)) };
        for (const [b, r] of t.rads) out = F.add(out, { num: polyScale(logRational(Rational.of(b)), { ...ONE_MONO, coef: r }) });
        for (const [b, k] of t.logs) {
          const lnlnb = Math.log(lnBig(b));
          const logl = { num: atom(`log(log(${b}))`, Math.log(Math.abs(lnlnb)), lnlnb >= 0 ? 1 : -1) };
          out = F.add(out, F.mul(F.fromInt(k), logl));
        }
        for (const [a, k] of t.atoms) {
          const at = atoms[a]!;
          const loga = at.expOf ?? { num: atom(`log(|${at.text}|)`, Math.log(Math.abs(at.logmag)), at.logmag >= 0 ? 1 : -1) };
          out = F.add(out, F.mul(F.fromInt(k), loga));
        }
        return out;
      }
      const m = [...n.values()].map(termMagnitude);
      const top = Math.max(...m.map((v) => v.logmag));
      const logmag = top + Math.log(m.reduce((s, v) => s + v.sign * Math.exp(v.logmag - top), 0));
      return { num: atom(`log(${polyText(n)})`, Math.log(Math.abs(logmag)), logmag >= 0 ? 1 : -1) };
    },
    exp(x) {
      if (x.den) return { num: atom(`exp(${F.toString(x)})`, F.toNumber(x), 1, x) };
      let q = Rational.ZERO;
      const rads: [bigint, Rational][] = [];
      const rest = new Map<string, Term>();
      for (const t of normalForm(x.num).values()) {
        const [lb] = t.logs;
        const plain = t.atoms.length === 0 && t.rads.length === 0 && t.e.isZero();
        if (plain && t.logs.length === 0) q = q.add(t.coef);
        else if (plain && t.logs.length === 1 && lb![1] === 1 && t.coef.den <= MAX_ROOT && small(lb![0], t.coef.num / t.coef.den + 1n))
          rads.push([lb![0], t.coef]); // e^{c ℓ_b} = b^c, a rational times a radical
        else addTerm(rest, t);
      }
      const radical = normRads(Rational.ONE, rads);
      const top: Term = { ...ONE_MONO, coef: radical.coef, e: q, rads: radical.rads };
      let out: Poly = new Map([[monomialKey(top), top]]);
      if (rest.size > 0) {
        const r: LogExp = { num: rest };
        out = polyMul(out, atom(`exp(${polyText(rest)})`, F.toNumber(r), 1, r));
      }
      return { num: out };
    },
  };
  return F;
}
