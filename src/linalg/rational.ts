/** Exact rationals over BigInt, always normalised: gcd(num, den) = 1 and den > 0. */
export class Rational {
  private constructor(
    readonly num: bigint,
    readonly den: bigint,
  ) {}

  static readonly ZERO = new Rational(0n, 1n);
  static readonly ONE = new Rational(1n, 1n);

  /** Builds num/den in lowest terms. Throws on a zero denominator. */
  static of(num: bigint | number, den: bigint | number = 1n): Rational {
    let n = BigInt(num);
    let d = BigInt(den);
    if (d === 0n) throw new RangeError('rational with zero denominator');
    if (d < 0n) {
      n = -n;
      d = -d;
    }
    if (d === 1n) return n === 0n ? Rational.ZERO : new Rational(n, 1n);
    const g = gcd(n < 0n ? -n : n, d);
    return g === 1n ? new Rational(n, d) : new Rational(n / g, d / g);
  }

  static fromInt(n: number | bigint): Rational {
    if (typeof n === 'number' && !Number.isSafeInteger(n)) throw new RangeError(`not a safe integer: ${n}`);
    return new Rational(BigInt(n), 1n);
  }

  /**
   * Parses an exact literal: integer `-12`, decimal `0.1` / `1.5e-3` (read exactly), or fraction `-3/4`.
   * Returns undefined when the text is not such a literal.
   */
  static parse(text: string): Rational | undefined {
    const s = text.trim();
    const frac = /^([+-]?\d+)\s*\/\s*([+-]?\d+)$/.exec(s);
    if (frac) {
      const d = BigInt(frac[2]!);
      return d === 0n ? undefined : Rational.of(BigInt(frac[1]!), d);
    }
    const dec = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(s);
    if (!dec || (dec[2] === '' && (dec[3] ?? '') === '')) return undefined;
    const sign = dec[1] === '-' ? -1n : 1n;
    const intPart = dec[2] || '0';
    const fracPart = dec[3] ?? '';
    const exp = dec[4] ? Number(dec[4]) : 0;
    if (!Number.isSafeInteger(exp) || Math.abs(exp) > 10000) return undefined;
    let n = BigInt(intPart + fracPart) * sign;
    let d = 10n ** BigInt(fracPart.length);
    if (exp > 0) n *= 10n ** BigInt(exp);
    else if (exp < 0) d *= 10n ** BigInt(-exp);
    return Rational.of(n, d);
  }

  /** Reads a finite float as the shortest decimal that prints as it (0.1 → 1/10): the value a user typed. */
  static fromNumber(x: number): Rational {
    if (!Number.isFinite(x)) throw new RangeError(`not a finite number: ${x}`);
    if (Number.isSafeInteger(x)) return Rational.fromInt(x);
    return Rational.parse(String(x))!;
  }

  add(b: Rational): Rational {
    // Zero terms are common (sparse Hessians, eliminations): no normalisation needed.
    if (b.num === 0n) return this;
    if (this.num === 0n) return b;
    if (this.den === 1n && b.den === 1n) return new Rational(this.num + b.num, 1n);
    return Rational.sum(this.num, this.den, b.num, b.den);
  }
  sub(b: Rational): Rational {
    if (b.num === 0n) return this;
    if (this.num === 0n) return b.neg();
    if (this.den === 1n && b.den === 1n) return new Rational(this.num - b.num, 1n);
    return Rational.sum(this.num, this.den, -b.num, b.den);
  }
  /**
   * a/b + c/d for reduced fractions (b, d > 0), by Henrici's method (Knuth, TAOCP 4.5.1): with g = gcd(b, d), only
   * g can share a factor with t = a(d/g) + c(b/g), so the result is reduced after two gcds of small numbers instead
   * of one of the full products — the inner loop of exact differentiation over jets, where denominators are large
   * and related.
   */
  private static sum(a: bigint, b: bigint, c: bigint, d: bigint): Rational {
    const g = gcd(b, d);
    if (g === 1n) {
      const n = a * d + c * b;
      return n === 0n ? Rational.ZERO : new Rational(n, b * d);
    }
    const bg = b / g;
    const t = a * (d / g) + c * bg;
    if (t === 0n) return Rational.ZERO;
    const h = gcd(abs(t), g);
    return new Rational(t / h, bg * (d / h));
  }

