import { Rational, gcd } from '../linalg/index.js';
import { type Coef, cadd, cdivExact, cgcd, cmul, cneg, fromBig, toBig } from './coef.js';
import { type MonoKey, compareLexDesc, mulKeys, powerOf, variableKey } from './monomial.js';

let create: (keys: readonly MonoKey[], coefs: readonly Coef[], den: bigint) => Poly;

/**
 * A sparse multivariate polynomial with exact rational coefficients, stored as integer coefficients over one
 * common positive denominator (`coefs[i] / den`). Canonical: terms sorted by `compareLexDesc`, no zero
 * coefficients, no repeated monomials, and gcd(all coefficients, den) = 1 — so equal polynomials have equal
 * fields and the printers are deterministic. Immutable.
 *
 * The common denominator keeps the inner loops on integers: DLN data scaled to integers makes every
 * intermediate product integral, and the denominator is applied once at the end.
 */
export class Poly {
  static {
    // The module's own factory: `normalized` below builds canonical instances; no one else can.
    create = (keys, coefs, den) => new Poly(keys, coefs, den);
  }

  private constructor(
    readonly keys: readonly MonoKey[],
    readonly coefs: readonly Coef[],
    readonly den: bigint,
  ) {}

  static readonly ZERO = new Poly([], [], 1n);
  static readonly ONE = new Poly([''], [1], 1n);

  static constant(q: Rational): Poly {
    return q.isZero() ? Poly.ZERO : new Poly([''], [fromBig(q.num)], q.den);
  }

  static variable(index: number): Poly {
    return new Poly([variableKey(index)], [1], 1n);
  }

  get termCount(): number {
    return this.keys.length;
  }

  isZero(): boolean {
    return this.keys.length === 0;
  }

  /** The rational coefficient of term `i` (in term order). */
  coefficient(i: number): Rational {
    return Rational.of(toBig(this.coefs[i]!), this.den);
  }

  /** The constant term's value when the polynomial is constant, otherwise undefined. */
  constantValue(): Rational | undefined {
    if (this.keys.length === 0) return Rational.ZERO;
    return this.keys.length === 1 && this.keys[0] === '' ? this.coefficient(0) : undefined;
  }

  equals(q: Poly): boolean {
    if (this.den !== q.den || this.keys.length !== q.keys.length) return false;
    for (let i = 0; i < this.keys.length; i++) if (this.keys[i] !== q.keys[i] || this.coefs[i] !== q.coefs[i]) return false;
    return true;
  }

  neg(): Poly {
    return new Poly(this.keys, this.coefs.map(cneg), this.den);
  }

  add(q: Poly): Poly {
    return merge(this, q, 1);
  }

  sub(q: Poly): Poly {
    return merge(this, q, -1);
  }

  mul(q: Poly): Poly {
    const s = new PolySum();
    s.addProduct(this, q);
    return s.result();
  }

  scale(c: Rational): Poly {
    if (c.isZero() || this.isZero()) return Poly.ZERO;
    const n = fromBig(c.num);
    return normalized(this.keys, n === 1 ? this.coefs : this.coefs.map((a) => cmul(a, n)), this.den * c.den);
  }

  /** ∂/∂x_v. Dividing every monomial by x_v preserves the term order, so no re-sorting. */
  derivative(v: number): Poly {
    const keys: MonoKey[] = [];
    const coefs: Coef[] = [];
    for (let i = 0; i < this.keys.length; i++) {
      const key = this.keys[i]!;
      const { at, power } = powerOf(key, v);
      if (power === 0) continue;
      keys.push(key.slice(0, at) + key.slice(at + 1));
      coefs.push(cmul(this.coefs[i]!, power));
    }
    return normalized(keys, coefs, this.den);
  }

  /** Exact value at a point: `values[v]` is the value of variable v. */
  evaluate(values: readonly Rational[]): Rational {
    let sum = Rational.ZERO;
    for (let i = 0; i < this.keys.length; i++) {
      const key = this.keys[i]!;
      let t = Rational.of(toBig(this.coefs[i]!));
      for (let j = 0; j < key.length; j++) {
        const x = values[key.charCodeAt(j)];
        if (x === undefined) throw new RangeError(`no value for variable ${key.charCodeAt(j)}`);
        t = t.mul(x);
      }
      sum = sum.add(t);
    }
    return sum.div(Rational.of(this.den));
  }
}

/**
 * Accumulates a sum of polynomials and products of polynomials in one hash table, combining like terms as
 * they arrive and sorting once at the end: the inner loop of polynomial matrix products.
 */