  mul(b: Rational): Rational {
    if (this.num === 0n || b.num === 0n) return Rational.ZERO;
    if (this.den === 1n && b.den === 1n) return new Rational(this.num * b.num, 1n);
    // Cross-cancel first so the products stay small.
    const g1 = gcd(abs(this.num), b.den);
    const g2 = gcd(abs(b.num), this.den);
    return new Rational((this.num / g1) * (b.num / g2), (this.den / g2) * (b.den / g1));
  }
  div(b: Rational): Rational {
    if (b.num === 0n) throw new RangeError('division by zero');
    return this.mul(new Rational(b.num < 0n ? -b.den : b.den, b.num < 0n ? -b.num : b.num));
  }
  neg(): Rational {
    return this.num === 0n ? this : new Rational(-this.num, this.den);
  }
  inv(): Rational {
    return Rational.ONE.div(this);
  }
  pow(k: number): Rational {
    if (!Number.isInteger(k)) throw new RangeError('integer powers only');
    if (k < 0) return this.inv().pow(-k);
    return Rational.of(this.num ** BigInt(k), this.den ** BigInt(k));
  }

  isZero(): boolean {
    return this.num === 0n;
  }
  isInteger(): boolean {
    return this.den === 1n;
  }
  sign(): -1 | 0 | 1 {
    return this.num === 0n ? 0 : this.num < 0n ? -1 : 1;
  }
  eq(b: Rational): boolean {
    return this.num === b.num && this.den === b.den;
  }
  cmp(b: Rational): -1 | 0 | 1 {
    const l = this.num * b.den;
    const r = b.num * this.den;
    return l === r ? 0 : l < r ? -1 : 1;
  }
  abs(): Rational {
    return this.num < 0n ? this.neg() : this;
  }
  /** Bits in numerator and denominator: the pivoting cost of exact elimination. */
  bitSize(): number {
    return bitLength(abs(this.num)) + bitLength(this.den);
  }

  toNumber(): number {
    const n = Number(this.num);
    const d = Number(this.den);
    if (Number.isFinite(n) && Number.isFinite(d)) return n / d;
    // Very large parts: keep about 64 significant bits of each, then rescale by the power of two dropped.
    const sn = Math.max(bitLength(abs(this.num)) - 64, 0);
    const sd = Math.max(bitLength(this.den) - 64, 0);
    return (Number(this.num >> BigInt(sn)) / Number(this.den >> BigInt(sd))) * 2 ** (sn - sd);
  }
  /** `"-3/4"`, or `"5"` for integers. */
  toString(): string {
    return this.den === 1n ? this.num.toString() : `${this.num}/${this.den}`;
  }
  toJSON(): string {
    return this.toString();
  }
}

function abs(x: bigint): bigint {
  return x < 0n ? -x : x;
}

const SAFE = BigInt(Number.MAX_SAFE_INTEGER);
/** Bits of the leading digits Lehmer's steps use: all cofactors stay below 2⁵⁰, exact in doubles. */
const LEAD = 50;

/**
 * The greatest common divisor of |a| and |b| (gcd(0, 0) = 0). Large operands take Lehmer's steps (Knuth, TAOCP
 * 4.5.2, Algorithm L): the Euclidean quotients of the leading 50 bits, as long as they are certain, are applied
 * at once by a unimodular 2×2 matrix, so a few BigInt products replace many BigInt divisions; small ones finish
 * in doubles.
 */
export function gcd(a: bigint, b: bigint): bigint {
  if (a < 0n) a = -a;
  if (b < 0n) b = -b;
  if (a < b) [a, b] = [b, a];
  if (b === 1n) return 1n; // a reduced fraction times an integer, and the like: common and free
  while (b > SAFE) {
    const shift = BigInt(bitLength(a) - LEAD);
    let x = Number(a >> shift);
    let y = Number(b >> shift);
    let A = 1, B = 0, C = 0, D = 1;
    while (y + C !== 0 && y + D !== 0) {
      const q = Math.floor((x + A) / (y + C));
      if (q !== Math.floor((x + B) / (y + D))) break;
      let t = A - q * C;
      A = C;
      C = t;
      t = B - q * D;
      B = D;
      D = t;
      t = x - q * y;
      x = y;
      y = t;
    }
    if (B === 0) {
      const r = a % b;
      a = b;
      b = r;
    } else {
      const na = BigInt(A) * a + BigInt(B) * b;
      b = BigInt(C) * a + BigInt(D) * b;
      a = na;
    }
  }
  if (a > SAFE) {
    if (b === 0n) return a;
    const r = a % b;
    a = b;
    b = r;
  }
  // both fit in a double now: finish in Number arithmetic (BigInt division allocates)
  let x = Number(a);
  let y = Number(b);
  while (y !== 0) {
    const r = x % y;
    x = y;
    y = r;
  }
  return BigInt(x);
}

/**
 * An upper bound on the bits of x ≥ 0, exceeding them by less than 4 (callers only scale by it). Below 2¹⁰²⁴ the
 * double nearest x gives it without building a string: its exponent is ⌊log₂ x⌋ or one more (rounding up).
 */
function bitLength(x: bigint): number {
  if (x === 0n) return 0;
  const d = Number(x);
  return d < 2 ** 1023 ? Math.floor(Math.log2(d)) + 2 : x.toString(16).length * 4;
}