export class PolySum {
  private readonly slot = new Map<MonoKey, number>();
  private readonly keys: MonoKey[] = [];
  private coefs: Coef[] = [];
  private den: bigint | undefined;

  add(p: Poly): void {
    if (p.isZero()) return;
    const f = this.factorFor(p.den);
    for (let i = 0; i < p.keys.length; i++) this.put(p.keys[i]!, f === 1 ? p.coefs[i]! : cmul(p.coefs[i]!, f));
  }

  addProduct(p: Poly, q: Poly): void {
    if (p.isZero() || q.isZero()) return;
    const f = this.factorFor(p.den * q.den);
    const pk = p.keys;
    const pc = p.coefs;
    const qk = q.keys;
    const qc = q.coefs;
    const slot = this.slot;
    const keys = this.keys;
    const coefs = this.coefs;
    for (let i = 0; i < pk.length; i++) {
      const ki = pk[i]!;
      const ci = f === 1 ? pc[i]! : cmul(pc[i]!, f);
      for (let j = 0; j < qk.length; j++) {
        const key = mulKeys(ki, qk[j]!);
        const c = cmul(ci, qc[j]!);
        const s = slot.get(key);
        if (s === undefined) {
          slot.set(key, keys.length);
          keys.push(key);
          coefs.push(c);
        } else {
          coefs[s] = cadd(coefs[s]!, c);
        }
      }
    }
  }

  result(): Poly {
    const { keys, coefs } = this;
    const live: number[] = [];
    for (let i = 0; i < keys.length; i++) if (coefs[i] !== 0) live.push(i);
    live.sort((x, y) => compareLexDesc(keys[x]!, keys[y]!));
    return normalized(
      live.map((i) => keys[i]!),
      live.map((i) => coefs[i]!),
      this.den ?? 1n,
    );
  }

  /** Brings the running sum and an incoming denominator to their lcm; returns the incoming factor. */
  private factorFor(d: bigint): Coef {
    if (this.den === undefined || this.den === d) {
      this.den = d;
      return 1;
    }
    const l = (this.den / gcd(this.den, d)) * d;
    const mine = fromBig(l / this.den);
    if (mine !== 1) this.coefs = this.coefs.map((c) => cmul(c, mine));
    this.den = l;
    return fromBig(l / d);
  }

  private put(key: MonoKey, c: Coef): void {
    const s = this.slot.get(key);
    if (s === undefined) {
      this.slot.set(key, this.keys.length);
      this.keys.push(key);
      this.coefs.push(c);
    } else {
      this.coefs[s] = cadd(this.coefs[s]!, c);
    }
  }
}

/** Merges two sorted term lists: p + sign·q. */
function merge(p: Poly, q: Poly, sign: 1 | -1): Poly {
  if (q.isZero()) return p;
  if (p.isZero()) return sign === 1 ? q : q.neg();
  const g = gcd(p.den, q.den);
  const fp = fromBig(q.den / g);
  const fq = fromBig((p.den / g) * BigInt(sign));
  const keys: MonoKey[] = [];
  const coefs: Coef[] = [];
  let i = 0;
  let j = 0;
  while (i < p.keys.length || j < q.keys.length) {
    const c = i < p.keys.length && j < q.keys.length ? compareLexDesc(p.keys[i]!, q.keys[j]!) : i < p.keys.length ? -1 : 1;
    if (c < 0) {
      keys.push(p.keys[i]!);
      coefs.push(cmul(p.coefs[i++]!, fp));
    } else if (c > 0) {
      keys.push(q.keys[j]!);
      coefs.push(cmul(q.coefs[j++]!, fq));
    } else {
      const s = cadd(cmul(p.coefs[i]!, fp), cmul(q.coefs[j]!, fq));
      if (s !== 0) {
        keys.push(p.keys[i]!);
        coefs.push(s);
      }
      i++;
      j++;
    }
  }
  return normalized(keys, coefs, (p.den / g) * q.den);
}

/** Builds a canonical Poly from sorted, zero-free terms: cancels the content against the denominator. */
function normalized(keys: MonoKey[] | readonly MonoKey[], coefs: Coef[] | readonly Coef[], den: bigint): Poly {
  if (keys.length === 0) return Poly.ZERO;
  if (den !== 1n) {
    let g: Coef = fromBig(den);
    for (let i = 0; i < coefs.length && g !== 1; i++) g = cgcd(g, coefs[i]!);
    if (g !== 1) {
      coefs = coefs.map((c) => cdivExact(c, g));
      den /= toBig(g);
    }
  }
  return create(keys, coefs, den);
}
